#include "graph/graphbuilder.h"

#include "core/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace slim::engine::graph {

GraphBuilder::GraphBuilder(std::uint64_t seed)
    : m_generator(at::detail::createCPUGenerator(seed))
{
}

at::Tensor GraphBuilder::uniform(at::IntArrayRef sizes, double bound)
{
    return at::empty(sizes, at::kFloat).uniform_(-bound, bound, m_generator);
}

ValueId GraphBuilder::input(const std::string& name, Shape shape)
{
    return m_graph.addInput(name, std::move(shape));
}

ValueId GraphBuilder::append(Node node)
{
    if (m_graph.findNode(node.name))
        throw Error(ErrorCode::InvalidGraph, "node '" + node.name + "': duplicate node name", {node.name, "duplicate node name"});
    std::vector<Shape> inputShapes;
    for (const ValueId id : node.inputs)
        inputShapes.push_back(m_graph.value(id).shape);
    const std::vector<Shape> shapes = inferNodeShapes(node, inputShapes);
    const ValueId out = m_graph.addValue(node.name, shapes.front());
    node.outputs = {out};
    m_graph.addNode(std::move(node));
    return out;
}

ValueId GraphBuilder::conv2d(const std::string& name, ValueId x, std::int64_t outChannels, std::int64_t kernel,
                             std::int64_t stride, std::int64_t padding, std::int64_t groups, bool bias)
{
    const std::int64_t inChannels = shape(x).at(0);
    const std::int64_t fanIn = inChannels / groups * kernel * kernel;
    // kaiming_uniform_(a=√5) gives bound = √(6 / ((1 + 5) · fan_in)) = 1/√fan_in.
    const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
    Node node;
    node.name = name;
    node.op = OpKind::Conv2d;
    node.inputs = {x};
    node.attrs.set("stride", std::vector<std::int64_t>{stride, stride});
    node.attrs.set("padding", std::vector<std::int64_t>{padding, padding});
    node.attrs.set("dilation", std::vector<std::int64_t>{1, 1});
    node.attrs.set("groups", groups);
    node.params.push_back({"weight", uniform({outChannels, inChannels / groups, kernel, kernel}, bound)});
    if (bias)
        node.params.push_back({"bias", uniform({outChannels}, bound)});
    return append(std::move(node));
}

ValueId GraphBuilder::batchNorm2d(const std::string& name, ValueId x, double eps, double momentum)
{
    const std::int64_t channels = shape(x).at(0);
    Node node;
    node.name = name;
    node.op = OpKind::BatchNorm2d;
    node.inputs = {x};
    node.attrs.set("eps", eps);
    node.attrs.set("momentum", momentum);
    node.params = {{"weight", at::ones({channels})}, {"bias", at::zeros({channels})}};
    node.buffers = {{"running_mean", at::zeros({channels})},
                    {"running_var", at::ones({channels})},
                    {"num_batches_tracked", at::zeros({}, at::kLong)}};
    return append(std::move(node));
}

ValueId GraphBuilder::linear(const std::string& name, ValueId x, std::int64_t outFeatures, bool bias)
{
    const std::int64_t inFeatures = shape(x).back();
    const double bound = 1.0 / std::sqrt(static_cast<double>(inFeatures));
    Node node;
    node.name = name;
    node.op = OpKind::Linear;
    node.inputs = {x};
    node.params.push_back({"weight", uniform({outFeatures, inFeatures}, bound)});
    if (bias)
        node.params.push_back({"bias", uniform({outFeatures}, bound)});
    return append(std::move(node));
}

ValueId GraphBuilder::op(OpKind kind, const std::string& name, std::vector<ValueId> inputs, Attributes attrs)
{
    Node node;
    node.name = name;
    node.op = kind;
    node.inputs = std::move(inputs);
    node.attrs = std::move(attrs);
    return append(std::move(node));
}

ValueId GraphBuilder::maxPool2d(const std::string& name, ValueId x, std::int64_t kernel, std::int64_t stride,
                                std::int64_t padding)
{
    Attributes attrs;
    attrs.set("kernel_size", std::vector<std::int64_t>{kernel, kernel});
    attrs.set("stride", std::vector<std::int64_t>{stride, stride});
    attrs.set("padding", std::vector<std::int64_t>{padding, padding});
    return op(OpKind::MaxPool2d, name, {x}, std::move(attrs));
}

ValueId GraphBuilder::adaptiveAvgPool2d(const std::string& name, ValueId x, std::int64_t outputSize)
{
    Attributes attrs;
    attrs.set("output_size", std::vector<std::int64_t>{outputSize, outputSize});
    return op(OpKind::AdaptiveAvgPool2d, name, {x}, std::move(attrs));
}

ValueId GraphBuilder::flatten(const std::string& name, ValueId x)
{
    Attributes attrs;
    attrs.set("start_dim", std::int64_t{1});
    attrs.set("end_dim", std::int64_t{-1});
    return op(OpKind::Flatten, name, {x}, std::move(attrs));
}

Graph GraphBuilder::finish(const std::vector<ValueId>& outputs)
{
    for (const ValueId out : outputs)
        m_graph.markOutput(out);
    m_graph.validate();
    return std::exchange(m_graph, Graph{});
}

} // namespace slim::engine::graph

namespace slim::engine::graph {

void reinitializeParameters(Graph& graph, std::uint64_t seed)
{
    at::Generator generator = at::detail::createCPUGenerator(seed);
    at::NoGradGuard noGrad;
    for (Node& node : graph.nodes()) {
        if (node.op == OpKind::BatchNorm2d) {
            for (NamedTensor& named : node.params)
                named.tensor = named.name == "weight" ? at::ones_like(named.tensor) : at::zeros_like(named.tensor);
            for (NamedTensor& named : node.buffers)
                named.tensor = named.name == "running_var" ? at::ones_like(named.tensor) : at::zeros_like(named.tensor);
            continue;
        }
        const at::Tensor weight = node.tensor("weight");
        if (!weight.defined() || weight.dim() < 2)
            continue;
        // PyTorch's fan-in is size(1) × the receptive field, for Linear, Conv2d and
        // ConvTranspose2d alike; kaiming_uniform_(a=√5) and the bias both give 1/√fan_in.
        const std::int64_t fanIn = weight.numel() / weight.size(0);
        const double bound = 1.0 / std::sqrt(static_cast<double>(std::max<std::int64_t>(fanIn, 1)));
        for (NamedTensor& named : node.params) {
            if (named.name == "weight" || named.name == "bias")
                named.tensor = at::empty(named.tensor.sizes(), at::kFloat).uniform_(-bound, bound, generator);
        }
    }
}

} // namespace slim::engine::graph
