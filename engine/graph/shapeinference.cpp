// Per-op shape inference on per-sample shapes (no batch dimension).
#include "graph/fakequant.h"
#include "graph/graph.h"

#include "core/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace slim::engine::graph {

namespace {

[[noreturn]] void mismatch(const Node& node, const std::string& what)
{
    throw Error(ErrorCode::ShapeMismatch, "node '" + node.name + "' (" + std::string(opName(node.op)) + "): " + what,
                {node.name, what});
}

void requireRank(const Node& node, const Shape& shape, std::size_t rank, const char* what)
{
    if (shape.size() != rank)
        mismatch(node, std::string("expects a ") + what + " input, got " + shapeToString(shape));
}

/// A pair attribute ("stride": [2, 2]); a single value is used for both sides.
std::array<std::int64_t, 2> pairAttr(const Node& node, const std::string& name, std::int64_t fallback)
{
    const std::vector<std::int64_t> values = node.attrs.getInts(name, {fallback, fallback});
    if (values.size() == 1)
        return {values[0], values[0]};
    if (values.size() != 2)
        mismatch(node, "attribute '" + name + "' needs 1 or 2 values, has " + std::to_string(values.size()));
    return {values[0], values[1]};
}

at::Tensor requireTensor(const Node& node, const std::string& name)
{
    at::Tensor tensor = node.tensor(name);
    if (!tensor.defined())
        mismatch(node, "missing tensor '" + name + "'");
    return tensor;
}

void requireVector(const Node& node, const std::string& name, std::int64_t length)
{
    const at::Tensor tensor = requireTensor(node, name);
    if (tensor.dim() != 1 || tensor.size(0) != length)
        mismatch(node, "'" + name + "' must have " + std::to_string(length) + " entries, has shape "
                           + shapeToString(tensor.sizes().vec()));
}

/// Output length of a sliding window, as PyTorch computes it for conv and pooling.
std::int64_t windowOutput(const Node& node, std::int64_t length, std::int64_t kernel, std::int64_t stride,
                          std::int64_t padding, std::int64_t dilation, bool ceilMode)
{
    if (stride <= 0 || kernel <= 0 || dilation <= 0 || padding < 0)
        mismatch(node, "kernel, stride and dilation must be positive and padding non-negative");
    const std::int64_t span = dilation * (kernel - 1) + 1;
    const std::int64_t room = length + 2 * padding - span;
    if (room < 0)
        mismatch(node, "window of " + std::to_string(span) + " does not fit an input of " + std::to_string(length)
                           + " with padding " + std::to_string(padding));
    std::int64_t out = (ceilMode ? (room + stride - 1) / stride : room / stride) + 1;
    // PyTorch's rule: the last window must start inside the input or the left padding.
    if (ceilMode && (out - 1) * stride >= length + padding)
        --out;
    return out;
}

/// The 4-D weight of a convolution over a C×H×W input.
at::Tensor convWeight(const Node& node, const Shape& in)
{
    requireRank(node, in, 3, "C×H×W");
    const at::Tensor weight = requireTensor(node, "weight");
    if (weight.dim() != 4)
        mismatch(node, "weight must be 4-D, is " + shapeToString(weight.sizes().vec()));
    return weight;
}

Shape conv2d(const Node& node, const Shape& in)
{
    const at::Tensor weight = convWeight(node, in);
    const std::int64_t groups = node.attrs.getInt("groups", 1);
    if (groups <= 0 || in[0] % groups != 0 || weight.size(0) % groups != 0)
        mismatch(node, "groups=" + std::to_string(groups) + " must divide input channels " + std::to_string(in[0])
                           + " and output channels " + std::to_string(weight.size(0)));
    if (weight.size(1) * groups != in[0])
        mismatch(node, "weight expects " + std::to_string(weight.size(1) * groups) + " input channels, input has "
                           + std::to_string(in[0]));
    if (node.tensor("bias").defined())
        requireVector(node, "bias", weight.size(0));
    const auto stride = pairAttr(node, "stride", 1);
    const auto padding = pairAttr(node, "padding", 0);
    const auto dilation = pairAttr(node, "dilation", 1);
    return {weight.size(0), windowOutput(node, in[1], weight.size(2), stride[0], padding[0], dilation[0], false),
            windowOutput(node, in[2], weight.size(3), stride[1], padding[1], dilation[1], false)};
}

Shape pool2d(const Node& node, const Shape& in)
{
    requireRank(node, in, 3, "C×H×W");
    const auto kernel = pairAttr(node, "kernel_size", 1);
    const std::vector<std::int64_t> strideList = node.attrs.getInts("stride", {});
    const auto stride = strideList.empty() ? kernel : pairAttr(node, "stride", 1);
    const auto padding = pairAttr(node, "padding", 0);
    const auto dilation = node.op == OpKind::MaxPool2d ? pairAttr(node, "dilation", 1) : std::array<std::int64_t, 2>{1, 1};
    const bool ceilMode = node.attrs.getInt("ceil_mode", 0) != 0;
    if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1])
        mismatch(node, "padding must be at most half the kernel size");
    return {in[0], windowOutput(node, in[1], kernel[0], stride[0], padding[0], dilation[0], ceilMode),
            windowOutput(node, in[2], kernel[1], stride[1], padding[1], dilation[1], ceilMode)};
}

