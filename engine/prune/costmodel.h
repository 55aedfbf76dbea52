#pragma once

#include <cstdint>
#include <vector>

namespace slim::engine::graph { class Graph; }
namespace slim::engine::passes { struct DependencyGroups; }

namespace slim::engine::prune {

/// Parameters and multiply-accumulates, counted as analysis::analyzeCost counts them.
struct ModelCost {
    std::int64_t params = 0;
    std::int64_t macs = 0;
    bool operator==(const ModelCost&) const = default;
};

/// The cost a graph would have after removing some indices of its channel groups, without
/// touching a tensor: every parameter count and every conv/Linear MAC count is a product of
/// channel counts, and each channel count falls linearly with the indices removed from the
/// groups that run through it. Equals analyzeCost() of removeChannels()'s result.
/// Built once per graph and groups (it keeps no reference to either); evaluate() is const
/// and may run on any thread.
class ChannelCostModel {
public:
    ChannelCostModel() = default;
    ChannelCostModel(const graph::Graph& graph, const passes::DependencyGroups& groups);

    /// The cost when group g loses `removedPerGroup[g]` indices (one entry per group).
    ModelCost evaluate(const std::vector<std::int64_t>& removedPerGroup) const;
    /// The cost of each node of the graph (by node index; zero for nodes with neither
    /// parameters nor MACs) when group g loses `removedPerGroup[g]` indices. Sums to evaluate().
    std::vector<ModelCost> evaluateNodes(const std::vector<std::int64_t>& removedPerGroup) const;
    /// The cost with nothing removed.
    const ModelCost& original() const { return m_original; }

private:
    /// A length that shrinks with removals: `size` − Σ removed[group] · perIndex.
    struct Length {
        std::int64_t size = 0;
        std::vector<std::pair<int, std::int64_t>> shrink;
    };
    /// factor · Π lengths.
    struct Term {
        std::int64_t factor = 1;
        std::vector<int> lengths;
        int node = -1;  ///< the node it counts
    };

    int lengthOf(const std::vector<std::pair<int, std::int64_t>>& shrink, std::int64_t size);
    /// Every length after the removals; throws for a count of the wrong size.
    std::vector<std::int64_t> lengthsAfter(const std::vector<std::int64_t>& removedPerGroup) const;
    static std::int64_t value(const Term& term, const std::vector<std::int64_t>& lengths);
    std::int64_t sum(const std::vector<Term>& terms, const std::vector<std::int64_t>& lengths) const;

    std::vector<Length> m_lengths;
    std::vector<Term> m_params;
    std::vector<Term> m_macs;
    std::size_t m_groupCount = 0;
    std::size_t m_nodeCount = 0;
    ModelCost m_original;
};

} // namespace slim::engine::prune
