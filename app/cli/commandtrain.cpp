// slimbench-cli train: runs a training recipe with a progress bar; Ctrl-C cancels.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/jobconsole.h"

#include "jobs/trainjob.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iomanip>
#include <limits>
#include <memory>
#include <ostream>

namespace slim::app::cli {

namespace {

constexpr std::int64_t kMaxEpochs = 100000;  // as recipes allow (engine/jobs/recipe.cpp)

struct TrainOptions {
    std::string recipePath;
    std::int64_t epochs = 0;  ///< 0: as the recipe says
    std::string output;
    std::string metrics;
    std::string device;
    std::int64_t seed = -1;   ///< negative: as the recipe says
};

int runTrain(const TrainOptions& options, const Context& context)
{
    engine::TrainRecipe recipe = engine::loadTrainRecipe(options.recipePath);
    if (options.epochs > 0)
        recipe.epochs = options.epochs;
    if (!options.output.empty())
        recipe.output = options.output;
    if (!options.metrics.empty())
        recipe.metrics = options.metrics;
    if (!options.device.empty())
        recipe.device = options.device;
    if (options.seed >= 0)
        recipe.seed = static_cast<std::uint64_t>(options.seed);
    return runTrainingRecipe(recipe, context);
}

} // namespace

int runTrainingRecipe(engine::TrainRecipe recipe, const Context& context)
{
    if (context.threads > 0)
        recipe.threads = context.threads; // the job sets the recipe's count, which would undo --threads

    std::ostream& out = context.out;
    std::ostream& err = context.err;
    double lastLoss = 0;
    double lastAccuracy = 0;
    engine::TrainJobResult result;
    {
        JobConsole console(err);
        const engine::JobContext job = console.context(
            [&](const engine::MetricSample& sample) {
                if (sample.series == "train/loss")
                    lastLoss = sample.value;
                else if (sample.series == "train/accuracy")
                    lastAccuracy = sample.value;
            },
            [&] {
                char text[64];
                std::snprintf(text, sizeof text, "loss %.4f  acc %.3f", lastLoss, lastAccuracy);
                return std::string(text);
            });
        result = engine::runTrainJob(recipe, job);
    }
    for (const engine::EpochRecord& e : result.history) {
        out << "epoch " << e.epoch << "/" << recipe.epochs << ": train loss " << std::fixed << std::setprecision(4)
            << e.trainLoss << " acc " << e.trainAccuracy;
        if (e.validationTop1 >= 0)
            out << ", val top1 " << e.validationTop1 << " top5 " << e.validationTop5 << " loss " << e.validationLoss;
        out << ", lr " << std::setprecision(6) << e.learningRate << ", " << std::setprecision(1) << e.seconds << " s\n";
    }
    if (result.skippedFiles > 0)
        out << "skipped " << result.skippedFiles << " unreadable image files\n";
    if (result.cancelled) {
        err << "slimbench-cli: training cancelled; nothing was written\n";
        return kExitFailure;
    }
    out << "wrote " << recipe.output;
    if (!recipe.metrics.empty())
        out << " and " << recipe.metrics;
    out << '\n';
    return kExitOk;
}

Command addTrainCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "train", "Trains as the recipe says, with a progress bar and ETA; writes the model and a metrics CSV.");
    command->footer("Ctrl-C cancels within one batch and writes nothing.");
    auto options = std::make_shared<TrainOptions>();
    command->add_option("RECIPE", options->recipePath, "the training recipe")->required()->type_name("RECIPE.json");
    command->add_option("--epochs", options->epochs, "epochs (default: the recipe's)")
        ->check(CLI::Range(std::int64_t{1}, kMaxEpochs))
        ->type_name("N");
    command->add_option("--output", options->output, "the model to write (default: the recipe's)")->type_name("OUT.slim");
    command->add_option("--metrics", options->metrics, "the metrics CSV to write (default: the recipe's)")
        ->type_name("OUT.csv");
    addDeviceOption(*command, options->device);
    command->add_option("--seed", options->seed, "the seed (default: the recipe's)")
        ->check(CLI::Range(std::int64_t{0}, std::numeric_limits<std::int64_t>::max()))
        ->type_name("N");
    return {command, [options](const Context& context) { return runTrain(*options, context); }};
}

} // namespace slim::app::cli
