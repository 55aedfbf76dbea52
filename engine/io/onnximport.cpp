#include "io/onnximport.h"

#include "graph/fakequant.h"

#include "core/error.h"
#include "core/preprocessing.h"
#include "io/atomicfile.h"
#include "io/resamplesize.h"

#include <ATen/ATen.h>
#include <onnx/onnx_pb.h>

#include <cstring>
#include <filesystem>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace slim::engine::io {

namespace {

using graph::Node;
using graph::OpKind;

/// An 8-bit grid of QuantizeLinear/DequantizeLinear: per tensor (axis −1) or along one axis.
struct QuantGrid {
    at::Tensor scale;      ///< float, one entry or one per channel
    at::Tensor zeroPoint;  ///< float holding integers, as scale
    std::int64_t axis = -1;
    std::int64_t quantMin = 0;
    std::int64_t quantMax = 255;
    /// For constant integers: the narrowest grid of the same signedness holding them all (a
    /// 4-bit weight stored in int8 keeps its 4 bits).
    std::int64_t usedMin = 0;
    std::int64_t usedMax = 255;
};

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
            else if (dynamic || dims.empty())
                throw Error(ErrorCode::InvalidArgument,
                            m_path + ": input '" + input.name() + "' has a dynamic shape; give the input size (--input CxHxW)",
                            {"input", "dynamic shape"});
            if (m_batch == 0 && !dims.empty() && dims[0].has_dim_value() && dims[0].dim_value() > 0)
                m_batch = dims[0].dim_value();
            m_values[input.name()] = m_graph.addInput(input.name(), shape);
        }
        for (const auto& node : g.node()) {
            try {
                importNode(node);
            } catch (const Error&) {
                throw;
            } catch (const std::exception& error) {
                // ATen refusing a folded constant or a tensor: the file describes something impossible.
                const std::string what = firstLine(error.what());
                throw Error(ErrorCode::FileCorrupt,
                            m_path + ": node '" + (node.name().empty() && node.output_size() ? node.output(0) : node.name())
                                + "' (" + node.op_type() + ") is invalid: " + what,
                            {m_path, node.op_type() + ": " + what});
            }
        }
        for (const auto& output : g.output()) {
            const auto it = m_values.find(output.name());
            if (it == m_values.end())
                fail(output.name(), "graph output is produced by no supported node");
            m_graph.markOutput(it->second);
        }
        m_graph.metadata()["name"] = g.name().empty() ? std::filesystem::path(m_path).stem().string() : g.name();
        m_graph.metadata()["source"] = "onnx";
        if (graph::isQuantized(m_graph))
            m_graph.metadata()["quantization"] = "QDQ (ONNX)";
        readPreprocessing();
        m_graph.validate();
        return std::move(m_graph);
    }

    at::Tensor tensorFrom(const onnx::TensorProto& proto) const { return readTensor(proto); }

