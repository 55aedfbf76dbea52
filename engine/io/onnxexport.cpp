// ONNX export (see shared EXPORT_NOTES.md for the facts each choice rests on).
#include "io/onnxexport.h"

#include "core/error.h"
#include "core/preprocessing.h"
#include "graph/executor.h"
#include "graph/fakequant.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>
#include <opencv2/dnn.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace slim::engine::io {

namespace {

using graph::Node;
using graph::OpKind;

int irVersionFor(int opset)
{
    return opset <= 11 ? 6 : opset <= 14 ? 7 : 8; // the lowest IR that carries the opset
}

/// Builds the ONNX graph node by node; `forOpenCv` writes the variants OpenCV 4.6 can load.
class Writer {
public:
    Writer(const graph::Graph& graph, const OnnxExportOptions& options, bool forOpenCv)
        : m_graph(graph), m_options(options), m_forOpenCv(forOpenCv)
    {
    }

    onnx::ModelProto write()
    {
        onnx::ModelProto model;
        model.set_ir_version(irVersionFor(m_options.opset));
        model.set_producer_name("Slimbench");
        model.set_producer_version(SLIMBENCH_VERSION);
        auto* opset = model.add_opset_import();
        opset->set_domain("");
        opset->set_version(m_options.opset);
        // The input contract travels with the file, so whoever deploys it feeds what the
        // model was trained on (DESIGN.md §5).
        for (const auto& [key, value] : preprocessingProperties(preprocessingFromMetadata(m_graph.metadata()))) {
            auto* property = model.add_metadata_props();
            property->set_key(key);
            property->set_value(value);
        }
        m_proto = model.mutable_graph();
        const auto& meta = m_graph.metadata();
        m_proto->set_name(meta.count("name") ? meta.at("name") : "slimbench");
        for (const graph::ValueId id : m_graph.inputs())
            describe(m_proto->add_input(), m_graph.value(id));
        for (const graph::ValueId id : m_graph.outputs())
            describe(m_proto->add_output(), m_graph.value(id));
        for (const int index : m_graph.topologicalOrder())
            writeNode(m_graph.nodes()[static_cast<std::size_t>(index)]);
        return model;
    }

private:
    std::string name(graph::ValueId id) const { return m_graph.value(id).name; }

    void describe(onnx::ValueInfoProto* info, const graph::Value& value) const
    {
        info->set_name(value.name);
        auto* type = info->mutable_type()->mutable_tensor_type();
        type->set_elem_type(onnx::TensorProto::FLOAT);
        auto* shape = type->mutable_shape();
        if (m_options.dynamicBatch)
            shape->add_dim()->set_dim_param("batch");
        else
            shape->add_dim()->set_dim_value(m_options.batch);
        for (const std::int64_t dim : value.shape)
            shape->add_dim()->set_dim_value(dim);
    }

    /// Adds a float initializer and returns its name.
    std::string initializer(const std::string& initName, const at::Tensor& tensor)
    {
        const at::Tensor data = tensor.detach().to(at::kFloat).contiguous();
        auto* proto = m_proto->add_initializer();
        proto->set_name(initName);
        proto->set_data_type(onnx::TensorProto::FLOAT);
        for (const std::int64_t dim : data.sizes())
            proto->add_dims(dim);
        proto->set_raw_data(data.data_ptr(), static_cast<std::size_t>(data.numel()) * sizeof(float));
        return initName;
    }

    /// The [in, out] matrix of 1-D adaptive average pooling: output i averages inputs
    /// floor(i·in/out) up to ceil((i + 1)·in/out), as PyTorch's AdaptiveAvgPool does.
    static at::Tensor adaptivePoolMatrix(std::int64_t in, std::int64_t out)
    {
        at::Tensor matrix = at::zeros({in, out});
        for (std::int64_t i = 0; i < out; ++i) {
            const std::int64_t start = (i * in) / out;
            const std::int64_t end = ((i + 1) * in + out - 1) / out;
            matrix.slice(0, start, end).select(1, i).fill_(1.0 / static_cast<double>(end - start));
        }
        return matrix;
    }

    std::string int64Initializer(const std::string& initName, const std::vector<std::int64_t>& values)
    {
        auto* proto = m_proto->add_initializer();
        proto->set_name(initName);
        proto->set_data_type(onnx::TensorProto::INT64);
        proto->add_dims(static_cast<std::int64_t>(values.size()));
        proto->set_raw_data(values.data(), values.size() * sizeof(std::int64_t));
        return initName;
    }

