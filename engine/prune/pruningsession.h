#pragma once

// The engine's structural-pruning entry point: find the channel groups of a graph once, score
// them once per criterion, then preview any selection cheaply and prune physically on demand.

#include "graph/graph.h"
#include "passes/dependencygroups.h"
#include "prune/costmodel.h"
#include "prune/importance.h"
#include "prune/selection.h"

#include <deque>
#include <memory>

namespace slim::engine::prune {

/// Everything that decides which channels go.
struct PruneSettings {
    ImportanceOptions importance;
    Reduction reduction = Reduction::Mean;
    SelectionSettings selection;
};

/// Structural pruning of one graph, for the GUI's preview (drag a ratio, see which channels
/// go and what params and MACs remain) and for jobs. The constructor finds the dependency
/// groups and the cost model; scores are computed the first time a criterion is asked for and
/// kept; preview() then only ranks numbers and evaluates the cost model, copying no tensor.
/// Not thread-safe: use one session per thread (the UI thread for previews); the graph is
/// shared read-only and must not change while the session lives.
class PruningSession {
public:
    /// Throws what findDependencyGroups() throws.
    explicit PruningSession(std::shared_ptr<const graph::Graph> graph, const passes::DependencyOptions& options = {});

    const graph::Graph& graph() const { return *m_graph; }
    const passes::DependencyGroups& groups() const { return m_groups; }
    const ChannelCostModel& costModel() const { return m_cost; }

    /// The member scores for `options`, computed on first use and cached for the session.
    /// Criteria that need data (Taylor) must have been added with addImportance(); otherwise
    /// Error(InvalidArgument).
    const Importance& importance(const ImportanceOptions& options);

    /// Adds scores computed elsewhere (Taylor's need data: computeTaylorImportance()); they
    /// replace any cached for the same options. Throws Error(InvalidArgument) when they were
    /// computed for other groups.
    void addImportance(Importance importance);

    /// Which indices of each group `settings` remove and the params and MACs that remain.
    /// Cheap once the criterion's scores are cached. Throws what selectChannels() throws.
    Selection preview(const PruneSettings& settings);

    /// The graph with the channels of preview(settings) physically removed (see removeChannels()).
    graph::Graph prune(const PruneSettings& settings);

    /// The graph with the channels of `selection` (from preview()) physically removed.
    graph::Graph apply(const Selection& selection) const;

private:
    std::shared_ptr<const graph::Graph> m_graph;
    passes::DependencyGroups m_groups;
    ChannelCostModel m_cost;
    std::deque<Importance> m_importance;  ///< a deque: references handed out stay valid
};

} // namespace slim::engine::prune
