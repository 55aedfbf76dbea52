#pragma once

// Measured inference latency: what a model costs in milliseconds on this machine, beside the
// MACs that analysis/cost.h counts. Plain declarations, no LibTorch, so the app can include it.

#include "core/job.h"

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::graph { class Graph; }

namespace slim::engine::analysis {

struct LatencyOptions {
    std::int64_t batch = 1;
    int runs = 50;       ///< timed forwards after the warm-up (at least 1)
    int warmUp = 5;      ///< untimed forwards first: allocations, oneDNN's primitive cache
    /// Stop timing after this long (at least 3 runs are taken); 0: no limit.
    double maxSeconds = 0;
    /// Run the folded inference form (passes::foldForInference), as evaluation and export do.
    bool fold = true;
    /// Channels-last weights and input (oneDNN's fastest layout here, batch 1 and batch 64).
    bool channelsLast = true;
    /// After the timed runs, this many more with every node timed (LatencyReport::layers);
    /// 0: none. Timing each node adds a little to every run, so the totals come from the
    /// untimed runs.
    int layerRuns = 0;
};

/// One node's share of a forward, averaged over the profiled runs.
struct LayerLatency {
    std::string name;    ///< as in the measured graph: a folded BatchNorm's time is its conv's
    std::string op;
    double meanMs = 0;
};

struct LatencyReport {
    std::int64_t batch = 1;
    int runs = 0;              ///< forwards timed
    int threads = 0;           ///< intra-op threads in force
    bool folded = false;
    bool channelsLast = false;
    double medianMs = 0;       ///< per forward of the whole batch
    double p90Ms = 0;
    double minMs = 0;
    double imagesPerSecond = 0; ///< batch ÷ median
    std::vector<double> samplesMs; ///< every timed forward, in order
    std::vector<LayerLatency> layers; ///< every node in graph order, when layerRuns > 0
};

/// Times forwards of `graph` in evaluation mode on random inputs of its input shape, the way
/// the engine runs inference (InferenceMode, the executor's kernel choice). Reports progress
/// per forward and, when cancelled, stops with the runs it has timed (JobCancelled before the
/// first).
/// Throws Error(InvalidArgument) naming "batch" or "runs" when below 1, or "input" for a graph
/// that is not single-input. Any thread; uses the process-wide thread count.
LatencyReport measureLatency(const graph::Graph& graph, const LatencyOptions& options, const JobContext& context = {});

} // namespace slim::engine::analysis
