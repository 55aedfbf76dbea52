#include "io/torchscriptexport.h"

#include "core/error.h"
#include "graph/executor.h"
#include "graph/fakequant.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/serialization/import.h>

#include <cmath>
#include <iomanip>
#include <sstream>

namespace slim::engine::io {

namespace {

using graph::Node;
using graph::OpKind;

std::string literal(double value)
{
    std::ostringstream out;
    out << std::setprecision(17) << value;
    std::string text = out.str();
    if (text.find_first_of(".eEn") == std::string::npos)
        text += ".0";
    return text;
}

std::string literal(const std::vector<std::int64_t>& values)
{
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        text += (i ? ", " : "") + std::to_string(values[i]);
    return text + "]";
}

std::string pair(const Node& node, const std::string& name, std::int64_t fallback)
{
    std::vector<std::int64_t> values = node.attrs.getInts(name, {fallback, fallback});
    if (values.size() == 1)
        values.push_back(values[0]);
    return literal(values);
}

/// An identifier from a node and tensor name: "layer1.0.conv1" + "weight" → "layer1_0_conv1_weight".
std::string identifier(const std::string& node, const std::string& tensor)
{
    std::string text = "m_" + node + "_" + tensor;
    for (char& c : text) {
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    }
    return text;
}

class SourceWriter {
public:
    SourceWriter(const graph::Graph& graph, torch::jit::Module& module)
        : m_graph(graph), m_module(module)
    {
    }

    std::string write()
    {
        std::ostringstream body;
        for (std::size_t i = 0; i < m_graph.inputs().size(); ++i)
            m_names[m_graph.inputs()[i]] = "x" + std::to_string(i);
        std::string signature = "def forward(self";
        for (std::size_t i = 0; i < m_graph.inputs().size(); ++i)
            signature += ", x" + std::to_string(i) + ": Tensor";
        body << signature << "):\n";
        int counter = 0;
        for (const int index : m_graph.topologicalOrder()) {
            const Node& node = m_graph.nodes()[static_cast<std::size_t>(index)];
            const std::string out = "v" + std::to_string(counter++);
            body << "    " << out << " = " << expression(node) << "  # " << node.name << "\n";
            m_names[node.outputs.front()] = out;
        }
        std::string result;
        for (const graph::ValueId id : m_graph.outputs())
            result += (result.empty() ? "" : ", ") + m_names.at(id);
        body << "    return " << (m_graph.outputs().size() == 1 ? result : "(" + result + ")") << "\n";
        return body.str();
    }

private:
    std::string in(const Node& node, std::size_t i = 0) const { return m_names.at(node.inputs.at(i)); }

    /// Registers the node's tensor and returns the expression that reads it ("None" if absent).
    std::string tensor(const Node& node, const std::string& name)
    {
        const at::Tensor t = node.tensor(name);
        if (!t.defined())
            return "None";
        const std::string attr = identifier(node.name, name);
        const bool learnable = std::any_of(node.params.begin(), node.params.end(),
                                           [&](const graph::NamedTensor& p) { return p.name == name; });
        at::Tensor data = t.detach().contiguous().clone();
        if (learnable)
            m_module.register_parameter(attr, data, false);
        else
            m_module.register_buffer(attr, data);
        return "self." + attr;
    }

    /// Registers an integer copy of a zero-point tensor (the form fake_quantize_per_channel_affine takes).
    std::string intTensor(const Node& node, const std::string& name)
    {
        const std::string attr = identifier(node.name, name);
        m_module.register_buffer(attr, node.tensor(name).detach().to(at::kInt).contiguous().clone());
        return "self." + attr;
    }

