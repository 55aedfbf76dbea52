#include "analysis/cost.h"

#include <ATen/ATen.h>

namespace slim::engine::analysis {

namespace {
std::int64_t bytesPerElement(graph::DType dtype)
{
    return dtype == graph::DType::Int64 ? 8 : 4;
}

std::int64_t nodeMacs(const graph::Node& node, const graph::Shape& inputShape, const graph::Shape& outputShape)
{
    switch (node.op) {
    case graph::OpKind::Conv2d: {
        // Each output element sums (C_in / groups) · kH · kW products: weight[0] holds them all.
        const at::Tensor weight = node.tensor("weight");
        return graph::shapeNumel(outputShape) * (weight.numel() / weight.size(0));
    }
    case graph::OpKind::ConvTranspose2d: {
        // Each input element scatters into (C_out / groups) · kH · kW outputs.
        const at::Tensor weight = node.tensor("weight");
        return graph::shapeNumel(inputShape) * (weight.numel() / weight.size(0));
    }
    case graph::OpKind::Linear: {
        const at::Tensor weight = node.tensor("weight");
        return graph::shapeNumel(outputShape) * weight.size(1);
    }
    default:
        return 0;
    }
}

/// Whether the node has a weight whose entries nodeMacs() counts.
bool hasMacsWeight(const graph::Node& node)
{
    return (node.op == graph::OpKind::Conv2d || node.op == graph::OpKind::ConvTranspose2d || node.op == graph::OpKind::Linear)
           && node.tensor("weight").defined();
}

/// The zero entries of the weight whose entries nodeMacs() counts, or 0 for other nodes.
std::int64_t zeroWeights(const graph::Node& node)
{
    if (!hasMacsWeight(node))
        return 0;
    const at::Tensor weight = node.tensor("weight");
    return weight.defined() ? weight.numel() - weight.count_nonzero().item<std::int64_t>() : 0;
}
} // namespace

CostReport analyzeCost(const graph::Graph& graph)
{
    CostReport report;
    const std::vector<int> order = graph.topologicalOrder();

    // Liveness for the peak: a value lives from its producer to its last consumer.
    std::vector<int> lastUse(graph.values().size(), -1);
    for (std::size_t step = 0; step < order.size(); ++step) {
        for (const graph::ValueId id : graph.nodes()[static_cast<std::size_t>(order[step])].inputs)
            lastUse[static_cast<std::size_t>(id)] = static_cast<int>(step);
    }
    for (const graph::ValueId id : graph.outputs())
        lastUse[static_cast<std::size_t>(id)] = static_cast<int>(order.size());

    auto valueBytes = [&graph](graph::ValueId id) {
        const graph::Value& value = graph.value(id);
        return graph::shapeNumel(value.shape) * bytesPerElement(value.dtype);
    };
    std::int64_t live = 0;
    for (const graph::ValueId id : graph.inputs())
        live += valueBytes(id);
    report.peakActivationBytes = live;

    for (std::size_t step = 0; step < order.size(); ++step) {
        const graph::Node& node = graph.nodes()[static_cast<std::size_t>(order[step])];
        NodeCost cost;
        cost.name = node.name;
        cost.op = node.op;
        const graph::ValueId out = node.outputs.front();
        cost.outputShape = graph.value(out).shape;
        for (const graph::NamedTensor& param : node.params)
            cost.params += param.tensor.defined() ? param.tensor.numel() : 0;
        cost.macs = nodeMacs(node, graph.value(node.inputs.front()).shape, cost.outputShape);
        // Every weight entry does the same number of MACs (macs / entries: the output positions
        // of a conv, the input positions of a ConvTranspose, the rows of a Linear).
        const std::int64_t zeros = zeroWeights(node);
        cost.weightZeros = zeros;
        cost.weightEntries = zeros > 0 || hasMacsWeight(node) ? node.tensor("weight").numel() : 0;
        cost.nonzeroParams = cost.params - zeros;
        cost.nonzeroMacs = zeros == 0 ? cost.macs : cost.macs - cost.macs / node.tensor("weight").numel() * zeros;
        cost.activationBytes = valueBytes(out);

        live += cost.activationBytes;
        report.peakActivationBytes = std::max(report.peakActivationBytes, live);
        for (const graph::ValueId id : node.inputs) {
            if (lastUse[static_cast<std::size_t>(id)] == static_cast<int>(step)) {
                live -= valueBytes(id);
                lastUse[static_cast<std::size_t>(id)] = -1; // count a value used twice by one node once
            }
        }

        report.params += cost.params;
        report.macs += cost.macs;
        report.nonzeroParams += cost.nonzeroParams;
        report.nonzeroMacs += cost.nonzeroMacs;
        report.activationBytes += cost.activationBytes;
        report.nodes.push_back(std::move(cost));
    }
    return report;
}

} // namespace slim::engine::analysis
