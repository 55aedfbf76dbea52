#pragma once

#include "graph/graph.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace slim::engine::io {

/// The newest `.slim` checkpoint format version this build reads and writes. Version 2 added
/// uint8 tensors (weight masks); a file without any is still written as version 1, so older
/// builds keep reading every model that does not need the newer format.
constexpr std::uint32_t kSlimFormatVersion = 2;

/// What a training checkpoint carries besides the model: counters and optimizer buffers.
struct TrainingState {
    std::map<std::string, std::string> values;
    std::vector<graph::NamedTensor> tensors;
};

/// Saves a graph with every tensor, atomically (temp file + rename).
///
/// Layout, all integers little-endian:
///   0   8 bytes  magic "SLIMBNCH"
///   8   u32      format version (1, or 2 when a tensor is uint8)
///   12  u32      flags (0)
///   16  u64      header length H
///   24  u64      data length D
///   32  H bytes  header: UTF-8 JSON with the graph (values, nodes, attributes) and a tensor table
///   32+H D bytes tensor data, each tensor 64-byte aligned, raw in its dtype
///   end u32      CRC-32 of everything before it
/// Throws Error(FileWriteFailed) naming the path; the old file is kept on failure.
void saveSlim(const graph::Graph& graph, const std::string& path, const TrainingState* state = nullptr);

/// Loads a checkpoint bit-identically. Empty, truncated, corrupt, foreign and newer-version
/// files throw Error with the matching code and the path; nothing is half-loaded.
/// When `state` is given it receives the file's training state (empty if it has none).
graph::Graph loadSlim(const std::string& path, TrainingState* state = nullptr);

/// Loads a checkpoint held in memory (a bundled resource); `name` stands for the path in errors.
graph::Graph loadSlimBytes(const std::string& bytes, const std::string& name, TrainingState* state = nullptr);

} // namespace slim::engine::io