    /// `value` fake-quantized as the node's `prefix`scale and `prefix`zero_point say (fakequant.h).
    std::string fakeQuantized(const Node& node, const std::string& value, const std::string& prefix, std::int64_t axis)
    {
        const std::string range = std::to_string(node.attrs.getInt(prefix + "quant_min")) + ", "
                                  + std::to_string(node.attrs.getInt(prefix + "quant_max"));
        if (axis < 0)
            return "torch.fake_quantize_per_tensor_affine(" + value + ", "
                   + literal(node.tensor(prefix + "scale").item<double>()) + ", "
                   + std::to_string(static_cast<std::int64_t>(node.tensor(prefix + "zero_point").item<double>())) + ", "
                   + range + ")";
        return "torch.fake_quantize_per_channel_affine(" + value + ", " + tensor(node, prefix + "scale") + ", "
               + intTensor(node, prefix + "zero_point") + ", " + std::to_string(axis) + ", " + range + ")";
    }

    /// The weight a Conv or Linear computes with: fake-quantized when the node says so.
    std::string weight(const Node& node)
    {
        if (!graph::hasWeightQuantization(node))
            return tensor(node, "weight");
        return fakeQuantized(node, tensor(node, "weight"), "weight_", node.attrs.getInt("weight_axis", 0));
    }

    [[noreturn]] static void unsupported(const Node& node, const std::string& why)
    {
        throw Error(ErrorCode::Unsupported, "node '" + node.name + "' (" + std::string(graph::opName(node.op))
                                                + ") cannot be exported to TorchScript: " + why,
                    {"TorchScript export of " + node.name + ": " + why});
    }

