#include "jobs/quantjob.h"

#include "core/error.h"
#include "core/preprocessing.h"
#include "data/dataset.h"
#include "data/loader.h"
#include "graph/graph.h"
#include "train/trainer.h"

#include <chrono>
#include <memory>

namespace slim::engine {

QuantizeResult runQuantizeJob(const Model& model, const QuantizeRequest& request, const JobContext& context)
{
    quant::validate(request.settings);
    if (request.calibration.empty())
        throw Error(ErrorCode::InvalidArgument, "quantization needs calibration data: name a data set",
                    {"calibration", "missing"});
    if (request.calibrationBatches < 1 || request.batchSize < 1 || request.evalBatchSize < 1)
        throw Error(ErrorCode::InvalidArgument, "calibration batches and batch sizes must be at least 1",
                    {"calibration_batches", std::to_string(request.calibrationBatches)});

    context.progress({0, 0, "loading data", -1});
    const auto calibrationSet = std::make_shared<const data::ImageDataset>(
        data::openDataset(request.calibration, data::Split::Train, request.seed));
    train::checkDatasetFits(model.graph(), *calibrationSet);
    std::shared_ptr<const data::ImageDataset> testSet;
    if (!request.dataset.empty()) {
        testSet = std::make_shared<const data::ImageDataset>(data::openDataset(request.dataset, data::Split::Test, request.seed));
        train::checkDatasetFits(model.graph(), *testSet);
    }

    QuantizeResult result;
    auto quantized = std::make_shared<graph::Graph>(quant::prepareQuantization(model.graph(), request.settings, &result.prepared));

    data::DataLoader loader(calibrationSet,
                            data::passOptions(request.batchSize, request.seed, preprocessingFromMetadata(model.metadata())));
    const auto start = std::chrono::steady_clock::now();
    result.calibrationBatches = quant::calibrate(*quantized, loader, request.calibrationBatches, request.settings, context);
    result.calibrationMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    loader.startEpoch(0);
    const std::optional<data::Batch> sample = loader.next();
    result.report = quant::quantizationReport(*quantized, sample ? sample->images : at::Tensor());

    if (testSet) {
        const train::EvalResult before =
            train::evaluate(model.graph(), *testSet, request.evalBatchSize, context, "cpu", "evaluating the float model");
        context.throwIfCancelled();
        const train::EvalResult after =
            train::evaluate(*quantized, *testSet, request.evalBatchSize, context, "cpu", "evaluating the quantized model");
        context.throwIfCancelled();
        result.top1Float = before.top1;
        result.top1Quantized = after.top1;
        result.evaluationSamples = after.samples;
    }
    result.model = Model(std::move(quantized));
    return result;
}

} // namespace slim::engine
