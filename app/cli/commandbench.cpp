// slimbench-cli bench: measured inference latency, and beside another model the measured
// speed-up next to the one its MACs promise.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/jobconsole.h"

#include "analysis/latency.h"
#include "core/runtime.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <memory>
#include <optional>
#include <ostream>

namespace slim::app::cli {

namespace {

constexpr int kDefaultRuns = 50;
constexpr int kDefaultWarmUp = 5;
constexpr std::int64_t kMaxBatch = 4096;

struct BenchOptions {
    ModelReference model;
    std::string baseline;  ///< another model to measure the same way, for the speed-up
    std::int64_t batch = 1;
    int runs = kDefaultRuns;
    int warmUp = kDefaultWarmUp;
    double maxSeconds = 0;
    bool noFold = false;
    bool nchw = false;
    bool json = false;
    int layers = 0;  ///< print the slowest N layers (0: none)
};

/// Forwards profiled per layer for --layers: enough for a stable mean of each small op.
constexpr int kLayerRuns = 20;

struct Measured {
    std::string name;
    std::int64_t macs = 0;
    std::int64_t params = 0;
    engine::analysis::LatencyReport latency;
};

Measured measure(const engine::Model& model, const BenchOptions& options, const Context& context)
{
    engine::analysis::LatencyOptions settings;
    settings.batch = options.batch;
    settings.runs = options.runs;
    settings.warmUp = options.warmUp;
    settings.maxSeconds = options.maxSeconds;
    settings.fold = !options.noFold;
    settings.channelsLast = !options.nchw;
    settings.layerRuns = options.layers > 0 ? kLayerRuns : 0;
    Measured measured;
    measured.name = model.name();
    const engine::CostSummary cost = model.cost();
    measured.macs = cost.macs;
    measured.params = cost.params;
    JobConsole console(context.err);
    measured.latency = engine::analysis::measureLatency(model.graph(), settings, console.context());
    return measured;
}

nlohmann::json toJson(const Measured& measured)
{
    const engine::analysis::LatencyReport& latency = measured.latency;
    return {{"model", measured.name},   {"macs", measured.macs},           {"params", measured.params},
            {"median_ms", latency.medianMs}, {"p90_ms", latency.p90Ms},    {"min_ms", latency.minMs},
            {"images_per_s", latency.imagesPerSecond}, {"runs", latency.runs}};
}

void printText(std::ostream& out, const Measured& measured)
{
    const engine::analysis::LatencyReport& latency = measured.latency;
    out << measured.name << ": median " << latency.medianMs << " ms, p90 " << latency.p90Ms << " ms, "
        << std::setprecision(1) << latency.imagesPerSecond << " images/s (" << latency.runs << " runs, "
        << static_cast<double>(measured.macs) / 1e6 << " MMACs)\n"
        << std::setprecision(3);
}

nlohmann::json layersJson(const Measured& measured)
{
    nlohmann::json layers = nlohmann::json::array();
    for (const engine::analysis::LayerLatency& layer : measured.latency.layers)
        layers.push_back({{"name", layer.name}, {"op", layer.op}, {"mean_ms", layer.meanMs}});
    return layers;
}

/// The `count` layers that took longest, with their share of the profiled forward.
void printSlowestLayers(std::ostream& out, const Measured& measured, int count)
{
    std::vector<engine::analysis::LayerLatency> layers = measured.latency.layers;
    double total = 0;
    for (const auto& layer : layers)
        total += layer.meanMs;
    std::sort(layers.begin(), layers.end(), [](const auto& a, const auto& b) { return a.meanMs > b.meanMs; });
    layers.resize(std::min(layers.size(), static_cast<std::size_t>(count)));
    out << "slowest layers of " << measured.name << " (mean of " << kLayerRuns << " profiled forwards, "
        << std::setprecision(3) << total << " ms in all):\n";
    for (const auto& layer : layers) {
        out << "  " << std::left << std::setw(32) << layer.name << std::setw(18) << layer.op << std::right
            << std::setprecision(4) << layer.meanMs << " ms  " << std::setprecision(1)
            << (total > 0 ? 100 * layer.meanMs / total : 0) << " %\n";
    }
    out << std::setprecision(3);
}

int runBench(const BenchOptions& options, const Context& context)
{
    const engine::Model model = openModel(options.model);
    std::optional<engine::Model> baseline;
    if (!options.baseline.empty()) {
        ModelReference reference = options.model;
        reference.reference = options.baseline;
        baseline = openModel(reference, model.inputShape());
    }
    // The baseline first: what is compared with it is then measured on a machine as warm.
    std::optional<Measured> base;
    if (baseline)
        base = measure(*baseline, options, context);
    const Measured measured = measure(model, options, context);

    const double macSpeedup = base && measured.macs > 0 ? static_cast<double>(base->macs) / static_cast<double>(measured.macs) : 0;
    const double speedup = base && measured.latency.medianMs > 0 ? base->latency.medianMs / measured.latency.medianMs : 0;
    std::ostream& out = context.out;
    if (options.json) {
        nlohmann::json report = toJson(measured);
        report["batch"] = options.batch;
        report["threads"] = measured.latency.threads;
        report["folded"] = measured.latency.folded;
        report["channels_last"] = measured.latency.channelsLast;
        if (options.layers > 0)
            report["layers"] = layersJson(measured);
        if (base) {
            report["baseline"] = toJson(*base);
            report["mac_speedup"] = macSpeedup;
            report["measured_speedup"] = speedup;
            report["measured_per_mac_speedup"] = macSpeedup > 0 ? speedup / macSpeedup : 0;
        }
        out << report.dump(2) << '\n';
        return kExitOk;
    }
    out << std::fixed << std::setprecision(3) << "batch " << options.batch << ", " << measured.latency.threads
        << " threads, " << (measured.latency.folded ? "BatchNorm folded" : "as trained") << ", "
        << (measured.latency.channelsLast ? "channels-last" : "NCHW") << "\n";
    if (base)
        printText(out, *base);
    printText(out, measured);
    if (base) {
        out << std::setprecision(2) << "speed-up: " << speedup << "x measured, " << macSpeedup << "x by MACs (ratio "
            << (macSpeedup > 0 ? speedup / macSpeedup : 0) << ")\n";
    }
    if (options.layers > 0)
        printSlowestLayers(out, measured, options.layers);
    return kExitOk;
}

} // namespace

Command addBenchCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "bench", "Measures inference latency (median, p90, images/s) after a warm-up; with --baseline, the "
                 "measured speed-up beside the MACs one.");
    command->footer("Inputs are random; the model runs as evaluation and export run it: BatchNorm folded into the "
                    "convolutions, channels-last, InferenceMode. Set --threads as the device will have them. "
                    "Close other programs: a busy machine slows every run.");
    auto options = std::make_shared<BenchOptions>();
    addModelOptions(*command, options->model, InputOption::AliasOfShape);
    command->add_option("--baseline", options->baseline, "a model to measure the same way first (zoo name or file)")
        ->type_name("MODEL");
    command->add_option("--batch", options->batch, "images per forward (default 1)")
        ->check(CLI::Range(std::int64_t{1}, kMaxBatch))
        ->type_name("N");
    command->add_option("--runs", options->runs, "timed forwards (default 50)")->check(CLI::Range(1, 100000))->type_name("N");
    command->add_option("--warmup", options->warmUp, "untimed forwards first (default 5)")
        ->check(CLI::Range(0, 10000))
        ->type_name("N");
    command->add_option("--max-seconds", options->maxSeconds, "stop timing after this long (at least 3 runs)")
        ->check(CLI::Range(0.0, 86400.0))
        ->type_name("S");
    command->add_flag("--no-fold", options->noFold, "run the model as trained, BatchNorm unfolded");
    command->add_flag("--nchw", options->nchw, "keep NCHW tensors instead of channels-last");
    command->add_option("--layers", options->layers,
                        "also time every layer and list the N slowest (with --json, every layer's \"mean_ms\")")
        ->check(CLI::Range(1, 100000))
        ->type_name("N");
    command->add_flag("--json", options->json,
                      "the result as JSON: {\"median_ms\", \"p90_ms\", \"images_per_s\", \"macs\", ...}; with "
                      "--baseline also \"baseline\", \"mac_speedup\", \"measured_speedup\"");
    return {command, [options](const Context& context) { return runBench(*options, context); }};
}

} // namespace slim::app::cli
