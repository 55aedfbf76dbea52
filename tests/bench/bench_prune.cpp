// Structural pruning speed, beside Torch-Pruning 1.6 (PERF_NOTES.md "Pruning and latency").
//
//   build/release/tests/bench/bench_prune [--runs 9] [--previews 40] [--threads N] [--only resnet56]
//
// For each model: the one-shot job "find the dependency groups, score them with L2, remove half
// of every group's channels" (Torch-Pruning builds its DepGraph and prunes ResNet-56 to half
// width in 130 ms with L2 on this kind of machine), broken into its phases, then the GUI's
// preview: one settings change (a ratio, a global ratio, a MACs budget) on a session whose
// scores are cached. Medians of `--runs` runs; previews are medians over `--previews` changes.
#include "core/runtime.h"
#include "graph/graphbuilder.h"
#include "io/zoo.h"
#include "passes/channelremoval.h"
#include "prune/pruningsession.h"
#include "resnet50.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace slim::engine;
using Clock = std::chrono::steady_clock;

double elapsedMs(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

struct Figures {
    double groups = 0, scores = 0, select = 0, removal = 0, total = 0;
    double previewRatio = 0, previewGlobal = 0, previewBudget = 0;
};

Figures measure(const graph::Graph& graph, int runs, int previews)
{
    const auto shared = std::make_shared<const graph::Graph>(graph.clone());
    prune::PruneSettings half;
    half.importance.criterion = prune::Criterion::L2;
    half.selection.ratio = 0.5;

    std::vector<double> groups, scores, select, removal, total;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        const passes::DependencyGroups found = passes::findDependencyGroups(*shared);
        groups.push_back(elapsedMs(start));
        auto phase = Clock::now();
        const prune::Importance importance = prune::computeImportance(*shared, found, half.importance);
        scores.push_back(elapsedMs(phase));
        phase = Clock::now();
        const prune::ChannelCostModel cost(*shared, found);
        const prune::Selection selection =
            prune::selectChannels(found, prune::reduceImportance(importance, half.reduction), cost, half.selection);
        select.push_back(elapsedMs(phase));
        phase = Clock::now();
        const graph::Graph pruned = passes::removeChannels(*shared, found, selection.removed);
        removal.push_back(elapsedMs(phase));
        total.push_back(elapsedMs(start));
    }

    prune::PruningSession session(shared);
    session.importance(half.importance);
    std::vector<double> byRatio, byGlobal, byBudget;
    for (int i = 0; i < previews; ++i) {
        const double fraction = 0.05 + 0.9 * i / std::max(1, previews - 1);
        prune::PruneSettings settings = half;
        settings.selection.ratio = fraction;
        auto start = Clock::now();
        session.preview(settings);
        byRatio.push_back(elapsedMs(start));
        settings.selection.mode = prune::SelectionMode::GlobalRatio;
        start = Clock::now();
        session.preview(settings);
        byGlobal.push_back(elapsedMs(start));
        settings.selection.mode = prune::SelectionMode::MacsBudget;
        settings.selection.budget = 1 - 0.9 * fraction;
        start = Clock::now();
        session.preview(settings);
        byBudget.push_back(elapsedMs(start));
    }
    return {median(groups), median(scores), median(select), median(removal), median(total),
            median(byRatio), median(byGlobal), median(byBudget)};
}

} // namespace

int main(int argc, char** argv)
{
    int runs = 9;
    int previews = 40;
    int threads = 0;
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--previews"))
            previews = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--only"))
            only = argv[i + 1];
    }
    setThreadCount(threads);
    std::printf("threads %d, medians of %d runs; previews: medians of %d changes\n", threadCount(), runs, previews);
    std::printf("%-22s %8s %8s %8s %8s %9s | %9s %9s %9s\n", "model (L2, half width)", "groups", "scores", "select",
                "remove", "total ms", "preview", "global", "budget");

    const std::vector<std::pair<std::string, std::function<graph::Graph()>>> models{
        {"resnet56 3x32x32", [] { return io::buildZooModel({"resnet56", 3, 32, 32, 10, 0}); }},
        {"resnet18 3x224x224", [] { return io::buildZooModel(zooDefaults("resnet18")); }},
        {"resnet50 3x224x224", slim::bench::resnet50},
        {"mobilenetv2 3x224x224", [] { return io::buildZooModel(zooDefaults("mobilenetv2")); }},
    };
    for (const auto& [name, build] : models) {
        if (!only.empty() && name.find(only) == std::string::npos)
            continue;
        const Figures f = measure(build(), runs, previews);
        std::printf("%-22s %8.2f %8.2f %8.2f %8.2f %9.2f | %9.3f %9.3f %9.3f\n", name.c_str(), f.groups, f.scores,
                    f.select, f.removal, f.total, f.previewRatio, f.previewGlobal, f.previewBudget);
    }
    std::printf("reference: Torch-Pruning 1.6, ResNet-56 to half width: 130 ms (L2), 227 ms (BN scale); "
                "targets: total <= 13 ms, preview <= 5 ms\n");
    return 0;
}
