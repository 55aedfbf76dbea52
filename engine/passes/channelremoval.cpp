#include "passes/channelremoval.h"

#include "core/error.h"
#include "passes/channelaxis.h"

#include <ATen/ATen.h>

#include <map>
#include <string_view>
#include <tuple>

namespace slim::engine::passes {

using graph::Graph;
using graph::Node;
using graph::OpKind;
using graph::Shape;
using graph::ValueId;

namespace {

[[noreturn]] void invalid(const std::string& what, const std::string& argument)
{
    throw Error(ErrorCode::InvalidArgument, what, {argument, what});
}

void checkRemoval(const DependencyGroups& groups, const ChannelRemoval& removed)
{
    if (removed.size() != groups.groups.size())
        invalid("the removal lists " + std::to_string(removed.size()) + " groups, the graph has "
                    + std::to_string(groups.groups.size()), "groups");
    for (std::size_t g = 0; g < removed.size(); ++g) {
        const ChannelGroup& group = groups.groups[g];
        const std::vector<std::int64_t>& list = removed[g];
        if (list.empty())
            continue;
        if (!group.prunable())
            invalid("group '" + group.name + "' cannot be pruned: " + group.blockers.front().node + ": "
                        + group.blockers.front().reason, group.name);
        if (static_cast<std::int64_t>(list.size()) >= group.channels)
            invalid("group '" + group.name + "' would lose all its " + std::to_string(group.channels) + " channels", group.name);
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i] < 0 || list[i] >= group.channels || (i > 0 && list[i] <= list[i - 1]))
                invalid("group '" + group.name + "': channel indices must be ascending, distinct and below "
                            + std::to_string(group.channels), group.name);
        }
    }
}

using TensorAxis = std::tuple<int, std::string, int>;

/// The tensor whose slicing `tensorName` follows: a mask buffer "X_mask" (prune/masks.h) is
/// sliced exactly as the X it masks, so both keep the same shape.
std::string slicedAs(const std::string& tensorName)
{
    static constexpr std::string_view kMaskSuffix = "_mask";
    if (tensorName.size() > kMaskSuffix.size() && tensorName.ends_with(kMaskSuffix))
        return tensorName.substr(0, tensorName.size() - kMaskSuffix.size());
    return tensorName;
}

at::Tensor keptIndices(const std::vector<char>& removedMask)
{
    std::vector<std::int64_t> kept;
    kept.reserve(removedMask.size());
    for (std::size_t i = 0; i < removedMask.size(); ++i) {
        if (!removedMask[i])
            kept.push_back(static_cast<std::int64_t>(i));
    }
    return at::tensor(kept, at::kLong);
}

std::int64_t keptBefore(const std::vector<char>& removedMask, std::int64_t end)
{
    std::int64_t kept = 0;
    for (std::int64_t i = 0; i < end; ++i)
        kept += (static_cast<std::size_t>(i) >= removedMask.size() || !removedMask[static_cast<std::size_t>(i)]) ? 1 : 0;
    return kept;
}

/// Attributes that depend on channel counts, rewritten for the pruned input shapes.
void updateAttributes(Node& node, const Node& original, const Graph& graph, const std::vector<Shape>& inputShapes,
                      const std::vector<std::vector<char>>& valueRemoved)
{
    const ValueId in = original.inputs.front();
    const Shape& before = graph.value(in).shape;
    if (inputShapes.front() == before)
        return;
    switch (original.op) {
    case OpKind::Conv2d:
    case OpKind::ConvTranspose2d: {
        const std::int64_t groups = original.attrs.getInt("groups", 1);
        if (groups > 1 && groups == before[0]) // depthwise: one group per remaining channel
            node.attrs.set("groups", inputShapes.front()[0]);
        return;
    }
    case OpKind::Slice: {
        if (detail::sampleAxis(original.attrs.getInt("dim"), before.size()) != 0)
            return;
        const auto [start, end] =
            detail::sliceBounds(original.attrs.getInt("start", 0), original.attrs.getInt("end", before[0]), before[0]);
        const std::vector<char>& mask = valueRemoved[static_cast<std::size_t>(in)];
        const std::int64_t newStart = keptBefore(mask, start);
        node.attrs.set("start", newStart);
        node.attrs.set("end", newStart + keptBefore(mask, end) - keptBefore(mask, start));
        return;
    }
    case OpKind::Reshape: {
        const Shape& after = graph.value(original.outputs.front()).shape;
        const detail::ReshapeKind kind = detail::classifyReshape(before, after);
        Shape target = after;
        if (kind.kind == detail::ReshapeKind::ChannelBlocks)
            target[0] = inputShapes.front()[0] * kind.blocks;
        else if (kind.kind == detail::ReshapeKind::SplitChannels)
            target[1] = inputShapes.front()[0] / after[0];
        else
            throw Error(ErrorCode::InvalidGraph, "node '" + node.name + "': its channels changed, but it mixes them",
                        {node.name, "mixes channels"});
        node.attrs.set("shape", target);
        return;
    }
    default:
        return;
    }
}

} // namespace