/// Turns a PyTorch axis (counting the batch) into an index into the per-sample shape.
std::size_t sampleAxis(const Node& node, std::int64_t axis, std::size_t sampleRank)
{
    const auto fullRank = static_cast<std::int64_t>(sampleRank + 1);
    if (axis < 0)
        axis += fullRank;
    if (axis < 1 || axis >= fullRank)
        mismatch(node, "axis " + std::to_string(axis) + " is out of range for a rank-" + std::to_string(fullRank)
                           + " tensor (the batch axis 0 cannot be used)");
    return static_cast<std::size_t>(axis - 1);
}

Shape broadcast(const Node& node, const Shape& a, const Shape& b)
{
    Shape out(std::max(a.size(), b.size()));
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::int64_t da = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
        const std::int64_t db = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
        if (da != db && da != 1 && db != 1)
            mismatch(node, "cannot broadcast " + shapeToString(a) + " with " + shapeToString(b));
        out[i] = da == 1 ? db : da;
    }
    return out;
}

Shape reshape(const Node& node, const Shape& in)
{
    Shape target = node.attrs.getInts("shape");
    std::int64_t known = 1;
    int inferred = -1;
    for (std::size_t i = 0; i < target.size(); ++i) {
        if (target[i] == -1) {
            if (inferred >= 0)
                mismatch(node, "only one dimension of the target shape may be -1");
            inferred = static_cast<int>(i);
        } else if (target[i] <= 0) {
            mismatch(node, "target shape " + shapeToString(target) + " has a non-positive dimension");
        } else {
            known *= target[i];
        }
    }
    const std::int64_t total = shapeNumel(in);
    if (inferred >= 0) {
        if (total % known != 0)
            mismatch(node, "cannot reshape " + shapeToString(in) + " to " + shapeToString(target));
        target[static_cast<std::size_t>(inferred)] = total / known;
    } else if (known != total) {
        mismatch(node, "cannot reshape " + shapeToString(in) + " (" + std::to_string(total) + " elements) to "
                           + shapeToString(target));
    }
    return target;
}

Shape convTranspose2d(const Node& node, const Shape& in)
{
    const at::Tensor weight = convWeight(node, in);
    const std::int64_t groups = node.attrs.getInt("groups", 1);
    if (groups <= 0 || weight.size(0) != in[0] || in[0] % groups != 0)
        mismatch(node, "weight expects " + std::to_string(weight.size(0)) + " input channels in " + std::to_string(groups)
                           + " groups, input has " + std::to_string(in[0]));
    const std::int64_t outChannels = weight.size(1) * groups;
    if (node.tensor("bias").defined())
        requireVector(node, "bias", outChannels);
    const auto stride = pairAttr(node, "stride", 1);
    const auto padding = pairAttr(node, "padding", 0);
    const auto outputPadding = pairAttr(node, "output_padding", 0);
    const auto dilation = pairAttr(node, "dilation", 1);
    Shape out{outChannels, 0, 0};
    for (int d = 0; d < 2; ++d) {
        if (stride[d] <= 0 || dilation[d] <= 0 || padding[d] < 0 || outputPadding[d] < 0
            || outputPadding[d] >= std::max(stride[d], dilation[d]))
            mismatch(node, "stride and dilation must be positive, padding non-negative and output_padding smaller "
                           "than the stride or dilation");
        out[d + 1] = (in[d + 1] - 1) * stride[d] - 2 * padding[d] + dilation[d] * (weight.size(d + 2) - 1)
                     + outputPadding[d] + 1;
        if (out[d + 1] <= 0)
            mismatch(node, "the output would be empty");
    }
    return out;
}

