#include "prune/costmodel.h"

#include "core/error.h"
#include "graph/graph.h"
#include "passes/dependencygroups.h"

#include <ATen/ATen.h>

#include <map>
#include <tuple>

namespace slim::engine::prune {

using graph::OpKind;

ChannelCostModel::ChannelCostModel(const graph::Graph& graph, const passes::DependencyGroups& groups)
{
    using Shrink = std::vector<std::pair<int, std::int64_t>>;
    std::map<std::tuple<int, std::string, int>, Shrink> tensorShrink;
    std::vector<Shrink> valueShrink(graph.values().size());
    for (std::size_t g = 0; g < groups.groups.size(); ++g) {
        for (const passes::GroupMember& member : groups.groups[g].members)
            tensorShrink[{member.node, member.tensor, member.axis}].push_back({static_cast<int>(g), member.span});
        for (const passes::GroupValue& value : groups.groups[g].values)
            valueShrink[static_cast<std::size_t>(value.value)].push_back({static_cast<int>(g), value.span});
    }

    std::map<std::tuple<int, std::string, int>, int> tensorLength;
    // A tensor's element count as a term: its sliced axes are lengths, the others a factor.
    const auto tensorTerm = [&](int node, const std::string& name, const at::Tensor& tensor) {
        Term term;
        term.node = node;
        for (int axis = 0; axis < tensor.dim(); ++axis) {
            const std::tuple<int, std::string, int> key{node, name, axis};
            const auto shrink = tensorShrink.find(key);
            if (shrink == tensorShrink.end()) {
                term.factor *= tensor.size(axis);
                continue;
            }
            auto [it, inserted] = tensorLength.try_emplace(key, -1);
            if (inserted)
                it->second = lengthOf(shrink->second, tensor.size(axis));
            term.lengths.push_back(it->second);
        }
        return term;
    };

    for (std::size_t n = 0; n < graph.nodes().size(); ++n) {
        const graph::Node& node = graph.nodes()[n];
        const int index = static_cast<int>(n);
        for (const graph::NamedTensor& param : node.params) {
            if (param.tensor.defined())
                m_params.push_back(tensorTerm(index, param.name, param.tensor));
        }
        const graph::Shape& in = graph.value(node.inputs.front()).shape;
        const graph::Shape& out = graph.value(node.outputs.front()).shape;
        const at::Tensor weight = node.tensor("weight");
        switch (node.op) {
        case OpKind::Conv2d: {
            // analyzeCost: output elements × (weight elements per filter) = H·W × weight elements.
            Term term = tensorTerm(index, "weight", weight);
            term.factor *= out[1] * out[2];
            m_macs.push_back(term);
            break;
        }
        case OpKind::ConvTranspose2d: {
            Term term = tensorTerm(index, "weight", weight);
            term.factor *= in[1] * in[2];
            m_macs.push_back(term);
            break;
        }
        case OpKind::Linear:
            if (out.size() == 1) {
                m_macs.push_back(tensorTerm(index, "weight", weight));
            } else {
                // Acts on the last axis; only the channel count of its output may change.
                Term term;
                term.node = index;
                term.factor = graph::shapeNumel(out) / out[0] * weight.size(1);
                term.lengths.push_back(lengthOf(valueShrink[static_cast<std::size_t>(node.outputs.front())], out[0]));
                m_macs.push_back(term);
            }
            break;
        default:
            break;
        }
    }
    m_groupCount = groups.groups.size();
    m_nodeCount = graph.nodes().size();
    m_original = evaluate(std::vector<std::int64_t>(m_groupCount, 0));
}

int ChannelCostModel::lengthOf(const std::vector<std::pair<int, std::int64_t>>& shrink, std::int64_t size)
{
    m_lengths.push_back({size, shrink});
    return static_cast<int>(m_lengths.size() - 1);
}

std::int64_t ChannelCostModel::value(const Term& term, const std::vector<std::int64_t>& lengths)
{
    std::int64_t product = term.factor;
    for (const int length : term.lengths)
        product *= lengths[static_cast<std::size_t>(length)];
    return product;
}

std::int64_t ChannelCostModel::sum(const std::vector<Term>& terms, const std::vector<std::int64_t>& lengths) const
{
    std::int64_t total = 0;
    for (const Term& term : terms)
        total += value(term, lengths);
    return total;
}

std::vector<std::int64_t> ChannelCostModel::lengthsAfter(const std::vector<std::int64_t>& removedPerGroup) const
{
    if (removedPerGroup.size() != m_groupCount)
        throw Error(ErrorCode::InvalidArgument,
                    "the cost model needs " + std::to_string(m_groupCount) + " removal counts, got "
                        + std::to_string(removedPerGroup.size()),
                    {"groups", std::to_string(removedPerGroup.size())});
    std::vector<std::int64_t> lengths(m_lengths.size());
    for (std::size_t i = 0; i < m_lengths.size(); ++i) {
        std::int64_t size = m_lengths[i].size;
        for (const auto& [group, perIndex] : m_lengths[i].shrink)
            size -= removedPerGroup[static_cast<std::size_t>(group)] * perIndex;
        lengths[i] = size;
    }
    return lengths;
}

ModelCost ChannelCostModel::evaluate(const std::vector<std::int64_t>& removedPerGroup) const
{
    const std::vector<std::int64_t> lengths = lengthsAfter(removedPerGroup);
    return {sum(m_params, lengths), sum(m_macs, lengths)};
}

std::vector<ModelCost> ChannelCostModel::evaluateNodes(const std::vector<std::int64_t>& removedPerGroup) const
{
    const std::vector<std::int64_t> lengths = lengthsAfter(removedPerGroup);
    std::vector<ModelCost> nodes(m_nodeCount);
    for (const Term& term : m_params)
        nodes[static_cast<std::size_t>(term.node)].params += value(term, lengths);
    for (const Term& term : m_macs)
        nodes[static_cast<std::size_t>(term.node)].macs += value(term, lengths);
    return nodes;
}

} // namespace slim::engine::prune
