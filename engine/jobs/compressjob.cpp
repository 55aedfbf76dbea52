#include "jobs/compressjob.h"

#include "core/error.h"
#include "data/dataset.h"
#include "io/atomicfile.h"

#include <cstdio>
#include <filesystem>

namespace slim::engine {

namespace {

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
                      stage.kind == CompressionStage::Kind::Prune ? "prune" : "finetune",
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

/// The recipe's own model when the caller gives none: its file, or its zoo model shaped for
/// the data.
Model recipeModel(const TrainRecipe& recipe)
{
    if (!recipe.modelFile.empty())
        return Model::load(recipe.modelFile);
    const data::ImageDataset trainSet = data::openDataset(recipe.dataset, data::Split::Train, recipe.seed);
    const std::vector<std::int64_t> shape = trainSet.sampleShape();
    ZooSpec spec;
    spec.model = recipe.modelZoo;
    spec.channels = shape[0];
    spec.height = recipe.resizeHeight > 0 ? recipe.resizeHeight : shape[1];
    spec.width = recipe.resizeWidth > 0 ? recipe.resizeWidth : shape[2];
    spec.classes = trainSet.classes;
    spec.seed = recipe.modelSeed;
    return Model::fromZoo(spec);
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
    result.model = base && !base->isNull() ? *base : recipeModel(recipe.base);
    double epochsDone = 0;  // fine-tune epochs of the stages before: where the curves go on
    for (std::size_t i = 0; i < recipe.stages.size(); ++i) {
        const CompressionStage& stage = recipe.stages[i];
        const bool prune = stage.kind == CompressionStage::Kind::Prune;
        const std::string label = "stage " + std::to_string(i + 1) + "/" + std::to_string(recipe.stages.size()) + " ("
                                  + (prune ? "prune" : "fine-tune") + ")";
        JobContext stageContext = context;
        stageContext.reportProgress = [&context, label](const Progress& progress) {
            Progress labelled = progress;
            labelled.phase = label + (progress.phase.empty() ? "" : ": " + progress.phase);
            context.progress(labelled);
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
            settings.output = stageFile(recipe, i, "finetune", "slim");
            settings.metrics = stageFile(recipe, i, "finetune", "csv");
            settings.modelInit = "keep";
            settings.resumeFrom.clear();    // the stage trains the model it is given
            settings.checkpointDir.clear();
            const TrainJobResult trained = runTrainJob(settings, stageContext, &result.model, writeOutputs);
            if (trained.cancelled)
                throw JobCancelled();
            result.model = trained.model;
            const CostSummary cost = result.model.cost();
            outcome.params = cost.pruning == "masked" ? cost.nonzeroParams : cost.params;
            outcome.macs = cost.pruning == "masked" ? cost.nonzeroMacs : cost.macs;
            outcome.history = trained.history;
            if (!trained.history.empty())
                outcome.top1 = trained.history.back().validationTop1;
            epochsDone += static_cast<double>(settings.epochs);
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
