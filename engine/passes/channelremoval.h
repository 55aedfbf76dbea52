#pragma once

#include "graph/graph.h"
#include "passes/dependencygroups.h"

#include <cstdint>
#include <vector>

namespace slim::engine::passes {

/// Group indices to remove: one ascending list per group of a DependencyGroups (empty keeps
/// the group whole).
using ChannelRemoval = std::vector<std::vector<std::int64_t>>;

/// Structural pruning: a new graph with the chosen group indices physically removed. Every
/// member tensor is sliced along its axis, and a weight's mask ("weight_mask", prune/masks.h)
/// exactly as the weight; Slice ranges, channel-shuffle and Flatten-like Reshape shapes and
/// depthwise `groups` follow; shapes are re-inferred and the result is validated. All
/// tensors are new (nothing is shared with `graph`, so the result can be trained freely);
/// parameters keep their requires_grad. When anything was removed, the metadata entry
/// "pruning" says "structural".
///
/// Throws Error(InvalidArgument) when `groups` were not found in this graph, a list is
/// unsorted or out of range, a blocked group would lose channels (naming it and why) or a
/// group would lose all of them. Pure; any thread.
graph::Graph removeChannels(const graph::Graph& graph, const DependencyGroups& groups, const ChannelRemoval& removed);

} // namespace slim::engine::passes