    onnx::NodeProto* add(const std::string& op, const std::string& nodeName, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs)
    {
        auto* node = m_proto->add_node();
        node->set_op_type(op);
        node->set_name(nodeName);
        for (const std::string& in : inputs)
            node->add_input(in);
        for (const std::string& out : outputs)
            node->add_output(out);
        return node;
    }

    static void ints(onnx::NodeProto* node, const std::string& attr, const std::vector<std::int64_t>& values)
    {
        auto* a = node->add_attribute();
        a->set_name(attr);
        a->set_type(onnx::AttributeProto::INTS);
        for (const std::int64_t v : values)
            a->add_ints(v);
    }
    static void integer(onnx::NodeProto* node, const std::string& attr, std::int64_t value)
    {
        auto* a = node->add_attribute();
        a->set_name(attr);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(value);
    }
    static void real(onnx::NodeProto* node, const std::string& attr, double value)
    {
        auto* a = node->add_attribute();
        a->set_name(attr);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(static_cast<float>(value));
    }

    static void text(onnx::NodeProto* node, const std::string& attr, const std::string& value)
    {
        auto* a = node->add_attribute();
        a->set_name(attr);
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(value);
    }

    static std::vector<std::int64_t> pair(const Node& node, const std::string& attr, std::int64_t fallback)
    {
        std::vector<std::int64_t> values = node.attrs.getInts(attr, {fallback, fallback});
        if (values.size() == 1)
            values.push_back(values[0]);
        return values;
    }

    [[noreturn]] static void unsupported(const Node& node, const std::string& why)
    {
        throw Error(ErrorCode::Unsupported, "node '" + node.name + "' (" + std::string(graph::opName(node.op))
                                                + ") cannot be exported to ONNX: " + why,
                    {"ONNX export of " + node.name + ": " + why});
    }

    /// An integer initializer of ONNX type `type` (INT8 or UINT8) holding `values` (whole
    /// numbers in its range); a scalar when `scalar`.
    std::string integerInitializer(const std::string& initName, const at::Tensor& values, int type, bool scalar)
    {
        const at::Tensor data = values.detach().to(type == onnx::TensorProto::INT8 ? at::kChar : at::kByte).contiguous();
        auto* proto = m_proto->add_initializer();
        proto->set_name(initName);
        proto->set_data_type(type);
        if (!scalar) {
            for (const std::int64_t dim : data.sizes())
                proto->add_dims(dim);
        }
        proto->set_raw_data(data.data_ptr(), static_cast<std::size_t>(data.numel()));
        return initName;
    }

    /// The ONNX integer type of a quantized tensor's grid: UINT8 for [0, 255] and narrower
    /// unsigned grids, INT8 for signed ones; wider grids have no QuantizeLinear form.
    int quantType(const Node& node, std::int64_t quantMin, std::int64_t quantMax, const std::string& what) const
    {
        if (quantMin >= 0 && quantMax <= 255)
            return onnx::TensorProto::UINT8;
        if (quantMin >= -128 && quantMax <= 127)
            return onnx::TensorProto::INT8;
        unsupported(node, what + " at " + std::to_string(graph::quantBits(quantMin, quantMax))
                              + " bits (QuantizeLinear holds 8 bits at most; quantize to 8 or fewer to export)");
    }

    /// Scale and zero point initializers: scalars per tensor, vectors along `axis`.
    std::pair<std::string, std::string> quantParams(const std::string& prefix, const at::Tensor& scale,
                                                    const at::Tensor& zeroPoint, int type, bool perAxis)
    {
        const at::Tensor scaleData = perAxis ? scale.detach().reshape({-1}) : scale.detach().reshape({});
        return {initializer(prefix + ".scale", scaleData),
                integerInitializer(prefix + ".zero_point", zeroPoint.detach().reshape({-1}), type, !perAxis)};
    }

    void requirePerAxisOpset(const Node& node, bool perAxis) const
    {
        if (perAxis && m_options.opset < 13)
            unsupported(node, "per-channel QuantizeLinear/DequantizeLinear needs opset 13 or later");
    }

