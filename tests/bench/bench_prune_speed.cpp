// Measured evaluation speed-up against MAC reduction of structurally pruned ResNet-56.
//
//   build/release/tests/bench/bench_prune_speed [--runs 40] [--max-seconds 150] [--threads N] [--json] [--explore]
//
// ResNet-56 (CIFAR, 3×32×32, 10 classes) pruned with L1 scores, uniform ratio 0.3, 0.5 and 0.7,
// kept widths rounded to multiples of 1, 8 and 16. Each model is timed the way the engine runs
// it: batch 64 as train::evaluate() (a copy with channels-last weights, setChannelsLast(true),
// InferenceMode) and batch 1 as Model::infer() (the graph's own weights, a contiguous input, the
// executor's direct oneDNN convolutions, InferenceMode; the executor is built once, where
// infer() builds one per call). Every run times every model once, starting from a different
// model each run so slow spells of the machine hit all alike; figures are the median and p90
// over runs (fewer runs when --max-seconds is up, at least 5). The goal (pruning-engine
// issue): measured speed-up ÷ MAC speed-up ≥ 0.8. --explore adds paths the engine does not
// take (batch 64 in NCHW, batch 1 through ATen's own choice of convolution, batch 1
// channels-last) to show which lever matters.
//
// On a shared two-core machine, another busy process makes each parallel op wait for a time
// slice (several ms; one run took 10 s instead of 1 s), so the bench reports how much CPU other
// processes took while it ran. Trust only runs that report a few per cent.
//
// What it showed (2 threads, AVX-512 EPYC, LibTorch 1.13.1; `--explore --runs 20`, 0 % of the
// CPUs taken by others; measured ÷ MAC speed-up, BatchNorm folded as evaluate() and infer()
// now run it / the training form unfolded):
//
//   ratio round widths    MAC x | batch 64       | batch 1
//   dense   -   16/32/64   1.00 | 65.7 / 69.8 ms | 5.33 / 5.99 ms
//   0.3     1   12/23/45   1.90 | 0.72 / 0.73    | 0.57 / 0.58
//   0.3     8   16/24/48   1.40 | 0.84 / 0.79    | 0.73 / 0.71
//   0.3    16   16/32/48   1.17 | 0.98 / 0.91    | 0.89 / 0.88
//   0.5   1, 8  8/16/32    3.99 | 0.61 / 0.59    | 0.33 / 0.32
//   0.5    16   16/16/32   1.97 | 0.74 / 0.77    | 0.60 / 0.58
//   0.7     1   5/10/20   10.16 | 0.30 / 0.32    | 0.15 / 0.15
//   0.7     8   8/16/24    4.64 | 0.52 / 0.51    | 0.29 / 0.28
//   0.7    16   16/16/32   1.97 | 0.77 / 0.79    | 0.58 / 0.59
//
// - Folding BatchNorm into the convolutions (passes::foldForInference) made the dense model
//   6 % faster at batch 64 and 11 % at batch 1, and every pruned one about as much: it moves
//   all rows alike, so the ratios barely change.
// - Earlier runs without folding (two runs, 1 % of the CPUs taken by others) gave the same
//   picture: 0.3/16 0.91–0.93 at batch 64 and 0.88 at batch 1, the narrow rows 0.13–0.69.
// - BatchNorm was the first lever: ATen's channels-last kernel is slow at widths that are not
//   multiples of 8 (30× NCHW's time at 5 channels, 13× at 12), and the 0.3 model evaluated no
//   faster than the dense one. The executor now runs inference BatchNorm on NHWC maps itself
//   (batch 64: 0.3 r1 0.52 → 0.68–0.71, 0.7 r1 0.16 → 0.28–0.30; dense unchanged).
// - Then the convolutions set the limit: oneDNN's AVX-512 kernels compute 16 output channels
//   per vector, so NHWC 3×3 convolutions at batch 64 ran at 165–210 GMAC/s with 16 to 64
//   channels, 120 with 12, 75 with 8 and 42 with 5. No row with a stage narrower than 16
//   channels reached 0.8 (0.28–0.69); round_to 16, and round_to 8 where it gives 16/24/48,
//   came to 0.77–0.93, at the price of fewer MACs removed (0.5 and 0.7 with round_to 16 give
//   the same 16/16/32 model).
// - Batch 1 costs per op, not per MAC: a direct oneDNN convolution took 25–55 µs at 0.23 MMAC
//   (5 to 20 channels) against 50–70 µs at 2.4 MMAC (dense), so 10× fewer MACs gave
//   1.35–1.43×. Channels-last at batch 1 made every model 27–33 % faster (explore: dense 3.86
//   against 5.27 ms) without changing the ratios; ATen's own choice (im2col + OpenBLAS) took
//   46 ms dense and beat oneDNN only on convolutions below ~0.25 MMAC.
// - NCHW at batch 64 gives higher ratios only because its dense baseline is slower (88 against
//   52 ms); every model is faster channels-last. One thread instead of two (a run with others
//   busy) gave similar batch-64 ratios and better batch-1 ones (0.7 r1: 3.0 against 3.8 ms,
//   the pruned nets' small ops gain nothing from a second thread).
// - Pruned parameters come out of removeChannels() contiguous (index_select), and evaluate()
//   copies them to channels-last anyway: their layout is not a lever.
#include "analysis/cost.h"
#include "core/runtime.h"
#include "graph/executor.h"
#include "io/zoo.h"
#include "passes/folding.h"
#include "prune/pruningsession.h"

