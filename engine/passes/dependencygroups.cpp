// Channel dependency analysis. Every channel position of every value is a node of a
// union-find; each op unites the positions it ties together (a pass-through op ties output
// channel i to input channel i, a Concat ties its output range to each input, a Flatten ties
// an H×W block of features to one channel). The resulting classes are the smallest sets of
// positions that can be removed together. Classes that flow through the same values in the same
// way form one group, whose indices are the classes; the tensors of the layers around those
// values become its members.
#include "passes/dependencygroups.h"

#include "graph/fakequant.h"

#include "core/error.h"
#include "graph/graph.h"
#include "passes/channelaxis.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <map>
#include <set>

namespace slim::engine::passes {

using graph::Graph;
using graph::Node;
using graph::OpKind;
using graph::Shape;
using graph::ValueId;
using detail::sampleAxis;

namespace {

/// A tensor slice that follows a value's channel positions: tensor index = position, or
/// position mod `modulo` for a grouped conv's weight, whose one column block serves every group.
struct MemberSpec {
    int node = -1;
    std::string tensor;
    int axis = 0;
    MemberRole role = MemberRole::Producer;
    ValueId value = -1;
    std::int64_t modulo = 0;
};

bool isUnaryElementwise(OpKind op)
{
    switch (op) {
    case OpKind::ReLU:
    case OpKind::ReLU6:
    case OpKind::LeakyReLU:
    case OpKind::SiLU:
    case OpKind::Sigmoid:
    case OpKind::HardSigmoid:
    case OpKind::HardSwish:
    case OpKind::GELU:
    case OpKind::Tanh:
    case OpKind::Clamp:
    case OpKind::Dropout:
    case OpKind::Identity:
        return true;
    default:
        return false;
    }
}

std::int64_t channelsOf(const Shape& shape)
{
    return shape.empty() ? 0 : shape[0];
}

class Analysis {
public:
    Analysis(const Graph& graph, const DependencyOptions& options)
        : m_graph(graph), m_options(options)
    {
    }

    DependencyGroups run();

private:
    const Shape& shapeOf(ValueId value) const { return m_graph.value(value).shape; }
    std::int64_t pos(ValueId value, std::int64_t channel) const { return m_offset[static_cast<std::size_t>(value)] + channel; }
    std::int64_t countOf(ValueId value) const { return m_count[static_cast<std::size_t>(value)]; }
    bool isSplit(ValueId value) const { return m_split[static_cast<std::size_t>(value)]; }

    void allocate(ValueId value, std::int64_t count);
    std::int64_t find(std::int64_t position);
    void unite(std::int64_t a, std::int64_t b);
    void uniteSame(ValueId a, ValueId b);
    void block(ValueId value, const std::string& node, const std::string& reason);
    void member(int node, const std::string& tensor, int axis, MemberRole role, ValueId value, std::int64_t modulo = 0);

    void visit(const Node& node, int index);
    void passThrough(const Node& node, bool keepSplit);
    void refuse(const Node& node, const std::string& reason);
    void conv(const Node& node, int index);
    void linear(const Node& node, int index);
    void flatten(const Node& node);
    void reshape(const Node& node);
    void permute(const Node& node);
    void elementwise(const Node& node, int index);
    void concat(const Node& node);
    void slice(const Node& node);

    DependencyGroups buildGroups(const std::vector<ValueId>& valueOrder);

