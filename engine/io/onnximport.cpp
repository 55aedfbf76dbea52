#include "io/onnximport.h"

#include "core/error.h"
#include "io/atomicfile.h"

#include <ATen/ATen.h>
#include <onnx/onnx_pb.h>

#include <cstring>
#include <filesystem>
#include <map>

namespace slim::engine::io {

namespace {

using graph::Node;
using graph::OpKind;

class Importer {
public:
    Importer(const onnx::ModelProto& model, std::string path, std::vector<std::int64_t> inputShape)
        : m_model(model), m_path(std::move(path)), m_inputShape(std::move(inputShape))
    {
    }

    graph::Graph run()
    {
        int opset = 0;
        for (const auto& import : m_model.opset_import()) {
            if (import.domain().empty() || import.domain() == "ai.onnx")
                opset = static_cast<int>(import.version());
        }
        if (opset < 11 || opset > 17)
            throw Error(ErrorCode::Unsupported, m_path + ": ONNX opset " + std::to_string(opset) + " (Slimbench reads 11..17)",
                        {"ONNX opset " + std::to_string(opset)});
        const onnx::GraphProto& g = m_model.graph();
        for (const auto& init : g.initializer())
            m_constants[init.name()] = tensorFrom(init);
        for (const auto& input : g.input()) {
            if (m_constants.count(input.name()))
                continue; // older exporters list initializers as inputs too
            graph::Shape shape;
            bool dynamic = false;
            const auto& dims = input.type().tensor_type().shape().dim();
            for (int i = 1; i < dims.size(); ++i) {
                if (!dims[i].has_dim_value() || dims[i].dim_value() <= 0)
                    dynamic = true;
                shape.push_back(dims[i].dim_value());
            }
            if (!m_inputShape.empty())
                shape = m_inputShape;
            else if (dynamic || dims.size() < 2)
                throw Error(ErrorCode::InvalidArgument,
                            m_path + ": input '" + input.name() + "' has a dynamic shape; give the input size (--input CxHxW)",
                            {"input", "dynamic shape"});
            m_values[input.name()] = m_graph.addInput(input.name(), shape);
        }
        for (const auto& node : g.node())
            importNode(node);
        for (const auto& output : g.output()) {
            const auto it = m_values.find(output.name());
            if (it == m_values.end())
                fail(output.name(), "graph output is produced by no supported node");
            m_graph.markOutput(it->second);
        }
        m_graph.metadata()["name"] = g.name().empty() ? std::filesystem::path(m_path).stem().string() : g.name();
        m_graph.metadata()["source"] = "onnx";
        m_graph.validate();
        return std::move(m_graph);
    }

private:
    [[noreturn]] void fail(const std::string& node, const std::string& what) const
    {
        throw Error(ErrorCode::Unsupported, m_path + ": node '" + node + "': " + what, {node + ": " + what});
    }

    /// A tensor of `type` holding the proto's data: its raw bytes, or else its typed field
    /// (`typed`, `typedCount` elements). Either must hold exactly `count` elements.
    template <typename Element>
    at::Tensor filled(const onnx::TensorProto& proto, at::ScalarType type, const std::vector<std::int64_t>& dims,
                      std::int64_t count, const Element* typed, int typedCount) const
    {
        const auto bytes = static_cast<std::size_t>(count) * sizeof(Element);
        const bool raw = proto.has_raw_data();
        if (raw ? proto.raw_data().size() != bytes : typedCount != count)
            throw Error(ErrorCode::FileCorrupt, m_path + ": tensor '" + proto.name() + "' holds the wrong amount of data",
                        {m_path, "tensor size"});
        at::Tensor tensor = at::empty(dims, type);
        std::memcpy(tensor.data_ptr(), raw ? static_cast<const void*>(proto.raw_data().data()) : typed, bytes);
        return tensor;
    }