#include <ATen/ATen.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace slim::engine;
using Clock = std::chrono::steady_clock;

/// Forwards averaged into one batch-1 sample: one ResNet-56 batch-1 pass takes a few ms, near
/// the scheduler's time slice, so a single pass is mostly noise.
constexpr int kBatch1PassesPerSample = 10;
/// Untimed passes per model and path before the runs: first-touch allocations and oneDNN's
/// primitive cache (two were enough for the median to stop moving here).
constexpr int kWarmUpPasses = 2;
/// Above this share of the CPUs taken by other processes the figures are not trustworthy: one
/// compile job alongside is 50 % of two CPUs, and 5 % leaves room for daemons and short commands.
constexpr double kNoisyOthersShare = 0.05;
/// Runs always taken, whatever --max-seconds says: fewer give no p90 worth the name.
constexpr int kMinRuns = 5;

enum class PathKind {
    EvalBatch64,         ///< train::evaluate(): the folded graph, channels-last weights and inputs
    InferBatch1,         ///< Model::infer(): the folded graph, direct oneDNN convolutions
    NchwBatch64,         ///< explore: batch 64 without channels-last
    AtenBatch1,          ///< explore: batch 1 through at::conv2d (ATen picks the kernel)
    ChannelsLastBatch1,  ///< explore: batch 1, channels-last weights and input, direct oneDNN
    UnfoldedBatch64,     ///< explore: as EvalBatch64 without BatchNorm folding
    UnfoldedBatch1,      ///< explore: as InferBatch1 without BatchNorm folding
};

const char* pathName(PathKind kind)
{
    switch (kind) {
    case PathKind::EvalBatch64: return "batch 64, eval (NHWC)";
    case PathKind::InferBatch1: return "batch 1, infer (oneDNN)";
    case PathKind::NchwBatch64: return "batch 64, NCHW";
    case PathKind::AtenBatch1: return "batch 1, ATen conv";
    case PathKind::ChannelsLastBatch1: return "batch 1, NHWC oneDNN";
    case PathKind::UnfoldedBatch64: return "batch 64, eval, BN unfolded";
    case PathKind::UnfoldedBatch1: return "batch 1, infer, BN unfolded";
    }
    return "";
}

const char* pathKey(PathKind kind)
{
    switch (kind) {
    case PathKind::EvalBatch64: return "b64_eval_nhwc";
    case PathKind::InferBatch1: return "b1_infer_onednn";
    case PathKind::NchwBatch64: return "b64_nchw";
    case PathKind::AtenBatch1: return "b1_aten_conv";
    case PathKind::ChannelsLastBatch1: return "b1_nhwc_onednn";
    case PathKind::UnfoldedBatch64: return "b64_eval_unfolded";
    case PathKind::UnfoldedBatch1: return "b1_infer_unfolded";
    }
    return "";
}