    const Graph& m_graph;
    const DependencyOptions& m_options;
    std::vector<std::int64_t> m_offset;   ///< first position of each value, -1 before it is visited
    std::vector<std::int64_t> m_count;    ///< positions of each value
    std::vector<std::int64_t> m_parent;   ///< union-find over all positions
    std::vector<bool> m_split;            ///< channel axis split over the first two axes (channel shuffle)
    std::vector<std::vector<int>> m_valueBlockers;
    std::vector<Blocker> m_blockers;
    std::vector<MemberSpec> m_specs;
};

void Analysis::allocate(ValueId value, std::int64_t count)
{
    const auto index = static_cast<std::size_t>(value);
    m_offset[index] = static_cast<std::int64_t>(m_parent.size());
    m_count[index] = count;
    for (std::int64_t i = 0; i < count; ++i)
        m_parent.push_back(m_offset[index] + i);
}

std::int64_t Analysis::find(std::int64_t position)
{
    auto at = [this](std::int64_t p) -> std::int64_t& { return m_parent[static_cast<std::size_t>(p)]; };
    while (at(position) != position) {
        at(position) = at(at(position)); // path halving
        position = at(position);
    }
    return position;
}

void Analysis::unite(std::int64_t a, std::int64_t b)
{
    a = find(a);
    b = find(b);
    // The smaller position becomes the root, so a class is named by its earliest position.
    if (a != b)
        m_parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
}

void Analysis::uniteSame(ValueId a, ValueId b)
{
    const std::int64_t count = std::min(countOf(a), countOf(b));
    for (std::int64_t i = 0; i < count; ++i)
        unite(pos(a, i), pos(b, i));
}

void Analysis::block(ValueId value, const std::string& node, const std::string& reason)
{
    const Blocker blocker{node, reason};
    auto found = std::find(m_blockers.begin(), m_blockers.end(), blocker);
    const int id = static_cast<int>(found - m_blockers.begin());
    if (found == m_blockers.end())
        m_blockers.push_back(blocker);
    auto& list = m_valueBlockers[static_cast<std::size_t>(value)];
    if (std::find(list.begin(), list.end(), id) == list.end())
        list.push_back(id);
}

void Analysis::member(int node, const std::string& tensor, int axis, MemberRole role, ValueId value, std::int64_t modulo)
{
    const at::Tensor stored = m_graph.nodes()[static_cast<std::size_t>(node)].tensor(tensor);
    if (stored.defined() && stored.dim() > axis)
        m_specs.push_back({node, tensor, axis, role, value, modulo});
}

void Analysis::passThrough(const Node& node, bool keepSplit)
{
    const ValueId in = node.inputs.front();
    const ValueId out = node.outputs.front();
    allocate(out, countOf(in));
    uniteSame(out, in);
    if (keepSplit)
        m_split[static_cast<std::size_t>(out)] = isSplit(in);
}

void Analysis::refuse(const Node& node, const std::string& reason)
{
    const ValueId out = node.outputs.front();
    allocate(out, channelsOf(shapeOf(out)));
    for (const ValueId in : node.inputs)
        block(in, node.name, reason);
    block(out, node.name, reason);
}

void Analysis::conv(const Node& node, int index)
{
    const ValueId in = node.inputs.front();
    const ValueId out = node.outputs.front();
    const bool transposed = node.op == OpKind::ConvTranspose2d;
    const std::int64_t inChannels = countOf(in);
    const std::int64_t outChannels = channelsOf(shapeOf(out));
    const std::int64_t groups = node.attrs.getInt("groups", 1);
    allocate(out, outChannels);
    // Conv2d weights are [out, in/groups, kH, kW], ConvTranspose2d weights [in, out/groups, kH, kW].
    const int outAxis = transposed ? 1 : 0;
    const int inAxis = transposed ? 0 : 1;
    const std::int64_t perGroupIn = inChannels / groups;
    const std::int64_t perGroupOut = outChannels / groups;
    if (groups == 1) {
        member(index, "weight", inAxis, MemberRole::Consumer, in);
        member(index, "weight", outAxis, MemberRole::Producer, out);
    } else if (perGroupIn == 1) {
        // Depthwise: input channel g alone feeds outputs g·m … g·m+m−1, so they go together.
        for (std::int64_t g = 0; g < groups; ++g) {
            for (std::int64_t r = 0; r < perGroupOut; ++r)
                unite(pos(out, g * perGroupOut + r), pos(in, g));
        }
        member(index, "weight", 0, MemberRole::Producer, transposed ? in : out);
    } else {
        // Grouped: every conv group indexes the same weight block, so a channel goes together
        // with the same position in every group and the groups shrink evenly.
        for (std::int64_t g = 1; g < groups; ++g) {
            for (std::int64_t p = 0; p < perGroupIn; ++p)
                unite(pos(in, g * perGroupIn + p), pos(in, p));
            for (std::int64_t q = 0; q < perGroupOut; ++q)
                unite(pos(out, g * perGroupOut + q), pos(out, q));
        }
        member(index, "weight", inAxis, MemberRole::Consumer, in, transposed ? 0 : perGroupIn);
        member(index, "weight", outAxis, MemberRole::Producer, out, transposed ? perGroupOut : 0);
    }
    member(index, "bias", 0, MemberRole::Producer, out);
}

void Analysis::linear(const Node& node, int index)
{
    const ValueId in = node.inputs.front();
    const ValueId out = node.outputs.front();
    if (shapeOf(in).size() != 1)
        return passThrough(node, false); // acts on the last axis; channels pass through
    allocate(out, channelsOf(shapeOf(out)));
    member(index, "weight", 1, MemberRole::Consumer, in);
    member(index, "weight", 0, MemberRole::Producer, out);
    member(index, "bias", 0, MemberRole::Producer, out);
}

void Analysis::flatten(const Node& node)
{
    const ValueId in = node.inputs.front();
    const ValueId out = node.outputs.front();
    const Shape& shape = shapeOf(in);
    if (shape.empty())
        return refuse(node, "flattens a scalar");
    const std::int64_t start = sampleAxis(node.attrs.getInt("start_dim", 1), shape.size());
    if (start > 0)
        return passThrough(node, false);
    const std::int64_t blocks = channelsOf(shapeOf(out)) / shape[0];
    allocate(out, channelsOf(shapeOf(out)));
    for (std::int64_t c = 0; c < shape[0]; ++c) {
        for (std::int64_t s = 0; s < blocks; ++s)
            unite(pos(out, c * blocks + s), pos(in, c));
    }
}

void Analysis::reshape(const Node& node)
{
    const ValueId in = node.inputs.front();
    const ValueId out = node.outputs.front();
    const Shape& from = shapeOf(in);
    const Shape& to = shapeOf(out);
    if (isSplit(in)) {
        if (to.size() + 1 == from.size() && to[0] == from[0] * from[1] && std::equal(to.begin() + 1, to.end(), from.begin() + 2)) {
            allocate(out, to[0]);
            uniteSame(out, in);
            return;
        }
        return refuse(node, "reshapes a split channel axis into something other than one channel axis");
    }
    const detail::ReshapeKind kind = detail::classifyReshape(from, to);
    switch (kind.kind) {
    case detail::ReshapeKind::ChannelBlocks:
        allocate(out, to[0]);
        for (std::int64_t c = 0; c < from[0]; ++c) {
            for (std::int64_t s = 0; s < kind.blocks; ++s)
                unite(pos(out, c * kind.blocks + s), pos(in, c));
        }
        return;
    case detail::ReshapeKind::SplitChannels: {
        const std::int64_t outer = to[0];
        const std::int64_t inner = to[1];
        allocate(out, from[0]);
        m_split[static_cast<std::size_t>(out)] = true;
        uniteSame(out, in);
        // The axes must stay rectangular after removal: channel b of every outer slice goes at once.
        for (std::int64_t a = 1; a < outer; ++a) {
            for (std::int64_t b = 0; b < inner; ++b)
                unite(pos(in, a * inner + b), pos(in, b));
        }
        return;
    }
    case detail::ReshapeKind::Other:
        break;
    }
    refuse(node, "Reshape from " + graph::shapeToString(from) + " to " + graph::shapeToString(to) + " mixes channels");
}

void Analysis::permute(const Node& node)
{
    const ValueId in = node.inputs.front();
    const ValueId out = node.outputs.front();
    const Shape& from = shapeOf(in);
    std::vector<std::int64_t> dims = node.attrs.getInts("dims");
    for (std::int64_t& dim : dims) {
        if (dim < 0)
            dim += static_cast<std::int64_t>(from.size()) + 1;
    }
    if (isSplit(in)) {
        bool swapsSplitAxes = dims.size() >= 3 && dims[0] == 0 && dims[1] == 2 && dims[2] == 1;
        for (std::size_t i = 3; i < dims.size(); ++i)
            swapsSplitAxes = swapsSplitAxes && dims[i] == static_cast<std::int64_t>(i);
        if (!swapsSplitAxes)
            return refuse(node, "permutes a split channel axis other than by swapping its two parts");
        const std::int64_t outer = from[0];
        const std::int64_t inner = from[1];
        allocate(out, outer * inner);
        m_split[static_cast<std::size_t>(out)] = true;
        for (std::int64_t a = 0; a < outer; ++a) {
            for (std::int64_t b = 0; b < inner; ++b)
                unite(pos(out, b * outer + a), pos(in, a * inner + b));
        }
        return;
    }
    if (dims.size() >= 2 && dims[1] == 1)
        return passThrough(node, false);
    refuse(node, "Permute moves the channel axis");
}

void Analysis::elementwise(const Node& node, int index)
{
    const ValueId out = node.outputs.front();
    const Shape& shape = shapeOf(out);
    const std::int64_t channels = channelsOf(shape);
    allocate(out, channels);
    for (const ValueId in : node.inputs) {
        const Shape& inShape = shapeOf(in);
        if (inShape.empty())
            continue; // one number per sample, broadcast everywhere
        if (inShape.size() == shape.size() && inShape[0] == channels)
            uniteSame(out, in);
        else if (inShape.size() == shape.size())
            block(in, node.name, "its single channel is broadcast over " + std::to_string(channels) + " channels");
        else
            block(in, node.name, "is broadcast along an axis other than channels");
    }
    const at::Tensor operand = node.tensor("operand");
    if (node.inputs.size() == 1 && operand.defined() && channels > 1
        && static_cast<std::size_t>(operand.dim()) >= shape.size() && !shape.empty()) {
        const auto axis = static_cast<int>(static_cast<std::size_t>(operand.dim()) - shape.size());
        if (operand.size(axis) == channels)
            member(index, "operand", axis, MemberRole::Producer, out);
    }
}

void Analysis::concat(const Node& node)
{
    const ValueId out = node.outputs.front();
    const Shape& shape = shapeOf(out);
    allocate(out, channelsOf(shape));
    if (shape.empty())
        return;
    if (sampleAxis(node.attrs.getInt("dim", 1), shape.size()) != 0) {
        for (const ValueId in : node.inputs)
            uniteSame(out, in);
        return;
    }
    std::int64_t offset = 0;
    for (const ValueId in : node.inputs) {
        for (std::int64_t i = 0; i < countOf(in); ++i)
            unite(pos(out, offset + i), pos(in, i));
        offset += countOf(in);
    }
}

void Analysis::slice(const Node& node)
{
    const ValueId in = node.inputs.front();
    const ValueId out = node.outputs.front();
    const Shape& shape = shapeOf(in);
    if (sampleAxis(node.attrs.getInt("dim"), shape.size()) != 0)
        return passThrough(node, false);
    const std::int64_t step = node.attrs.getInt("step", 1);
    if (step != 1)
        return refuse(node, "slices channels with step " + std::to_string(step));
    const auto [start, end] = detail::sliceBounds(node.attrs.getInt("start", 0), node.attrs.getInt("end", shape[0]), shape[0]);
    allocate(out, end - start);
    for (std::int64_t j = 0; j < end - start; ++j)
        unite(pos(out, j), pos(in, start + j));
}

void Analysis::visit(const Node& node, int index)
{
    const bool readsSplit = std::any_of(node.inputs.begin(), node.inputs.end(), [this](ValueId in) { return isSplit(in); });
    if (readsSplit && !isUnaryElementwise(node.op) && node.op != OpKind::Permute && node.op != OpKind::Reshape)
        return refuse(node, "reads a channel axis split in two by a Reshape (only a channel shuffle is followed)");
    if (graph::hasWeightQuantization(node) || node.op == OpKind::FakeQuantize)
        return refuse(node, "is quantized; prune before quantizing");
    switch (node.op) {
    case OpKind::Conv2d:
    case OpKind::ConvTranspose2d:
        return conv(node, index);
    case OpKind::BatchNorm2d:
        passThrough(node, false);
        for (const char* name : {"weight", "bias", "running_mean", "running_var"})
            member(index, name, 0, MemberRole::Producer, node.outputs.front());
        return;
    case OpKind::Linear:
        return linear(node, index);
    case OpKind::ReLU:
    case OpKind::ReLU6:
    case OpKind::LeakyReLU:
    case OpKind::SiLU:
    case OpKind::Sigmoid:
    case OpKind::HardSigmoid:
    case OpKind::HardSwish:
    case OpKind::GELU:
    case OpKind::Tanh:
    case OpKind::Clamp:
    case OpKind::Dropout:
    case OpKind::Identity:
        return passThrough(node, true);
    case OpKind::FakeQuantize:
        return; // refused above
    case OpKind::MaxPool2d:
    case OpKind::AvgPool2d:
    case OpKind::AdaptiveAvgPool2d:
    case OpKind::Upsample:
    case OpKind::Pad:
        return passThrough(node, false);
    case OpKind::Softmax:
        if (sampleAxis(node.attrs.getInt("dim", 1), shapeOf(node.inputs.front()).size()) == 0)
            return refuse(node, "Softmax normalises across channels");
        return passThrough(node, false);
    case OpKind::Mean: {
        const std::size_t rank = shapeOf(node.inputs.front()).size();
        for (const std::int64_t dim : node.attrs.getInts("dims")) {
            if (sampleAxis(dim, rank) == 0)
                return refuse(node, "Mean averages across channels");
        }
        return passThrough(node, false);
    }
    case OpKind::Flatten:
        return flatten(node);
    case OpKind::Reshape:
        return reshape(node);
    case OpKind::Permute:
        return permute(node);
    case OpKind::Add:
    case OpKind::Sub:
    case OpKind::Mul:
    case OpKind::Div:
        return elementwise(node, index);
    case OpKind::Concat:
        return concat(node);
    case OpKind::Slice:
        return slice(node);
    }
    refuse(node, std::string(graph::opName(node.op)) + " is not understood by the channel analysis");
}

DependencyGroups Analysis::run()
{
    m_graph.validate();
    const std::size_t valueCount = m_graph.values().size();
    m_offset.assign(valueCount, -1);
    m_count.assign(valueCount, 0);
    m_split.assign(valueCount, false);
    m_valueBlockers.assign(valueCount, {});

    std::vector<const Node*> protectedNodes;
    for (const std::string& name : m_options.protectedNodes) {
        const Node* node = m_graph.findNode(name);
        if (!node)
            throw Error(ErrorCode::InvalidArgument, "cannot protect '" + name + "': the model has no node of that name",
                        {name, "no such node"});
        protectedNodes.push_back(node);
    }

    std::vector<ValueId> valueOrder;
    for (const ValueId in : m_graph.inputs()) {
        allocate(in, channelsOf(shapeOf(in)));
        block(in, m_graph.value(in).name, "model input");
        valueOrder.push_back(in);
    }
    for (const int index : m_graph.topologicalOrder()) {
        const Node& node = m_graph.nodes()[static_cast<std::size_t>(index)];
        visit(node, index);
        valueOrder.push_back(node.outputs.front());
    }
    for (const ValueId out : m_graph.outputs()) {
        const int producer = m_graph.producerOf(out);
        block(out, producer >= 0 ? m_graph.nodes()[static_cast<std::size_t>(producer)].name : m_graph.value(out).name,
              "model output");
    }
    for (const Node* node : protectedNodes)
        block(node->outputs.front(), node->name, "protected");
    return buildGroups(valueOrder);
}

DependencyGroups Analysis::buildGroups(const std::vector<ValueId>& valueOrder)
{
    // Classes in order of their first position, each with its signature: the values it runs
    // through and how many positions it has in each.
    using Signature = std::vector<std::pair<ValueId, std::int64_t>>;
    const std::size_t positionCount = m_parent.size();
    std::vector<int> classOfRoot(positionCount, -1);
    std::vector<int> classOf(positionCount, -1);
    std::vector<Signature> signatures;
    for (const ValueId value : valueOrder) {
        for (std::int64_t i = 0; i < countOf(value); ++i) {
            const std::int64_t p = pos(value, i);
            int& cls = classOfRoot[static_cast<std::size_t>(find(p))];
            if (cls < 0) {
                cls = static_cast<int>(signatures.size());
                signatures.emplace_back();
            }
            classOf[static_cast<std::size_t>(p)] = cls;
            Signature& signature = signatures[static_cast<std::size_t>(cls)];
            if (signature.empty() || signature.back().first != value)
                signature.push_back({value, 1});
            else
                ++signature.back().second;
        }
    }

    // Classes with one signature are the indices of one group.
    std::map<Signature, int> groupOfSignature;
    std::vector<int> groupOfClass(signatures.size());
    std::vector<std::int64_t> indexOfClass(signatures.size());
    std::vector<ChannelGroup> groups;
    std::vector<const Signature*> groupSignature;
    for (std::size_t cls = 0; cls < signatures.size(); ++cls) {
        const auto [it, inserted] = groupOfSignature.emplace(signatures[cls], static_cast<int>(groups.size()));
        if (inserted) {
            groups.emplace_back();
            groupSignature.push_back(&it->first);
        }
        ChannelGroup& group = groups[static_cast<std::size_t>(it->second)];
        groupOfClass[cls] = it->second;
        indexOfClass[cls] = group.channels++;
    }

    // Each group's values, and for each value the groups that run through it.
    std::vector<std::vector<std::pair<int, int>>> slotsOfValue(m_graph.values().size()); // (group, slot in group.values)
    for (std::size_t g = 0; g < groups.size(); ++g) {
        ChannelGroup& group = groups[g];
        for (const auto& [value, count] : *groupSignature[g]) {
            GroupValue entry;
            entry.value = value;
            entry.valueName = m_graph.value(value).name;
            entry.span = static_cast<int>(count);
            entry.positions.assign(static_cast<std::size_t>(group.channels * count), -1);
            slotsOfValue[static_cast<std::size_t>(value)].push_back({static_cast<int>(g), static_cast<int>(group.values.size())});
            group.values.push_back(std::move(entry));
        }
    }
    for (const ValueId value : valueOrder) {
        const auto& slots = slotsOfValue[static_cast<std::size_t>(value)];
        std::vector<std::vector<int>> filled(slots.size());
        for (std::size_t s = 0; s < slots.size(); ++s)
            filled[s].assign(static_cast<std::size_t>(groups[static_cast<std::size_t>(slots[s].first)].channels), 0);
        for (std::int64_t i = 0; i < countOf(value); ++i) {
            const int cls = classOf[static_cast<std::size_t>(pos(value, i))];
            const int g = groupOfClass[static_cast<std::size_t>(cls)];
            const std::int64_t k = indexOfClass[static_cast<std::size_t>(cls)];
            for (std::size_t s = 0; s < slots.size(); ++s) {
                if (slots[s].first != g)
                    continue;
                GroupValue& entry = groups[static_cast<std::size_t>(g)].values[static_cast<std::size_t>(slots[s].second)];
                entry.positions[static_cast<std::size_t>(k * entry.span + filled[s][static_cast<std::size_t>(k)]++)] = i;
                break;
            }
        }
    }

    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (const auto& [value, count] : *groupSignature[g]) {
            for (const int id : m_valueBlockers[static_cast<std::size_t>(value)]) {
                auto& blockers = groups[g].blockers;
                if (std::find(blockers.begin(), blockers.end(), m_blockers[static_cast<std::size_t>(id)]) == blockers.end())
                    blockers.push_back(m_blockers[static_cast<std::size_t>(id)]);
            }
        }
    }