private:
    /// A file Slimbench wrote carries the model's input contract in metadata_props.
    void readPreprocessing()
    {
        std::map<std::string, std::string> properties;
        for (const auto& property : m_model.metadata_props())
            properties[property.key()] = property.value();
        try {
            if (const auto contract = preprocessingFromProperties(properties))
                writePreprocessingMetadata(m_graph.metadata(), *contract);
        } catch (const Error& error) {
            throw Error(ErrorCode::FileCorrupt, m_path + ": metadata_props: " + error.what(), {m_path, error.what()});
        }
    }

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
        if (bytes > 0) // an empty tensor has no storage to copy into
            std::memcpy(tensor.data_ptr(), raw ? static_cast<const void*>(proto.raw_data().data()) : typed, bytes);
        return tensor;
    }

    at::Tensor readTensor(const onnx::TensorProto& proto) const
    {
        std::vector<std::int64_t> dims(proto.dims().begin(), proto.dims().end());
        std::int64_t count = 1;
        for (const std::int64_t d : dims) {
            if (d < 0 || d > (std::int64_t{1} << 32) || (d > 0 && count > (std::int64_t{1} << 34) / d))
                throw Error(ErrorCode::FileCorrupt, m_path + ": tensor '" + proto.name() + "' has an impossible shape",
                            {m_path, "impossible tensor shape"});
            count *= d;
        }
        if (proto.data_type() == onnx::TensorProto::FLOAT)
            return filled(proto, at::kFloat, dims, count, proto.float_data().data(), proto.float_data_size());
        if (proto.data_type() == onnx::TensorProto::INT64)
            return filled(proto, at::kLong, dims, count, proto.int64_data().data(), proto.int64_data_size());
        if (proto.data_type() == onnx::TensorProto::INT32)
            return filled(proto, at::kInt, dims, count, proto.int32_data().data(), proto.int32_data_size());
        if (proto.data_type() == onnx::TensorProto::INT8 || proto.data_type() == onnx::TensorProto::UINT8) {
            // quantized integers: raw bytes, or one per int32_data entry
            const at::ScalarType type = proto.data_type() == onnx::TensorProto::INT8 ? at::kChar : at::kByte;
            if (proto.has_raw_data())
                return filled(proto, type, dims, count, static_cast<const std::int8_t*>(nullptr), 0);
            const at::Tensor wide = filled(proto, at::kInt, dims, count, proto.int32_data().data(), proto.int32_data_size());
            const std::int64_t low = type == at::kChar ? -128 : 0;
            const std::int64_t high = type == at::kChar ? 127 : 255;
            if (wide.numel() > 0 && (wide.min().item<std::int64_t>() < low || wide.max().item<std::int64_t>() > high))
                throw Error(ErrorCode::FileCorrupt, m_path + ": tensor '" + proto.name() + "' holds values outside its 8-bit type",
                            {m_path, "tensor values out of range"});
            return wide.to(type);
        }
        throw Error(ErrorCode::Unsupported, m_path + ": tensor '" + proto.name() + "' has element type "
                                                + std::to_string(proto.data_type()) + " (float32, int64, int32, int8 and uint8 are read)",
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
        if (index >= node.input_size())
            fail(node.name(), node.op_type() + " needs at least " + std::to_string(index + 1) + " inputs");
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

    /// The values of an integer tensor (shapes, axes, sizes, pads); floating-point ones are refused.
    std::vector<std::int64_t> integers(const onnx::NodeProto& node, const at::Tensor& tensor) const
    {
        if (tensor.is_floating_point())
            fail(node.name(), node.op_type() + " needs integers where it was given floating-point values");
        const at::Tensor values = tensor.to(at::kLong).contiguous();
        return {values.data_ptr<std::int64_t>(), values.data_ptr<std::int64_t>() + values.numel()};
    }

    /// Pads must be symmetric: [top, left, bottom, right] with top == bottom, left == right.
    /// auto_pad SAME_UPPER/SAME_LOWER/VALID is worked out from the input size when `extent`
    /// (the dilated kernel height and width) is given and the result is symmetric.
    std::vector<std::int64_t> symmetricPads(const onnx::NodeProto& node, const std::vector<std::int64_t>& extent = {}) const
    {
        if (const auto* a = attribute(node, "auto_pad"); a && a->s() != "NOTSET") {
            if (a->s() == "VALID")
                return {0, 0};
            const graph::Shape& in = m_graph.value(value(node, 0)).shape;
            if (extent.size() != 2 || in.size() != 3)
                fail(node.name(), "auto_pad=" + a->s() + " is not supported here");
            const auto strides = pairOf(node, "strides");
            std::vector<std::int64_t> pads;
            for (std::size_t d = 0; d < 2; ++d) {
                const std::int64_t size = in[d + 1];
                const std::int64_t out = (size + strides[d] - 1) / strides[d];
                const std::int64_t total = std::max<std::int64_t>((out - 1) * strides[d] + extent[d] - size, 0);
                if (total % 2 != 0)
                    fail(node.name(), "auto_pad=" + a->s() + " needs asymmetric padding for this input size");
                pads.push_back(total / 2);
            }
            return pads;
        }
        const auto pads = ints(node, "pads", {0, 0, 0, 0});
        if (pads.size() != 4 || pads[0] != pads[2] || pads[1] != pads[3])
            fail(node.name(), "asymmetric padding is not supported");
        return {pads[0], pads[1]};
    }

    /// The dilated kernel extent of a conv or pool: (k − 1) · d + 1 per axis.
    /// A two-entry attribute (strides, dilations); anything else is refused.
    std::vector<std::int64_t> pairOf(const onnx::NodeProto& node, const std::string& name) const
    {
        const auto values = ints(node, name, {1, 1});
        if (values.size() != 2)
            fail(node.name(), "'" + name + "' needs 2 values for a 2-D op, has " + std::to_string(values.size()));
        return values;
    }

    std::vector<std::int64_t> extentOf(const onnx::NodeProto& node, std::int64_t kh, std::int64_t kw) const
    {
        const auto dilations = pairOf(node, "dilations");
        return {(kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1};
    }

    /// A batch dimension seen through Shape: a marker value no real dimension reaches.
    static constexpr std::int64_t kBatch = std::int64_t{1} << 40;

    bool allConstant(const onnx::NodeProto& p) const
    {
        for (int i = 0; i < p.input_size(); ++i) {
            if (!p.input(i).empty() && !m_constants.count(p.input(i)))
                return false;
        }
        return p.input_size() > 0;
    }

    /// Evaluates shape arithmetic (Shape, Gather, Unsqueeze, Squeeze, Concat, Cast, Slice and
    /// arithmetic whose inputs are all constants) at import time. Returns false when `p` must
    /// become a node.
    bool fold(const onnx::NodeProto& p)
    {
        const std::string& op = p.op_type();
        if (op == "Shape") {
            const auto it = m_values.find(p.input(0));
            if (it == m_values.end()) {
                if (const auto c = constant(p, 0)) {
                    m_constants[p.output(0)] = at::tensor(c->sizes().vec(), at::kLong);
                    return true;
                }
                return false;
            }
            std::vector<std::int64_t> dims{kBatch};
            const graph::Shape& shape = m_graph.value(it->second).shape;
            dims.insert(dims.end(), shape.begin(), shape.end());
            at::Tensor t = at::tensor(dims, at::kLong);
            const std::int64_t rank = t.size(0);
            std::int64_t start = integer(p, "start", 0);
            std::int64_t end = integer(p, "end", rank);
            start = std::clamp<std::int64_t>(start < 0 ? start + rank : start, 0, rank);
            end = std::clamp<std::int64_t>(end < 0 ? end + rank : end, 0, rank);
            m_constants[p.output(0)] = t.slice(0, start, std::max(start, end)).clone();
            return true;
        }
        static const std::set<std::string> foldable{"Gather", "Unsqueeze", "Squeeze", "Concat", "Cast", "Slice",
                                                    "Add", "Sub", "Mul", "Div", "Identity", "Reshape", "Flatten",
                                                    "ConstantOfShape", "Transpose", "Neg"};
        if (!foldable.count(op) || !allConstant(p))
            return false;
        const auto input = [&](int index) {
            const auto t = constant(p, index);
            if (!t)
                fail(p.name(), op + " needs input " + std::to_string(index + 1));
            return *t;
        };
        const at::Tensor x = input(0);
        at::Tensor result;
        auto axesOf = [&](int inputIndex) {
            if (const auto t = constant(p, inputIndex))
                return integers(p, *t);
            return ints(p, "axes", {});
        };
        if (op == "Gather") {
            const at::Tensor indices = input(1).to(at::kLong);
            std::int64_t axis = integer(p, "axis", 0);
            if (axis < 0)
                axis += x.dim();
            const at::Tensor wrapped = at::where(indices < 0, indices + x.size(axis), indices);
            result = x.index_select(axis, wrapped.flatten()).reshape([&] {
                std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().begin() + axis);
                shape.insert(shape.end(), indices.sizes().begin(), indices.sizes().end());
                shape.insert(shape.end(), x.sizes().begin() + axis + 1, x.sizes().end());
                return shape;
            }());
        } else if (op == "Unsqueeze") {
            result = x;
            std::vector<std::int64_t> axes = axesOf(1);
            const auto rank = static_cast<std::int64_t>(x.dim() + axes.size());
            for (auto& a : axes)
                a = a < 0 ? a + rank : a;
            std::sort(axes.begin(), axes.end());
            for (const std::int64_t a : axes)
                result = result.unsqueeze(a);
        } else if (op == "Squeeze") {
            std::vector<std::int64_t> axes = axesOf(1);
            result = x;
            if (axes.empty()) {
                result = x.squeeze();
            } else {
                for (auto& a : axes)
                    a = a < 0 ? a + x.dim() : a;
                std::sort(axes.rbegin(), axes.rend());
                for (const std::int64_t a : axes)
                    result = result.squeeze(a);
            }
        } else if (op == "Concat") {
            std::vector<at::Tensor> parts;
            for (int i = 0; i < p.input_size(); ++i)
                parts.push_back(input(i));
            result = at::cat(parts, integer(p, "axis", 0));
        } else if (op == "Cast") {
            const std::int64_t to = integer(p, "to", onnx::TensorProto::FLOAT);
            if (to != onnx::TensorProto::FLOAT && to != onnx::TensorProto::INT64)
                return false;
            result = x.to(to == onnx::TensorProto::FLOAT ? at::kFloat : at::kLong);
        } else if (op == "Slice") {
            result = x;
            const std::vector<std::int64_t> starts = axesOf(1), ends = axesOf(2);
            std::vector<std::int64_t> axes = constant(p, 3) ? axesOf(3) : std::vector<std::int64_t>{};
            std::vector<std::int64_t> steps = constant(p, 4) ? axesOf(4) : std::vector<std::int64_t>(starts.size(), 1);
            if (ends.size() != starts.size() || steps.size() != starts.size() || (!axes.empty() && axes.size() != starts.size()))
                fail(p.name(), "Slice with starts, ends, axes and steps of different lengths");
            for (std::size_t i = 0; i < starts.size(); ++i) {
                if (steps[i] == 0)
                    fail(p.name(), "Slice with a step of 0");
                std::int64_t axis = axes.empty() ? static_cast<std::int64_t>(i) : axes[i];
                if (axis < 0)
                    axis += result.dim();
                const std::int64_t length = result.size(axis);
                auto clamp = [length](std::int64_t index, std::int64_t low, std::int64_t high) {
                    return std::clamp<std::int64_t>(index < 0 ? index + length : index, low, high);
                };
                if (steps[i] > 0) {
                    result = result.slice(axis, clamp(starts[i], 0, length), clamp(ends[i], 0, length), steps[i]);
                } else {
                    // A reversed slice: the elements from start down to (not including) end.
                    const std::int64_t first = clamp(starts[i], -1, length - 1);
                    const std::int64_t stop = clamp(ends[i], -1, length - 1);
                    const at::Tensor reversed = result.flip(axis);
                    result = reversed.slice(axis, length - 1 - first, length - 1 - stop, -steps[i]);
                }
            }
        } else if (op == "Identity") {
            result = x;
        } else if (op == "Neg") {
            result = -x;
        } else if (op == "Transpose") {
            std::vector<std::int64_t> perm = ints(p, "perm", {});
            if (perm.empty())
                for (std::int64_t axis = x.dim() - 1; axis >= 0; --axis)
                    perm.push_back(axis);
            result = x.permute(perm);
        } else if (op == "ConstantOfShape") {
            const at::Tensor fill = attribute(p, "value") ? tensorFrom(attribute(p, "value")->t()) : at::zeros({1});
            const std::vector<std::int64_t> shape = integers(p, x);
            std::int64_t count = 1;
            for (const std::int64_t d : shape) {
                if (d < 0 || (d > 0 && count > (std::int64_t{1} << 24) / d))
                    fail(p.name(), "ConstantOfShape of an impossible size");
                count *= d;
            }
            result = at::full(shape,
                              fill.flatten()[0].item(), fill.options());
        } else if (op == "Reshape") {
            result = x.reshape(axesOf(1));
        } else if (op == "Flatten") {
            result = x.flatten(0, std::max<std::int64_t>(integer(p, "axis", 1) - 1, 0)).flatten(1);
        } else {
            const at::Tensor y = input(1);
            if (op == "Add")
                result = x + y;
            else if (op == "Sub")
                result = x - y;
            else if (op == "Mul")
                result = x * y;
            else
                result = x.is_floating_point() ? x / y : at::div(x, y, "trunc");
        }
        m_constants[p.output(0)] = result.contiguous();
        return true;
    }

    /// Add, Sub, Mul, Div with two graph tensors, or with one graph tensor and a constant.
    void binary(const onnx::NodeProto& p)
    {
        static const std::map<std::string, OpKind> kinds{
            {"Add", OpKind::Add}, {"Sub", OpKind::Sub}, {"Mul", OpKind::Mul}, {"Div", OpKind::Div}};
        Node node;
        node.op = kinds.at(p.op_type());
        const auto left = constant(p, 0);
        const auto right = constant(p, 1);
        if (!left && !right) {
            node.inputs = {value(p, 0), value(p, 1)};
            emit(p, std::move(node));
            return;
        }
        const int tensorIndex = left ? 1 : 0;
        node.inputs = {value(p, tensorIndex)};
        try {
            node.buffers.push_back({"operand", graph::perSampleOperand((left ? *left : *right).to(at::kFloat),
                                                                       m_graph.value(node.inputs.front()).shape.size())});
        } catch (const Error& error) {
            fail(p.name(), error.what());
        }
        if (left)
            node.attrs.set("reverse", std::int64_t{1});
        emit(p, std::move(node));
    }

    /// Split becomes one Slice node per output.
    void split(const onnx::NodeProto& p)
    {
        const graph::ValueId input = value(p, 0);
        const graph::Shape& shape = m_graph.value(input).shape;
        std::int64_t axis = integer(p, "axis", 0);
        if (axis < 0)
            axis += static_cast<std::int64_t>(shape.size()) + 1;
        if (axis < 1 || axis > static_cast<std::int64_t>(shape.size()))
            fail(p.name(), "Split along the batch axis or out of range");
        std::vector<std::int64_t> sizes = ints(p, "split", {});
        if (const auto t = constant(p, 1))
            sizes = integers(p, *t);
        const std::int64_t length = shape[static_cast<std::size_t>(axis - 1)];
        if (sizes.empty()) {
            const std::int64_t parts = p.output_size();
            if (length % parts != 0)
                fail(p.name(), "Split of " + std::to_string(length) + " into " + std::to_string(parts) + " unequal parts");
            sizes.assign(static_cast<std::size_t>(parts), length / parts);
        }
        if (static_cast<int>(sizes.size()) != p.output_size())
            fail(p.name(), "Split gives " + std::to_string(sizes.size()) + " sizes for " + std::to_string(p.output_size()) + " outputs");
        std::int64_t start = 0;
        for (int i = 0; i < p.output_size(); ++i) {
            Node node;
            node.op = OpKind::Slice;
            node.inputs = {input};
            node.attrs.set("dim", axis);
            node.attrs.set("start", start);
            node.attrs.set("end", start + sizes[static_cast<std::size_t>(i)]);
            start += sizes[static_cast<std::size_t>(i)];
            emit(p, std::move(node), i);
        }
    }

    void slice(const onnx::NodeProto& p)
    {
        auto list = [&](int index, const char* what) {
            const auto t = constant(p, index);
            if (!t && index < 3)
                fail(p.name(), std::string("Slice with computed ") + what);
            return t ? integers(p, *t) : std::vector<std::int64_t>{};
        };
        const auto starts = list(1, "starts"), ends = list(2, "ends");
        auto axes = list(3, "axes"), steps = list(4, "steps");
        graph::ValueId current = value(p, 0);
        const std::size_t rank = m_graph.value(current).shape.size() + 1;
        if (axes.empty())
            for (std::size_t i = 0; i < starts.size(); ++i)
                axes.push_back(static_cast<std::int64_t>(i));
        if (starts.size() != ends.size() || axes.size() != starts.size() || (!steps.empty() && steps.size() != starts.size()))
            fail(p.name(), "Slice with starts, ends, axes and steps of different lengths");
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const std::int64_t axis = axes[i] < 0 ? axes[i] + static_cast<std::int64_t>(rank) : axes[i];
            const std::int64_t step = steps.empty() ? 1 : steps[i];
            if (axis == 0) {
                if (starts[i] == 0 && ends[i] >= kBatch / 2 && step == 1)
                    continue; // the whole batch
                fail(p.name(), "Slice along the batch axis");
            }
            if (step <= 0)
                fail(p.name(), "Slice with a negative step");
            Node node;
            node.op = OpKind::Slice;
            node.inputs = {current};
            node.attrs.set("dim", axis);
            node.attrs.set("start", starts[i]);
            node.attrs.set("end", std::min(ends[i], m_graph.value(current).shape.at(static_cast<std::size_t>(axis - 1))));
            node.attrs.set("step", step);
            emit(p, std::move(node), 0, i + 1 < starts.size() ? p.output(0) + ":" + std::to_string(i) : "");
            current = m_values.at(i + 1 < starts.size() ? p.output(0) + ":" + std::to_string(i) : p.output(0));
        }
        m_values[p.output(0)] = current; // also when every axis was whole and no node was needed
    }

    void resize(const onnx::NodeProto& p)
    {
        const graph::Shape& in = m_graph.value(value(p, 0)).shape;
        if (in.size() != 3)
            fail(p.name(), p.op_type() + " of a tensor that is not N×C×H×W");
        const bool upsample = p.op_type() == "Upsample";
        std::vector<std::int64_t> size;
        std::vector<double> factors;
        if (const auto sizes = constant(p, 3); sizes && sizes->numel() == 4) {
            const at::Tensor s = sizes->to(at::kLong);
            if (s[1].item<std::int64_t>() != in[0])
                fail(p.name(), "Resize that changes the channel count");
            size = {s[2].item<std::int64_t>(), s[3].item<std::int64_t>()};
            if (!isResampledSide(size[0]) || !isResampledSide(size[1]))
                fail(p.name(), "Resize to " + std::to_string(size[0]) + "×" + std::to_string(size[1])
                                   + " (each output side must be 1.." + std::to_string(kMaxResampledSide) + ")");
        } else if (const auto scales = constant(p, upsample ? 1 : 2); scales && scales->numel() == 4) {
            const at::Tensor s = scales->to(at::kDouble);
            if (s[0].item<double>() != 1.0 || s[1].item<double>() != 1.0)
                fail(p.name(), "Resize that scales the batch or channel axes");
            factors = {s[2].item<double>(), s[3].item<double>()};
            const auto height = scaledSide(in[1], factors[0]);
            const auto width = scaledSide(in[2], factors[1]);
            if (!height || !width) {
                std::ostringstream what;
                what << "Resize of " << in[1] << "×" << in[2] << " by scales " << factors[0] << "×" << factors[1]
                     << " (each output side must be 1.." << kMaxResampledSide << ")";
                fail(p.name(), what.str());
            }
            size = {*height, *width};
        } else {
            fail(p.name(), p.op_type() + " needs constant 4-entry scales or sizes");
        }
        const std::string mode = attribute(p, "mode") ? attribute(p, "mode")->s() : "nearest";
        const std::string transform = attribute(p, "coordinate_transformation_mode")
                                          ? attribute(p, "coordinate_transformation_mode")->s()
                                          : "half_pixel";
        graph::Attributes attrs;
        attrs.set("size", size);
        if (!factors.empty()) {
            attrs.set("scale_h", factors[0]);
            attrs.set("scale_w", factors[1]);
        }
        if (mode == "nearest") {
            const std::string nearest = attribute(p, "nearest_mode") ? attribute(p, "nearest_mode")->s() : "round_prefer_floor";
            if (!upsample && (transform != "asymmetric" || nearest != "floor"))
                fail(p.name(), "nearest Resize with coordinate_transformation_mode=" + transform + " and nearest_mode=" + nearest
                                   + " (PyTorch's asymmetric/floor is read)");
            attrs.set("mode", std::string("nearest"));
        } else if (mode == "linear" || mode == "bilinear") {
            if (upsample || transform == "align_corners")
                attrs.set("align_corners", std::int64_t{transform == "align_corners" ? 1 : 0});
            else if (transform == "half_pixel" || transform == "pytorch_half_pixel")
                attrs.set("align_corners", std::int64_t{0});
            else
                fail(p.name(), "linear Resize with coordinate_transformation_mode=" + transform);
            if (!upsample)
                refuseLinearSamplingAtenDiffers(p, transform, in, size, factors);
            attrs.set("mode", std::string("bilinear"));
        } else {
            fail(p.name(), p.op_type() + " mode '" + mode + "' (nearest and linear are read)");
        }
        unary(p, OpKind::Upsample, attrs);
    }

    /// Refuses the linear Resize cases whose sample positions ONNX defines differently from
    /// ATen's upsample_bilinear2d, which would import silently and compute other numbers:
    /// - pytorch_half_pixel with an output side of 1 samples ONNX's x = 0, where ATen samples
    ///   the centre of the input ((0 + 0.5) × in − 0.5);
    /// - align_corners with scales whose in × scale is not whole: ONNX divides by
    ///   in × scale − 1 unrounded, ATen by the rounded output side − 1.
    void refuseLinearSamplingAtenDiffers(const onnx::NodeProto& p, const std::string& transform, const graph::Shape& in,
                                         const std::vector<std::int64_t>& size, const std::vector<double>& factors)
    {
        for (std::size_t axis = 0; axis < 2; ++axis) {
            const std::int64_t inSide = in[axis + 1];
            const char* const name = axis == 0 ? "height" : "width";
            if (transform == "pytorch_half_pixel" && size[axis] == 1 && inSide > 1)
                fail(p.name(), std::string("linear Resize with coordinate_transformation_mode=pytorch_half_pixel to an "
                                           "output ") + name + " of 1 (ONNX samples the first pixel there, PyTorch the "
                                           "centre; use half_pixel or an output side above 1)");
            if (transform == "align_corners" && !factors.empty() && size[axis] > 1) {
                const double unrounded = static_cast<double>(inSide) * factors[axis];
                if (unrounded != std::floor(unrounded)) {
                    std::ostringstream what;
                    what << "linear Resize with coordinate_transformation_mode=align_corners and a " << name
                         << " scale of " << factors[axis] << ", which gives a fractional side (" << inSide << " × "
                         << factors[axis] << " = " << unrounded
                         << "; ONNX places samples by that fraction, PyTorch by the whole side " << size[axis]
                         << "; give sizes instead of scales)";
                    fail(p.name(), what.str());
                }
            }
        }
    }

    void pad(const onnx::NodeProto& p)
    {
        const graph::Shape& in = m_graph.value(value(p, 0)).shape;
        const auto padsTensor = constant(p, 1);
        if (!padsTensor)
            fail(p.name(), "Pad with computed pads");
        const std::vector<std::int64_t> pads = integers(p, *padsTensor);
        if (in.size() != 3 || pads.size() != 8)
            fail(p.name(), "Pad of a tensor that is not N×C×H×W");
        if (pads[0] || pads[1] || pads[4] || pads[5])
            fail(p.name(), "Pad of the batch or channel axes");
        const std::string mode = attribute(p, "mode") ? attribute(p, "mode")->s() : "constant";
        graph::Attributes attrs;
        attrs.set("pads", std::vector<std::int64_t>{pads[3], pads[7], pads[2], pads[6]});
        if (mode == "edge")
            attrs.set("mode", std::string("replicate"));
        else if (mode == "reflect" || mode == "constant")
            attrs.set("mode", mode);
        else
            fail(p.name(), "Pad mode '" + mode + "'");
        if (const auto v = constant(p, 2))
            attrs.set("value", v->to(at::kDouble).item<double>());
        unary(p, OpKind::Pad, attrs);
    }

    /// Adds `node` as the producer of `proto`'s output `outputIndex` (or of `outputName`).
    void emit(const onnx::NodeProto& proto, Node node, int outputIndex = 0, std::string outputName = {})
    {
        if (outputName.empty())
            outputName = proto.output(outputIndex);
        node.name = m_graph.uniqueNodeName(proto.name().empty() ? outputName : proto.name());
        std::vector<graph::Shape> shapes;
        for (const graph::ValueId id : node.inputs)
            shapes.push_back(m_graph.value(id).shape);
        const graph::Shape shape = graph::inferNodeShapes(node, shapes).front();
        std::string valueName = outputName;
        if (m_graph.findValue(valueName))
            valueName = node.name + ":out";
        node.outputs = {m_graph.addValue(valueName, shape)};
        m_values[outputName] = node.outputs.front();
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

    /// The scale, zero point and axis of a QuantizeLinear or DequantizeLinear whose input has `rank` axes.
    QuantGrid quantGrid(const onnx::NodeProto& p, std::int64_t rank) const
    {
        const auto scale = constant(p, 1);
        if (!scale || !scale->is_floating_point() || scale->numel() < 1)
            fail(p.name(), p.op_type() + " needs a constant floating-point scale");
        QuantGrid grid;
        grid.scale = scale->to(at::kFloat).reshape({-1}).contiguous();
        const auto zero = constant(p, 2);
        const at::ScalarType type = zero ? zero->scalar_type() : at::kByte;
        if (type != at::kByte && type != at::kChar)
            fail(p.name(), p.op_type() + " with a zero point that is neither int8 nor uint8");
        grid.quantMin = type == at::kByte ? 0 : -128;
        grid.quantMax = type == at::kByte ? 255 : 127;
        grid.zeroPoint = zero ? zero->to(at::kFloat).reshape({-1}).contiguous() : at::zeros_like(grid.scale);
        if (grid.zeroPoint.numel() != grid.scale.numel())
            fail(p.name(), p.op_type() + " with " + std::to_string(grid.scale.numel()) + " scales and "
                               + std::to_string(grid.zeroPoint.numel()) + " zero points");
        if (!(grid.scale.min().item<double>() > 0) || !at::isfinite(grid.scale).all().item<bool>())
            fail(p.name(), p.op_type() + " with a scale that is not positive and finite");
        if (attribute(p, "output_dtype"))
            fail(p.name(), p.op_type() + " with output_dtype (a later opset's form)");
        if (grid.scale.numel() > 1 || (scale->dim() == 1 && attribute(p, "axis"))) {
            std::int64_t axis = integer(p, "axis", 1);
            if (axis < 0)
                axis += rank;
            if (axis < 0 || axis >= rank)
                fail(p.name(), p.op_type() + " axis " + std::to_string(integer(p, "axis", 1)) + " is outside the tensor");
            grid.axis = axis;
        }
        return grid;
    }

    /// Marks `node`'s weight as quantized when its constant came out of a DequantizeLinear;
    /// `transposed`: the weight was transposed on the way in (MatMul, Gemm without transB).
    void attachWeightGrid(Node& node, const onnx::NodeProto& p, bool transposed, double factor = 1.0)
    {
        const auto it = m_dequantized.find(p.input(1));
        if (it == m_dequantized.end() || factor != 1.0)
            return;
        const QuantGrid& grid = it->second;
        const at::Tensor weight = node.tensor("weight");
        std::int64_t axis = grid.axis;
        if (transposed && axis >= 0)
            axis = 1 - axis;
        if (axis >= 0 && (axis >= weight.dim() || weight.size(axis) != grid.scale.numel()))
            return; // a layout this does not follow: the weight stays the float it dequantizes to
        node.attrs.set("weight_quant_min", grid.usedMin);
        node.attrs.set("weight_quant_max", grid.usedMax);
        node.attrs.set("weight_axis", axis);
        node.attrs.set("weight_symmetric",
                       std::int64_t{grid.quantMin < 0 && grid.zeroPoint.abs().max().item<double>() == 0});
        node.buffers.push_back({"weight_scale", grid.scale.clone()});
        node.buffers.push_back({"weight_zero_point", grid.zeroPoint.clone()});
    }

    /// Clip → QuantizeLinear → DequantizeLinear whose Clip bounds are whole steps of the grid (what
    /// Slimbench writes for a grid under 8 bits): the Clip becomes one FakeQuantize on that
    /// narrower grid. Returns whether it did.
    bool narrowGrid(const onnx::NodeProto& p, graph::ValueId input, const QuantGrid& grid)
    {
        const int producer = m_graph.producerOf(input);
        if (grid.axis >= 0 || producer < 0)
            return false;
        Node& clip = m_graph.nodes()[static_cast<std::size_t>(producer)];
        // Only the Clip Slimbench writes for a narrow grid ("<fake-quantize>.clip"): another
        // tool's Clip before a QuantizeLinear stays the activation it is.
        const std::string suffix = ".clip";
        if (clip.op != OpKind::Clamp || !clip.attrs.has("min") || !clip.attrs.has("max") || clip.name.size() <= suffix.size()
            || clip.name.compare(clip.name.size() - suffix.size(), suffix.size(), suffix) != 0)
            return false;
        for (const Node& node : m_graph.nodes()) {
            if (std::count(node.inputs.begin(), node.inputs.end(), input) > 0)
                return false; // the clipped value is used elsewhere too
        }
        const double scale = grid.scale.item<double>();
        const double zeroPoint = grid.zeroPoint.item<double>();
        const double low = clip.attrs.getFloat("min");
        const double high = clip.attrs.getFloat("max");
        const double stepsLow = low / scale + zeroPoint;
        const double stepsHigh = high / scale + zeroPoint;
        const auto whole = [](double steps) { return std::abs(steps - std::round(steps)) < 1e-3; };
        const auto quantMin = static_cast<std::int64_t>(std::round(stepsLow));
        const auto quantMax = static_cast<std::int64_t>(std::round(stepsHigh));
        if (!whole(stepsLow) || !whole(stepsHigh) || quantMin < grid.quantMin || quantMax > grid.quantMax
            || quantMin >= quantMax || zeroPoint < static_cast<double>(quantMin) || zeroPoint > static_cast<double>(quantMax))
            return false;
        clip.op = OpKind::FakeQuantize;
        clip.attrs = {};
        clip.attrs.set("quant_min", quantMin);
        clip.attrs.set("quant_max", quantMax);
        clip.attrs.set("axis", std::int64_t{-1});
        clip.buffers = {{"scale", grid.scale.clone()}, {"zero_point", grid.zeroPoint.clone()}};
        if (!m_graph.findValue(p.output(0)))
            m_graph.value(input).name = p.output(0);
        m_values[p.output(0)] = input;
        return true;
    }

    /// QuantizeLinear → DequantizeLinear of a computed tensor becomes a FakeQuantize node;
    /// DequantizeLinear of constant integers becomes the float constant (and its grid is kept
    /// for the layer that takes it as its weight). Returns whether `p` was one of them.
    bool importQuantization(const onnx::NodeProto& p)
    {
        const std::string& op = p.op_type();
        if (op == "QuantizeLinear") {
            const auto in = m_values.find(p.input(0));
            if (in == m_values.end())
                fail(p.name(), "QuantizeLinear of a constant (integer tensors are not computed on)");
            const QuantGrid grid = quantGrid(p, static_cast<std::int64_t>(m_graph.value(in->second).shape.size()) + 1);
            m_quantized[p.output(0)] = {in->second, grid};
            return true;
        }
        if (op != "DequantizeLinear")
            return false;
        if (const auto pending = m_quantized.find(p.input(0)); pending != m_quantized.end()) {
            const auto& [input, quantizeGrid] = pending->second;
            const QuantGrid grid = quantGrid(p, static_cast<std::int64_t>(m_graph.value(input).shape.size()) + 1);
            if (grid.axis != quantizeGrid.axis || !at::equal(grid.scale, quantizeGrid.scale)
                || !at::equal(grid.zeroPoint, quantizeGrid.zeroPoint) || grid.quantMin != quantizeGrid.quantMin)
                fail(p.name(), "DequantizeLinear with another scale, zero point or type than its QuantizeLinear");
            if (narrowGrid(p, input, grid))
                return true;
            Node node;
            node.op = OpKind::FakeQuantize;
            node.inputs = {input};
            node.attrs.set("quant_min", grid.quantMin);
            node.attrs.set("quant_max", grid.quantMax);
            node.attrs.set("axis", grid.axis);
            node.buffers = {{"scale", grid.scale.clone()}, {"zero_point", grid.zeroPoint.clone()}};
            emit(p, std::move(node));
            return true;
        }
        const auto integers = constant(p, 0);
        if (!integers)
            fail(p.name(), "DequantizeLinear of a computed integer tensor (only QuantizeLinear's output or a constant is read)");
        const QuantGrid grid = quantGrid(p, integers->dim());
        std::vector<std::int64_t> shape(static_cast<std::size_t>(integers->dim()), 1);
        if (grid.axis >= 0)
            shape[static_cast<std::size_t>(grid.axis)] = -1;
        const at::Tensor scale = grid.axis >= 0 ? grid.scale.reshape(shape) : grid.scale.reshape({});
        const at::Tensor zeroPoint = grid.axis >= 0 ? grid.zeroPoint.reshape(shape) : grid.zeroPoint.reshape({});
        m_constants[p.output(0)] = ((integers->to(at::kFloat) - zeroPoint) * scale).contiguous();
        if ((integers->scalar_type() == at::kChar || integers->scalar_type() == at::kByte) && integers->numel() > 0) {
            QuantGrid used = grid;
            used.usedMin = grid.quantMin; // the type's own grid unless a narrower one fits
            used.usedMax = grid.quantMax;
            const bool isSigned = grid.quantMin < 0;
            const std::int64_t low = std::min(integers->min().item<std::int64_t>(), static_cast<std::int64_t>(grid.zeroPoint.min().item<double>()));
            const std::int64_t high = std::max(integers->max().item<std::int64_t>(), static_cast<std::int64_t>(grid.zeroPoint.max().item<double>()));
            // The narrowest grid that holds the integers and that they reach an end of (a
            // min-max or clipped range always does); otherwise the type's own.
            for (int bits = 2; bits <= 8; ++bits) {
                const auto [rangeMin, rangeMax] = graph::quantRange(bits, isSigned);
                if (low >= rangeMin && high <= rangeMax && (low == rangeMin || high == rangeMax)) {
                    used.usedMin = rangeMin;
                    used.usedMax = rangeMax;
                    break;
                }
            }
            m_dequantized[p.output(0)] = used;
        }
        return true;
    }

    void importNode(const onnx::NodeProto& p)
    {
        const std::string& op = p.op_type();
        if (!p.domain().empty() && p.domain() != "ai.onnx")
            fail(p.name(), "op " + p.domain() + "::" + op + " is outside the standard domain");
        if (p.output_size() < 1 || p.output(0).empty())
            fail(p.name(), op + " has no output");
        if (op != "Constant" && (p.input_size() < 1 || p.input(0).empty()))
            fail(p.name(), op + " has no input");
        if (op == "Constant") {
            const auto* a = attribute(p, "value");
            if (!a || !a->has_t())
                fail(p.name(), "Constant without a tensor value");
            m_constants[p.output(0)] = tensorFrom(a->t());
            return;
        }
        if (importQuantization(p) || fold(p))
            return;
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
            node.attrs.set("padding", symmetricPads(p, extentOf(p, weight->size(2), weight->size(3))));
            node.attrs.set("dilation", ints(p, "dilations", {1, 1}));
            node.attrs.set("groups", integer(p, "group", 1));
            attachWeightGrid(node, p, false);
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
            if (op == "Gemm" && integer(p, "transA", 0) != 0)
                fail(p.name(), "Gemm with transA (the batch would run along the columns)");
            const double alpha = op == "Gemm" ? real(p, "alpha", 1.0) : 1.0;
            const at::Tensor w = (transposed ? *weight : weight->t()).contiguous() * alpha;
            node.params.push_back({"weight", w.contiguous()});
            if (const auto bias = constant(p, 2)) {
                // C broadcasts over the rows: a scalar, [N] or [1, N] per output feature.
                if (bias->numel() != 1 && bias->numel() != w.size(0))
                    fail(p.name(), "Gemm with a bias of shape " + graph::shapeToString(bias->sizes().vec())
                                       + " that varies per row (the batch)");
                node.params.push_back({"bias", (bias->flatten().expand({w.size(0)}) * real(p, "beta", 1.0)).contiguous()});
            }
            attachWeightGrid(node, p, !transposed, alpha);
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
            if (low == 0.0 && high == 6.0) {
                unary(p, OpKind::ReLU6);
            } else if (low == 0.0 && high >= 1e30) {
                unary(p, OpKind::ReLU);
            } else {
                graph::Attributes attrs;
                if (low > -1e30) // an absent bound stays absent: .slim headers are JSON, which has no infinity
                    attrs.set("min", low);
                if (high < 1e30)
                    attrs.set("max", high);
                unary(p, OpKind::Clamp, attrs);
            }
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
            attrs.set("padding", symmetricPads(p, extentOf(p, kernel[0], kernel[1])));
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
            std::vector<std::int64_t> target = integers(p, *shape);
            if (target.empty())
                fail(p.name(), "Reshape to a scalar");
            const graph::Shape& in = m_graph.value(value(p, 0)).shape;
            const std::int64_t leading = target.front();
            if (leading != 0 && leading != -1 && leading < kBatch / 2 && m_batch > 0 && leading != m_batch)
                fail(p.name(), "Reshape that moves data across the batch axis (the target's first dimension is "
                                   + std::to_string(leading) + ", the batch " + std::to_string(m_batch) + ")");
            target.erase(target.begin()); // the batch dimension
            for (const std::int64_t d : target) {
                if (d >= kBatch / 2)
                    fail(p.name(), "Reshape whose per-sample shape depends on the batch size");
            }
            for (std::size_t i = 0; i < target.size(); ++i) {
                if (target[i] == 0)
                    target[i] = i + 1 < in.size() + 1 ? in[i] : 1; // 0 copies the input's dimension
            }
            graph::Attributes attrs;
            attrs.set("shape", target);
            unary(p, OpKind::Reshape, attrs);
        } else if (op == "Add" || op == "Mul" || op == "Sub" || op == "Div") {
            binary(p);
        } else if (op == "ConvTranspose") {
            Node node;
            node.op = OpKind::ConvTranspose2d;
            node.inputs = {value(p, 0)};
            const auto weight = constant(p, 1);
            if (!weight || weight->dim() != 4)
                fail(p.name(), "ConvTranspose needs a constant 4-D weight");
            if (attribute(p, "output_shape"))
                fail(p.name(), "ConvTranspose with output_shape (give pads and output_padding instead)");
            node.params.push_back({"weight", *weight});
            if (const auto bias = constant(p, 2))
                node.params.push_back({"bias", *bias});
            node.attrs.set("stride", ints(p, "strides", {1, 1}));
            node.attrs.set("padding", symmetricPads(p));
            node.attrs.set("output_padding", ints(p, "output_padding", {0, 0}));
            node.attrs.set("dilation", ints(p, "dilations", {1, 1}));
            node.attrs.set("groups", integer(p, "group", 1));
            attachWeightGrid(node, p, false);
            emit(p, std::move(node));
        } else if (op == "Transpose") {
            const graph::Shape& in = m_graph.value(value(p, 0)).shape;
            std::vector<std::int64_t> perm = ints(p, "perm", {});
            if (perm.empty()) {
                for (auto axis = static_cast<std::int64_t>(in.size()); axis >= 0; --axis)
                    perm.push_back(axis);
            }
            if (perm.empty() || perm[0] != 0)
                fail(p.name(), "Transpose that moves the batch axis");
            graph::Attributes attrs;
            attrs.set("dims", perm);
            unary(p, OpKind::Permute, attrs);
        } else if (op == "Split") {
            split(p);
        } else if (op == "Slice") {
            slice(p);
        } else if (op == "Resize" || op == "Upsample") {
            resize(p);
        } else if (op == "Pad") {
            pad(p);
        } else if (op == "ReduceMean") {
            const auto* axes = attribute(p, "axes");
            if (!axes || axes->ints_size() == 0)
                fail(p.name(), "ReduceMean over all axes (the batch axis cannot be reduced)");
            graph::Attributes attrs;
            attrs.set("dims", std::vector<std::int64_t>(axes->ints().begin(), axes->ints().end()));
            attrs.set("keepdim", integer(p, "keepdims", 1));
            unary(p, OpKind::Mean, attrs);
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
    /// How the integers behind a DequantizeLinear'd constant map to it (a quantized weight).
    std::map<std::string, QuantGrid> m_dequantized;
    /// QuantizeLinear outputs waiting for the DequantizeLinear that makes them a FakeQuantize.
    std::map<std::string, std::pair<graph::ValueId, QuantGrid>> m_quantized;
    std::int64_t m_batch = 0; ///< the first input's batch size when the file fixes it
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
    try {
        return Importer(model, path, inputShape).run();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        const std::string what = firstLine(error.what());
        throw Error(ErrorCode::FileCorrupt, path + ": the model is inconsistent: " + what,
                    {path, what});
    }
}

at::Tensor readOnnxTensor(const std::string& bytes, const std::string& path)
{
    onnx::TensorProto proto;
    if (!proto.ParseFromString(bytes))
        throw Error(ErrorCode::FileCorrupt, path + ": not a readable ONNX tensor", {path, "not an ONNX tensor"});
    onnx::ModelProto empty;
    return Importer(empty, path, {}).tensorFrom(proto);
}

graph::Graph loadOnnx(const std::string& path, const std::vector<std::int64_t>& inputShape)
{
    return importOnnx(readWholeFile(path), path, inputShape);
}

} // namespace slim::engine::io