struct Stats {
    double medianMs = 0;
    double p90Ms = 0;
};

Stats summarise(std::vector<double> samplesMs)
{
    if (samplesMs.empty())
        return {};
    std::sort(samplesMs.begin(), samplesMs.end());
    const auto quantile = [&](double q) {
        const auto index = static_cast<std::size_t>(q * static_cast<double>(samplesMs.size() - 1) + 0.5);
        return samplesMs[std::min(samplesMs.size() - 1, index)];
    };
    return {quantile(0.5), quantile(0.9)};
}

/// One way of running one model: its own graph, executor and input, and the samples taken.
struct TimedPath {
    PathKind kind = PathKind::EvalBatch64;
    graph::Graph graph;
    std::unique_ptr<graph::Executor> executor;
    at::Tensor input;
    int passesPerSample = 1;
    std::vector<double> samplesMs;

    double timeOnce() const
    {
        const auto start = Clock::now();
        for (int i = 0; i < passesPerSample; ++i)
            executor->forward(input);
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count() / passesPerSample;
    }
};

std::unique_ptr<TimedPath> makePath(const graph::Graph& model, PathKind kind)
{
    auto path = std::make_unique<TimedPath>();
    path->kind = kind;
    // Exactly what evaluate() and infer() do: the folded inference form (shares the tensors
    // folding did not change until they are replaced below); explore's unfolded paths run the
    // training form as it is.
    path->graph = kind == PathKind::UnfoldedBatch64 || kind == PathKind::UnfoldedBatch1 ? model : passes::foldForInference(model);
    const bool channelsLast = kind == PathKind::EvalBatch64 || kind == PathKind::ChannelsLastBatch1
                              || kind == PathKind::UnfoldedBatch64;
    if (channelsLast)
        passes::useChannelsLastCopies(path->graph); // exactly what evaluate() does
    path->executor = std::make_unique<graph::Executor>(path->graph);
    path->executor->setChannelsLast(channelsLast);
    path->executor->setDirectOneDnn(kind != PathKind::AtenBatch1);
    const bool batch64 = kind == PathKind::EvalBatch64 || kind == PathKind::NchwBatch64 || kind == PathKind::UnfoldedBatch64;
    path->input = at::randn({batch64 ? 64 : 1, 3, 32, 32});
    path->passesPerSample = batch64 ? 1 : kBatch1PassesPerSample;
    return path;
}

struct Variant {
    double ratio = 0;  ///< 0: the dense model
    int roundTo = 1;
    std::string widths;  ///< residual width of each stage, "16/32/64"
    std::int64_t macs = 0;
    std::vector<std::unique_ptr<TimedPath>> paths;
};

std::string stageWidths(const graph::Graph& model)
{
    std::string widths;
    for (const char* conv : {"layer1.0.conv2", "layer2.0.conv2", "layer3.0.conv2"}) {
        const graph::Node* node = model.findNode(conv);
        if (!widths.empty())
            widths.push_back('/');
        widths.append(node ? std::to_string(node->tensor("weight").size(0)) : "?");
    }
    return widths;
}

/// Whether every parameter of the graph is densely packed in NCHW order.
bool parametersContiguous(const graph::Graph& model)
{
    for (const graph::Node& node : model.nodes()) {
        for (const graph::NamedTensor& named : node.params) {
            if (named.tensor.defined() && !named.tensor.is_contiguous())
                return false;
        }
    }
    return true;
}

/// CPU seconds used by the whole machine (all processes, all CPUs) and by this process.
struct CpuClock {
    double machineBusyS = 0;
    double ownS = 0;
    bool known = false;

    static CpuClock now()
    {
        CpuClock clock;
        std::ifstream stat("/proc/stat");
        std::string cpu;
        long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
        if (stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal && cpu == "cpu") {
            const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
            clock.machineBusyS = static_cast<double>(user + nice + system + irq + softirq + steal) / tick;
            clock.known = true;
        }
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        clock.ownS = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                     + 1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
        return clock;
    }
};

