#include "jobs/trainjob.h"

#include "core/error.h"
#include "core/preprocessing.h"
#include "core/runtime.h"
#include "data/dataset.h"
#include "data/loader.h"
#include "distill/distill.h"
#include "io/atomicfile.h"
#include "io/zoospec.h"
#include "quant/quantize.h"
#include "train/trainer.h"

#include <ATen/ATen.h>

#include <algorithm>
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

namespace {

/// The bits the stepwise schedule gives epoch `epoch` (0-based), or 0 where no step starts there.
int scheduledBits(const QatRecipe& qat, std::int64_t epoch)
{
    for (const auto& [start, bits] : qat.bitsSchedule) {
        if (start == epoch)
            return bits;
    }
    return 0;
}

/// Quantization-aware training: the model quantized and calibrated (unless it is quantized
/// already), and the hooks that step its bits through the schedule and report them.
train::TrainHooks prepareQat(const QatRecipe& qat, Model& model, const data::ImageDataset& trainSet,
                             const TrainRecipe& recipe, const JobContext& context)
{
    quant::QuantSettings settings;
    settings.weightBits = qat.weightBits;
    settings.activationBits = qat.activationBits;
    if (const int first = scheduledBits(qat, 0); first > 0) {
        settings.weightBits = std::max(first, qat.weightBits);
        settings.activationBits = std::max(first, qat.activationBits);
    }
    settings.perChannel = qat.perChannel;
    settings.activationSymmetric = qat.symmetric;
    settings.keepEndsAt8Bits = qat.keepEnds;
    settings.observer = quant::observerFromName(qat.observer).value_or(quant::ObserverKind::MinMax);
    if (!quant::isQuantized(model.graph())) {
        auto quantized = std::make_shared<graph::Graph>(quant::prepareQuantization(model.graph(), settings));
        // Calibrated on the images as training will feed them (its contract, its resize); the
        // loader lives only while calibrating, inside the caller's data set.
        data::LoaderOptions options =
            data::passOptions(recipe.batchSize, recipe.seed, train::trainingContract(model.graph(), trainSet, recipe.normalize));
        options.transforms.resizeHeight = recipe.resizeHeight;
        options.transforms.resizeWidth = recipe.resizeWidth;
        data::DataLoader loader(std::shared_ptr<const data::ImageDataset>(&trainSet, [](const data::ImageDataset*) {}), options);
        quant::calibrate(*quantized, loader, qat.calibrationBatches, settings, context);
        model = Model(std::move(quantized));
    }
    // A step of the schedule brings each side to the step's bits, but never below its own
    // target (16 → 8 → 4 with W4A8 stops the activations at 8).
    const auto stepTo = [qat](graph::Graph& graph, int stepBits) {
        const std::pair<int, int> bits{std::max(stepBits, qat.weightBits), std::max(stepBits, qat.activationBits)};
        quant::setBits(graph, bits.first, bits.second);
        return bits;
    };
    if (const int first = scheduledBits(qat, 0); first > 0) {
        auto graph = std::make_shared<graph::Graph>(model.graph().clone());
        stepTo(*graph, first); // a model quantized before (PTQ) starts the schedule too
        model = Model(std::move(graph));
    }
    train::TrainHooks hooks;
    auto bits = std::make_shared<std::pair<int, int>>(quant::dominantBits(model.graph()));
    if (!qat.bitsSchedule.empty()) {
        hooks.onEpochEnd = [qat, bits, stepTo](graph::Graph& graph, const train::EpochSummary& summary) {
            if (const int next = scheduledBits(qat, summary.epoch); next > 0)
                *bits = stepTo(graph, next);
        };
    }
    hooks.epochMetrics = [bits] {
        return std::map<std::string, double>{{"qat/weight_bits", bits->first}, {"qat/activation_bits", bits->second}};
    };
    return hooks;
}

/// Distillation: the teacher the recipe names ("baseline": `baseline`), checked against the
/// student, with its top-1 on the validation data as the curves' reference line.
train::TrainHooks prepareDistillation(const TrainRecipe& recipe, const Model& student, const Model& baseline,
                                      const data::ImageDataset& trainSet, const data::ImageDataset& validationSet,
                                      const JobContext& context)
{
    const DistillRecipe& d = recipe.distill;
    Model teacher;
    const std::vector<std::string>& zoo = zooModelNames();
    if (d.teacher == "baseline") {
        teacher = baseline;
    } else if (std::find(zoo.begin(), zoo.end(), d.teacher) != zoo.end()) {
        TrainRecipe zooRecipe = recipe;
        zooRecipe.modelFile.clear();
        zooRecipe.modelZoo = d.teacher;
        teacher = recipeModel(zooRecipe, trainSet.sampleShape(), trainSet.classes);
    } else if (std::filesystem::exists(d.teacher)) {
        teacher = Model::load(d.teacher, trainSet.sampleShape());
    } else {
        throw Error(ErrorCode::FileNotFound, "the teacher " + d.teacher + " does not exist (distill.teacher: a model file, a "
                                                 "zoo name or \"baseline\")",
                    {"distill.teacher", d.teacher});
    }
    const Preprocessing teacherContract = preprocessingFromMetadata(teacher.metadata());
    const Preprocessing studentContract = train::trainingContract(student.graph(), trainSet, recipe.normalize);
    if (teacherContract.normalizes() && !(teacherContract == studentContract))
        throw Error(ErrorCode::InvalidArgument,
                    "the teacher was trained on differently preprocessed images than the student is fed ("
                        + describePreprocessing(teacherContract) + " against " + describePreprocessing(studentContract)
                        + "); both see the same batch",
                    {"distill.teacher", "preprocessing differs"});
    distill::DistillSettings settings;
    settings.alpha = d.alpha;
    settings.temperature = d.temperature;
    settings.featureWeight = d.featureWeight;
    settings.attention = d.attention;
    settings.relationWeight = d.relationWeight;
    settings.relation = d.relation == "rkd" ? distill::RelationKind::Rkd : distill::RelationKind::Cosine;
    for (const auto& [studentLayer, teacherLayer] : d.taps)
        settings.taps.push_back({studentLayer, teacherLayer});
    distill::Distiller distiller(student.graph(), teacher.graph(), settings, recipe.device);
    if (validationSet.size() > 0) {
        const train::EvalResult reference =
            train::evaluate(teacher.graph(), validationSet, 256, context, "cpu", "evaluating the teacher");
        context.throwIfCancelled();
        distiller.setTeacherTop1(reference.top1);
    }
    return distiller.hooks();
}

} // namespace

