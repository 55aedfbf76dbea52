#include "jobs/compressjob.h"

#include "core/error.h"
#include "data/dataset.h"
#include "io/atomicfile.h"
#include "prune/admm.h"
#include "prune/surgery.h"

#include <chrono>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace slim::engine {

namespace {

constexpr std::int64_t kEvalBatch = 256;  ///< images per batch when a stage measures top-1

std::string stageFile(const CompressionRecipe& recipe, std::size_t index, const char* kind, const char* extension)
{
    char name[64];
    std::snprintf(name, sizeof name, "%02zu-%s.%s", index + 1, kind, extension);
    return (std::filesystem::path(recipe.outputDir) / name).string();
}

void writeSummary(const CompressionRecipe& recipe, const std::vector<StageOutcome>& stages)
{
    std::string csv = "stage,kind,file,params,macs,top1\n";
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const StageOutcome& stage = stages[i];
        char line[512];
        std::snprintf(line, sizeof line, "%zu,%s,%s,%lld,%lld,", i + 1,
                      stageKindName(stage.kind).c_str(),
                      std::filesystem::path(stage.file).filename().string().c_str(), static_cast<long long>(stage.params),
                      static_cast<long long>(stage.macs));
        csv += line;
        if (stage.top1 >= 0) { // left empty when not measured
            std::snprintf(line, sizeof line, "%.6f", stage.top1);
            csv += line;
        }
        csv += '\n';
    }
    io::writeFileAtomically((std::filesystem::path(recipe.outputDir) / "summary.csv").string(), csv);
}


/// What a stage that trains needs: the model to start from and the method's hooks.
struct TrainStage {
    Model start;
    train::TrainHooks hooks;
    std::unique_ptr<prune::DynamicSurgery> surgery;
    std::unique_ptr<prune::GradualPruning> gradual;
    std::unique_ptr<prune::AdmmPruning> admm;
};

Model withGraph(graph::Graph graph)
{
    return Model(std::make_shared<const graph::Graph>(std::move(graph)));
}

TrainStage prepareTrainingStage(const CompressionStage& stage, const Model& model, const JobContext& context,
                                double epochsBefore)
{
    TrainStage training;
    training.start = model;
    switch (stage.kind) {
    case CompressionStage::Kind::Surgery:
        training.surgery = std::make_unique<prune::DynamicSurgery>(stage.surgery);
        training.start = withGraph(training.surgery->prepare(model.graph()));
        training.hooks = training.surgery->hooks();
        break;
    case CompressionStage::Kind::Agp:
        training.gradual = std::make_unique<prune::GradualPruning>(stage.agp);
        training.start = withGraph(training.gradual->prepare(model.graph()));
        training.hooks = training.gradual->hooks();
        break;
    case CompressionStage::Kind::Admm:
        training.admm = std::make_unique<prune::AdmmPruning>(model.graph(), stage.admm);
        training.hooks = training.admm->hooks();
        // The curves: how far W is from the structured set, and ρ, at each Z/U update.
        training.admm->onUpdate = [context, epochsBefore, every = stage.admm.updateEvery](const prune::AdmmProgress& progress) {
            const double at = every == 0 ? epochsBefore + static_cast<double>(progress.updates - 1) : -1;
            context.metric({"admm/residual", progress.updates, progress.residual, at});
            context.metric({"admm/rho", progress.updates, progress.rho, at});
        };
        break;
    default:
        break;
    }
    return training;
}

} // namespace