    // Members: each spec maps its value's positions to tensor entries. Every entry of a tensor
    // axis must belong to one group index only; anything else would remove a kept channel.
    std::map<std::tuple<int, std::string, int>, std::vector<std::pair<int, std::int64_t>>> owners;
    const auto blockGroup = [&groups](int g, const std::string& node, const std::string& reason) {
        auto& blockers = groups[static_cast<std::size_t>(g)].blockers;
        const Blocker blocker{node, reason};
        if (std::find(blockers.begin(), blockers.end(), blocker) == blockers.end())
            blockers.push_back(blocker);
    };
    for (const MemberSpec& spec : m_specs) {
        const Node& node = m_graph.nodes()[static_cast<std::size_t>(spec.node)];
        const std::int64_t axisSize = node.tensor(spec.tensor).size(spec.axis);
        auto& owner = owners[{spec.node, spec.tensor, spec.axis}];
        if (owner.empty())
            owner.assign(static_cast<std::size_t>(axisSize), {-1, -1});
        for (const auto& [g, slot] : slotsOfValue[static_cast<std::size_t>(spec.value)]) {
            ChannelGroup& group = groups[static_cast<std::size_t>(g)];
            const GroupValue& entry = group.values[static_cast<std::size_t>(slot)];
            GroupMember member;
            member.node = spec.node;
            member.nodeName = node.name;
            member.tensor = spec.tensor;
            member.axis = spec.axis;
            member.role = spec.role;
            member.span = -1;
            bool consistent = true;
            std::vector<std::int64_t> entries;
            for (std::int64_t k = 0; k < group.channels && consistent; ++k) {
                entries.clear();
                for (int s = 0; s < entry.span; ++s) {
                    const std::int64_t position = entry.positions[static_cast<std::size_t>(k * entry.span + s)];
                    entries.push_back(spec.modulo > 0 ? position % spec.modulo : position);
                }
                std::sort(entries.begin(), entries.end());
                entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
                if (member.span < 0)
                    member.span = static_cast<int>(entries.size());
                consistent = member.span == static_cast<int>(entries.size());
                for (const std::int64_t index : entries) {
                    if (index < 0 || index >= axisSize) {
                        consistent = false;
                        break;
                    }
                    auto& [ownerGroup, ownerIndex] = owner[static_cast<std::size_t>(index)];
                    if (ownerGroup >= 0 && (ownerGroup != g || ownerIndex != k)) {
                        consistent = false;
                        if (ownerGroup != g)
                            blockGroup(ownerGroup, node.name, "shares entries of '" + spec.tensor + "' with another group");
                    }
                    ownerGroup = g;
                    ownerIndex = k;
                }
                member.indices.insert(member.indices.end(), entries.begin(), entries.end());
            }
            if (!consistent) {
                blockGroup(g, node.name, "maps channels onto '" + spec.tensor + "' in a way the pruner cannot slice");
                continue;
            }
            group.members.push_back(std::move(member));
        }
    }

