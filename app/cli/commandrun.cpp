// slimbench-cli run: runs any recipe: a training recipe as `train` does, a compression
// recipe's stages in order, with the progress bar, ETA and Ctrl-C of `train`.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/jobconsole.h"

#include "io/atomicfile.h"
#include "jobs/compressjob.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <ostream>

namespace slim::app::cli {

namespace {

struct RunOptions {
    std::string recipePath;
    std::string outputDir;
    std::string device;
};

std::string top1Text(double top1)
{
    if (top1 < 0)
        return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", top1);
    return text;
}

int runCompression(const RunOptions& options, const Context& context)
{
    engine::CompressionRecipe recipe = engine::loadCompressionRecipe(options.recipePath);
    if (!options.outputDir.empty())
        recipe.outputDir = options.outputDir;
    for (engine::CompressionStage& stage : recipe.stages) {
        if (!options.device.empty())
            stage.finetune.device = options.device;
        if (context.threads > 0)
            stage.finetune.threads = context.threads;
    }
    std::ostream& out = context.out;
    engine::CompressionResult result;
    double lastLoss = 0;
    {
        JobConsole console(context.err);
        const engine::JobContext job = console.context(
            [&](const engine::MetricSample& sample) {
                if (sample.series == "train/loss")
                    lastLoss = sample.value;
            },
            [&] {
                char text[32];
                std::snprintf(text, sizeof text, "loss %.4f", lastLoss);
                return std::string(text);
            });
        result = engine::runCompressionRecipe(recipe, job);
    }
    for (std::size_t i = 0; i < result.stages.size(); ++i) {
        const engine::StageOutcome& stage = result.stages[i];
        out << "stage " << i + 1 << " " << engine::stageKindName(stage.kind) << ": params " << withThousands(stage.params)
            << ", MACs " << withThousands(stage.macs) << ", top1 ";
        if (stage.top1Before >= 0)
            out << top1Text(stage.top1Before) << " -> ";
        out << top1Text(stage.top1) << "; wrote " << stage.file << '\n';
    }
    out << "wrote " << (std::filesystem::path(recipe.outputDir) / "summary.csv").string() << '\n';
    return kExitOk;
}

int run(const RunOptions& options, const Context& context)
{
    const std::string kind = engine::recipeKind(engine::io::readWholeFile(options.recipePath));
    if (kind == "compress")
        return runCompression(options, context);
    if (kind != "train")
        throw UsageError("'" + options.recipePath + "' is a recipe of kind \"" + kind + "\"; run takes \"train\" and \"compress\"");
    if (!options.outputDir.empty())
        throw UsageError("--output-dir is for compression recipes; a training recipe names its output");
    engine::TrainRecipe recipe = engine::loadTrainRecipe(options.recipePath);
    if (!options.device.empty())
        recipe.device = options.device;
    return runTrainingRecipe(recipe, context);
}

} // namespace

Command addRunCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "run", "Runs a recipe: training (kind \"train\") or compression stages (kind \"compress\": prune, finetune, "
               "schedule, surgery, agp, admm).");
    command->footer("Each compression stage writes NN-KIND.slim (NN-prune.slim, NN-finetune.slim, ...; stages that "
                    "train also NN-KIND.csv) into the recipe's output_dir as soon as it ends, and summary.csv lists "
                    "them. A schedule stage runs as its prune (and fine-tune) steps. Ctrl-C cancels; finished stages "
                    "stay written.");
    auto options = std::make_shared<RunOptions>();
    command->add_option("RECIPE", options->recipePath, "the recipe")->required()->type_name("RECIPE.json");
    command->add_option("--output-dir", options->outputDir, "compression recipes: the folder to write to (default: the recipe's)")
        ->type_name("DIR");
    addDeviceOption(*command, options->device);
    return {command, [options](const Context& context) { return run(*options, context); }};
}

} // namespace slim::app::cli
