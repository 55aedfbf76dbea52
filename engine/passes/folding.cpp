#include "passes/folding.h"

#include "graph/fakequant.h"
#include "prune/masks.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <optional>
#include <set>

namespace slim::engine::passes {

using graph::Graph;
using graph::Node;
using graph::OpKind;
using graph::ValueId;

namespace {

/// The graph being rewritten: nodes are dropped and values redirected, then compact() builds
/// the result.
class Rewrite {
public:
    explicit Rewrite(const Graph& graph)
        : m_graph(graph)
        , m_dropped(graph.nodes().size(), false)
        , m_replacement(graph.values().size(), -1)
    {
        for (const ValueId id : graph.outputs())
            m_isOutput.insert(id);
    }

    Graph& graph() { return m_graph; }
    bool dropped(int node) const { return m_dropped[static_cast<std::size_t>(node)]; }
    bool isOutput(ValueId value) const { return m_isOutput.count(value) != 0; }

    /// The value that now stands for `value` (itself unless a removed node forwarded it).
    ValueId resolve(ValueId value) const
    {
        while (m_replacement[static_cast<std::size_t>(value)] >= 0)
            value = m_replacement[static_cast<std::size_t>(value)];
        return value;
    }

    /// Removes a single-input node that passes its input through: readers of its output read
    /// its input instead.
    void bypass(int node)
    {
        const Node& n = m_graph.nodes()[static_cast<std::size_t>(node)];
        m_replacement[static_cast<std::size_t>(n.outputs.front())] = n.inputs.front();
        m_dropped[static_cast<std::size_t>(node)] = true;
    }

    /// Removes `consumer`, whose work `producer` now does: the producer writes the consumer's
    /// output value, so the names later nodes and the graph outputs read stay as they were.
    void absorb(int producer, int consumer)
    {
        Node& p = m_graph.nodes()[static_cast<std::size_t>(producer)];
        p.outputs.front() = m_graph.nodes()[static_cast<std::size_t>(consumer)].outputs.front();
        m_dropped[static_cast<std::size_t>(consumer)] = true;
    }

    /// The node producing `value` after the changes so far, or -1.
    int producerOf(ValueId value) const
    {
        for (std::size_t i = 0; i < m_graph.nodes().size(); ++i) {
            if (m_dropped[i])
                continue;
            const std::vector<ValueId>& outputs = m_graph.nodes()[i].outputs;
            if (std::find(outputs.begin(), outputs.end(), value) != outputs.end())
                return static_cast<int>(i);
        }
        return -1;
    }

    /// How many kept nodes read `value` (after redirection), plus one if it is a graph output.
    int readers(ValueId value) const
    {
        int count = isOutput(value) ? 1 : 0;
        for (std::size_t i = 0; i < m_graph.nodes().size(); ++i) {
            if (m_dropped[i])
                continue;
            for (const ValueId input : m_graph.nodes()[i].inputs)
                count += resolve(input) == value ? 1 : 0;
        }
        return count;
    }