    at::Tensor tensorFrom(const onnx::TensorProto& proto) const
    {
        std::vector<std::int64_t> dims(proto.dims().begin(), proto.dims().end());
        std::int64_t count = 1;
        for (const std::int64_t d : dims) {
            if (d < 0 || d > (std::int64_t{1} << 32))
                throw Error(ErrorCode::FileCorrupt, m_path + ": tensor '" + proto.name() + "' has an impossible shape",
                            {m_path, "impossible tensor shape"});
            count *= d;
        }
        if (proto.data_type() == onnx::TensorProto::FLOAT)
            return filled(proto, at::kFloat, dims, count, proto.float_data().data(), proto.float_data_size());
        if (proto.data_type() == onnx::TensorProto::INT64)
            return filled(proto, at::kLong, dims, count, proto.int64_data().data(), proto.int64_data_size());
        throw Error(ErrorCode::Unsupported, m_path + ": tensor '" + proto.name() + "' has element type "
                                                + std::to_string(proto.data_type()) + " (float32 and int64 are read)",
                    {"ONNX element type " + std::to_string(proto.data_type())});
    }

    const onnx::AttributeProto* attribute(const onnx::NodeProto& node, const std::string& name) const
    {
        for (const auto& a : node.attribute()) {
            if (a.name() == name)
                return &a;
        }
        return nullptr;
    }
    std::vector<std::int64_t> ints(const onnx::NodeProto& node, const std::string& name, std::vector<std::int64_t> fallback) const
    {
        const auto* a = attribute(node, name);
        return a ? std::vector<std::int64_t>(a->ints().begin(), a->ints().end()) : fallback;
    }
    std::int64_t integer(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback) const
    {
        const auto* a = attribute(node, name);
        return a ? a->i() : fallback;
    }
    double real(const onnx::NodeProto& node, const std::string& name, double fallback) const
    {
        const auto* a = attribute(node, name);
        return a ? a->f() : fallback;
    }

    graph::ValueId value(const onnx::NodeProto& node, int index) const
    {
        const auto it = m_values.find(node.input(index));
        if (it == m_values.end())
            fail(node.name(), "input '" + node.input(index) + "' is not a tensor computed by the graph");
        return it->second;
    }
    std::optional<at::Tensor> constant(const onnx::NodeProto& node, int index) const
    {
        if (index >= node.input_size() || node.input(index).empty())
            return std::nullopt;
        const auto it = m_constants.find(node.input(index));
        return it == m_constants.end() ? std::nullopt : std::optional(it->second);
    }

    /// Pads must be symmetric: [top, left, bottom, right] with top == bottom, left == right.
    std::vector<std::int64_t> symmetricPads(const onnx::NodeProto& node) const
    {
        const auto pads = ints(node, "pads", {0, 0, 0, 0});
        if (pads.size() != 4 || pads[0] != pads[2] || pads[1] != pads[3])
            fail(node.name(), "asymmetric padding is not supported");
        if (const auto* a = attribute(node, "auto_pad"); a && a->s() != "NOTSET")
            fail(node.name(), "auto_pad=" + a->s() + " is not supported");
        return {pads[0], pads[1]};
    }

    void emit(const onnx::NodeProto& proto, Node node)
    {
        node.name = m_graph.uniqueNodeName(proto.name().empty() ? proto.output(0) : proto.name());
        std::vector<graph::Shape> shapes;
        for (const graph::ValueId id : node.inputs)
            shapes.push_back(m_graph.value(id).shape);
        const graph::Shape shape = graph::inferNodeShapes(node, shapes).front();
        std::string valueName = proto.output(0);
        if (m_graph.findValue(valueName))
            valueName = node.name + ":out";
        node.outputs = {m_graph.addValue(valueName, shape)};
        m_values[proto.output(0)] = node.outputs.front();
        m_graph.addNode(std::move(node));
    }

    void unary(const onnx::NodeProto& proto, OpKind op, graph::Attributes attrs = {})
    {
        Node node;
        node.op = op;
        node.inputs = {value(proto, 0)};
        node.attrs = std::move(attrs);
        emit(proto, std::move(node));
    }

