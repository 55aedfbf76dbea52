#pragma once

// Unstructured pruning: magnitude masks. A masked weight keeps its shape; the entries its mask
// zeroes stay exactly zero from then on (training included). The mask of a node's tensor X is
// the buffer "X_mask" (uint8, 1 = kept), the name torch.nn.utils.prune gives it; passes that
// slice X slice X_mask the same way. Plain declarations, no LibTorch, so the app can include it.

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::graph { class Graph; }
namespace slim::engine::train { class Optimizer; }

namespace slim::engine::prune {

/// The buffer that masks a node's "weight".
inline constexpr char kWeightMaskName[] = "weight_mask";

struct MaskSettings {
    /// The fraction of each masked weight's entries to zero (per layer), or of all maskable
    /// entries together (global), in [0, 1). Counts round down, as structural selection's do.
    double ratio = 0;
    /// One magnitude threshold over every maskable weight instead of one per layer.
    bool global = false;
    /// Nodes whose weights are left as they are (a mask they already carry is kept).
    std::vector<std::string> protectedNodes;
};

/// Magnitude pruning: the weights of every Conv2d, ConvTranspose2d and Linear not protected
/// lose their smallest |w| entries — `ratio` of each layer's ("Learning both Weights and
/// Connections for Efficient Neural Networks", Han et al., NIPS 2015), or `ratio` of all of them
/// ranked together (global magnitude pruning, compared in "What is the State of Neural Network
/// Pruning?", Blalock et al., MLSys 2020). Every output channel keeps its largest weight, so no
/// channel dies (removing whole channels is structural pruning's job); another weight goes in
/// its place, so the count is exact unless a layer has too few weights left to give. Masks
/// compose: entries an earlier mask zeroed stay zeroed and are the first counted, so `ratio`
/// is the sparsity the layer ends with, at least the one it had.
///
/// Returns a new graph (no tensor shared with `graph`) whose masked weights are zero where
/// their "weight_mask" is, and whose metadata "pruning" says "masked" (or keeps "structural":
/// the channels stay removed, and pruningState() reports the masks first).
/// Throws Error(InvalidArgument) naming "ratio" when it is outside [0, 1), or naming a
/// protected node the graph does not have. Pure; any thread.
graph::Graph applyMagnitudeMasks(const graph::Graph& graph, const MaskSettings& settings);

/// applyMagnitudeMasks() on `graph` itself, for methods that raise the sparsity while training
/// (AGP): its masks grow in place, its masked weights are zeroed. Same errors.
void updateMagnitudeMasks(graph::Graph& graph, const MaskSettings& settings);

/// Gives every maskable, unprotected weight that has no mask an all-ones mask, so training
/// treats it as masked from the start. Throws Error(InvalidArgument) naming an unknown
/// protected node.
void addUnitMasks(graph::Graph& graph, const std::vector<std::string>& protectedNodes = {});

/// Whether any node carries a weight mask.
bool hasMasks(const graph::Graph& graph);

/// Multiplies every masked weight by its mask, in place and outside autograd. Any thread that
/// owns `graph`.
void enforceMasks(graph::Graph& graph);

/// For training with masks (trainModel calls it after backward()): zeroes the gradient of
/// every masked weight where its mask is zero, so no update reaches a masked entry.
void maskGradients(const graph::Graph& graph);

/// For training with masks (trainModel calls it after each optimizer step and on start):
/// enforceMasks(), and the optimizer's state for each masked weight (SGD momentum, Adam's
/// moments) zeroed where the mask is, so no state — accumulated or resumed from a checkpoint
/// — can move a masked entry. `optimizer` must have been built over graph.parameters().
void enforceMasks(graph::Graph& graph, train::Optimizer& optimizer);

/// The zeros of one conv, ConvTranspose or Linear weight.
struct LayerSparsity {
    std::string node;
    std::int64_t zeros = 0;
    std::int64_t total = 0;
    double sparsity = 0;                   ///< zeros / total
    std::vector<double> perOutputChannel;  ///< the fraction of zeros of each output channel's weights
};

/// Counts the exact zeros of every Conv2d, ConvTranspose2d and Linear weight, masked or not,
/// in node order. Reads tensors only; any thread.
std::vector<LayerSparsity> weightSparsity(const graph::Graph& graph);

/// Per-channel statistics of one layer, for the heatmaps: a conv, ConvTranspose or Linear
/// fills the norms and sparsity of each output channel's weights; a BatchNorm fills |γ|.
struct LayerChannelStatistics {
    std::string node;
    std::string op;
    std::vector<double> l1Norm;
    std::vector<double> l2Norm;
    std::vector<double> sparsity;        ///< the fraction of exact zeros
    std::vector<double> batchNormScale;  ///< |γ|
};

/// The statistics of every conv, ConvTranspose, Linear and BatchNorm, in node order. Reads
/// tensors only; any thread.
std::vector<LayerChannelStatistics> channelStatistics(const graph::Graph& graph);

/// How the model was pruned: "masked" when it carries masks (its non-zero MACs then differ
/// from its dense ones, even after structural removal), otherwise "structural" when channels
/// were removed (metadata "pruning"), otherwise "none".
std::string pruningState(const graph::Graph& graph);

} // namespace slim::engine::prune
