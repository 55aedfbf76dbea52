#pragma once

// Structural pruning as one job, in plain data for the CLI and the app: which channels go,
// the pruned model, the cost before and after, and, given a data set, top-1 before, right
// after and after BatchNorm recalibration.

#include "core/job.h"
#include "model.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace slim::engine {

/// What the amount of a prune request means.
enum class PruneTarget {
    Ratio,   ///< the fraction of channels removed: of each group (layer scope) or of all (global)
    Macs,    ///< the fraction of the original MACs to keep (global ranking until it is reached)
    Params,  ///< the fraction of the original parameters to keep
};

struct PruneRequest {
    /// A criterion name (l1, l2, bn, taylor, fpgm, svd, random) for structural pruning, or
    /// "magnitude" for unstructured magnitude masks (a ratio of the weights, per layer or global).
    std::string method = "l1";
    PruneTarget target = PruneTarget::Ratio;
    double amount = 0;           ///< Ratio: in [0, 1); Macs and Params: in (0, 1]
    bool global = false;         ///< Ratio: one ranking over all groups instead of each group alone
    int roundTo = 1;             ///< kept widths are multiples of this (or the whole group)
    std::vector<std::string> protectedNodes;  ///< layers whose output channels stay
    /// Group name → the fraction of its channels that group loses, in [0, 1), outside any
    /// global ranking or budget (structural methods only).
    std::map<std::string, double> overrides;
    std::string dataset;         ///< for taylor, recalibration and accuracy; empty: none
    std::int64_t taylorBatches = 8;
    std::int64_t recalibrateBatches = 0;  ///< 0: no recalibration
    std::int64_t batchSize = 64;          ///< for Taylor and recalibration
    std::int64_t evalBatchSize = 256;
    bool evaluate = true;        ///< with a data set: top-1 before and after (on its test split)
    std::uint64_t seed = 0;      ///< random, and the order of recalibration and Taylor batches
};

struct PrunedGroup {
    std::string name;
    std::int64_t channels = 0;
    std::int64_t kept = 0;
    std::vector<std::string> members;  ///< "node.tensor" of every member, in graph order
};

struct SkippedPruneGroup {
    std::string group;
    std::string reason;
};

/// The share of zero weights of one layer after magnitude masking.
struct LayerSparsityReport {
    std::string name;
    double sparsity = 0;
    std::vector<double> perOutputChannel;  ///< the share of zeros of each output channel's weights
};

struct PruneResult {
    Model model;                       ///< the pruned model: channels removed ("structural") or masked
    std::int64_t paramsBefore = 0;
    std::int64_t macsBefore = 0;
    std::int64_t paramsAfter = 0;      ///< masked: the non-zero parameters
    std::int64_t macsAfter = 0;        ///< masked: the non-zero MACs
    bool masked = false;               ///< magnitude masks rather than removed channels
    std::vector<LayerSparsityReport> layerSparsity;  ///< masked: every conv and Linear
    bool budgetMet = true;             ///< Macs and Params targets: whether the target was reached
    std::vector<PrunedGroup> groups;   ///< every prunable group the criterion scored
    std::vector<SkippedPruneGroup> skipped;  ///< groups left whole and why
    double groupsMs = 0;               ///< finding the dependency groups and the cost model (0 when masked)
    double scoresMs = 0;               ///< scoring (Taylor: the gradient passes included)
    double pruneMs = 0;                ///< selection and physical removal
    /// Top-1 on the data set's test split; negative when not measured.
    double top1Before = -1;
    double top1Pruned = -1;
    double top1Recalibrated = -1;
    std::int64_t recalibrationBatches = 0;
    std::int64_t evaluationSamples = 0;
};

/// Prunes `model` as `request` says. Validates everything before any work: an unknown method,
/// an amount out of range, round_to < 1, an unknown protected layer, taylor or recalibration
/// without a data set, or a data set whose images or classes do not fit the model each throw
/// Error(InvalidArgument / ShapeMismatch) naming it; a model with no prunable group throws
/// Error(Unsupported) naming why its groups are blocked. `model` is never changed. Reports
/// progress; cancel throws JobCancelled. Any thread.
PruneResult runPruneJob(const Model& model, const PruneRequest& request, const JobContext& context = {});

/// The methods runPruneJob() takes, in the order help lists them.
std::vector<std::string> pruneMethods();

namespace prune {
class PruningSession;
enum class Criterion;
} // namespace prune

/// One group as a preview shows it.
struct GroupPreview {
    std::string name;
    std::int64_t channels = 0;
    std::int64_t kept = 0;
    std::vector<double> scores;   ///< the criterion's score per channel (reduced over members)
    std::vector<bool> removed;    ///< per channel, whether these settings remove it
};

/// One layer's cost before and after, as the cost chart shows it.
struct LayerCostPreview {
    std::string name;
    std::string op;
    std::int64_t paramsBefore = 0;
    std::int64_t macsBefore = 0;
    std::int64_t paramsAfter = 0;
    std::int64_t macsAfter = 0;
};

struct PrunePreviewResult {
    std::int64_t paramsBefore = 0;
    std::int64_t macsBefore = 0;
    std::int64_t paramsAfter = 0;
    std::int64_t macsAfter = 0;
    bool budgetMet = true;
    std::vector<GroupPreview> groups;        ///< every group that may lose channels, in graph order
    std::vector<SkippedPruneGroup> skipped;
    std::vector<LayerCostPreview> layers;    ///< every layer with parameters or MACs, in graph order
};

/// Structural pruning previews for the GUI: the constructor finds the groups and the cost
/// model and scores them by one criterion (milliseconds to tens of milliseconds: run it on a
/// worker thread); preview() then answers each settings change without copying a tensor
/// (0.03 ms for ResNet-56, bench_prune), and apply() prunes. Not for taylor (scores need data)
/// or magnitude (no channel groups). Owns a share of the model, which stays unchanged.
/// Not thread-safe: build it anywhere, then use it from one thread.
class PrunePreview {
public:
    /// Throws what runPruneJob() throws for the method and protected layers, and
    /// Error(InvalidArgument) for taylor and magnitude.
    PrunePreview(const Model& model, const std::string& method, const std::vector<std::string>& protectedNodes = {});
    ~PrunePreview();
    PrunePreview(PrunePreview&&) noexcept;
    PrunePreview& operator=(PrunePreview&&) noexcept;

    const std::string& method() const { return m_method; }
    /// What `request` (its target, amount, scope and round_to; its method must be this one)
    /// would remove and cost. Throws Error(InvalidArgument) for settings out of range.
    PrunePreviewResult preview(const PruneRequest& request) const;
    /// The model pruned as `request` says, as runPruneJob() without a data set would give it.
    Model apply(const PruneRequest& request) const;
    /// |γ| of every BatchNorm in a prunable group, for the histogram of network slimming.
    std::vector<double> batchNormScales() const;

private:
    /// The criterion, once `request` is checked: its method is this preview's, its settings in range.
    prune::Criterion checkedCriterion(const PruneRequest& request) const;

    Model m_model;
    std::string m_method;
    std::vector<LayerCostPreview> m_layers;  ///< every layer with a cost, its "before" filled once
    std::vector<std::size_t> m_layerNodes;   ///< the node index of each of m_layers
    std::unique_ptr<prune::PruningSession> m_session;
};

} // namespace slim::engine
