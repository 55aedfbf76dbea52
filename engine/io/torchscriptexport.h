#pragma once

#include "graph/graph.h"

#include <string>

namespace slim::engine::io {

struct TorchScriptExport {
    std::string bytes;              ///< the archive, loadable by torch.jit.load
    std::string source;             ///< the generated forward(), for the curious and for error reports
    bool reloaded = false;          ///< the archive was loaded back with torch::jit::load and run
    double maxAbsDifference = -1;   ///< its output against the engine's, on a seeded random input
};

/// Writes `graph` as a TorchScript module for inference: every parameter and buffer is
/// registered on a torch::jit::Module under its node's name ("layer1_0_conv1_weight"), and
/// forward() is generated TorchScript source calling the ATen ops (BatchNorm in evaluation
/// mode). The archive is then loaded back and run against the engine's own forward on a batch
/// of 2 to fill `maxAbsDifference`. Throws Error(Unsupported) naming a node that has no
/// TorchScript form here.
TorchScriptExport exportTorchScript(const graph::Graph& graph);

} // namespace slim::engine::io
