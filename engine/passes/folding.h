#pragma once

#include "graph/graph.h"

#include <string>
#include <vector>

namespace slim::engine::passes {

/// What foldForInference() did, one readable line per change ("bn1 into conv1").
struct FoldReport {
    std::vector<std::string> foldedBatchNorms;   ///< "bn1 into conv1"
    std::vector<std::string> mergedConvolutions; ///< "conv2 (1×1) into conv1"
    std::vector<std::string> removedNodes;       ///< Identity and Dropout nodes, by name

    std::size_t changes() const { return foldedBatchNorms.size() + mergedConvolutions.size() + removedNodes.size(); }
};

/// The inference form of a graph, equal to it in ExecMode::Eval (to float rounding, ≤ 1e-5 on
/// every zoo model) with fewer nodes:
///  - Identity and Dropout (identity in evaluation) are removed, unless their output is a
///    graph output (the output keeps its name);
///  - a BatchNorm2d whose input comes only from a Conv2d or a ConvTranspose2d with one group is
///    folded into it: W' = W·γ/√(σ² + ε) per output channel and
///    b' = (b − μ)·γ/√(σ² + ε) + β, so the conv's bias and the BatchNorm become one bias;
///  - a 1×1 Conv2d (stride 1, no padding, one group) reading only the output of a Conv2d with
///    one group, no nonlinearity between, is merged into it (W' = W₂·W₁, b' = W₂·b₁ + b₂) when
///    the merged convolution costs no more MACs than the two did.
/// Masked weights are not merged; a folded weight keeps its mask (scaling keeps its zeros). Folded nodes keep the producer's name and write the consumer's output value, so
/// output names and every later node are unchanged.
///
/// Tensors of nodes it does not change are shared with `graph` (new ones replace the folded
/// weights), so clone() the result before training it. The training form stays the source of
/// truth: fold copies for evaluation, measurement and export. Pure; any thread.
/// Throws Error(InvalidGraph) when `graph` does not validate.
graph::Graph foldForInference(const graph::Graph& graph, FoldReport* report = nullptr);

/// Replaces every 4-D tensor of `graph` by a channels-last copy (new tensors, so graphs sharing
/// the old ones, such as the source of foldForInference(), are left alone). For evaluation and
/// measurement copies; training converts in place (graph::convertToChannelsLast()).
void useChannelsLastCopies(graph::Graph& graph);

} // namespace slim::engine::passes
