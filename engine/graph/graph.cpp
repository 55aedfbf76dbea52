#include "graph/graph.h"

#include "core/error.h"

#include <ATen/ATen.h>

#include <deque>
#include <set>
#include <sstream>

namespace slim::engine::graph {

std::string_view dtypeName(DType dtype)
{
    switch (dtype) {
    case DType::Float32: return "float32";
    case DType::Int64: return "int64";
    }
    return "?";
}

std::string shapeToString(const Shape& shape)
{
    if (shape.empty())
        return "scalar";
    std::ostringstream out;
    for (std::size_t i = 0; i < shape.size(); ++i)
        out << (i ? "×" : "") << shape[i];
    return out.str();
}

std::int64_t shapeNumel(const Shape& shape)
{
    std::int64_t count = 1;
    for (const std::int64_t dim : shape)
        count *= dim;
    return count;
}

at::Tensor Node::tensor(const std::string& tensorName) const
{
    for (const auto* list : {&params, &buffers}) {
        for (const NamedTensor& named : *list) {
            if (named.name == tensorName)
                return named.tensor;
        }
    }
    return {};
}

void Node::setTensor(const std::string& tensorName, at::Tensor value)
{
    for (auto* list : {&params, &buffers}) {
        for (NamedTensor& named : *list) {
            if (named.name == tensorName) {
                named.tensor = std::move(value);
                return;
            }
        }
    }
    params.push_back({tensorName, std::move(value)});
}

ValueId Graph::addValue(const std::string& name, Shape shape, DType dtype)
{
    m_values.push_back({name, std::move(shape), dtype});
    return static_cast<ValueId>(m_values.size() - 1);
}

ValueId Graph::addInput(const std::string& name, Shape shape)
{
    const ValueId id = addValue(name, std::move(shape));
    m_inputs.push_back(id);
    return id;
}

void Graph::markInput(ValueId value)
{
    m_inputs.push_back(value);
}

void Graph::markOutput(ValueId value)
{
    m_outputs.push_back(value);
}

int Graph::addNode(Node node)
{
    m_nodes.push_back(std::move(node));
    return static_cast<int>(m_nodes.size() - 1);
}

const Node* Graph::findNode(const std::string& name) const
{
    for (const Node& node : m_nodes) {
        if (node.name == name)
            return &node;
    }
    return nullptr;
}

std::optional<ValueId> Graph::findValue(const std::string& name) const
{
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        if (m_values[i].name == name)
            return static_cast<ValueId>(i);
    }
    return std::nullopt;
}

int Graph::producerOf(ValueId value) const
{
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        for (const ValueId out : m_nodes[i].outputs) {
            if (out == value)
                return static_cast<int>(i);
        }
    }
    return -1;
}

std::string Graph::uniqueNodeName(const std::string& base) const
{
    if (!findNode(base))
        return base;
    for (int suffix = 1;; ++suffix) {
        const std::string candidate = base + "_" + std::to_string(suffix);
        if (!findNode(candidate))
            return candidate;
    }
}

namespace {
[[noreturn]] void invalid(const std::string& nodeName, const std::string& what)
{
    const std::string where = nodeName.empty() ? std::string("graph") : "node '" + nodeName + "'";
    throw Error(ErrorCode::InvalidGraph, where + ": " + what, {nodeName, what});
}
} // namespace

void Graph::checkStructure() const
{
    const auto valueCount = static_cast<ValueId>(m_values.size());
    const auto inRange = [valueCount](ValueId id) { return id >= 0 && id < valueCount; };

    std::set<std::string> valueNames;
    for (const Value& value : m_values) {
        if (value.name.empty())
            invalid("", "a value has an empty name");
        if (!valueNames.insert(value.name).second)
            invalid("", "duplicate value name '" + value.name + "'");
    }

    // Each value has exactly one source: a graph input or one node's output.
    std::vector<int> producer(m_values.size(), -2);
    for (const ValueId id : m_inputs) {
        if (!inRange(id))
            invalid("", "graph input refers to value " + std::to_string(id) + ", which does not exist");
        producer[static_cast<std::size_t>(id)] = -1;
    }

    std::set<std::string> nodeNames;
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node& node = m_nodes[i];
        if (node.name.empty())
            invalid("", "node " + std::to_string(i) + " (" + std::string(opName(node.op)) + ") has no name");
        if (!nodeNames.insert(node.name).second)
            invalid(node.name, "duplicate node name");
        const OpInfo& info = opInfo(node.op);
        const auto inputCount = static_cast<int>(node.inputs.size());
        if (inputCount < info.minInputs || (info.maxInputs >= 0 && inputCount > info.maxInputs))
            invalid(node.name, std::string(info.name) + " takes " + std::to_string(info.minInputs)
                                   + (info.maxInputs == info.minInputs ? ""
                                      : info.maxInputs < 0         ? " or more"
                                                                   : " to " + std::to_string(info.maxInputs))
                                   + " inputs, got " + std::to_string(inputCount));
        if (node.outputs.size() != 1)
            invalid(node.name, "must have exactly one output, has " + std::to_string(node.outputs.size()));
        for (const ValueId id : node.inputs) {
            if (!inRange(id))
                invalid(node.name, "dangling input: value " + std::to_string(id) + " does not exist");
        }
        for (const ValueId id : node.outputs) {
            if (!inRange(id))
                invalid(node.name, "dangling output: value " + std::to_string(id) + " does not exist");
            auto& source = producer[static_cast<std::size_t>(id)];
            if (source != -2) {
                const std::string other = source == -1 ? std::string("a graph input")
                                                       : "node '" + m_nodes[static_cast<std::size_t>(source)].name + "'";
                invalid(node.name, "output '" + m_values[static_cast<std::size_t>(id)].name
                                       + "' is also produced by " + other);
            }
            source = static_cast<int>(i);
        }
    }
    for (const Node& node : m_nodes) {
        for (const ValueId id : node.inputs) {
            if (producer[static_cast<std::size_t>(id)] == -2)
                invalid(node.name, "dangling input: value '" + m_values[static_cast<std::size_t>(id)].name
                                       + "' is produced by no node and is not a graph input");
        }
    }
    if (m_outputs.empty())
        invalid("", "the graph has no outputs");
    for (const ValueId id : m_outputs) {
        if (!inRange(id) || producer[static_cast<std::size_t>(id)] == -2)
            invalid("", "graph output " + std::to_string(id) + " is not produced by any node");
    }
}