TrainJobResult runTrainJob(const TrainRecipe& recipe, const JobContext& context, const Model* base, bool writeOutputs,
                           const train::TrainHooks* hooks, const Model* baseline)
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

    train::TrainHooks allHooks = hooks ? *hooks : train::TrainHooks{};
    const Model before = model;
    const bool freshModel = recipe.modelInit == "scratch" || ((!base || base->isNull()) && recipe.modelFile.empty());
    if (recipe.distill.teacher == "baseline" && (!baseline || baseline->isNull()) && freshModel)
        throw Error(ErrorCode::InvalidRecipe,
                    "recipe field 'distill.teacher': \"baseline\" is the model before this training, which starts from "
                    "fresh weights here; name a trained model file",
                    {"distill.teacher", "baseline is untrained"});
    if (recipe.qat.enabled)
        allHooks = train::combineHooks(std::move(allHooks), prepareQat(recipe.qat, model, trainSet, recipe, context));
    if (!recipe.distill.teacher.empty())
        allHooks = train::combineHooks(std::move(allHooks),
                                       prepareDistillation(recipe, model, baseline && !baseline->isNull() ? *baseline : before,
                                                           trainSet, validationSet, context));
    const train::TrainResult trained = train::trainModel(model.graph(), trainSet,
                                                         validationSet.size() > 0 ? &validationSet : nullptr,
                                                         toParams(recipe), allHooks, context);
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