/// Add, Sub, Mul, Div: two inputs, or one and a constant operand broadcast per sample.
Shape binary(const Node& node, const std::vector<Shape>& inputs)
{
    if (inputs.size() == 2)
        return broadcast(node, inputs[0], inputs[1]);
    const at::Tensor operand = requireTensor(node, "operand");
    if (static_cast<std::size_t>(operand.dim()) > inputs[0].size())
        mismatch(node, "constant operand " + shapeToString(operand.sizes().vec()) + " has more axes than a sample "
                           + shapeToString(inputs[0]));
    const Shape out = broadcast(node, inputs[0], operand.sizes().vec());
    if (out != inputs[0])
        mismatch(node, "constant operand " + shapeToString(operand.sizes().vec()) + " would grow the sample "
                           + shapeToString(inputs[0]));
    return out;
}

Shape slice(const Node& node, const Shape& in)
{
    const std::size_t axis = sampleAxis(node, node.attrs.getInt("dim"), in.size());
    const std::int64_t length = in[axis];
    const std::int64_t step = node.attrs.getInt("step", 1);
    if (step <= 0)
        mismatch(node, "slice step must be positive");
    auto clamp = [length](std::int64_t index) {
        if (index < 0)
            index += length;
        return std::clamp<std::int64_t>(index, 0, length);
    };
    const std::int64_t start = clamp(node.attrs.getInt("start", 0));
    const std::int64_t end = clamp(node.attrs.getInt("end", length));
    if (end <= start)
        mismatch(node, "slice [" + std::to_string(start) + ":" + std::to_string(end) + "] of axis "
                           + std::to_string(axis + 1) + " is empty");
    Shape out = in;
    out[axis] = (end - start + step - 1) / step;
    return out;
}

Shape pad(const Node& node, const Shape& in)
{
    requireRank(node, in, 3, "C×H×W");
    const std::vector<std::int64_t> pads = node.attrs.getInts("pads");
    if (pads.size() != 4)
        mismatch(node, "pads needs [left, right, top, bottom]");
    const std::string mode = node.attrs.getString("mode", "constant");
    if (mode != "constant" && mode != "reflect" && mode != "replicate")
        mismatch(node, "padding mode '" + mode + "' (constant, reflect or replicate)");
    for (const std::int64_t p : pads) {
        if (p < 0)
            mismatch(node, "negative padding");
    }
    if (mode == "reflect" && (pads[0] >= in[2] || pads[1] >= in[2] || pads[2] >= in[1] || pads[3] >= in[1]))
        mismatch(node, "reflect padding must be smaller than the input");
    return {in[0], in[1] + pads[2] + pads[3], in[2] + pads[0] + pads[1]};
}

Shape mean(const Node& node, const Shape& in)
{
    const std::vector<std::int64_t> dims = node.attrs.getInts("dims");
    std::vector<bool> reduced(in.size(), false);
    for (const std::int64_t dim : dims)
        reduced[sampleAxis(node, dim, in.size())] = true;
    const bool keep = node.attrs.getInt("keepdim", 0) != 0;
    Shape out;
    for (std::size_t d = 0; d < in.size(); ++d) {
        if (!reduced[d])
            out.push_back(in[d]);
        else if (keep)
            out.push_back(1);
    }
    return out;
}

Shape permute(const Node& node, const Shape& in)
{
    const std::vector<std::int64_t> dims = node.attrs.getInts("dims");
    if (dims.size() != in.size() + 1 || dims[0] != 0)
        mismatch(node, "permutation must list all " + std::to_string(in.size() + 1) + " axes and keep the batch first");
    std::vector<bool> seen(dims.size(), false);
    Shape out;
    for (std::size_t i = 1; i < dims.size(); ++i) {
        const std::size_t axis = sampleAxis(node, dims[i], in.size());
        if (seen[axis])
            mismatch(node, "axis " + std::to_string(axis + 1) + " appears twice in the permutation");
        seen[axis] = true;
        out.push_back(in[axis]);
    }
    return out;
}

} // namespace

at::Tensor perSampleOperand(at::Tensor constant, std::size_t sampleRank)
{
    while (static_cast<std::size_t>(constant.dim()) > sampleRank) {
        if (constant.size(0) != 1)
            throw Error(ErrorCode::ShapeMismatch,
                        "constant operand " + shapeToString(constant.sizes().vec()) + " varies along the batch axis",
                        {"operand", shapeToString(constant.sizes().vec())});
        constant = constant.squeeze(0);
    }
    return constant.contiguous();
}

