#pragma once

// Importance criteria for structural pruning: each scores the members of every prunable
// channel group, one number per group index; a reduction turns them into one score per index.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace slim::engine::graph { class Graph; }
namespace slim::engine::passes { struct DependencyGroups; }

namespace slim::engine::prune {

enum class Criterion {
    /// L1 norm of each channel's slices of every conv, ConvTranspose and Linear weight in the
    /// group, filters and input columns alike ("Pruning Filters for Efficient ConvNets",
    /// Li et al., ICLR 2017).
    L1,
    /// L2 norm of the same slices (the magnitude criterion of Li et al. 2017 with p = 2).
    L2,
    /// |γ| of every BatchNorm in the group (network slimming, Liu et al., ICCV 2017). Groups
    /// without a BatchNorm are not scored and so not pruned.
    BnScale,
    /// For each filter of each producing conv, ConvTranspose or Linear: the sum of its L2
    /// distances to all filters of its layer; filters near the geometric median are the most
    /// replaceable (FPGM, He et al., CVPR 2019).
    Fpgm,
    /// A filter's share of its layer's singular-value energy, keeping the leading singular
    /// directions that hold `svdEnergy` of it: Σ_j<r (U_ij σ_j)² / Σ_j<r σ_j².
    SvdEnergy,
    /// Uniform random scores from `seed`: the baseline every criterion should beat.
    Random,
    /// First-order Taylor, per member: for each parameter slice a group index owns (a conv's
    /// filter, the consumer's input column, BatchNorm's γ and β), |Σ w·∂L/∂w| over the slice,
    /// the first-order change of the loss when that slice alone is zeroed; averaged over
    /// batches, then reduced over the members like every criterion (mean by default). This is
    /// the per-member form of Molchanov et al., CVPR 2019, with |·| for (·)²; their variant
    /// that sums a BatchNorm's γ and β terms before |·| is not offered. Needs data:
    /// computeTaylorImportance() (prune/taylor.h) computes it; computeImportance() expects a
    /// graph whose parameters already hold w·∂L/∂w of one batch.
    Taylor,
};

/// "l1", "l2", "bn", "fpgm", "svd", "random", "taylor".
std::string_view criterionName(Criterion criterion);
std::optional<Criterion> criterionFromName(std::string_view name);
const std::vector<Criterion>& allCriteria();
/// Whether the criterion needs a data set (Taylor) rather than the weights alone.
bool needsData(Criterion criterion);

struct ImportanceOptions {
    Criterion criterion = Criterion::L2;
    /// SvdEnergy: the fraction of each layer's singular-value energy (Σσ²) the truncated basis
    /// keeps. 0.9 is the usual cut for "most of the energy" in low-rank compression.
    double svdEnergy = 0.9;
    std::uint64_t seed = 0;  ///< Random
    bool operator==(const ImportanceOptions&) const = default;
};

/// The scores of one member: `scores[k]` for group index k.
struct MemberScores {
    int member = -1;  ///< index into ChannelGroup::members; -1 for scores that belong to no tensor (Random)
    std::vector<double> scores;
};

/// Per group (same order as DependencyGroups::groups): the scored members. Empty for groups
/// that are blocked or that the criterion cannot score.
struct Importance {
    ImportanceOptions options;
    std::vector<std::vector<MemberScores>> groups;
};

/// Scores every prunable group of `groups` (found in `graph`). Reads tensors, changes
/// nothing. Throws Error(InvalidArgument) for svdEnergy outside (0, 1]. Any thread.
Importance computeImportance(const graph::Graph& graph, const passes::DependencyGroups& groups,
                             const ImportanceOptions& options);

/// How a group's member scores become one score per index.
enum class Reduction { Mean, Sum, Max };

/// One score per group index for every group; empty for unscored groups. Cheap.
std::vector<std::vector<double>> reduceImportance(const Importance& importance, Reduction reduction);

} // namespace slim::engine::prune
