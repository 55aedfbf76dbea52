#pragma once

// Unstructured pruning while training: dynamic network surgery, whose masks follow the
// weights both ways, and AGP, whose masks only grow. Each gives train::TrainHooks that
// trainModel() runs; the model comes back masked (prune/masks.h), as magnitude pruning's does.

#include "graph/graph.h"
#include "prune/methodsettings.h"
#include "train/trainer.h"

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace slim::engine::prune {


/// One layer's surgery thresholds.
struct SurgeryThresholds {
    std::string node;
    double mean = 0;   ///< of |w| at the start
    double std = 0;
    double centre = 0; ///< μ + c·σ with c chosen per layer for the settings' sparsity
    double prune = 0;  ///< a
    double splice = 0; ///< b
};

/// Dynamic network surgery ("Dynamic Network Surgery for Efficient DNNs", Guo, Yao and Chen,
/// NIPS 2016). Every Conv2d, ConvTranspose2d and Linear not protected gets a mask T and two
/// thresholds from its weights' mean and standard deviation; the forward pass (and
/// validation) sees W ⊙ T while the optimizer updates the dense W with the gradient of the
/// masked forward, so a pruned weight can grow back. After a step, with a probability that
/// decays with the step, T = 0 where |W| < a and T = 1 where |W| > b.
///
/// Layers surgery leaves alone (protected) keep any mask they carry exactly, as the trainer
/// would. Use: `Graph start = surgery.prepare(model)`, then trainModel(start, ..., surgery.hooks()).
/// Its dense weights are not checkpointed: do not resume such a run.
/// The trained graph is W ⊙ T with T as its "weight_mask" buffers; the dense W stays with
/// this object (dense()). One object per training run; not thread-safe.
class DynamicSurgery {
public:
    /// Throws Error(InvalidArgument) naming a setting outside its range or an unknown protected node.
    explicit DynamicSurgery(SurgerySettings settings);
    DynamicSurgery(const DynamicSurgery&) = delete;  // its hooks point at this object
    DynamicSurgery& operator=(const DynamicSurgery&) = delete;

    /// A copy of `model` whose surgical layers carry their first mask (an existing mask is
    /// where they start, its zeros counting as pruned) and are masked. Sets the thresholds
    /// and keeps the dense weights. Throws Error(Unsupported) when no layer can be masked.
    graph::Graph prepare(const graph::Graph& model);

    /// Hooks that swap the dense weights in for each optimizer step and update the masks
    /// after it; they keep the masks themselves (managesMasks). Valid while this object lives.
    train::TrainHooks hooks();

    const std::vector<SurgeryThresholds>& thresholds() const { return m_thresholds; }
    /// The dense weight of `node` (undefined for a layer surgery does not touch).
    at::Tensor dense(const std::string& node) const;
    /// How many mask updates have run (prepare()'s first one included).
    std::int64_t maskUpdates() const { return m_updates; }

    /// The update rule on its own: T = 0 where |w| < a, 1 where |w| > b, unchanged between.
    static void updateMask(at::Tensor& mask, const at::Tensor& weight, double prune, double splice);

private:
    struct Layer {
        std::string node;
        std::size_t index = 0;  ///< in Graph::nodes(): the trained copy has the same nodes
        double prune = 0;
        double splice = 0;
        at::Tensor dense;
    };
    void swapDenseIn(graph::Graph& graph);
    void afterStep(graph::Graph& graph, std::int64_t step);

    SurgerySettings m_settings;
    std::vector<Layer> m_layers;
    std::vector<std::size_t> m_frozen;  ///< masked layers surgery does not own: kept as they are
    std::vector<SurgeryThresholds> m_thresholds;
    std::mt19937_64 m_random;
    std::int64_t m_updates = 0;
};


/// Automated gradual pruning ("To prune, or not to prune", Zhu and Gupta, 2017): magnitude
/// masks raised every Δt steps from s_i to s_f along agpSparsity() between the start and end
/// epochs, the pruned weights frozen at zero by the trainer's masking; training then goes on
/// at s_f. Use: `Graph start = gradual.prepare(model)`, trainModel(start, ..., gradual.hooks()).
class GradualPruning {
public:
    /// Throws Error(InvalidArgument) naming a setting outside its range.
    explicit GradualPruning(GradualSettings settings);
    GradualPruning(const GradualPruning&) = delete;  // its hooks point at this object
    GradualPruning& operator=(const GradualPruning&) = delete;
    /// A copy of `model` with all-ones masks (masks it has are kept) and the initial sparsity.
    /// Throws Error(InvalidArgument) naming an unknown protected node.
    graph::Graph prepare(const graph::Graph& model) const;
    /// Valid while this object lives.
    train::TrainHooks hooks();
    /// The sparsity the masks have once `stepsDone` steps of a run with `stepsPerEpoch` have
    /// trained (the epochs' steps run 0 .. epochs·stepsPerEpoch; at t_end it is s_f).
    double sparsityAt(std::int64_t stepsDone, std::int64_t stepsPerEpoch) const;

private:
    std::int64_t stepOf(double epoch, std::int64_t stepsPerEpoch) const;

    GradualSettings m_settings;
    std::int64_t m_stepsPerEpoch = 1;
};

} // namespace slim::engine::prune