    std::string expression(const Node& node)
    {
        const std::string x = in(node);
        switch (node.op) {
        case OpKind::Conv2d:
            return "torch.conv2d(" + x + ", " + weight(node) + ", " + tensor(node, "bias") + ", "
                   + pair(node, "stride", 1) + ", " + pair(node, "padding", 0) + ", " + pair(node, "dilation", 1) + ", "
                   + std::to_string(node.attrs.getInt("groups", 1)) + ")";
        case OpKind::ConvTranspose2d:
            return "torch.conv_transpose2d(" + x + ", " + weight(node) + ", " + tensor(node, "bias") + ", "
                   + pair(node, "stride", 1) + ", " + pair(node, "padding", 0) + ", " + pair(node, "output_padding", 0) + ", "
                   + std::to_string(node.attrs.getInt("groups", 1)) + ", " + pair(node, "dilation", 1) + ")";
        case OpKind::BatchNorm2d:
            return "torch.batch_norm(" + x + ", " + tensor(node, "weight") + ", " + tensor(node, "bias") + ", "
                   + tensor(node, "running_mean") + ", " + tensor(node, "running_var") + ", False, "
                   + literal(node.attrs.getFloat("momentum", 0.1)) + ", " + literal(node.attrs.getFloat("eps", 1e-5))
                   + ", False)";
        case OpKind::Linear:
            return "torch.linear(" + x + ", " + weight(node) + ", " + tensor(node, "bias") + ")";
        case OpKind::ReLU:
            return "torch.relu(" + x + ")";
        case OpKind::ReLU6:
            return "torch.hardtanh(" + x + ", 0.0, 6.0)";
        case OpKind::Clamp: {
            const double low = node.attrs.getFloat("min", -INFINITY);
            const double high = node.attrs.getFloat("max", INFINITY);
            return "torch.clamp(" + x + ", " + (std::isfinite(low) ? literal(low) : std::string("None")) + ", "
                   + (std::isfinite(high) ? literal(high) : std::string("None")) + ")";
        }
        case OpKind::LeakyReLU:
            return "torch.leaky_relu(" + x + ", " + literal(node.attrs.getFloat("negative_slope", 0.01)) + ")";
        case OpKind::SiLU:
            return "torch.silu(" + x + ")";
        case OpKind::Sigmoid:
            return "torch.sigmoid(" + x + ")";
        case OpKind::HardSigmoid:
            return "torch.hardsigmoid(" + x + ")";
        case OpKind::HardSwish:
            return "torch.hardswish(" + x + ")";
        case OpKind::GELU:
            return "torch.gelu(" + x + ", approximate=\"" + node.attrs.getString("approximate", "none") + "\")";
        case OpKind::Tanh:
            return "torch.tanh(" + x + ")";
        case OpKind::Softmax:
            return "torch.softmax(" + x + ", " + std::to_string(node.attrs.getInt("dim", 1)) + ")";
        case OpKind::MaxPool2d:
            return "torch.max_pool2d(" + x + ", " + pair(node, "kernel_size", 1) + ", "
                   + (node.attrs.has("stride") ? pair(node, "stride", 1) : pair(node, "kernel_size", 1)) + ", "
                   + pair(node, "padding", 0) + ", " + pair(node, "dilation", 1) + ", "
                   + (node.attrs.getInt("ceil_mode", 0) ? "True" : "False") + ")";
        case OpKind::AvgPool2d:
            return "torch.avg_pool2d(" + x + ", " + pair(node, "kernel_size", 1) + ", "
                   + (node.attrs.has("stride") ? pair(node, "stride", 1) : pair(node, "kernel_size", 1)) + ", "
                   + pair(node, "padding", 0) + ", " + (node.attrs.getInt("ceil_mode", 0) ? "True" : "False") + ", "
                   + (node.attrs.getInt("count_include_pad", 1) ? "True" : "False") + ")";
        case OpKind::AdaptiveAvgPool2d:
            return "torch.adaptive_avg_pool2d(" + x + ", " + pair(node, "output_size", 1) + ")";
        case OpKind::Flatten:
            return "torch.flatten(" + x + ", " + std::to_string(node.attrs.getInt("start_dim", 1)) + ", "
                   + std::to_string(node.attrs.getInt("end_dim", -1)) + ")";
        case OpKind::Reshape: {
            std::string shape = "[" + x + ".size(0)";
            for (const std::int64_t d : node.attrs.getInts("shape"))
                shape += ", " + std::to_string(d);
            return "torch.reshape(" + x + ", " + shape + "])";
        }
        case OpKind::Add:
        case OpKind::Sub:
        case OpKind::Mul:
        case OpKind::Div: {
            const char* name = node.op == OpKind::Add   ? "add"
                               : node.op == OpKind::Sub ? "sub"
                               : node.op == OpKind::Mul ? "mul"
                                                        : "div";
            std::string a = x;
            std::string b = node.inputs.size() > 1 ? in(node, 1) : tensor(node, "operand");
            if (node.inputs.size() == 1 && node.attrs.getInt("reverse", 0) != 0)
                std::swap(a, b);
            return std::string("torch.") + name + "(" + a + ", " + b + ")";
        }
        case OpKind::Concat: {
            std::string list;
            for (std::size_t i = 0; i < node.inputs.size(); ++i)
                list += (i ? ", " : "") + in(node, i);
            return "torch.cat([" + list + "], " + std::to_string(node.attrs.getInt("dim", 1)) + ")";
        }
        case OpKind::Slice: {
            std::int64_t dim = node.attrs.getInt("dim");
            if (dim < 0)
                dim += static_cast<std::int64_t>(m_graph.value(node.inputs.front()).shape.size()) + 1;
            std::string index;
            for (std::int64_t d = 0; d < dim; ++d)
                index += ":, ";
            const std::int64_t length = m_graph.value(node.inputs.front()).shape.at(static_cast<std::size_t>(dim - 1));
            const std::int64_t end = std::min(node.attrs.getInt("end", length), length);
            return x + "[" + index + std::to_string(node.attrs.getInt("start", 0)) + ":" + std::to_string(end) + ":"
                   + std::to_string(node.attrs.getInt("step", 1)) + "]";
        }
        case OpKind::Upsample: {
            const std::string scales = node.attrs.has("scale_h") && node.attrs.has("scale_w")
                                           ? literal(node.attrs.getFloat("scale_h")) + ", " + literal(node.attrs.getFloat("scale_w"))
                                           : std::string("None, None");
            if (node.attrs.getString("mode", "nearest") == "bilinear")
                return "torch.upsample_bilinear2d(" + x + ", " + pair(node, "size", 1) + ", "
                       + (node.attrs.getInt("align_corners", 0) ? "True" : "False") + ", " + scales + ")";
            return "torch.upsample_nearest2d(" + x + ", " + pair(node, "size", 1) + ", " + scales + ")";
        }
        case OpKind::Pad: {
            const std::string pads = literal(node.attrs.getInts("pads"));
            const std::string mode = node.attrs.getString("mode", "constant");
            if (mode == "reflect")
                return "torch.reflection_pad2d(" + x + ", " + pads + ")";
            if (mode == "replicate")
                return "torch.replication_pad2d(" + x + ", " + pads + ")";
            return "torch.constant_pad_nd(" + x + ", " + pads + ", " + literal(node.attrs.getFloat("value", 0.0)) + ")";
        }
        case OpKind::Mean:
            return "torch.mean(" + x + ", " + literal(node.attrs.getInts("dims")) + ", "
                   + (node.attrs.getInt("keepdim", 0) ? "True" : "False") + ")";
        case OpKind::Permute:
            return "torch.permute(" + x + ", " + literal(node.attrs.getInts("dims")) + ")";
        case OpKind::Dropout:
        case OpKind::Identity:
            return x;
        case OpKind::FakeQuantize:
            return fakeQuantized(node, x, "", node.attrs.getInt("axis", -1));
        }
        unsupported(node, "no TorchScript form");
    }