    /// The weight input of a Conv, ConvTranspose or Gemm: a float initializer, or for a
    /// quantized weight its integers (int8, in the grid's range) through DequantizeLinear.
    std::string weightInput(const Node& node)
    {
        const std::string& n = node.name;
        if (!graph::hasWeightQuantization(node))
            return initializer(n + ".weight", node.tensor("weight"));
        const std::int64_t quantMin = node.attrs.getInt("weight_quant_min");
        const std::int64_t quantMax = node.attrs.getInt("weight_quant_max");
        const std::int64_t axis = node.attrs.getInt("weight_axis", 0);
        const int type = quantType(node, quantMin, quantMax, "weights");
        requirePerAxisOpset(node, axis >= 0);
        const at::Tensor scale = node.tensor("weight_scale").to(at::kFloat);
        const at::Tensor zeroPoint = node.tensor("weight_zero_point");
        at::Tensor integers;
        {
            at::NoGradGuard noGrad;
            const at::Tensor dequantized = graph::effectiveWeight(node, false).detach();
            std::vector<std::int64_t> shape(static_cast<std::size_t>(dequantized.dim()), 1);
            if (axis >= 0)
                shape[static_cast<std::size_t>(axis)] = -1;
            integers = at::round(dequantized / scale.reshape(axis >= 0 ? shape : std::vector<std::int64_t>{}))
                       + zeroPoint.reshape(axis >= 0 ? shape : std::vector<std::int64_t>{});
        }
        const std::string quantized = integerInitializer(n + ".weight_quantized", integers, type, false);
        const auto [scaleName, zeroName] = quantParams(n + ".weight", scale, zeroPoint, type, axis >= 0);
        auto* dequantize = add("DequantizeLinear", n + ".weight_dequantize", {quantized, scaleName, zeroName}, {n + ".weight"});
        if (axis >= 0)
            integer(dequantize, "axis", axis);
        return n + ".weight";
    }

    /// A FakeQuantize node as QuantizeLinear → DequantizeLinear, with a Clip first when its
    /// grid is narrower than the 8-bit type's (QuantizeLinear saturates only at the type's ends).
    void writeFakeQuantize(const Node& node)
    {
        const std::string& n = node.name;
        const std::int64_t quantMin = node.attrs.getInt("quant_min");
        const std::int64_t quantMax = node.attrs.getInt("quant_max");
        const std::int64_t axis = node.attrs.getInt("axis", -1);
        const int type = quantType(node, quantMin, quantMax, "activations");
        requirePerAxisOpset(node, axis >= 0);
        const at::Tensor scale = node.tensor("scale").to(at::kFloat);
        const at::Tensor zeroPoint = node.tensor("zero_point");
        std::string source = name(node.inputs.front());
        const bool full = type == onnx::TensorProto::UINT8 ? quantMin == 0 && quantMax == 255 : quantMin == -128 && quantMax == 127;
        if (!full) {
            if (axis >= 0)
                unsupported(node, "a per-channel activation grid narrower than 8 bits");
            const double s = scale.item<double>();
            const double z = zeroPoint.item<double>();
            add("Clip", n + ".clip",
                {source, initializer(n + ".clip_min", at::full({}, (static_cast<double>(quantMin) - z) * s)),
                 initializer(n + ".clip_max", at::full({}, (static_cast<double>(quantMax) - z) * s))},
                {source + ".clipped"});
            source += ".clipped";
        }
        const auto [scaleName, zeroName] = quantParams(n, scale, zeroPoint, type, axis >= 0);
        auto* quantize = add("QuantizeLinear", n + ".quantize", {source, scaleName, zeroName}, {n + ".integers"});
        auto* dequantize = add("DequantizeLinear", n, {n + ".integers", scaleName, zeroName}, {name(node.outputs.front())});
        if (axis >= 0) {
            integer(quantize, "axis", axis);
            integer(dequantize, "axis", axis);
        }
    }

