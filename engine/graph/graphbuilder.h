#pragma once

#include "graph/graph.h"

#include <ATen/core/Generator.h>

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::graph {

/// Builds a graph layer by layer, naming each node by its module path ("layer1.0.conv1"),
/// inferring each output shape as it goes and initialising parameters as PyTorch's
/// `torch.nn` defaults do (Kaiming-uniform with a = √5 for weights, U(±1/√fan_in) for
/// biases, γ = 1 and β = 0 for BatchNorm), drawn from a generator seeded by `seed`.
class GraphBuilder {
public:
    explicit GraphBuilder(std::uint64_t seed = 0);

    ValueId input(const std::string& name, Shape shape);
    ValueId conv2d(const std::string& name, ValueId x, std::int64_t outChannels, std::int64_t kernel,
                   std::int64_t stride = 1, std::int64_t padding = 0, std::int64_t groups = 1, bool bias = true);
    ValueId batchNorm2d(const std::string& name, ValueId x, double eps = 1e-5, double momentum = 0.1);
    ValueId linear(const std::string& name, ValueId x, std::int64_t outFeatures, bool bias = true);
    /// An op without weights; `attrs` as documented on OpKind.
    ValueId op(OpKind kind, const std::string& name, std::vector<ValueId> inputs, Attributes attrs = {});
    ValueId relu(const std::string& name, ValueId x) { return op(OpKind::ReLU, name, {x}); }
    ValueId maxPool2d(const std::string& name, ValueId x, std::int64_t kernel, std::int64_t stride,
                      std::int64_t padding = 0);
    ValueId adaptiveAvgPool2d(const std::string& name, ValueId x, std::int64_t outputSize = 1);
    ValueId flatten(const std::string& name, ValueId x);
    ValueId add(const std::string& name, ValueId a, ValueId b) { return op(OpKind::Add, name, {a, b}); }

    const Shape& shape(ValueId value) const { return m_graph.value(value).shape; }
    Graph& graph() { return m_graph; }

    /// Marks `outputs`, validates and hands over the graph. The builder is empty afterwards.
    Graph finish(const std::vector<ValueId>& outputs);

private:
    ValueId append(Node node);
    at::Tensor uniform(at::IntArrayRef sizes, double bound);

    Graph m_graph;
    at::Generator m_generator;
};

/// Draws every Conv/ConvTranspose/Linear weight and bias anew as PyTorch's defaults do
/// (U(±1/√fan_in)), in node order from one generator seeded by `seed`, so a zoo model comes
/// out as GraphBuilder built it with that seed; BatchNorm gets γ = 1, β = 0 and fresh
/// running statistics. Tensors are replaced, not written into, so copies sharing them are
/// left alone.
void reinitializeParameters(Graph& graph, std::uint64_t seed);

} // namespace slim::engine::graph