std::vector<Shape> inferNodeShapes(const Node& node, const std::vector<Shape>& inputShapes)
{
    if (inputShapes.empty())
        mismatch(node, "has no inputs");
    const Shape& in = inputShapes[0];
    if (const std::string problem = quantizationProblem(node, in.empty() ? 0 : in[0]); !problem.empty())
        mismatch(node, problem);
    switch (node.op) {
    case OpKind::Conv2d:
        return {conv2d(node, in)};
    case OpKind::BatchNorm2d:
        requireRank(node, in, 3, "C×H×W");
        for (const char* name : {"weight", "bias", "running_mean", "running_var"})
            requireVector(node, name, in[0]);
        return {in};
    case OpKind::Linear: {
        if (in.empty())
            mismatch(node, "expects at least a 1-D input");
        const at::Tensor weight = requireTensor(node, "weight");
        if (weight.dim() != 2)
            mismatch(node, "weight must be 2-D, is " + shapeToString(weight.sizes().vec()));
        if (weight.size(1) != in.back())
            mismatch(node, "weight expects " + std::to_string(weight.size(1)) + " input features, input has "
                               + std::to_string(in.back()) + " (shape " + shapeToString(in) + ")");
        if (node.tensor("bias").defined())
            requireVector(node, "bias", weight.size(0));
        Shape out = in;
        out.back() = weight.size(0);
        return {out};
    }
    case OpKind::ReLU:
    case OpKind::ReLU6:
    case OpKind::LeakyReLU:
    case OpKind::SiLU:
    case OpKind::Sigmoid:
    case OpKind::HardSigmoid:
    case OpKind::HardSwish:
    case OpKind::GELU:
    case OpKind::Tanh:
    case OpKind::Dropout:
    case OpKind::Identity:
    case OpKind::FakeQuantize:
        return {in};
    case OpKind::Clamp:
        if (!(node.attrs.getFloat("min", -INFINITY) <= node.attrs.getFloat("max", INFINITY)))
            mismatch(node, "clamp minimum is above its maximum");
        return {in};
    case OpKind::Softmax:
        sampleAxis(node, node.attrs.getInt("dim", 1), in.size());
        return {in};
    case OpKind::MaxPool2d:
    case OpKind::AvgPool2d:
        return {pool2d(node, in)};
    case OpKind::AdaptiveAvgPool2d: {
        requireRank(node, in, 3, "C×H×W");
        const auto size = pairAttr(node, "output_size", 1);
        if (size[0] <= 0 || size[1] <= 0)
            mismatch(node, "output_size must be positive");
        return {{in[0], size[0], size[1]}};
    }
    case OpKind::Flatten: {
        if (in.empty())
            return {{1}};
        const std::size_t start = sampleAxis(node, node.attrs.getInt("start_dim", 1), in.size());
        const std::size_t end = sampleAxis(node, node.attrs.getInt("end_dim", -1), in.size());
        if (end < start)
            mismatch(node, "end_dim comes before start_dim");
        Shape out(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(start));
        out.push_back(shapeNumel(Shape(in.begin() + static_cast<std::ptrdiff_t>(start),
                                       in.begin() + static_cast<std::ptrdiff_t>(end) + 1)));
        out.insert(out.end(), in.begin() + static_cast<std::ptrdiff_t>(end) + 1, in.end());
        return {out};
    }
    case OpKind::Reshape:
        return {reshape(node, in)};
    case OpKind::Add:
    case OpKind::Mul:
    case OpKind::Sub:
    case OpKind::Div:
        return {binary(node, inputShapes)};
    case OpKind::ConvTranspose2d:
        return {convTranspose2d(node, in)};
    case OpKind::Slice:
        return {slice(node, in)};
    case OpKind::Upsample: {
        requireRank(node, in, 3, "C×H×W");
        const std::string mode = node.attrs.getString("mode", "nearest");
        if (mode != "nearest" && mode != "bilinear")
            mismatch(node, "upsampling mode '" + mode + "' (nearest or bilinear)");
        const auto size = pairAttr(node, "size", 0);
        if (size[0] <= 0 || size[1] <= 0)
            mismatch(node, "output size must be positive");
        return {{in[0], size[0], size[1]}};
    }
    case OpKind::Pad:
        return {pad(node, in)};
    case OpKind::Mean:
        return {mean(node, in)};
    case OpKind::Permute:
        return {permute(node, in)};
    case OpKind::Concat: {
        const std::size_t axis = sampleAxis(node, node.attrs.getInt("dim", 1), in.size());
        Shape out = in;
        for (std::size_t k = 1; k < inputShapes.size(); ++k) {
            const Shape& other = inputShapes[k];
            bool fits = other.size() == in.size();
            for (std::size_t d = 0; fits && d < in.size(); ++d)
                fits = d == axis || other[d] == in[d];
            if (!fits)
                mismatch(node, "input " + std::to_string(k) + " has shape " + shapeToString(other)
                                   + ", which does not fit " + shapeToString(in) + " along axis "
                                   + std::to_string(axis + 1));
            out[axis] += other[axis];
        }
        return {out};
    }
    }
    mismatch(node, "unknown op");
}

} // namespace slim::engine::graph