    void importNode(const onnx::NodeProto& p)
    {
        const std::string& op = p.op_type();
        if (!p.domain().empty() && p.domain() != "ai.onnx")
            fail(p.name(), "op " + p.domain() + "::" + op + " is outside the standard domain");
        if (op == "Constant") {
            const auto* a = attribute(p, "value");
            if (!a || !a->has_t())
                fail(p.name(), "Constant without a tensor value");
            m_constants[p.output(0)] = tensorFrom(a->t());
            return;
        }
        if (op == "Conv") {
            Node node;
            node.op = OpKind::Conv2d;
            node.inputs = {value(p, 0)};
            const auto weight = constant(p, 1);
            if (!weight || weight->dim() != 4)
                fail(p.name(), "Conv needs a constant 4-D weight");
            node.params.push_back({"weight", *weight});
            if (const auto bias = constant(p, 2))
                node.params.push_back({"bias", *bias});
            node.attrs.set("stride", ints(p, "strides", {1, 1}));
            node.attrs.set("padding", symmetricPads(p));
            node.attrs.set("dilation", ints(p, "dilations", {1, 1}));
            node.attrs.set("groups", integer(p, "group", 1));
            emit(p, std::move(node));
        } else if (op == "BatchNormalization") {
            Node node;
            node.op = OpKind::BatchNorm2d;
            node.inputs = {value(p, 0)};
            const char* names[] = {"weight", "bias", "running_mean", "running_var"};
            for (int i = 0; i < 4; ++i) {
                const auto t = constant(p, i + 1);
                if (!t)
                    fail(p.name(), "BatchNormalization needs constant scale, bias, mean and variance");
                (i < 2 ? node.params : node.buffers).push_back({names[i], *t});
            }
            node.buffers.push_back({"num_batches_tracked", at::zeros({}, at::kLong)});
            node.attrs.set("eps", real(p, "epsilon", 1e-5));
            node.attrs.set("momentum", 1.0 - real(p, "momentum", 0.9));
            emit(p, std::move(node));
        } else if (op == "Gemm" || op == "MatMul") {
            Node node;
            node.op = OpKind::Linear;
            node.inputs = {value(p, 0)};
            auto weight = constant(p, 1);
            if (!weight || weight->dim() != 2)
                fail(p.name(), op + " needs a constant 2-D weight");
            const bool transposed = op == "Gemm" && integer(p, "transB", 0) != 0;
            if (op == "Gemm" && (integer(p, "transA", 0) != 0 || real(p, "alpha", 1.0) != 1.0 || real(p, "beta", 1.0) != 1.0))
                fail(p.name(), "Gemm with transA, alpha or beta is not supported");
            node.params.push_back({"weight", transposed ? *weight : weight->t().contiguous()});
            if (const auto bias = constant(p, 2))
                node.params.push_back({"bias", bias->flatten()});
            emit(p, std::move(node));
        } else if (op == "Relu") {
            unary(p, OpKind::ReLU);
        } else if (op == "Clip") {
            double low = real(p, "min", -1e30);
            double high = real(p, "max", 1e30);
            if (const auto t = constant(p, 1))
                low = t->item<double>();
            if (const auto t = constant(p, 2))
                high = t->item<double>();
            if (low == 0.0 && high == 6.0)
                unary(p, OpKind::ReLU6);
            else if (low == 0.0 && high >= 1e30)
                unary(p, OpKind::ReLU);
            else
                fail(p.name(), "Clip to [" + std::to_string(low) + ", " + std::to_string(high) + "] (only [0, 6] and [0, ∞) map to ops)");
        } else if (op == "LeakyRelu") {
            graph::Attributes attrs;
            attrs.set("negative_slope", real(p, "alpha", 0.01));
            unary(p, OpKind::LeakyReLU, attrs);
        } else if (op == "Sigmoid") {
            unary(p, OpKind::Sigmoid);
        } else if (op == "HardSigmoid") {
            if (std::abs(real(p, "alpha", 0.2) - 1.0 / 6.0) > 1e-6 || std::abs(real(p, "beta", 0.5) - 0.5) > 1e-6)
                fail(p.name(), "HardSigmoid other than PyTorch's (alpha 1/6, beta 0.5)");
            unary(p, OpKind::HardSigmoid);
        } else if (op == "HardSwish") {
            unary(p, OpKind::HardSwish);
        } else if (op == "Tanh") {
            unary(p, OpKind::Tanh);
        } else if (op == "Softmax") {
            graph::Attributes attrs;
            attrs.set("dim", integer(p, "axis", -1));
            unary(p, OpKind::Softmax, attrs);
        } else if (op == "MaxPool" || op == "AveragePool") {
            graph::Attributes attrs;
            const auto kernel = ints(p, "kernel_shape", {});
            if (kernel.size() != 2)
                fail(p.name(), op + " needs a 2-D kernel_shape");
            attrs.set("kernel_size", kernel);
            attrs.set("stride", ints(p, "strides", {1, 1}));
            attrs.set("padding", symmetricPads(p));
            attrs.set("ceil_mode", integer(p, "ceil_mode", 0));
            if (op == "MaxPool")
                attrs.set("dilation", ints(p, "dilations", {1, 1}));
            else
                attrs.set("count_include_pad", integer(p, "count_include_pad", 0));
            unary(p, op == "MaxPool" ? OpKind::MaxPool2d : OpKind::AvgPool2d, attrs);
        } else if (op == "GlobalAveragePool") {
            graph::Attributes attrs;
            attrs.set("output_size", std::vector<std::int64_t>{1, 1});
            unary(p, OpKind::AdaptiveAvgPool2d, attrs);
        } else if (op == "Flatten") {
            if (integer(p, "axis", 1) != 1)
                fail(p.name(), "Flatten with axis other than 1");
            graph::Attributes attrs;
            attrs.set("start_dim", std::int64_t{1});
            attrs.set("end_dim", std::int64_t{-1});
            unary(p, OpKind::Flatten, attrs);
        } else if (op == "Reshape") {
            const auto shape = constant(p, 1);
            if (!shape)
                fail(p.name(), "Reshape with a computed shape (it must be a constant)");
            std::vector<std::int64_t> target(shape->data_ptr<std::int64_t>(), shape->data_ptr<std::int64_t>() + shape->numel());
            if (target.empty())
                fail(p.name(), "Reshape to a scalar");
            const graph::Shape& in = m_graph.value(value(p, 0)).shape;
            target.erase(target.begin()); // the batch dimension
            for (std::size_t i = 0; i < target.size(); ++i) {
                if (target[i] == 0)
                    target[i] = i + 1 < in.size() + 1 ? in[i] : 1; // 0 copies the input's dimension
            }
            graph::Attributes attrs;
            attrs.set("shape", target);
            unary(p, OpKind::Reshape, attrs);
        } else if (op == "Add" || op == "Mul") {
            if (constant(p, 0) || constant(p, 1))
                fail(p.name(), op + " with a constant operand is not supported yet");
            Node node;
            node.op = op == "Add" ? OpKind::Add : OpKind::Mul;
            node.inputs = {value(p, 0), value(p, 1)};
            emit(p, std::move(node));
        } else if (op == "Concat") {
            Node node;
            node.op = OpKind::Concat;
            for (int i = 0; i < p.input_size(); ++i)
                node.inputs.push_back(value(p, i));
            node.attrs.set("dim", integer(p, "axis", 1));
            emit(p, std::move(node));
        } else if (op == "Identity" || op == "Dropout") {
            unary(p, OpKind::Identity);
        } else {
            fail(p.name(), "op " + op + " is not supported");
        }
    }

    const onnx::ModelProto& m_model;
    std::string m_path;
    std::vector<std::int64_t> m_inputShape;
    graph::Graph m_graph;
    std::map<std::string, graph::ValueId> m_values;
    std::map<std::string, at::Tensor> m_constants;
};

} // namespace

graph::Graph importOnnx(const std::string& bytes, const std::string& path, const std::vector<std::int64_t>& inputShape)
{
    if (bytes.empty())
        throw Error(ErrorCode::FileEmpty, path + ": the file is empty", {path});
    onnx::ModelProto model;
    if (!model.ParseFromString(bytes) || !model.has_graph())
        throw Error(ErrorCode::FileCorrupt, path + ": not a readable ONNX model (damaged, truncated or another format)",
                    {path, "not a readable ONNX model"});
    return Importer(model, path, inputShape).run();
}

graph::Graph loadOnnx(const std::string& path, const std::vector<std::int64_t>& inputShape)
{
    return importOnnx(readWholeFile(path), path, inputShape);
}

} // namespace slim::engine::io