std::vector<int> Graph::topologicalOrder() const
{
    // Kahn's algorithm, taking nodes in their stored order when several are ready so the
    // order is stable across runs and files.
    std::vector<int> producer(m_values.size(), -1);
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        for (const ValueId id : m_nodes[i].outputs) {
            if (id >= 0 && static_cast<std::size_t>(id) < producer.size())
                producer[static_cast<std::size_t>(id)] = static_cast<int>(i);
        }
    }
    std::vector<int> pending(m_nodes.size(), 0);
    std::vector<std::vector<int>> consumers(m_nodes.size());
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        for (const ValueId id : m_nodes[i].inputs) {
            const int source = (id >= 0 && static_cast<std::size_t>(id) < producer.size()) ? producer[static_cast<std::size_t>(id)] : -1;
            if (source >= 0) {
                ++pending[i];
                consumers[static_cast<std::size_t>(source)].push_back(static_cast<int>(i));
            }
        }
    }
    std::set<int> ready;
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (pending[i] == 0)
            ready.insert(static_cast<int>(i));
    }
    std::vector<int> order;
    order.reserve(m_nodes.size());
    while (!ready.empty()) {
        const int next = *ready.begin();
        ready.erase(ready.begin());
        order.push_back(next);
        for (const int consumer : consumers[static_cast<std::size_t>(next)]) {
            if (--pending[static_cast<std::size_t>(consumer)] == 0)
                ready.insert(consumer);
        }
    }
    if (order.size() != m_nodes.size()) {
        for (std::size_t i = 0; i < m_nodes.size(); ++i) {
            if (pending[i] > 0)
                invalid(m_nodes[i].name, "is part of a cycle");
        }
    }
    return order;
}

std::vector<Shape> Graph::inferredShapes() const
{
    std::vector<Shape> shapes(m_values.size());
    for (const ValueId id : m_inputs)
        shapes[static_cast<std::size_t>(id)] = m_values[static_cast<std::size_t>(id)].shape;
    for (const int index : topologicalOrder()) {
        const Node& node = m_nodes[static_cast<std::size_t>(index)];
        std::vector<Shape> inputShapes;
        for (const ValueId id : node.inputs)
            inputShapes.push_back(shapes[static_cast<std::size_t>(id)]);
        const std::vector<Shape> outputShapes = inferNodeShapes(node, inputShapes);
        for (std::size_t k = 0; k < node.outputs.size() && k < outputShapes.size(); ++k)
            shapes[static_cast<std::size_t>(node.outputs[k])] = outputShapes[k];
    }
    return shapes;
}

void Graph::validate() const
{
    checkStructure();
    const std::vector<Shape> shapes = inferredShapes();
    for (const int index : topologicalOrder()) {
        const Node& node = m_nodes[static_cast<std::size_t>(index)];
        for (const ValueId id : node.outputs) {
            const Value& value = m_values[static_cast<std::size_t>(id)];
            if (value.shape != shapes[static_cast<std::size_t>(id)])
                throw Error(ErrorCode::ShapeMismatch,
                            "node '" + node.name + "': output '" + value.name + "' is recorded as "
                                + shapeToString(value.shape) + " but computes to "
                                + shapeToString(shapes[static_cast<std::size_t>(id)]),
                            {node.name, "recorded " + shapeToString(value.shape) + ", computed "
                                            + shapeToString(shapes[static_cast<std::size_t>(id)])});
        }
    }
}

void Graph::inferShapes()
{
    checkStructure();
    const std::vector<Shape> shapes = inferredShapes();
    for (std::size_t i = 0; i < m_values.size(); ++i)
        m_values[i].shape = shapes[i];
}

void Graph::forEachTensor(const std::function<void(Node&, NamedTensor&)>& visit)
{
    for (Node& node : m_nodes) {
        for (auto* list : {&node.params, &node.buffers}) {
            for (NamedTensor& named : *list)
                visit(node, named);
        }
    }
}

Graph Graph::clone() const
{
    Graph copy = *this;
    copy.forEachTensor([](Node&, NamedTensor& named) {
        if (!named.tensor.defined())
            return;
        const bool requiresGrad = named.tensor.requires_grad();
        named.tensor = named.tensor.detach().clone();
        if (requiresGrad)
            named.tensor.requires_grad_(true);
    });
    return copy;
}

std::vector<at::Tensor> Graph::parameters() const
{
    std::vector<at::Tensor> all;
    for (const Node& node : m_nodes) {
        for (const NamedTensor& named : node.params) {
            if (named.tensor.defined())
                all.push_back(named.tensor);
        }
    }
    return all;
}

} // namespace slim::engine::graph
