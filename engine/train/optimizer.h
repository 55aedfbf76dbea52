#pragma once

#include "graph/graph.h"

#include <string>
#include <vector>

namespace slim::engine::train {

enum class OptimizerKind { Sgd, Adam, AdamW };

/// Hyper-parameters, PyTorch's names and defaults except where noted.
struct OptimizerSpec {
    OptimizerKind kind = OptimizerKind::Sgd;
    double learningRate = 0.1;
    double momentum = 0.9;         ///< SGD
    bool nesterov = false;         ///< SGD
    double weightDecay = 5e-4;     ///< L2 for SGD and Adam, decoupled for AdamW
    double beta1 = 0.9;            ///< Adam, AdamW
    double beta2 = 0.999;
    double epsilon = 1e-8;
};

std::string optimizerName(OptimizerKind kind);

/// SGD (with momentum and Nesterov), Adam (Kingma & Ba, 2015) and AdamW (Loshchilov & Hutter,
/// 2019), with the update rules of torch.optim so results line up with PyTorch. State is
/// plain named tensors so checkpoints can carry it. Tensors without a gradient are skipped.
class Optimizer {
public:
    Optimizer(std::vector<at::Tensor> parameters, OptimizerSpec spec);

    /// One update of every parameter with the current gradients at learning rate `lr`.
    void step(double learningRate);
    /// Drops the gradients (set to undefined, as zero_grad(set_to_none=True)).
    void zeroGrad();

    const OptimizerSpec& spec() const { return m_spec; }
    std::int64_t steps() const { return m_steps; }
    /// The state as named tensors ("0.momentum", "3.exp_avg", ...) and the step count.
    std::vector<graph::NamedTensor> state() const;
    /// Restores state() output. Throws Error(InvalidArgument) when it does not fit.
    void setState(const std::vector<graph::NamedTensor>& state, std::int64_t steps);
    /// Multiplies the state of parameter `index` (momentum, Adam's moments) by `mask`, in
    /// place, so that entries a weight mask zeroes carry none (prune::enforceMasks()).
    void maskState(std::size_t index, const at::Tensor& mask);

private:
    std::vector<at::Tensor> m_parameters;
    OptimizerSpec m_spec;
    std::vector<at::Tensor> m_first;   ///< momentum buffer (SGD) or exp_avg (Adam)
    std::vector<at::Tensor> m_second;  ///< exp_avg_sq (Adam)
    std::int64_t m_steps = 0;
};

} // namespace slim::engine::train
