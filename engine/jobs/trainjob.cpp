#include "jobs/trainjob.h"

#include "core/error.h"
#include "core/runtime.h"
#include "data/dataset.h"
#include "io/atomicfile.h"
#include "train/trainer.h"

#include <ATen/ATen.h>

#include <cstdio>
#include <filesystem>

namespace slim::engine {

namespace {

train::TrainParams toParams(const TrainRecipe& r)
{
    train::TrainParams params;
    params.epochs = r.epochs;
    params.optimizer.kind = r.optimizer == "adam" ? train::OptimizerKind::Adam
                            : r.optimizer == "adamw" ? train::OptimizerKind::AdamW
                                                     : train::OptimizerKind::Sgd;
    params.optimizer.learningRate = r.learningRate;
    params.optimizer.momentum = r.momentum;
    params.optimizer.nesterov = r.nesterov;
    params.optimizer.weightDecay = r.weightDecay;
    params.optimizer.beta1 = r.beta1;
    params.optimizer.beta2 = r.beta2;
    params.optimizer.epsilon = r.epsilon;
    params.schedule.kind = r.schedule == "step" ? train::ScheduleKind::Step
                           : r.schedule == "multistep" ? train::ScheduleKind::MultiStep
                           : r.schedule == "cosine" ? train::ScheduleKind::Cosine
                                                    : train::ScheduleKind::Constant;
    params.schedule.stepSize = r.stepSize;
    params.schedule.gamma = r.gamma;
    params.schedule.milestones = r.milestones;
    params.schedule.minLearningRate = r.minLearningRate;
    params.schedule.warmupEpochs = r.warmupEpochs;
    params.labelSmoothing = r.labelSmoothing;
    params.batchNormL1 = r.batchNormL1;
    params.loader.batchSize = r.batchSize;
    params.loader.seed = r.seed;
    params.loader.workers = r.workers;
    params.loader.transforms.cropPadding = r.cropPadding;
    params.loader.transforms.horizontalFlip = r.horizontalFlip;
    params.loader.transforms.normalize = r.normalize;
    params.loader.transforms.resizeHeight = r.resizeHeight;
    params.loader.transforms.resizeWidth = r.resizeWidth;
    params.maxStepsPerEpoch = r.maxStepsPerEpoch;
    params.checkpointDir = r.checkpointDir;
    params.resumeFrom = r.resumeFrom;
    params.device = r.device;
    return params;
}

} // namespace

void writeMetricsCsv(const std::vector<EpochRecord>& history, const std::string& path)
{
    std::string csv = "epoch,train_loss,train_accuracy,val_top1,val_top5,val_loss,lr,seconds\n";
    for (const EpochRecord& e : history) {
        char line[256];
        std::snprintf(line, sizeof line, "%lld,%.6f,%.6f,%.6f,%.6f,%.6f,%.8g,%.3f\n", static_cast<long long>(e.epoch),
                      e.trainLoss, e.trainAccuracy, e.validationTop1, e.validationTop5, e.validationLoss, e.learningRate,
                      e.seconds);
        csv += line;
    }
    io::writeFileAtomically(path, csv);
}

Model recipeModel(const TrainRecipe& recipe, const std::vector<std::int64_t>& sampleShape, std::int64_t classes)
{
    if (!recipe.modelFile.empty())
        return Model::load(recipe.modelFile);
    ZooSpec spec;
    spec.model = recipe.modelZoo;
    spec.channels = sampleShape[0];
    spec.height = recipe.resizeHeight > 0 ? recipe.resizeHeight : sampleShape[1];
    spec.width = recipe.resizeWidth > 0 ? recipe.resizeWidth : sampleShape[2];
    spec.classes = classes;
    spec.seed = recipe.modelSeed;
    return Model::fromZoo(spec);
}

TrainJobResult runTrainJob(const TrainRecipe& recipe, const JobContext& context, const Model* base, bool writeOutputs,
                           const train::TrainHooks* hooks)
{
    if (recipe.threads > 0)
        setThreadCount(recipe.threads);
    ensureRuntimeInitialised();
    context.progress({0, 0, "loading data", -1});
    const data::ImageDataset trainSet = data::openDataset(recipe.dataset, data::Split::Train, recipe.seed);
    data::ImageDataset validationSet;
    if (recipe.validation == "test")
        validationSet = data::openDataset(recipe.dataset, data::Split::Test, recipe.seed);
    else if (recipe.validation != "none")
        validationSet = data::openDataset(recipe.validation, data::Split::Test, recipe.seed);
    releaseFreedMemory(); // the readers' temporary buffers
    if (context.cancelled()) {
        TrainJobResult cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }

    Model model = base && !base->isNull() ? *base : recipeModel(recipe, trainSet.sampleShape(), trainSet.classes);
    if (recipe.modelInit == "scratch" && (base || !recipe.modelFile.empty()))
        model = model.withFreshWeights(static_cast<std::uint64_t>(recipe.modelSeed));

    const train::TrainResult trained = train::trainModel(model.graph(), trainSet,
                                                         validationSet.size() > 0 ? &validationSet : nullptr,
                                                         toParams(recipe), hooks ? *hooks : train::TrainHooks{}, context);
    TrainJobResult result;
    result.cancelled = trained.cancelled;
    result.trainSamples = trainSet.size();
    result.validationSamples = validationSet.size();
    result.skippedFiles = trainSet.skippedFiles;
    result.batchNormScales = trained.batchNormScales;
    for (const train::EpochSummary& e : trained.history) {
        EpochRecord record;
        record.epoch = e.epoch;
        record.trainLoss = e.trainLoss;
        record.trainAccuracy = e.trainAccuracy;
        if (e.validation.samples > 0) {
            record.validationTop1 = e.validation.top1;
            record.validationTop5 = e.validation.top5;
            record.validationLoss = e.validation.loss;
        }
        record.learningRate = e.learningRate;
        record.seconds = e.seconds;
        result.history.push_back(record);
    }
    if (trained.cancelled)
        return result;

    graph::Graph graph = trained.model.clone();
    graph.forEachTensor([](graph::Node&, graph::NamedTensor& named) { named.tensor = named.tensor.detach().to(at::kCPU); });
    graph.metadata()["trained.dataset"] = recipe.dataset;
    graph.metadata()["trained.epochs"] = std::to_string(recipe.epochs);
    graph.metadata().erase("pruned.top1");  // measured before this training: no longer this model's
    graph.metadata().erase("trained.top1");
    if (!result.history.empty() && result.history.back().validationTop1 >= 0)
        graph.metadata()["trained.top1"] = std::to_string(result.history.back().validationTop1);
    result.model = Model(std::make_shared<const graph::Graph>(std::move(graph)));
    if (writeOutputs) {
        if (!recipe.output.empty())
            result.model.save(recipe.output);
        if (!recipe.metrics.empty())
            writeMetricsCsv(result.history, recipe.metrics);
    }
    return result;
}

EvalSummary evaluateModel(const Model& model, const std::string& datasetPath, const std::string& split,
                          std::int64_t batchSize, const JobContext& context, const std::string& device)
{
    if (split != "test" && split != "train")
        throw Error(ErrorCode::InvalidArgument, "split must be 'test' or 'train', got '" + split + "'", {"split", split});
    const data::ImageDataset dataset =
        data::openDataset(datasetPath, split == "test" ? data::Split::Test : data::Split::Train);
    const std::vector<std::int64_t> input = model.inputShape();
    if (input != dataset.sampleShape())
        throw Error(ErrorCode::ShapeMismatch,
                    "the model takes " + graph::shapeToString(input) + " inputs but " + datasetPath + " has "
                        + graph::shapeToString(dataset.sampleShape()) + " images",
                    {"input", graph::shapeToString(dataset.sampleShape())});
    const train::EvalResult result = train::evaluate(model.graph(), dataset, batchSize, context, device, "evaluating");
    return {result.top1, result.top5, result.loss, result.samples};
}

} // namespace slim::engine
