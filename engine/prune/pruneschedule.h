#pragma once

// Pruning schedules: how far to prune at each step of an iterative run. Plain numbers, no
// LibTorch, so recipes, the GUI and tests can compute them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slim::engine::prune {

enum class PruneSchedule {
    OneShot,      ///< everything at once
    Equal,        ///< p_i = p_f · i / n: the same share at every step
    Progressive,  ///< p_i = p_f · (1 − (1 − i/n)^k): k > 1 prunes more early, while the model has most to give
    Agp,          ///< Zhu & Gupta 2017: the progressive formula with k = 3, applied during training
};

std::string_view pruneScheduleName(PruneSchedule schedule);
std::optional<PruneSchedule> pruneScheduleFromName(std::string_view name);
/// "oneshot", "equal", "progressive", "agp".
std::vector<std::string> pruneScheduleNames();

/// The cumulative fraction pruned after each of `steps` steps (i = 1..n), ending at exactly
/// `finalRatio`. OneShot gives one step whatever `steps` says. `exponent` is k of the
/// progressive schedule (Agp always uses 3). Throws Error(InvalidArgument) naming the setting
/// for a ratio outside [0, 1), fewer than one step, or k ≤ 0.
std::vector<double> scheduleRatios(PruneSchedule schedule, double finalRatio, int steps, double exponent = 3);

/// The fraction of what is left that one step removes to go from `before` pruned to `after`
/// pruned (both fractions of the original): 1 − (1 − after) / (1 − before). Structural steps
/// remove channels from the model the step before left.
double stepFraction(double before, double after);

/// AGP's sparsity at `step` (Zhu & Gupta 2017, eq. 1): s_f + (s_i − s_f)·(1 − (t − t₀)/(t_end − t₀))³,
/// s_i before t₀ and s_f from t_end on.
double agpSparsity(double initial, double final, std::int64_t step, std::int64_t start, std::int64_t end);

} // namespace slim::engine::prune