    /// The rewritten graph with only the values still produced or read, in their old order.
    Graph compact() const
    {
        std::vector<bool> used(m_graph.values().size(), false);
        for (const ValueId id : m_graph.inputs())
            used[static_cast<std::size_t>(id)] = true;
        for (const ValueId id : m_graph.outputs())
            used[static_cast<std::size_t>(resolve(id))] = true;
        for (std::size_t i = 0; i < m_graph.nodes().size(); ++i) {
            if (m_dropped[i])
                continue;
            for (const ValueId id : m_graph.nodes()[i].inputs)
                used[static_cast<std::size_t>(resolve(id))] = true;
            for (const ValueId id : m_graph.nodes()[i].outputs)
                used[static_cast<std::size_t>(id)] = true;
        }
        Graph result;
        std::vector<ValueId> newId(m_graph.values().size(), -1);
        for (std::size_t id = 0; id < used.size(); ++id) {
            if (used[id]) {
                const graph::Value& value = m_graph.values()[id];
                newId[id] = result.addValue(value.name, value.shape, value.dtype);
            }
        }
        const auto mapped = [&](ValueId id) { return newId[static_cast<std::size_t>(resolve(id))]; };
        for (const ValueId id : m_graph.inputs())
            result.markInput(newId[static_cast<std::size_t>(id)]);
        for (std::size_t i = 0; i < m_graph.nodes().size(); ++i) {
            if (m_dropped[i])
                continue;
            Node node = m_graph.nodes()[i];
            for (ValueId& id : node.inputs)
                id = mapped(id);
            for (ValueId& id : node.outputs)
                id = newId[static_cast<std::size_t>(id)];
            result.addNode(std::move(node));
        }
        for (const ValueId id : m_graph.outputs())
            result.markOutput(mapped(id));
        result.metadata() = m_graph.metadata();
        return result;
    }

private:
    Graph m_graph; ///< a shallow copy: folded tensors are replaced, never written into
    std::vector<bool> m_dropped;
    std::vector<ValueId> m_replacement;
    std::set<ValueId> m_isOutput;
};

/// A new tensor with `source`'s requires_grad, so a folded graph can still be fine-tuned.
at::Tensor like(const at::Tensor& source, const at::Tensor& value)
{
    at::Tensor result = value.detach().to(source.scalar_type()).contiguous();
    if (source.requires_grad())
        result.requires_grad_(true);
    return result;
}

void setOrAddParam(Node& node, const std::string& name, at::Tensor value)
{
    for (graph::NamedTensor& named : node.params) {
        if (named.name == name) {
            named.tensor = std::move(value);
            return;
        }
    }
    node.params.push_back({name, std::move(value)});
}

/// Whether `producer` computes a per-output-channel linear map that a following BatchNorm can be
/// folded into, and along which axis of its weight the output channels lie.
std::optional<std::int64_t> outputChannelAxis(const Node& producer)
{
    if (producer.outputs.size() != 1 || !producer.tensor("weight").defined() || graph::hasWeightQuantization(producer))
        return std::nullopt; // a quantized weight's grid would no longer fit it
    if (producer.op == OpKind::Conv2d)
        return 0;
    if (producer.op == OpKind::ConvTranspose2d && producer.attrs.getInt("groups", 1) == 1)
        return 1;
    return std::nullopt;
}

void foldBatchNorm(Node& producer, const Node& norm, std::int64_t axis)
{
    at::NoGradGuard noGrad;
    const at::Tensor weight = producer.tensor("weight");
    const at::Tensor mean = norm.tensor("running_mean").detach().to(at::kDouble);
    const at::Tensor variance = norm.tensor("running_var").detach().to(at::kDouble);
    const at::Tensor gamma = norm.tensor("weight");
    const at::Tensor beta = norm.tensor("bias");
    const double eps = norm.attrs.getFloat("eps", 1e-5);
    at::Tensor scale = (variance + eps).rsqrt();
    if (gamma.defined())
        scale = scale * gamma.detach().to(at::kDouble);
    const at::Tensor bias = producer.tensor("bias");
    at::Tensor shift = bias.defined() ? bias.detach().to(at::kDouble) - mean : -mean;
    shift = shift * scale;
    if (beta.defined())
        shift = shift + beta.detach().to(at::kDouble);

    std::vector<std::int64_t> broadcast(static_cast<std::size_t>(weight.dim()), 1);
    broadcast[static_cast<std::size_t>(axis)] = -1;
    setOrAddParam(producer, "weight", like(weight, weight.detach().to(at::kDouble) * scale.view(broadcast)));
    setOrAddParam(producer, "bias", like(bias.defined() ? bias : weight, shift));
}

bool masked(const Node& node)
{
    return node.tensor(prune::kWeightMaskName).defined();
}

bool isPointwiseConv(const Node& conv)
{
    const at::Tensor weight = conv.tensor("weight");
    const auto allEqual = [&](const std::string& name, std::int64_t expected, std::int64_t fallback) {
        const std::vector<std::int64_t> values = conv.attrs.getInts(name, {fallback});
        return std::all_of(values.begin(), values.end(), [&](std::int64_t v) { return v == expected; });
    };
    return conv.op == OpKind::Conv2d && weight.defined() && weight.dim() == 4 && weight.size(2) == 1
           && weight.size(3) == 1 && conv.attrs.getInt("groups", 1) == 1 && allEqual("stride", 1, 1)
           && allEqual("padding", 0, 0) && allEqual("dilation", 1, 1);
}

/// Merges the 1×1 `second` into `first` when that costs no more MACs per output pixel.
bool mergePointwise(Node& first, const Node& second)
{
    const at::Tensor w1 = first.tensor("weight");
    const at::Tensor w2 = second.tensor("weight");
    if (first.op != OpKind::Conv2d || first.attrs.getInt("groups", 1) != 1 || !w1.defined() || w1.dim() != 4
        || masked(first) || masked(second) || graph::hasWeightQuantization(first) || graph::hasWeightQuantization(second))
        return false;
    const std::int64_t mid = w1.size(0);
    const std::int64_t out = w2.size(0);
    const std::int64_t window = w1.size(1) * w1.size(2) * w1.size(3);
    if (out * window > mid * window + out * mid)
        return false;
    at::NoGradGuard noGrad;
    const at::Tensor pointwise = w2.detach().to(at::kDouble).view({out, mid});
    const at::Tensor merged = pointwise.mm(w1.detach().to(at::kDouble).view({mid, window})).view({out, w1.size(1), w1.size(2), w1.size(3)});
    const at::Tensor b1 = first.tensor("bias");
    const at::Tensor b2 = second.tensor("bias");
    at::Tensor bias = b1.defined() ? pointwise.mv(b1.detach().to(at::kDouble)) : at::Tensor();
    if (b2.defined())
        bias = bias.defined() ? bias + b2.detach().to(at::kDouble) : b2.detach().to(at::kDouble);
    setOrAddParam(first, "weight", like(w1, merged));
    if (bias.defined())
        setOrAddParam(first, "bias", like(b1.defined() ? b1 : w1, bias));
    return true;
}

} // namespace

Graph foldForInference(const Graph& source, FoldReport* report)
{
    source.validate();
    FoldReport local;
    FoldReport& done = report ? *report : local;
    done = {};
    Rewrite rewrite(source);
    Graph& graph = rewrite.graph();
    std::vector<Node>& nodes = graph.nodes();
    const std::vector<int> order = graph.topologicalOrder();

    for (const int index : order) {
        const Node& node = nodes[static_cast<std::size_t>(index)];
        if ((node.op == OpKind::Identity || node.op == OpKind::Dropout) && node.inputs.size() == 1
            && !rewrite.isOutput(node.outputs.front())) {
            rewrite.bypass(index);
            done.removedNodes.push_back(node.name);
        }
    }

    for (const int index : order) {
        const Node& norm = nodes[static_cast<std::size_t>(index)];
        if (norm.op != OpKind::BatchNorm2d)
            continue;
        const ValueId input = rewrite.resolve(norm.inputs.front());
        const int producer = rewrite.producerOf(input);
        if (producer < 0 || rewrite.isOutput(input) || rewrite.readers(input) != 1)
            continue;
        Node& folded = nodes[static_cast<std::size_t>(producer)];
        const std::optional<std::int64_t> axis = outputChannelAxis(folded);
        if (!axis || folded.tensor("weight").size(*axis) != norm.tensor("running_mean").numel())
            continue;
        foldBatchNorm(folded, norm, *axis);
        rewrite.absorb(producer, index);
        done.foldedBatchNorms.push_back(norm.name + " into " + folded.name);
    }

    for (const int index : order) {
        const Node& second = nodes[static_cast<std::size_t>(index)];
        if (rewrite.dropped(index) || !isPointwiseConv(second))
            continue;
        const ValueId input = rewrite.resolve(second.inputs.front());
        const int producer = rewrite.producerOf(input);
        if (producer < 0 || rewrite.isOutput(input) || rewrite.readers(input) != 1)
            continue;
        Node& first = nodes[static_cast<std::size_t>(producer)];
        if (!mergePointwise(first, second))
            continue;
        rewrite.absorb(producer, index);
        done.mergedConvolutions.push_back(second.name + " (1×1) into " + first.name);
    }

    Graph result = rewrite.compact();
    result.validate();
    return result;
}

void useChannelsLastCopies(Graph& graph)
{
    graph.forEachTensor([](Node&, graph::NamedTensor& named) {
        if (named.tensor.defined() && named.tensor.dim() == 4)
            named.tensor = named.tensor.detach().to(named.tensor.options(), false, /*copy=*/true, at::MemoryFormat::ChannelsLast);
    });
}

} // namespace slim::engine::passes
