#pragma once

#include "graph/graph.h"
#include "io/zoospec.h"

namespace slim::engine::io {

/// Builds a zoo model as a validated graph, initialised like PyTorch's defaults.
/// Throws Error(UnknownModel) or Error(InvalidArgument) for an impossible input or class count.
graph::Graph buildZooModel(const ZooSpec& spec);

} // namespace slim::engine::io
