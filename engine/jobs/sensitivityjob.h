#pragma once

// Sensitivity analysis (Li et al. 2017): how much accuracy each channel group costs when it
// alone loses a share of its channels, and per-group ratios for a budget chosen from those
// curves.

#include "core/job.h"
#include "model.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace slim::engine {

struct SensitivityRequest {
    std::string method = "l1";   ///< a criterion that scores from the weights (l1, l2, bn, fpgm, svd, random)
    std::vector<double> ratios = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};  ///< increasing
    std::string dataset;         ///< evaluated on its test split
    std::int64_t samples = 1000; ///< a seeded random subset of the test split; 0: all of it
    std::int64_t batchSize = 256;
    std::vector<std::string> protectedNodes;
    std::uint64_t seed = 0;
};

struct SensitivityPoint {
    double ratio = 0;
    double top1 = 0;
    std::int64_t macs = 0;    ///< of the whole model with only this group cut
    std::int64_t params = 0;
};

struct GroupSensitivity {
    std::string name;
    std::int64_t channels = 0;
    std::vector<SensitivityPoint> points;  ///< one per ratio, in the request's order
};

struct SensitivityResult {
    std::string method;
    double baselineTop1 = 0;
    std::int64_t baselineMacs = 0;
    std::int64_t baselineParams = 0;
    std::int64_t samples = 0;              ///< images each point was measured on
    std::vector<GroupSensitivity> groups;  ///< every prunable group, in graph order
};

/// Prunes each prunable group alone at each ratio and measures top-1 on the subset. Validates
/// first (a criterion that needs data, ratios outside (0, 1), no data set, images that do not
/// fit: Error(InvalidArgument / ShapeMismatch)); `model` is never changed. Reports progress
/// per point with an ETA; cancel throws JobCancelled within one evaluation batch. Any thread.
SensitivityResult runSensitivityScan(const Model& model, const SensitivityRequest& request, const JobContext& context = {});

/// Per-group ratios (group → share of its channels removed, from the scan's ratios) that bring
/// the MACs to `keepMacs` of the original with widths rounded to `roundTo`: greedily, the step
/// that costs the least accuracy per MAC saved next, as the curves say (a step that saves
/// nothing is passed over for the next point of the same curve). Stops when the budget is met
/// or no step is left (the result may then miss it; check with a preview). Throws
/// Error(InvalidArgument) for `keepMacs` outside (0, 1] or a scan of another model. Any thread.
std::map<std::string, double> ratiosForBudget(const Model& model, const SensitivityResult& scan, double keepMacs,
                                              int roundTo = 1);

/// Simulated annealing over per-group ratios (AutoCompress's heuristic search, Liu et al.
/// AAAI 2020), scored by a quick evaluation: each candidate is pruned and measured on a
/// subset of the test split; only candidates within the MACs budget count.
struct RatioSearchRequest {
    std::string method = "l1";   ///< a criterion that scores from the weights
    double keepMacs = 0.5;       ///< the share of the original MACs to keep, in (0, 1]
    int roundTo = 1;
    std::string dataset;
    std::int64_t samples = 500;  ///< a seeded random subset of the test split; 0: all of it
    std::int64_t batchSize = 256;
    std::vector<std::string> protectedNodes;
    int iterations = 50;         ///< candidates evaluated after the start
    double step = 0.1;           ///< how far a move changes one group's ratio
    double maxRatio = 0.9;       ///< no group loses more
    /// T₀ in top-1 units, falling linearly to 0: a candidate 0.01 worse is taken with
    /// probability exp(−0.01 / T).
    double temperature = 0.01;
    /// Where to start (ratiosForBudget()'s greedy answer, say); empty: one uniform ratio, the
    /// smallest that meets the budget. Groups it leaves out start at 0.
    std::map<std::string, double> start;
    std::uint64_t seed = 0;
};

struct RatioSearchResult {
    std::map<std::string, double> ratios;  ///< the best candidate: group → share of its channels removed
    double top1 = 0;                       ///< its top-1 on the subset
    double startTop1 = 0;                  ///< the start's
    std::int64_t macs = 0;                 ///< its MACs
    std::int64_t baselineMacs = 0;
    std::int64_t samples = 0;
    int evaluated = 0;                     ///< candidates measured (the start included)
    int accepted = 0;                      ///< moves the annealing took
    std::vector<double> best;              ///< the best top-1 after each iteration
};

/// Runs the search. Validates as runSensitivityScan() does, and `keepMacs` in (0, 1],
/// iterations ≥ 0, step in (0, 1), maxRatio in (0, 1); a start that misses the budget is
/// repaired first. Reports progress per candidate with an ETA; cancel throws JobCancelled.
/// `model` is never changed. Any thread.
RatioSearchResult searchRatios(const Model& model, const RatioSearchRequest& request, const JobContext& context = {});

/// The scan as the CLI's --json prints it: {"baseline": {"top1", "macs", "params"}, "samples",
/// "groups": [{"name", "channels", "points": [{"ratio", "top1", "macs", "params"}]}]}.
std::string sensitivityToJson(const SensitivityResult& scan);

} // namespace slim::engine