CompressionResult runCompressionRecipe(const CompressionRecipe& recipe, const JobContext& context, const Model* base,
                                       bool writeOutputs)
{
    if (recipe.stages.empty())
        throw Error(ErrorCode::InvalidRecipe, "recipe field 'stages': must list the stages to run", {"stages", "empty"});
    if (writeOutputs) {
        // Another run's versions beside this run's summary would be taken for this run's.
        if (std::filesystem::exists(std::filesystem::path(recipe.outputDir) / "summary.csv"))
            throw Error(ErrorCode::InvalidArgument,
                        "output_dir " + recipe.outputDir + " already holds a run (summary.csv): choose another folder",
                        {"output_dir", recipe.outputDir});
        std::error_code error;
        std::filesystem::create_directories(recipe.outputDir, error);
        if (error)
            throw Error(ErrorCode::FileWriteFailed, "cannot create " + recipe.outputDir + ": " + error.message(),
                        {recipe.outputDir, error.message()});
    }
    CompressionResult result;
    context.progress({0, 0, "preparing", -1});
    if (base && !base->isNull()) {
        result.model = *base;
    } else if (!recipe.base.modelFile.empty()) {
        result.model = Model::load(recipe.base.modelFile);
    } else { // a zoo model shaped for the data
        const data::ImageDataset trainSet = data::openDataset(recipe.base.dataset, data::Split::Train, recipe.base.seed);
        result.model = recipeModel(recipe.base, trainSet.sampleShape(), trainSet.classes);
    }
    const Model baseline = result.model;  // a distillation teacher named "baseline"
    const bool freshStart = (!base || base->isNull()) && recipe.base.modelFile.empty();
    for (const CompressionStage& stage : recipe.stages) {
        if (freshStart && stage.kind != CompressionStage::Kind::Prune && stage.finetune.distill.teacher == "baseline")
            throw Error(ErrorCode::InvalidRecipe,
                        "recipe field 'distill.teacher': \"baseline\" is the model the recipe starts from, a freshly "
                        "built zoo model here; start from a trained model file",
                        {"distill.teacher", "baseline is untrained"});
    }
    double epochsDone = 0;  // fine-tune epochs of the stages before: where the curves go on
    const auto start = std::chrono::steady_clock::now();
    std::int64_t reached = 0;  // the whole run's progress so far, in thousandths of a stage
    for (std::size_t i = 0; i < recipe.stages.size(); ++i) {
        const CompressionStage& stage = recipe.stages[i];
        const bool prune = stage.kind == CompressionStage::Kind::Prune;
        const std::string kind = stageKindName(stage.kind);
        const std::string label = "stage " + std::to_string(i + 1) + "/" + std::to_string(recipe.stages.size()) + " ("
                                  + (stage.kind == CompressionStage::Kind::Finetune ? "fine-tune" : kind) + ")";
        JobContext stageContext = context;
        // One bar for the whole recipe: each stage an equal share, filled as the stage reports
        // (a prune stage's phases each count from zero: the bar never goes back).
        const auto stages = static_cast<std::int64_t>(recipe.stages.size());
        const auto index = static_cast<std::int64_t>(i);
        stageContext.reportProgress = [&context, &reached, label, stages, index, start](const Progress& progress) {
            constexpr std::int64_t kPerStage = 1000;
            Progress overall;
            const double within = progress.total > 0 ? static_cast<double>(progress.done) / static_cast<double>(progress.total) : 0.0;
            reached = std::max(reached, index * kPerStage + static_cast<std::int64_t>(within * kPerStage));
            overall.done = reached;
            overall.total = stages * kPerStage;
            const double fraction = static_cast<double>(overall.done) / static_cast<double>(overall.total);
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            overall.etaSeconds = fraction > 0.02 ? elapsed / fraction * (1 - fraction) : -1;
            overall.phase = label + (progress.phase.empty() ? "" : ": " + progress.phase);
            context.progress(overall);
        };
        stageContext.reportMetric = [&context, epochsDone](const MetricSample& sample) {
            MetricSample shifted = sample;
            if (shifted.epoch >= 0)
                shifted.epoch += epochsDone;
            context.metric(shifted);
        };
        context.throwIfCancelled();

        StageOutcome outcome;
        outcome.kind = stage.kind;
        if (prune) {
            const PruneResult pruned = runPruneJob(result.model, stage.prune, stageContext);
            result.model = pruned.model;
            outcome.params = pruned.paramsAfter;
            outcome.macs = pruned.macsAfter;
            outcome.top1Before = pruned.top1Before;
            outcome.top1 = pruned.top1Recalibrated >= 0 ? pruned.top1Recalibrated : pruned.top1Pruned;
            // The accuracy curve: where it stood, then the cut, at the same epoch.
            if (outcome.top1Before >= 0 && i == 0)
                context.metric({"ref/baseline", 0, outcome.top1Before, epochsDone});
            if (outcome.top1 >= 0)
                context.metric({"val/top1", 0, outcome.top1, epochsDone});
            if (writeOutputs) {
                outcome.file = stageFile(recipe, i, "prune", "slim");
                result.model.save(outcome.file);
            }
        } else {
            TrainRecipe settings = stage.finetune;
            settings.output = stageFile(recipe, i, kind.c_str(), "slim");
            settings.metrics = stageFile(recipe, i, kind.c_str(), "csv");
            settings.modelInit = "keep";
            settings.resumeFrom.clear();    // the stage trains the model it is given
            settings.checkpointDir.clear();
            const double stageStart = epochsDone;
            TrainStage training = prepareTrainingStage(stage, result.model, context, stageStart);
            const TrainJobResult trained =
                runTrainJob(settings, stageContext, &training.start, writeOutputs && !training.admm, &training.hooks, &baseline);
            if (trained.cancelled)
                throw JobCancelled();
            result.model = trained.model;
            outcome.history = trained.history;
            if (!trained.history.empty())
                outcome.top1 = trained.history.back().validationTop1;
            epochsDone += static_cast<double>(settings.epochs);
            if (training.admm) {
                // Hard pruning at Z's channels and purification: the stage's version.
                context.progress({0, 0, label + ": hard pruning", -1});
                const Model trainedModel = result.model;
                const prune::AdmmPruned pruned = training.admm->finish(trainedModel.graph());
                graph::Graph graph = pruned.model;
                graph.metadata()["admm.purified"] = std::to_string(pruned.purified);
                graph.metadata().erase("trained.top1");  // measured before the channels went
                outcome.top1 = -1;
                outcome.top1Before = -1;
                if (settings.validation != "none") {
                    // Before and after the cut on the same images: the recipe's test split.
                    const auto top1 = [&](const Model& model) {
                        return evaluateModel(model, recipe.base.dataset, "test", kEvalBatch, stageContext,
                                             settings.device)
                            .top1;
                    };
                    outcome.top1Before = top1(trainedModel);
                    outcome.top1 = top1(withGraph(graph));
                    graph.metadata()["pruned.top1"] = std::to_string(outcome.top1);
                    context.metric({"val/top1", 0, outcome.top1, epochsDone});
                }
                result.model = withGraph(std::move(graph));
                if (writeOutputs) {
                    result.model.save(settings.output);
                    writeMetricsCsv(trained.history, settings.metrics);
                }
            }
            const CostSummary cost = result.model.cost();
            outcome.params = cost.pruning == "masked" ? cost.nonzeroParams : cost.params;
            outcome.macs = cost.pruning == "masked" ? cost.nonzeroMacs : cost.macs;
            if (writeOutputs)
                outcome.file = settings.output;
        }
        result.stages.push_back(outcome);
        if (writeOutputs)
            writeSummary(recipe, result.stages);
    }
    return result;
}

} // namespace slim::engine
