#pragma once

// ADMM structured pruning with purification (AutoCompress, Liu et al., AAAI 2020; the
// structured ADMM of Zhang et al., ECCV 2018): training pulls the weights toward a copy Z
// that has whole channels zeroed, then those channels are removed, and purification removes
// the kept channels that training left nearly empty as well.

#include "graph/graph.h"
#include "passes/dependencygroups.h"
#include "prune/costmodel.h"
#include "prune/methodsettings.h"
#include "train/trainer.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace slim::engine::prune {


/// What ADMM pruning reports after each Z/U update.
struct AdmmProgress {
    std::int64_t updates = 0;
    double rho = 0;            ///< for the next steps
    double residual = 0;       ///< ‖W − Z‖ / ‖W‖ over the constrained weights: 0 once W is in the set
};

/// The result of hard pruning and purification.
struct AdmmPruned {
    graph::Graph model;
    std::vector<std::vector<std::int64_t>> removed;  ///< per group: every index removed
    std::int64_t purified = 0;                       ///< of them, the ones purification added
};

/// ADMM for  min loss(W)  s.t. W ∈ S, S = the weights whose removed channels are zero. W is
/// every parameter slice of a prunable group: the producing layers' filters and biases,
/// BatchNorm's γ and β (so a removed channel is exactly zero, and removing it exact, once W is
/// in S) and the consumers' input columns. W-update: the trainer's SGD on
/// loss + ρ/2‖W − Z + U‖² (the hooks add ρ(W − Z + U) to the gradient); Z-update:
/// Z = Π_S(W + U), keeping in each group the channels with the largest norm of W + U over all
/// its slices; U-update: U += W − Z; then ρ grows (and U shrinks by the same factor, so the
/// unscaled dual ρU is unchanged). finish() prunes hard at the last Z's channels and purifies.
/// Z and U are not checkpointed: do not resume such a run.
/// One object per run; the hooks are valid while it lives; not thread-safe.
class AdmmPruning {
public:
    /// Finds the groups and checks the settings: Error(InvalidArgument) naming a setting out
    /// of range, an unknown protected node or override; Error(Unsupported) when no group
    /// may be pruned.
    AdmmPruning(const graph::Graph& model, AdmmSettings settings);
    AdmmPruning(const AdmmPruning&) = delete;  // its hooks and slices point into this object
    AdmmPruning& operator=(const AdmmPruning&) = delete;

    train::TrainHooks hooks();
    /// Called after each Z/U update (for the curves).
    std::function<void(const AdmmProgress&)> onUpdate;

    /// The Z-update and U-update on `graph` (the hooks call it; public for tests). The first
    /// call only sets Z = Π_S(W) with U = 0.
    void update(const graph::Graph& graph);
    /// Per group, the indices the current Z has zeroed (empty before the first update).
    const std::vector<std::vector<std::int64_t>>& removed() const { return m_removed; }
    const passes::DependencyGroups& groups() const { return m_groups; }
    /// Z and U of a constrained tensor (undefined otherwise or before the first update).
    at::Tensor z(const std::string& node, const std::string& tensor = "weight") const;
    at::Tensor u(const std::string& node, const std::string& tensor = "weight") const;
    double rho() const { return m_rho; }

    /// Per group, each index's squared norm over the group's constrained slices of `graph`
    /// (empty for groups that may not be pruned).
    std::vector<std::vector<double>> channelNorms(const graph::Graph& graph) const { return channelNorms(weightsOf(graph)); }

    /// Hard pruning of the trained graph at the last Z's channels (before any update: the
    /// weakest by norm), then purification, which leaves groups with an override of 0 whole
    /// and keeps kept widths multiples of round_to.
    AdmmPruned finish(const graph::Graph& trained) const;

private:
    struct Slice {
        int group = -1;
        const passes::GroupMember* member = nullptr;
    };
    struct Constrained {
        int node = -1;
        std::string name;
        std::string tensor;     ///< "weight" or "bias"

        std::vector<Slice> slices;
        at::Tensor z;
        at::Tensor u;
    };
    /// Per group, each index's squared norm over the group's weight slices of `tensors[i]`.
    std::vector<std::vector<double>> channelNorms(const std::vector<at::Tensor>& tensors) const;
    std::vector<std::vector<std::int64_t>> select(const std::vector<std::vector<double>>& norms) const;
    at::Tensor project(const Constrained& weight, const at::Tensor& value,
                       const std::vector<std::vector<std::int64_t>>& removed) const;
    std::vector<at::Tensor> weightsOf(const graph::Graph& graph) const;
    /// Whether an override of 0 names the group or one of its producing layers.
    bool keptWhole(const passes::ChannelGroup& group) const;

    AdmmSettings m_settings;
    passes::DependencyGroups m_groups;
    ChannelCostModel m_cost;
    std::vector<Constrained> m_weights;
    std::vector<std::vector<std::int64_t>> m_removed;
    double m_rho = 0;
    std::int64_t m_updates = 0;
};

/// Purification on its own: per group, the indices not in `removed` whose norm (the square
/// root of `squaredNorms`) is below `threshold` × the median norm of the group's kept indices
/// (with a threshold below 1 the median channel itself always stays). Pure.
std::vector<std::vector<std::int64_t>> purificationCandidates(const std::vector<std::vector<double>>& squaredNorms,
                                                               const std::vector<std::vector<std::int64_t>>& removed,
                                                               double threshold);

} // namespace slim::engine::prune