    /// Conv and ConvTranspose: the same weight layout in ONNX as in the IR and PyTorch.
    void writeConvolution(const Node& node, const std::string& op)
    {
        const std::string& n = node.name;
        std::vector<std::string> inputs{name(node.inputs.front()), weightInput(node)};
        if (node.tensor("bias").defined())
            inputs.push_back(initializer(n + ".bias", node.tensor("bias")));
        auto* conv = add(op, n, inputs, {name(node.outputs.front())});
        const at::Tensor weight = node.tensor("weight");
        ints(conv, "kernel_shape", {weight.size(2), weight.size(3)});
        ints(conv, "strides", pair(node, "stride", 1));
        const auto padding = pair(node, "padding", 0);
        ints(conv, "pads", {padding[0], padding[1], padding[0], padding[1]});
        ints(conv, "dilations", pair(node, "dilation", 1));
        if (node.op == OpKind::ConvTranspose2d)
            ints(conv, "output_padding", pair(node, "output_padding", 0));
        integer(conv, "group", node.attrs.getInt("groups", 1));
    }

    void writeNode(const Node& node)
    {
        const std::string in = name(node.inputs.front());
        const std::string out = name(node.outputs.front());
        const std::string& n = node.name;
        switch (node.op) {
        case OpKind::Conv2d:
            writeConvolution(node, "Conv");
            return;
        case OpKind::BatchNorm2d: {
            auto* bn = add("BatchNormalization", n,
                           {in, initializer(n + ".weight", node.tensor("weight")), initializer(n + ".bias", node.tensor("bias")),
                            initializer(n + ".running_mean", node.tensor("running_mean")),
                            initializer(n + ".running_var", node.tensor("running_var"))},
                           {out});
            real(bn, "epsilon", node.attrs.getFloat("eps", 1e-5));
            real(bn, "momentum", 1.0 - node.attrs.getFloat("momentum", 0.1)); // ONNX weights the old value
            return;
        }
        case OpKind::Linear: {
            if (m_graph.value(node.inputs.front()).shape.size() != 1)
                unsupported(node, "Linear on a rank-" + std::to_string(m_graph.value(node.inputs.front()).shape.size() + 1)
                                      + " input (only N×features is written, as Gemm)");
            std::vector<std::string> inputs{in, weightInput(node)};
            if (node.tensor("bias").defined())
                inputs.push_back(initializer(n + ".bias", node.tensor("bias")));
            auto* gemm = add("Gemm", n, inputs, {out});
            integer(gemm, "transB", 1); // the [out, in] weight as it is
            return;
        }
        case OpKind::ReLU:
            add("Relu", n, {in}, {out});
            return;
        case OpKind::ReLU6:
            if (m_forOpenCv) {
                // OpenCV 4.6 cannot load Clip with min/max inputs: Relu(x) − Relu(x − 6) is exact.
                const std::string six = initializer(n + ".six", at::full({}, 6.0f));
                add("Relu", n + ".relu", {in}, {out + ".relu"});
                add("Sub", n + ".shift", {in, six}, {out + ".shifted"});
                add("Relu", n + ".relu_shifted", {out + ".shifted"}, {out + ".over"});
                add("Sub", n, {out + ".relu", out + ".over"}, {out});
            } else {
                add("Clip", n, {in, initializer(n + ".min", at::zeros({})), initializer(n + ".max", at::full({}, 6.0f))}, {out});
            }
            return;
        case OpKind::Clamp: {
            const double low = node.attrs.getFloat("min", -INFINITY);
            const double high = node.attrs.getFloat("max", INFINITY);
            if (m_forOpenCv && std::isfinite(low) && std::isfinite(high)) {
                // low + Relu(x − low) − Relu(x − high): exact, and made of ops OpenCV 4.6 loads.
                add("Sub", n + ".below", {in, initializer(n + ".low", at::full({}, low))}, {out + ".below"});
                add("Relu", n + ".relu_below", {out + ".below"}, {out + ".from_low"});
                add("Sub", n + ".above", {in, initializer(n + ".high", at::full({}, high))}, {out + ".above"});
                add("Relu", n + ".relu_above", {out + ".above"}, {out + ".over"});
                add("Sub", n + ".cut", {out + ".from_low", out + ".over"}, {out + ".cut"});
                add("Add", n, {out + ".cut", n + ".low"}, {out});
            } else {
                add("Clip", n,
                    {in, std::isfinite(low) ? initializer(n + ".min", at::full({}, low)) : std::string(),
                     std::isfinite(high) ? initializer(n + ".max", at::full({}, high)) : std::string()},
                    {out});
            }
            return;
        }
        case OpKind::LeakyReLU:
            real(add("LeakyRelu", n, {in}, {out}), "alpha", node.attrs.getFloat("negative_slope", 0.01));
            return;
        case OpKind::Sigmoid:
            add("Sigmoid", n, {in}, {out});
            return;
        case OpKind::Tanh:
            add("Tanh", n, {in}, {out});
            return;
        case OpKind::SiLU:
            add("Sigmoid", n + ".sigmoid", {in}, {out + ".sigmoid"});
            add("Mul", n, {in, out + ".sigmoid"}, {out});
            return;
        case OpKind::HardSigmoid: {
            auto* hs = add("HardSigmoid", n, {in}, {out});
            real(hs, "alpha", 1.0 / 6.0); // PyTorch's relu6(x + 3) / 6
            real(hs, "beta", 0.5);
            return;
        }
        case OpKind::HardSwish:
            if (m_options.opset >= 14) {
                add("HardSwish", n, {in}, {out});
            } else {
                auto* hs = add("HardSigmoid", n + ".gate", {in}, {out + ".gate"});
                real(hs, "alpha", 1.0 / 6.0);
                real(hs, "beta", 0.5);
                add("Mul", n, {in, out + ".gate"}, {out});
            }
            return;
        case OpKind::GELU: {
            if (node.attrs.getString("approximate", "none") != "none")
                unsupported(node, "tanh-approximated GELU");
            // 0.5 · x · (1 + erf(x / √2)); ONNX has no Gelu before opset 20.
            add("Div", n + ".scale", {in, initializer(n + ".sqrt2", at::full({}, std::sqrt(2.0f)))}, {out + ".scaled"});
            add("Erf", n + ".erf", {out + ".scaled"}, {out + ".erf"});
            add("Add", n + ".one", {out + ".erf", initializer(n + ".one", at::ones({}))}, {out + ".gate"});
            add("Mul", n + ".gate", {in, out + ".gate"}, {out + ".gated"});
            add("Mul", n, {out + ".gated", initializer(n + ".half", at::full({}, 0.5f))}, {out});
            return;
        }
        case OpKind::Softmax:
            integer(add("Softmax", n, {in}, {out}), "axis", node.attrs.getInt("dim", 1));
            return;
        case OpKind::MaxPool2d: {
            const auto kernel = pair(node, "kernel_size", 1);
            auto* pool = add("MaxPool", n, {in}, {out});
            ints(pool, "kernel_shape", kernel);
            ints(pool, "strides", node.attrs.has("stride") ? pair(node, "stride", 1) : kernel);
            const auto padding = pair(node, "padding", 0);
            ints(pool, "pads", {padding[0], padding[1], padding[0], padding[1]});
            ints(pool, "dilations", pair(node, "dilation", 1));
            if (node.attrs.getInt("ceil_mode", 0) != 0)
                integer(pool, "ceil_mode", 1);
            return;
        }
        case OpKind::AvgPool2d: {
            const auto kernel = pair(node, "kernel_size", 1);
            const auto padding = pair(node, "padding", 0);
            std::string source = in;
            const bool padded = padding[0] > 0 || padding[1] > 0;
            if (padded && node.attrs.getInt("count_include_pad", 1) != 0) {
                // Zero padding counted in the mean, written explicitly (OpenCV ignores count_include_pad).
                source = out + ".padded";
                add("Pad", n + ".pad", {in, int64Initializer(n + ".pads", {0, 0, padding[0], padding[1], 0, 0, padding[0], padding[1]})},
                    {source});
            }
            auto* pool = add("AveragePool", n, {source}, {out});
            ints(pool, "kernel_shape", kernel);
            ints(pool, "strides", node.attrs.has("stride") ? pair(node, "stride", 1) : kernel);
            if (padded && node.attrs.getInt("count_include_pad", 1) == 0)
                ints(pool, "pads", {padding[0], padding[1], padding[0], padding[1]});
            if (node.attrs.getInt("ceil_mode", 0) != 0)
                integer(pool, "ceil_mode", 1);
            return;
        }
        case OpKind::AdaptiveAvgPool2d: {
            const auto size = pair(node, "output_size", 1);
            const graph::Shape& shape = m_graph.value(node.inputs.front()).shape;
            if (size[0] == 1 && size[1] == 1) {
                add("GlobalAveragePool", n, {in}, {out});
                return;
            }
            if (shape[1] % size[0] != 0 || shape[2] % size[1] != 0) {
                // Windows of different sizes (VGG's 7×7 head on small images): ONNX has no such
                // pool, but it is a fixed linear map per axis, Y = P_h · X · P_wᵀ. Written as
                // MatMuls with the constant matrix second (what runtimes and importers take):
                // along W, transpose, along H, transpose back.
                const std::string alongWidth = n + ".pool_w";
                const std::string swapped = n + ".swapped";
                const std::string alongHeight = n + ".pool_h";
                add("MatMul", alongWidth, {in, initializer(n + ".pool_w_matrix", adaptivePoolMatrix(shape[2], size[1]))},
                    {alongWidth});
                ints(add("Transpose", swapped, {alongWidth}, {swapped}), "perm", {0, 1, 3, 2});
                add("MatMul", alongHeight, {swapped, initializer(n + ".pool_h_matrix", adaptivePoolMatrix(shape[1], size[0]))},
                    {alongHeight});
                ints(add("Transpose", n, {alongHeight}, {out}), "perm", {0, 1, 3, 2});
                return;
            }
            auto* pool = add("AveragePool", n, {in}, {out});
            ints(pool, "kernel_shape", {shape[1] / size[0], shape[2] / size[1]});
            ints(pool, "strides", {shape[1] / size[0], shape[2] / size[1]});
            return;
        }
        case OpKind::Flatten:
        case OpKind::Reshape: {
            const graph::Shape& target = m_graph.value(node.outputs.front()).shape;
            if (node.op == OpKind::Flatten && target.size() == 1 && node.attrs.getInt("start_dim", 1) == 1) {
                integer(add("Flatten", n, {in}, {out}), "axis", 1);
                return;
            }
            // 0 copies the input's batch, whatever it is at run time.
            std::vector<std::int64_t> shape{m_options.dynamicBatch ? 0 : m_options.batch};
            shape.insert(shape.end(), target.begin(), target.end());
            add("Reshape", n, {in, int64Initializer(n + ".shape", shape)}, {out});
            return;
        }
        case OpKind::Add:
        case OpKind::Sub:
        case OpKind::Mul:
        case OpKind::Div: {
            static const std::map<OpKind, std::string> onnxNames{
                {OpKind::Add, "Add"}, {OpKind::Sub, "Sub"}, {OpKind::Mul, "Mul"}, {OpKind::Div, "Div"}};
            std::vector<std::string> operands{in, node.inputs.size() > 1 ? name(node.inputs[1]) : ""};
            if (node.inputs.size() == 1) {
                operands[1] = initializer(n + ".operand", node.tensor("operand"));
                if (node.attrs.getInt("reverse", 0) != 0)
                    std::swap(operands[0], operands[1]);
            }
            add(onnxNames.at(node.op), n, operands, {out});
            return;
        }
        case OpKind::ConvTranspose2d:
            writeConvolution(node, "ConvTranspose");
            return;
        case OpKind::Slice: {
            // Clamped to the axis: OpenCV 4.6 does not clamp out-of-range ends itself.
            const graph::Shape& shape = m_graph.value(node.inputs.front()).shape;
            std::int64_t dim = node.attrs.getInt("dim");
            if (dim < 0)
                dim += static_cast<std::int64_t>(shape.size()) + 1;
            const std::int64_t length = shape.at(static_cast<std::size_t>(dim - 1));
            auto clamp = [length](std::int64_t index) { return std::clamp<std::int64_t>(index < 0 ? index + length : index, 0, length); };
            add("Slice", n,
                {in, int64Initializer(n + ".starts", {clamp(node.attrs.getInt("start", 0))}),
                 int64Initializer(n + ".ends", {clamp(node.attrs.getInt("end", length))}), int64Initializer(n + ".axes", {dim}),
                 int64Initializer(n + ".steps", {node.attrs.getInt("step", 1)})},
                {out});
            return;
        }
        case OpKind::Upsample: {
            const graph::Shape& shape = m_graph.value(node.inputs.front()).shape;
            const auto size = pair(node, "size", 1);
            const bool bilinear = node.attrs.getString("mode", "nearest") == "bilinear";
            std::vector<std::string> inputs{in, initializer(n + ".roi", at::empty({0}))};
            if (node.attrs.has("scale_h") && node.attrs.has("scale_w")) {
                inputs.push_back(initializer(n + ".scales", at::tensor({1.0f, 1.0f, static_cast<float>(node.attrs.getFloat("scale_h")),
                                                                        static_cast<float>(node.attrs.getFloat("scale_w"))})));
            } else if (size[0] % shape[1] == 0 && size[1] % shape[2] == 0) {
                inputs.push_back(initializer(
                    n + ".scales", at::tensor({1.0f, 1.0f, static_cast<float>(size[0] / shape[1]), static_cast<float>(size[1] / shape[2])})));
            } else {
                if (m_options.dynamicBatch)
                    unsupported(node, "a resize to a size that is not a whole multiple of its input, with a dynamic batch "
                                      "(export with a static batch)");
                inputs.push_back(initializer(n + ".scales", at::empty({0})));
                inputs.push_back(int64Initializer(n + ".sizes", {m_options.batch, shape[0], size[0], size[1]}));
            }
            auto* resize = add("Resize", n, inputs, {out});
            text(resize, "mode", bilinear ? "linear" : "nearest");
            if (bilinear) {
                text(resize, "coordinate_transformation_mode",
                     node.attrs.getInt("align_corners", 0) != 0 ? "align_corners" : "pytorch_half_pixel");
            } else {
                text(resize, "coordinate_transformation_mode", "asymmetric"); // PyTorch's nearest: floor(out · in / size)
                text(resize, "nearest_mode", "floor");
            }
            return;
        }
        case OpKind::Pad: {
            const std::vector<std::int64_t> pads = node.attrs.getInts("pads"); // left, right, top, bottom
            const std::string mode = node.attrs.getString("mode", "constant");
            auto* padNode = add("Pad", n,
                                {in, int64Initializer(n + ".pads", {0, 0, pads[2], pads[0], 0, 0, pads[3], pads[1]}),
                                 initializer(n + ".value", at::full({}, node.attrs.getFloat("value", 0.0)))},
                                {out});
            text(padNode, "mode", mode == "replicate" ? "edge" : mode);
            return;
        }
        case OpKind::Mean: {
            auto* reduce = add("ReduceMean", n, {in}, {out});
            ints(reduce, "axes", node.attrs.getInts("dims"));
            integer(reduce, "keepdims", node.attrs.getInt("keepdim", 0));
            return;
        }
        case OpKind::Permute:
            ints(add("Transpose", n, {in}, {out}), "perm", node.attrs.getInts("dims"));
            return;
        case OpKind::Concat: {
            std::vector<std::string> inputs;
            for (const graph::ValueId id : node.inputs)
                inputs.push_back(name(id));
            integer(add("Concat", n, inputs, {out}), "axis", node.attrs.getInt("dim", 1));
            return;
        }
        case OpKind::Dropout:
        case OpKind::Identity:
            add("Identity", n, {in}, {out}); // inference graphs: dropout is the identity
            return;
        case OpKind::FakeQuantize:
            writeFakeQuantize(node);
            return;
        }
        unsupported(node, "no ONNX mapping");
    }