/// The share of all CPUs that other processes used between `start` and `end`, or -1.
double othersShare(const CpuClock& start, const CpuClock& end, double wallS)
{
    if (!start.known || !end.known || wallS <= 0)
        return -1;
    const double others = (end.machineBusyS - start.machineBusyS) - (end.ownS - start.ownS);
    const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
    return std::max(0.0, others / (wallS * cpus));
}

void printTable(const std::vector<Variant>& variants, const std::vector<std::size_t>& pathIndices)
{
    const Variant& dense = variants.front();
    std::printf("\n%-6s %-5s %-9s %7s %6s", "", "round", "stage", "", "MAC");
    for (const std::size_t p : pathIndices)
        std::printf(" | %-33s", pathName(dense.paths[p]->kind));
    std::printf("\n%-6s %-5s %-9s %7s %6s", "ratio", "to", "widths", "MMACs", "spd-up");
    for (std::size_t k = 0; k < pathIndices.size(); ++k)
        std::printf(" | %7s %7s %7s %9s", "med ms", "p90 ms", "spd-up", "meas/MAC");
    std::printf("\n");
    for (const Variant& variant : variants) {
        const double macSpeedup = static_cast<double>(dense.macs) / static_cast<double>(variant.macs);
        if (variant.ratio == 0)
            std::printf("%-6s %-5s", "dense", "-");
        else
            std::printf("%-6.2f %-5d", variant.ratio, variant.roundTo);
        std::printf(" %-9s %7.2f %6.2f", variant.widths.c_str(), static_cast<double>(variant.macs) / 1e6, macSpeedup);
        for (const std::size_t p : pathIndices) {
            const Stats stats = summarise(variant.paths[p]->samplesMs);
            const double measured = summarise(dense.paths[p]->samplesMs).medianMs / stats.medianMs;
            std::printf(" | %7.2f %7.2f %7.2f %9.2f", stats.medianMs, stats.p90Ms, measured, measured / macSpeedup);
        }
        std::printf("\n");
    }
}

} // namespace