    // Names: the first producing layer (or the first value: the model input); a layer whose
    // output several groups share gets its range.
    DependencyGroups result;
    result.nodeCount = m_graph.nodes().size();
    result.valueCount = m_graph.values().size();
    std::map<std::string, int> nameUses;
    for (ChannelGroup& group : groups) {
        if (group.members.empty())
            continue;
        const auto producer = std::find_if(group.members.begin(), group.members.end(),
                                           [](const GroupMember& m) { return m.role == MemberRole::Producer; });
        group.name = producer != group.members.end() ? producer->nodeName : group.values.front().valueName;
        ++nameUses[group.name];
        result.groups.push_back(std::move(group));
    }
    std::map<std::string, int> suffixes;
    for (ChannelGroup& group : result.groups) {
        if (nameUses[group.name] < 2)
            continue;
        const GroupMember& named = *std::find_if(group.members.begin(), group.members.end(),
                                                 [&group](const GroupMember& m) { return m.nodeName == group.name; });
        const bool contiguous = named.span == 1 && named.indices.back() - named.indices.front() + 1 == group.channels
                                && std::is_sorted(named.indices.begin(), named.indices.end());
        group.name += contiguous ? "[" + std::to_string(named.indices.front()) + ":" + std::to_string(named.indices.back() + 1) + "]"
                                 : "#" + std::to_string(++suffixes[group.name]);
    }
    return result;
}

} // namespace

int DependencyGroups::prunableCount() const
{
    return static_cast<int>(std::count_if(groups.begin(), groups.end(), [](const ChannelGroup& g) { return g.prunable(); }));
}

std::vector<int> DependencyGroups::groupsOfNode(std::string_view nodeName, bool producersOnly) const
{
    std::vector<int> found;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (const GroupMember& member : groups[g].members) {
            if (member.nodeName == nodeName && (!producersOnly || member.role == MemberRole::Producer)) {
                found.push_back(static_cast<int>(g));
                break;
            }
        }
    }
    return found;
}

int DependencyGroups::findGroup(std::string_view groupName) const
{
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].name == groupName)
            return static_cast<int>(g);
    }
    return -1;
}

DependencyGroups findDependencyGroups(const graph::Graph& graph, const DependencyOptions& options)
{
    return Analysis(graph, options).run();
}

} // namespace slim::engine::passes
