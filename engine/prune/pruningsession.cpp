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
    if (needsData(options.criterion))
        throw Error(ErrorCode::InvalidArgument,
                    "the " + std::string(criterionName(options.criterion)) + " criterion scores channels on data; compute its scores first",
                    {"criterion", std::string(criterionName(options.criterion))});
    m_importance.push_back(computeImportance(*m_graph, m_groups, options));
    return m_importance.back();
}

void PruningSession::addImportance(Importance importance)
{
    if (importance.groups.size() != m_groups.groups.size())
        throw Error(ErrorCode::InvalidArgument, "the scores were computed for another model's groups", {"scores", "another model"});
    for (Importance& cached : m_importance) {
        if (cached.options == importance.options) {
            cached = std::move(importance);
            return;
        }
    }
    m_importance.push_back(std::move(importance));
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