int main(int argc, char** argv)
{
    int runs = 40;            // ~45 s when quiet; twice the 20 whose medians repeated within 2–8 %
    double maxSeconds = 150;  // with a busy neighbour one run took 10 s here (see the header)
    int threads = 0;
    bool json = false;
    bool explore = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--max-seconds") && i + 1 < argc)
            maxSeconds = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--json"))
            json = true;
        else if (!std::strcmp(argv[i], "--explore"))
            explore = true;
        else {
            std::fprintf(stderr, "usage: %s [--runs N] [--max-seconds S] [--threads N] [--json] [--explore]\n", argv[0]);
            return 2;
        }
    }
    setThreadCount(threads);
    ensureRuntimeInitialised();

    std::vector<PathKind> kinds{PathKind::EvalBatch64, PathKind::InferBatch1};
    if (explore)
        kinds.insert(kinds.end(), {PathKind::NchwBatch64, PathKind::AtenBatch1, PathKind::ChannelsLastBatch1,
                                   PathKind::UnfoldedBatch64, PathKind::UnfoldedBatch1});

    const auto dense = std::make_shared<const graph::Graph>(io::buildZooModel({"resnet56", 3, 32, 32, 10, 0}));
    prune::PruningSession session(dense);
    std::vector<std::pair<double, int>> settings{{0, 1}};
    for (const double ratio : {0.3, 0.5, 0.7}) {
        for (const int roundTo : {1, 8, 16})
            settings.emplace_back(ratio, roundTo);
    }
    std::vector<Variant> variants;
    bool allContiguous = true;
    for (const auto& [ratio, roundTo] : settings) {
        Variant variant;
        variant.ratio = ratio;
        variant.roundTo = roundTo;
        graph::Graph model = *dense;
        if (ratio > 0) {
            prune::PruneSettings prune;
            prune.importance.criterion = prune::Criterion::L1;
            prune.selection.mode = prune::SelectionMode::UniformRatio;
            prune.selection.ratio = ratio;
            prune.selection.roundTo = roundTo;
            model = session.prune(prune);
            allContiguous = allContiguous && parametersContiguous(model);
        }
        variant.widths = stageWidths(model);
        variant.macs = analysis::analyzeCost(model).macs;
        for (const PathKind kind : kinds)
            variant.paths.push_back(makePath(model, kind));
        variants.push_back(std::move(variant));
    }

    if (!json) {
        std::printf("ResNet-56 3x32x32, L1 uniform pruning; %d threads; %d runs or %.0f s (batch 1: mean of %d passes "
                    "per run); pruned parameters %s\n",
                    threadCount(), runs, maxSeconds, kBatch1PassesPerSample, allContiguous ? "contiguous" : "NOT all contiguous");
        std::fflush(stdout);
    }

    const CpuClock cpuStart = CpuClock::now();
    int runsTaken = 0;
    const auto started = Clock::now();
    {
        at::InferenceMode inference;
        for (Variant& variant : variants) {
            for (auto& path : variant.paths) {
                for (int i = 0; i < kWarmUpPasses; ++i)
                    path->timeOnce();
            }
        }
        for (int run = 0; run < runs; ++run) {
            if (run >= kMinRuns && std::chrono::duration<double>(Clock::now() - started).count() > maxSeconds)
                break;
            ++runsTaken;
            for (std::size_t k = 0; k < variants.size(); ++k) {
                Variant& variant = variants[(k + static_cast<std::size_t>(run)) % variants.size()];
                for (auto& path : variant.paths)
                    path->samplesMs.push_back(path->timeOnce());
            }
        }
    }
    const double elapsedS = std::chrono::duration<double>(Clock::now() - started).count();
    const double others = othersShare(cpuStart, CpuClock::now(), elapsedS);

    const Variant& base = variants.front();
    if (json) {
        std::printf("{\"model\": \"resnet56\", \"threads\": %d, \"runs\": %d, \"batch1_passes_per_run\": %d, "
                    "\"pruned_parameters_contiguous\": %s, \"seconds\": %.1f, \"others_cpu_share\": %.3f, \"rows\": [\n",
                    threadCount(), runsTaken, kBatch1PassesPerSample, allContiguous ? "true" : "false", elapsedS, others);
        for (std::size_t v = 0; v < variants.size(); ++v) {
            const Variant& variant = variants[v];
            const double macSpeedup = static_cast<double>(base.macs) / static_cast<double>(variant.macs);
            std::printf("  {\"ratio\": %.2f, \"round_to\": %d, \"widths\": \"%s\", \"macs\": %lld, \"mac_speedup\": %.4f",
                        variant.ratio, variant.roundTo, variant.widths.c_str(), static_cast<long long>(variant.macs),
                        macSpeedup);
            for (std::size_t p = 0; p < variant.paths.size(); ++p) {
                const Stats stats = summarise(variant.paths[p]->samplesMs);
                const double measured = summarise(base.paths[p]->samplesMs).medianMs / stats.medianMs;
                std::printf(", \"%s\": {\"median_ms\": %.4f, \"p90_ms\": %.4f, \"speedup\": %.4f, \"speedup_per_mac_speedup\": %.4f}",
                            pathKey(variant.paths[p]->kind), stats.medianMs, stats.p90Ms, measured, measured / macSpeedup);
            }
            std::printf("}%s\n", v + 1 < variants.size() ? "," : "");
        }
        std::printf("]}\n");
        return 0;
    }

    for (std::size_t p = 0; p < base.paths.size(); ++p) {
        const Stats stats = summarise(base.paths[p]->samplesMs);
        std::printf("dense baseline, %-24s median %8.3f ms, p90 %8.3f ms\n", pathName(base.paths[p]->kind),
                    stats.medianMs, stats.p90Ms);
    }
    printTable(variants, {0, 1});
    if (explore)
        printTable(variants, {2, 3, 4});
    if (explore)
        printTable(variants, {5, 6});
    std::printf("\nMAC spd-up = dense MACs / pruned MACs; spd-up = dense median / pruned median on the same path; "
                "meas/MAC = the two divided, goal >= 0.8.\n%d runs in %.0f s; other processes used %.0f %% of the CPUs "
                "meanwhile%s\n",
                runsTaken, elapsedS, 100 * std::max(0.0, others), others > kNoisyOthersShare ? " (noisy: rerun when the machine is quiet)" : "");
    return 0;
}
