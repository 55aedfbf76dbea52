// slimbench-cli train: runs a training recipe with a progress bar; Ctrl-C cancels.
#include "cli/cli.h"
#include "cli/commands.h"

#include "jobs/trainjob.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iomanip>
#include <limits>
#include <memory>
#include <mutex>
#include <ostream>
#include <unistd.h>

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

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

std::string clockText(double seconds)
{
    if (seconds < 0)
        return "--:--";
    const auto total = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    if (total >= 3600)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", total / 60, total % 60);
    return buffer;
}

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
    if (context.threads > 0)
        recipe.threads = context.threads; // the job sets the recipe's count, which would undo --threads

    std::ostream& out = context.out;
    std::ostream& err = context.err;
    const bool live = ::isatty(STDERR_FILENO) != 0;
    std::mutex outputMutex;
    double lastLoss = 0;
    double lastAccuracy = 0;
    auto lastDraw = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    engine::JobContext job;
    job.isCancelled = [] { return g_interrupted.load(); };
    job.reportMetric = [&](const engine::MetricSample& sample) {
        std::lock_guard lock(outputMutex);
        if (sample.series == "train/loss")
            lastLoss = sample.value;
        else if (sample.series == "train/accuracy")
            lastAccuracy = sample.value;
    };
    job.reportProgress = [&](const engine::Progress& progress) {
        if (!live)
            return;
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(outputMutex);
        if (now - lastDraw < std::chrono::milliseconds(200) && progress.done != progress.total)
            return;
        lastDraw = now;
        constexpr int kWidth = 30; // characters in the bar
        const double fraction = progress.total > 0 ? static_cast<double>(progress.done) / static_cast<double>(progress.total) : 0;
        const int filled = static_cast<int>(fraction * kWidth);
        char line[256];
        std::snprintf(line, sizeof line, "\r[%s%s] %3d%% %s  loss %.4f  acc %.3f  ETA %s   ",
                      std::string(static_cast<std::size_t>(filled), '#').c_str(),
                      std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), static_cast<int>(fraction * 100),
                      progress.phase.c_str(), lastLoss, lastAccuracy, clockText(progress.etaSeconds).c_str());
        err << line << std::flush;
    };

    g_interrupted = false;
    const auto previous = std::signal(SIGINT, onInterrupt);
    engine::TrainJobResult result;
    try {
        result = engine::runTrainJob(recipe, job);
    } catch (...) {
        std::signal(SIGINT, previous);
        if (live)
            err << '\n';
        throw;
    }
    std::signal(SIGINT, previous);
    if (live)
        err << '\n';
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

} // namespace

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
