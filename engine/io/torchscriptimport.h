#pragma once

#include "graph/graph.h"

#include <string>

namespace slim::engine::io {

/// Reads a TorchScript archive (`torch.jit.script(m).save()` or `torch.jit.trace(m, x).save()`,
/// PyTorch 1.13 and newer) into a graph. The module is frozen in evaluation mode and its
/// forward is evaluated symbolically for an input of `inputShape` (C, H, W; TorchScript
/// files carry no shape, so it is required): training flags, `x.size()` arithmetic, lists,
/// and `if`s and loops whose conditions depend only on constants are folded away, and the
/// remaining ATen calls become IR nodes named by their module path ("layer1.0.conv1").
///
/// Throws Error: FileEmpty / FileCorrupt for damaged archives, ForeignFile for a pickled
/// state_dict or module saved with torch.save (the message says how to produce
/// TorchScript), InvalidArgument without an input shape, Unsupported naming the op and its
/// source line for constructs that have no IR equivalent.
graph::Graph importTorchScript(const std::string& bytes, const std::string& path, const std::vector<std::int64_t>& inputShape);

/// Reads a `.pt` file.
graph::Graph loadTorchScript(const std::string& path, const std::vector<std::int64_t>& inputShape);

} // namespace slim::engine::io
