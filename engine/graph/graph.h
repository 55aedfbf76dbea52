#pragma once

#include "graph/attributes.h"
#include "graph/ops.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace slim::engine::graph {

using Shape = std::vector<std::int64_t>;
using ValueId = int;

enum class DType { Float32, Int64 };

std::string_view dtypeName(DType dtype);
std::string shapeToString(const Shape& shape); ///< "16×32×32"
std::int64_t shapeNumel(const Shape& shape);

/// A tensor flowing between nodes. `shape` is per sample: the batch dimension is implicit
/// and leading, so a conv output of 16 channels at 32×32 is {16, 32, 32}.
struct Value {
    std::string name;
    Shape shape;
    DType dtype = DType::Float32;
};

/// A named tensor owned by a node (a weight, a running mean).
struct NamedTensor {
    std::string name;
    at::Tensor tensor;
};

/// One operation. Learnable tensors live in `params` (they get gradients and count as
/// parameters); state that is not learned (BatchNorm running statistics) in `buffers`.
struct Node {
    std::string name;  ///< stable, readable, unique: "layer2.0.conv1"
    OpKind op = OpKind::Identity;
    Attributes attrs;
    std::vector<ValueId> inputs;
    std::vector<ValueId> outputs;
    std::vector<NamedTensor> params;
    std::vector<NamedTensor> buffers;

    /// The parameter or buffer of that name, or an undefined tensor.
    at::Tensor tensor(const std::string& tensorName) const;
    void setTensor(const std::string& tensorName, at::Tensor value);
};

/// The graph IR: values, nodes, inputs and outputs. Every importer produces one, every pass
/// transforms one, every exporter consumes one. Not thread-safe; give each thread its own
/// (see clone()).
class Graph {
public:
    ValueId addValue(const std::string& name, Shape shape = {}, DType dtype = DType::Float32);
    ValueId addInput(const std::string& name, Shape shape);
    /// Makes an existing value a graph input (importers and loaders).
    void markInput(ValueId value);
    void markOutput(ValueId value);
    /// Appends a node and returns its index. Nothing is checked until validate().
    int addNode(Node node);

    const std::vector<Value>& values() const { return m_values; }
    std::vector<Value>& values() { return m_values; }
    const std::vector<Node>& nodes() const { return m_nodes; }
    std::vector<Node>& nodes() { return m_nodes; }
    const std::vector<ValueId>& inputs() const { return m_inputs; }
    const std::vector<ValueId>& outputs() const { return m_outputs; }
    const Value& value(ValueId id) const { return m_values.at(static_cast<std::size_t>(id)); }
    Value& value(ValueId id) { return m_values.at(static_cast<std::size_t>(id)); }

    /// Free-form facts about the model ("zoo", "classes", "source"), saved with it.
    std::map<std::string, std::string>& metadata() { return m_metadata; }
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }

    const Node* findNode(const std::string& name) const;
    std::optional<ValueId> findValue(const std::string& name) const;
    /// Index of the node producing `value`, or -1 for graph inputs.
    int producerOf(ValueId value) const;
    /// `base` if no node has that name yet, otherwise `base_1`, `base_2`, ...
    std::string uniqueNodeName(const std::string& base) const;

    /// Node indices such that every node comes after the producers of its inputs.
    /// Throws Error(InvalidGraph) naming a node on a cycle.
    std::vector<int> topologicalOrder() const;

    /// Checks structure and shapes: ids in range, each value produced once, inputs produced
    /// before use, no cycles, unique non-empty names, input counts, parameters present and
    /// every recorded shape equal to the inferred one. Throws Error naming the node.
    void validate() const;

    /// Recomputes every value's shape from the graph inputs. Throws Error(ShapeMismatch)
    /// naming the first node whose inputs or parameters do not fit.
    void inferShapes();

    /// A deep copy: tensors are cloned, so the copy can be trained or pruned freely.
    Graph clone() const;

    /// Calls `visit` with every parameter and buffer of every node, in node order; `visit`
    /// may replace the tensor it is given.
    void forEachTensor(const std::function<void(Node&, NamedTensor&)>& visit);

    /// Every learnable tensor, in node order (the order optimisers and checkpoints use).
    std::vector<at::Tensor> parameters() const;

private:
    void checkStructure() const;
    std::vector<Shape> inferredShapes() const;

    std::vector<Value> m_values;
    std::vector<Node> m_nodes;
    std::vector<ValueId> m_inputs;
    std::vector<ValueId> m_outputs;
    std::map<std::string, std::string> m_metadata;
};

/// A constant operand of Add/Sub/Mul/Div (a buffer "operand") shaped to broadcast against one
/// sample of rank `sampleRank`: leading size-1 axes beyond that rank (the batch axis of a
/// [1, C, 1, 1] constant) are dropped. Throws Error(ShapeMismatch) when it varies per sample.
at::Tensor perSampleOperand(at::Tensor constant, std::size_t sampleRank);

/// Output shapes of `node` given its input shapes (per sample). Throws Error(ShapeMismatch).
std::vector<Shape> inferNodeShapes(const Node& node, const std::vector<Shape>& inputShapes);

} // namespace slim::engine::graph
