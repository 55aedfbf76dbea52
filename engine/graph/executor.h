#pragma once

#include "graph/graph.h"

#include <map>
#include <string>
#include <vector>

namespace slim::engine::graph {

enum class ExecMode {
    Eval,   ///< BatchNorm uses running statistics, Dropout is off
    Train,  ///< BatchNorm uses batch statistics and updates its running ones, Dropout is on
};

/// Runs a Graph with ATen ops. Parameters are the graph's own tensors, so autograd flows into
/// them when they require grad, and training updates them in place. The graph must outlive
/// the executor and keep its structure while it is used (tensors may change).
/// One executor per thread; creating one validates the graph and plans the run.
class Executor {
public:
    explicit Executor(const Graph& graph);

    /// Runs the graph on `inputs` (one per graph input, each N×<per-sample shape>) and returns
    /// one tensor per graph output. Values named in `tapNames` are returned in `taps`.
    /// Throws Error(ShapeMismatch) naming the input when a shape does not fit.
    std::vector<at::Tensor> run(const std::vector<at::Tensor>& inputs, ExecMode mode,
                                const std::vector<std::string>& tapNames = {},
                                std::map<std::string, at::Tensor>* taps = nullptr) const;

    /// The single output of a single-input graph.
    at::Tensor forward(const at::Tensor& input, ExecMode mode = ExecMode::Eval) const;

    /// Whether batch-1 inference convolutions go straight to oneDNN (PERF_NOTES: 13× faster
    /// than ATen 1.13's im2col path at batch 1). On by default where oneDNN is present.
    void setDirectOneDnn(bool enabled) { m_directOneDnn = enabled; }

    /// Whether ReLU overwrites its input where that is exact: the input comes from a Conv2d,
    /// BatchNorm2d, Linear or Add (whose backward does not read their own output), nothing
    /// else reads it, and it is neither a graph output nor tapped. Saves one activation-sized
    /// allocation and pass over memory per ReLU, as torchvision's ReLU(inplace=True). On by default.
    void setInPlaceActivations(bool enabled) { m_inPlace = enabled; }

    /// Whether 4-D inputs are given channels-last (NHWC) strides before the run, so oneDNN
    /// convolutions and BatchNorm work without reorders. Pair it with convertToChannelsLast()
    /// on the weights. Off by default.
    void setChannelsLast(bool enabled) { m_channelsLast = enabled; }

    /// While set, every run() adds each node's wall time in milliseconds to `nodeMs[i]`, i the
    /// node's index in the graph (resized to the node count). For per-layer latency; nullptr
    /// (the default) stops it. The vector must outlive the runs.
    void setNodeTimes(std::vector<double>* nodeMs) { m_nodeMs = nodeMs; }

private:
    at::Tensor runNode(const Node& node, const std::vector<at::Tensor>& inputs, ExecMode mode, bool inPlace) const;

    const Graph& m_graph;
    std::vector<int> m_order;
    /// For each step in m_order, the values whose last use is that step.
    std::vector<std::vector<ValueId>> m_releaseAfter;
    /// For each step, whether its op may overwrite its input (see setInPlaceActivations()).
    std::vector<bool> m_inPlaceCandidate;
    bool m_directOneDnn = true;
    bool m_inPlace = true;
    bool m_channelsLast = false;
    std::vector<double>* m_nodeMs = nullptr;
};

/// Gives every 4-D parameter and buffer channels-last strides in place (same tensors, so
/// optimizers and autograd keep working). Uses to(..., ChannelsLast), which also fixes the
/// strides of 1×1 and single-input-channel weights that contiguous(ChannelsLast) leaves in
/// NCHW form and that make oneDNN reorder on every call (PERF_NOTES.md).
void convertToChannelsLast(Graph& graph);

} // namespace slim::engine::graph
