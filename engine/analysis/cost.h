#pragma once

#include "graph/graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::analysis {

/// The cost of one node for one sample. MACs count the multiply-accumulates of Conv2d and
/// Linear only (BN, activations and pooling count 0), the convention of REFERENCE.md and of
/// most papers; FLOPs are usually quoted as 2 × MACs.
///
/// The non-zero counts are what a sparse kernel would do with a masked (or otherwise sparse)
/// model: a conv, ConvTranspose or Linear weight counts only its non-zero entries, each doing
/// as many MACs as every entry does densely (one per output position of a conv); biases and
/// every other parameter count in full. A dense model's non-zero counts equal its dense ones
/// unless some weights are exactly zero.
struct NodeCost {
    std::string name;
    graph::OpKind op = graph::OpKind::Identity;
    graph::Shape outputShape;
    std::int64_t params = 0;           ///< learnable elements (buffers excluded)
    std::int64_t macs = 0;
    std::int64_t nonzeroParams = 0;    ///< params less the zero entries of a conv/Linear weight
    std::int64_t nonzeroMacs = 0;      ///< macs of the non-zero weight entries only
    std::int64_t weightEntries = 0;    ///< entries of a conv/Linear weight; 0 for other nodes
    std::int64_t weightZeros = 0;      ///< of them, the ones exactly zero
    std::int64_t activationBytes = 0;  ///< bytes of the node's output
};

struct CostReport {
    std::vector<NodeCost> nodes;       ///< in topological order
    std::int64_t params = 0;
    std::int64_t macs = 0;
    std::int64_t nonzeroParams = 0;
    std::int64_t nonzeroMacs = 0;
    std::int64_t activationBytes = 0;      ///< sum of every node output
    std::int64_t peakActivationBytes = 0;  ///< most bytes alive at once in an inference pass
};

/// Cost of every node of a graph with inferred shapes. Pure function; any thread.
CostReport analyzeCost(const graph::Graph& graph);

} // namespace slim::engine::analysis