    const graph::Graph& m_graph;
    const OnnxExportOptions& m_options;
    bool m_forOpenCv;
    onnx::GraphProto* m_proto = nullptr;
};

/// Runs strict shape inference and compares every inferred shape with the graph's.
/// `batch` -1: the batch is the symbol every shape must carry on.
void checkShapes(onnx::ModelProto model, const graph::Graph& graph, std::int64_t batch)
{
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), onnx::ShapeInferenceOptions(true, 1, false));
    std::map<std::string, std::vector<std::int64_t>> inferred;
    auto collect = [&inferred](const onnx::ValueInfoProto& info) {
        std::vector<std::int64_t> dims;
        for (const auto& dim : info.type().tensor_type().shape().dim())
            dims.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
        inferred[info.name()] = dims;
    };
    for (const auto& info : model.graph().value_info())
        collect(info);
    for (const auto& info : model.graph().output())
        collect(info);
    for (const graph::Node& node : graph.nodes()) {
        const graph::Value& value = graph.value(node.outputs.front());
        const auto it = inferred.find(value.name);
        if (it == inferred.end())
            throw Error(ErrorCode::InvalidGraph, "ONNX shape inference gave no shape for '" + value.name + "'",
                        {node.name, "no inferred ONNX shape"});
        std::vector<std::int64_t> expected{batch};
        expected.insert(expected.end(), value.shape.begin(), value.shape.end());
        if (it->second != expected)
            throw Error(ErrorCode::InvalidGraph,
                        "node '" + node.name + "': ONNX infers " + graph::shapeToString(it->second) + ", the graph has "
                            + graph::shapeToString(expected),
                        {node.name, "ONNX shape differs"});
    }
}

} // namespace

