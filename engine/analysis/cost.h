#pragma once

#include "graph/graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::analysis {

/// The cost of one node for one sample. MACs count the multiply-accumulates of Conv2d and
/// Linear only (BN, activations and pooling count 0), the convention of REFERENCE.md and of
/// most papers; FLOPs are usually quoted as 2 × MACs.
struct NodeCost {
    std::string name;
    graph::OpKind op = graph::OpKind::Identity;
    graph::Shape outputShape;
    std::int64_t params = 0;           ///< learnable elements (buffers excluded)
    std::int64_t macs = 0;
    std::int64_t activationBytes = 0;  ///< bytes of the node's output
};

struct CostReport {
    std::vector<NodeCost> nodes;       ///< in topological order
    std::int64_t params = 0;
    std::int64_t macs = 0;
    std::int64_t activationBytes = 0;      ///< sum of every node output
    std::int64_t peakActivationBytes = 0;  ///< most bytes alive at once in an inference pass
};

/// Cost of every node of a graph with inferred shapes. Pure function; any thread.
CostReport analyzeCost(const graph::Graph& graph);

} // namespace slim::engine::analysis
