#pragma once

// Which channels go: from one score per group index to a list of indices to remove per group.
// Plain C++ over numbers; no tensors, so the GUI can rerun it on every slider move.

#include "prune/costmodel.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace slim::engine::passes { struct DependencyGroups; }

namespace slim::engine::prune {

enum class SelectionMode {
    UniformRatio,     ///< every group loses `ratio` of its channels, its least important ones
    GlobalRatio,      ///< `ratio` of all prunable channels go, the least important across groups
    GlobalThreshold,  ///< every channel whose normalised score is below `threshold` goes
    MacsBudget,       ///< the globally least important channels go until MACs ≤ `budget` × the original
    ParamsBudget,     ///< as MacsBudget, for parameters
};

/// How scores of different groups are made comparable before a global ranking (as Torch-Pruning's
/// group normalisation): divided by the group's mean, max or sum, or standardised.
enum class Normalization { None, Mean, Max, Sum, Standardize };

struct SelectionSettings {
    SelectionMode mode = SelectionMode::UniformRatio;
    double ratio = 0;          ///< UniformRatio, GlobalRatio; in [0, 1)
    double threshold = 0;      ///< GlobalThreshold
    double budget = 1;         ///< MacsBudget, ParamsBudget: the fraction of the original to reach, in (0, 1]
    Normalization normalization = Normalization::Mean;  ///< global modes only
    /// No group loses more than this fraction of its channels, and every group keeps at least
    /// one. 1 by default, as Torch-Pruning's max_pruning_ratio.
    double maxRatio = 1.0;
    /// Kept indices per group are a multiple of this, or the whole group (NPUs such as RK3588
    /// prefer widths that are multiples of 8 or 16). Rounding keeps more, never fewer.
    int roundTo = 1;
    /// Group or layer name → the ratio of channels its group(s) lose, outside any global ranking.
    std::map<std::string, double> overrides;
};

/// A group left whole and why ("fc: model output", "no BatchNorm to score").
struct SkippedGroup {
    int group = -1;
    std::string reason;
};

struct Selection {
    std::vector<std::vector<std::int64_t>> removed;  ///< per group: ascending group indices that go
    std::vector<std::int64_t> kept;                  ///< per group: indices that stay
    ModelCost before;
    ModelCost after;
    /// Global modes: the normalised score of the last channel removed (GlobalThreshold: the
    /// threshold given); NaN when none was removed or the mode is uniform.
    double threshold = std::numeric_limits<double>::quiet_NaN();
    /// Budget modes: whether the target was reached (removing every channel the caps allow may
    /// not be enough).
    bool budgetMet = true;
    std::vector<SkippedGroup> skipped;

    std::int64_t removedCount() const;
};

/// Chooses the indices to remove. `scores[g]` holds one score per index of group g (empty
/// when the criterion could not score it; such groups, and blocked ones, stay whole and are
/// listed in `skipped`). Ties go to the lower index. Throws Error(InvalidArgument) naming the
/// setting for a ratio outside [0, 1), a budget outside (0, 1], a max ratio outside (0, 1],
/// round_to below 1, or an override naming no group or a blocked one. Pure; any thread.
Selection selectChannels(const passes::DependencyGroups& groups, const std::vector<std::vector<double>>& scores,
                         const ChannelCostModel& cost, const SelectionSettings& settings);

} // namespace slim::engine::prune
