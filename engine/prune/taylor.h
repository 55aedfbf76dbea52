#pragma once

// The first-order Taylor criterion: scores from gradients on a few batches of data.

#include "core/job.h"
#include "prune/importance.h"

#include <cstdint>

namespace slim::engine::data { class DataLoader; }

namespace slim::engine::prune {

/// Criterion::Taylor's scores for the groups of `graph`: on each of `batches` batches of
/// `loader` (fewer when its epoch ends first), the cross-entropy's gradient in inference mode
/// (BatchNorm on its running statistics, as the model is evaluated and deployed), then per
/// group index and parameter member |Σ w·∂L/∂w| over the index's slice, averaged over the
/// batches (see Criterion::Taylor).
/// `graph` is not changed (the gradients are taken on a copy). Reports progress; cancel
/// throws JobCancelled. Throws Error(InvalidArgument) for batches < 1 or a loader without data.
Importance computeTaylorImportance(const graph::Graph& graph, const passes::DependencyGroups& groups,
                                   data::DataLoader& loader, std::int64_t batches, const JobContext& context = {});

} // namespace slim::engine::prune