    const graph::Graph& m_graph;
    torch::jit::Module& m_module;
    std::map<graph::ValueId, std::string> m_names;
};

} // namespace

TorchScriptExport exportTorchScript(const graph::Graph& graph)
{
    graph.validate();
    TorchScriptExport result;
    torch::jit::Module module(c10::QualifiedName("__torch__.slimbench.Model"));
    result.source = SourceWriter(graph, module).write();
    try {
        module.define(result.source);
        module.eval();
        std::ostringstream stream;
        module.save(stream);
        result.bytes = stream.str();
    } catch (const std::exception& error) {
        const std::string what = firstLine(error.what());
        throw Error(ErrorCode::InvalidGraph, "TorchScript rejected the generated forward(): " + what,
                    {"TorchScript", what});
    }

    // Load the archive back and compare it with the engine on a seeded batch of 2.
    std::istringstream stream(result.bytes);
    torch::jit::Module reloaded = torch::jit::load(stream, c10::Device(c10::kCPU));
    at::Generator generator = at::detail::createCPUGenerator(4321);
    std::vector<torch::jit::IValue> inputs;
    std::vector<at::Tensor> tensors;
    for (const graph::ValueId id : graph.inputs()) {
        std::vector<std::int64_t> shape{2};
        const graph::Shape& sample = graph.value(id).shape;
        shape.insert(shape.end(), sample.begin(), sample.end());
        tensors.push_back(at::randn(shape, generator));
        inputs.emplace_back(tensors.back());
    }
    at::InferenceMode inference;
    const std::vector<at::Tensor> expected = graph::Executor(graph).run(tensors, graph::ExecMode::Eval);
    const torch::jit::IValue output = reloaded.forward(inputs);
    std::vector<at::Tensor> actual;
    if (output.isTuple()) {
        for (const auto& element : output.toTupleRef().elements())
            actual.push_back(element.toTensor());
    } else {
        actual.push_back(output.toTensor());
    }
    double difference = 0;
    for (std::size_t i = 0; i < expected.size() && i < actual.size(); ++i)
        difference = std::max(difference, (actual[i] - expected[i]).abs().max().item<double>());
    result.reloaded = actual.size() == expected.size();
    result.maxAbsDifference = difference;
    return result;
}

} // namespace slim::engine::io