OnnxExport exportOnnx(const graph::Graph& graph, const OnnxExportOptions& options)
{
    if (options.opset < 11 || options.opset > 17)
        throw Error(ErrorCode::InvalidArgument, "ONNX opset must be 11..17, got " + std::to_string(options.opset),
                    {"opset", std::to_string(options.opset)});
    if (options.batch < 1)
        throw Error(ErrorCode::InvalidArgument, "the batch size must be at least 1", {"batch", std::to_string(options.batch)});
    graph.validate();

    OnnxExport result;
    const onnx::ModelProto model = Writer(graph, options, false).write();
    try {
        onnx::checker::check_model(model);
        result.verification.checkerPassed = true;
        checkShapes(model, graph, options.dynamicBatch ? -1 : options.batch);
        result.verification.shapeInferencePassed = true;
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        throw Error(ErrorCode::InvalidGraph, std::string("the ONNX checker rejected the export: ") + error.what(),
                    {"", error.what()});
    }
    result.bytes = model.SerializeAsString();

    for (const graph::Node& node : graph.nodes()) {
        if (node.op != OpKind::Upsample || !node.attrs.has("scale_h") || !node.attrs.has("scale_w"))
            continue;
        const graph::Shape& in = graph.value(node.inputs.front()).shape;
        const graph::Shape& out = graph.value(node.outputs.front()).shape;
        const double scaleH = node.attrs.getFloat("scale_h");
        const double scaleW = node.attrs.getFloat("scale_w");
        if (std::abs(static_cast<double>(out[1]) / static_cast<double>(in[1]) - scaleH) > 1e-9
            || std::abs(static_cast<double>(out[2]) / static_cast<double>(in[2]) - scaleW) > 1e-9)
            result.verification.openCvCaveats.push_back(
                "node '" + node.name + "': OpenCV 4.6 samples this Resize by the size ratio, not by its scale factors "
                + std::to_string(scaleH) + " × " + std::to_string(scaleW)
                + "; a difference from it is OpenCV's (the file follows the ONNX standard, as PyTorch does)");
    }

    if (graph::isQuantized(graph)) {
        // OpenCV 4.6 mis-reads QuantizeLinear/DequantizeLinear (EXPORT_NOTES.md); the file is
        // checked by Slimbench's own importer instead (Model's export reads it back).
        result.verification.openCvError =
            "OpenCV 4.6 mis-reads QuantizeLinear/DequantizeLinear; the file was checked by reading it back instead";
        return result;
    }

    // Numeric cross-check: OpenCV DNN on the rewritten copy against the engine's own forward.
    const std::string openCvBytes = Writer(graph, options, true).write().SerializeAsString();
    try {
        cv::dnn::Net net = cv::dnn::readNetFromONNX(openCvBytes.data(), openCvBytes.size());
        at::Generator generator = at::detail::createCPUGenerator(1234);
        std::vector<std::int64_t> shape{options.batch};
        const graph::Shape& sample = graph.value(graph.inputs().front()).shape;
        shape.insert(shape.end(), sample.begin(), sample.end());
        const at::Tensor input = at::randn(shape, generator).contiguous();
        std::vector<int> dims(shape.begin(), shape.end());
        cv::Mat blob(static_cast<int>(dims.size()), dims.data(), CV_32F, input.data_ptr<float>());
        net.setInput(blob);
        cv::Mat output = net.forward();
        at::Tensor expected;
        {
            at::InferenceMode inference;
            expected = graph::Executor(graph).forward(input, graph::ExecMode::Eval).contiguous();
        }
        if (static_cast<std::int64_t>(output.total()) != expected.numel())
            throw std::runtime_error("OpenCV gave " + std::to_string(output.total()) + " values, the engine "
                                     + std::to_string(expected.numel()));
        const at::Tensor actual = at::from_blob(output.ptr<float>(), {expected.numel()}, at::kFloat);
        result.verification.maxAbsDifference = (actual - expected.flatten()).abs().max().item<double>();
        result.verification.openCvRan = true;
    } catch (const std::exception& error) {
        result.verification.openCvError = error.what();
    }
    return result;
}

} // namespace slim::engine::io