graph::Graph removeChannels(const graph::Graph& graph, const DependencyGroups& groups, const ChannelRemoval& removed)
{
    if (groups.nodeCount != graph.nodes().size() || groups.valueCount != graph.values().size())
        invalid("the dependency groups were found in another graph", "groups");
    checkRemoval(groups, removed);

    // What goes: positions per value, entries per tensor axis.
    std::vector<std::vector<char>> valueRemoved(graph.values().size());
    std::map<TensorAxis, std::vector<char>> tensorRemoved;
    bool anything = false;
    for (std::size_t g = 0; g < removed.size(); ++g) {
        const ChannelGroup& group = groups.groups[g];
        for (const std::int64_t k : removed[g]) {
            anything = true;
            for (const GroupValue& value : group.values) {
                std::vector<char>& mask = valueRemoved[static_cast<std::size_t>(value.value)];
                for (int s = 0; s < value.span; ++s) {
                    const auto position = static_cast<std::size_t>(value.positions[static_cast<std::size_t>(k * value.span + s)]);
                    if (mask.size() <= position)
                        mask.resize(position + 1, 0);
                    mask[position] = 1;
                }
            }
            for (const GroupMember& member : group.members) {
                std::vector<char>& mask = tensorRemoved[{member.node, member.tensor, member.axis}];
                if (mask.empty())
                    mask.assign(static_cast<std::size_t>(graph.nodes()[static_cast<std::size_t>(member.node)]
                                                             .tensor(member.tensor).size(member.axis)), 0);
                for (const std::int64_t entry : member.entries(k))
                    mask[static_cast<std::size_t>(entry)] = 1;
            }
        }
    }

    at::NoGradGuard noGrad;
    Graph result = graph;
    for (std::size_t n = 0; n < result.nodes().size(); ++n) {
        Node& node = result.nodes()[n];
        for (auto* list : {&node.params, &node.buffers}) {
            for (graph::NamedTensor& named : *list) {
                if (!named.tensor.defined())
                    continue;
                const bool requiresGrad = named.tensor.requires_grad();
                at::Tensor tensor = named.tensor.detach();
                bool sliced = false;
                const std::string slicedLike = slicedAs(named.name);
                for (int axis = 0; axis < tensor.dim(); ++axis) {
                    const auto found = tensorRemoved.find({static_cast<int>(n), slicedLike, axis});
                    if (found != tensorRemoved.end()) {
                        tensor = tensor.index_select(axis, keptIndices(found->second));
                        sliced = true;
                    }
                }
                named.tensor = sliced ? tensor : tensor.clone();
                if (requiresGrad)
                    named.tensor.requires_grad_(true);
            }
        }
    }

    // Attributes and shapes, node by node in order, so each sees its inputs' new shapes.
    std::vector<Shape> shapes(graph.values().size());
    for (const ValueId in : graph.inputs())
        shapes[static_cast<std::size_t>(in)] = graph.value(in).shape;
    for (const int index : graph.topologicalOrder()) {
        Node& node = result.nodes()[static_cast<std::size_t>(index)];
        const Node& original = graph.nodes()[static_cast<std::size_t>(index)];
        std::vector<Shape> inputShapes;
        for (const ValueId in : node.inputs)
            inputShapes.push_back(shapes[static_cast<std::size_t>(in)]);
        updateAttributes(node, original, graph, inputShapes, valueRemoved);
        const ValueId out = node.outputs.front();
        shapes[static_cast<std::size_t>(out)] = graph::inferNodeShapes(node, inputShapes).front();
        result.value(out).shape = shapes[static_cast<std::size_t>(out)];
    }
    result.validate();
    if (anything)
        result.metadata()["pruning"] = "structural";
    return result;
}

} // namespace slim::engine::passes
