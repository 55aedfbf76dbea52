#pragma once

// BatchNorm recalibration: fresh running statistics for a model whose layers changed under
// them (after pruning, most of the accuracy lost is stale statistics, not lost filters).

#include "core/job.h"

#include <cstdint>

namespace slim::engine::graph { class Graph; }
namespace slim::engine::data { class DataLoader; }

namespace slim::engine::train {

/// Re-estimates the running mean and variance of every BatchNorm of `graph` from `batches`
/// batches of `loader` (fewer when its epoch ends first), each batch weighted equally (a
/// cumulative average, as PyTorch's momentum=None). No parameter changes; the statistics
/// get new tensors, so graphs sharing the old ones are left as they were. Dropout is active
/// during the passes, as in training. Returns the batches used (0 when the graph has no
/// BatchNorm: nothing to do). Reports progress; cancel throws JobCancelled, after which the
/// statistics are partial. Throws Error(InvalidArgument) for batches < 1 or a loader without data.
std::int64_t recalibrateBatchNorm(graph::Graph& graph, data::DataLoader& loader, std::int64_t batches,
                                  const JobContext& context = {});

} // namespace slim::engine::train
