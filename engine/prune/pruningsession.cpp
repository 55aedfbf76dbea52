#include "prune/pruningsession.h"

#include "core/error.h"
#include "passes/channelremoval.h"

namespace slim::engine::prune {

PruningSession::PruningSession(std::shared_ptr<const graph::Graph> graph, const passes::DependencyOptions& options)
    : m_graph(std::move(graph))
{
    if (!m_graph)
        throw Error(ErrorCode::InvalidArgument, "no model to prune", {"model", "none"});
    m_groups = passes::findDependencyGroups(*m_graph, options);
    m_cost = ChannelCostModel(*m_graph, m_groups);
}

const Importance& PruningSession::importance(const ImportanceOptions& options)
{
    for (const Importance& cached : m_importance) {
        if (cached.options == options)
            return cached;
    }
    m_importance.push_back(computeImportance(*m_graph, m_groups, options));
    return m_importance.back();
}

Selection PruningSession::preview(const PruneSettings& settings)
{
    return selectChannels(m_groups, reduceImportance(importance(settings.importance), settings.reduction), m_cost,
                          settings.selection);
}

graph::Graph PruningSession::prune(const PruneSettings& settings)
{
    return apply(preview(settings));
}

graph::Graph PruningSession::apply(const Selection& selection) const
{
    return passes::removeChannels(*m_graph, m_groups, selection.removed);
}

} // namespace slim::engine::prune
