#include "graph/fakequant.h"

#include "core/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace slim::engine::graph {

namespace {
constexpr double kMinScale = 1e-8;

/// Per-channel minimum and maximum of `x` along `axis` (or of all of it, as one-entry tensors).
std::pair<at::Tensor, at::Tensor> observedRange(const at::Tensor& x, std::int64_t axis)
{
    if (axis < 0) {
        // One pass over the tensor in whatever layout it has (a reshape would copy a
        // channels-last activation first).
        const auto [low, high] = at::aminmax(x.detach());
        return {low.to(at::kFloat).reshape({1}), high.to(at::kFloat).reshape({1})};
    }
    const at::Tensor rows = x.detach().transpose(0, axis).reshape({x.size(axis), -1}).to(at::kFloat);
    return {std::get<0>(rows.min(1)), std::get<0>(rows.max(1))};
}

/// A 0/1 integer attribute as a bool.
bool flag(const Node& node, const char* name)
{
    return node.attrs.getInt(name, 0) != 0;
}
} // namespace

std::pair<std::int64_t, std::int64_t> quantRange(int bits, bool isSigned)
{
    if (bits < 2 || bits > 16)
        throw Error(ErrorCode::InvalidArgument, "quantization needs 2 to 16 bits, not " + std::to_string(bits),
                    {"bits", std::to_string(bits)});
    const std::int64_t levels = std::int64_t{1} << bits;
    return isSigned ? std::pair{-levels / 2, levels / 2 - 1} : std::pair{std::int64_t{0}, levels - 1};
}

int quantBits(std::int64_t quantMin, std::int64_t quantMax)
{
    int bits = 1;
    while ((std::int64_t{1} << bits) < quantMax - quantMin + 1)
        ++bits;
    return bits;
}

std::pair<at::Tensor, at::Tensor> quantParams(const at::Tensor& minValue, const at::Tensor& maxValue,
                                              std::int64_t quantMin, std::int64_t quantMax, bool symmetric)
{
    const at::Tensor low = at::clamp_max(minValue.to(at::kFloat), 0.0);
    const at::Tensor high = at::clamp_min(maxValue.to(at::kFloat), 0.0);
    const double levels = static_cast<double>(quantMax - quantMin);
    if (symmetric) {
        const at::Tensor bound = at::maximum(-low, high);
        const at::Tensor scale = at::clamp_min(bound / (levels / 2), kMinScale);
        const double middle = std::floor(static_cast<double>(quantMin + quantMax + 1) / 2);
        return {scale, at::full_like(scale, middle)};
    }
    const at::Tensor scale = at::clamp_min((high - low) / levels, kMinScale);
    const at::Tensor zeroPoint =
        at::clamp(static_cast<double>(quantMin) - at::round(low / scale), static_cast<double>(quantMin),
                  static_cast<double>(quantMax));
    return {scale, zeroPoint};
}

at::Tensor fakeQuantize(const at::Tensor& x, const at::Tensor& scale, const at::Tensor& zeroPoint, std::int64_t axis,
                        std::int64_t quantMin, std::int64_t quantMax)
{
    if (axis < 0)
        return at::fake_quantize_per_tensor_affine(x, scale.item<double>(),
                                                   static_cast<std::int64_t>(zeroPoint.item<double>()), quantMin, quantMax);
    return at::fake_quantize_per_channel_affine(x, scale.to(x.device(), at::kFloat).contiguous(),
                                                zeroPoint.to(x.device(), at::kInt).contiguous(), axis, quantMin, quantMax);
}

bool hasWeightQuantization(const Node& node)
{
    return (node.op == OpKind::Conv2d || node.op == OpKind::ConvTranspose2d || node.op == OpKind::Linear)
           && node.attrs.has("weight_quant_min");
}

bool isQuantized(const Graph& graph)
{
    return std::any_of(graph.nodes().begin(), graph.nodes().end(),
                       [](const Node& node) { return node.op == OpKind::FakeQuantize || hasWeightQuantization(node); });
}

int weightBits(const Node& node)
{
    return hasWeightQuantization(node) ? quantBits(node.attrs.getInt("weight_quant_min"), node.attrs.getInt("weight_quant_max"))
                                       : 32;
}

std::int64_t parameterBytes(const Graph& graph)
{
    std::int64_t bytes = 0;
    for (const Node& node : graph.nodes()) {
        for (const NamedTensor& param : node.params) {
            const std::int64_t bits = param.name == "weight" ? weightBits(node) : 32;
            bytes += (param.tensor.numel() * bits + 7) / 8;
        }
        for (const NamedTensor& buffer : node.buffers) {
            if (buffer.name == "weight_scale" || buffer.name == "weight_zero_point" || buffer.name == "scale"
                || buffer.name == "zero_point")
                bytes += buffer.tensor.numel() * 4;
        }
    }
    return bytes;
}

at::Tensor effectiveWeight(const Node& node, bool refresh)
{
    const at::Tensor weight = node.tensor("weight");
    if (!hasWeightQuantization(node))
        return weight;
    const std::int64_t quantMin = node.attrs.getInt("weight_quant_min");
    const std::int64_t quantMax = node.attrs.getInt("weight_quant_max");
    const std::int64_t axis = node.attrs.getInt("weight_axis", 0);
    at::Tensor scale = node.tensor("weight_scale");
    at::Tensor zeroPoint = node.tensor("weight_zero_point");
    if (refresh) {
        at::NoGradGuard noGrad;
        const auto [low, high] = observedRange(weight, axis);
        const auto [newScale, newZero] = quantParams(low, high, quantMin, quantMax, flag(node, "weight_symmetric"));
        scale.copy_(newScale.reshape(scale.sizes()));
        zeroPoint.copy_(newZero.reshape(zeroPoint.sizes()));
    }
    return fakeQuantize(weight, scale, zeroPoint, axis, quantMin, quantMax);
}

at::Tensor runFakeQuantize(const Node& node, const at::Tensor& x, bool training)
{
    const std::int64_t quantMin = node.attrs.getInt("quant_min");
    const std::int64_t quantMax = node.attrs.getInt("quant_max");
    const std::int64_t axis = node.attrs.getInt("axis", -1);
    at::Tensor scale = node.tensor("scale");
    at::Tensor zeroPoint = node.tensor("zero_point");
    const double averaging = node.attrs.getFloat("averaging", 0.0);
    at::Tensor minValue = node.tensor("min_val");
    at::Tensor maxValue = node.tensor("max_val");
    if (training && averaging > 0 && minValue.defined() && maxValue.defined()) {
        at::NoGradGuard noGrad;
        const auto [low, high] = observedRange(x, axis);
        // A range never observed (both ends 0) starts at the first batch's.
        const double step = at::equal(minValue, maxValue) ? 1.0 : averaging;
        minValue.add_(low.reshape(minValue.sizes()).to(minValue.device()).sub(minValue).mul_(step));
        maxValue.add_(high.reshape(maxValue.sizes()).to(maxValue.device()).sub(maxValue).mul_(step));
        const auto [newScale, newZero] = quantParams(minValue, maxValue, quantMin, quantMax, flag(node, "symmetric"));
        scale.copy_(newScale.reshape(scale.sizes()));
        zeroPoint.copy_(newZero.reshape(zeroPoint.sizes()));
    }
    return fakeQuantize(x, scale, zeroPoint, axis, quantMin, quantMax);
}

std::string quantizationProblem(const Node& node, std::int64_t channels)
{
    const bool activation = node.op == OpKind::FakeQuantize;
    if (!activation && !hasWeightQuantization(node))
        return {};
    const std::string prefix = activation ? "" : "weight_";
    const std::int64_t quantMin = node.attrs.getInt(prefix + "quant_min", 0);
    const std::int64_t quantMax = node.attrs.getInt(prefix + "quant_max", 0);
    if (quantMin >= quantMax || quantMin < -32768 || quantMax > 65535 || quantMax - quantMin > 65535)
        return "integer range [" + std::to_string(quantMin) + ", " + std::to_string(quantMax)
               + "] is not one of 2 to 16 bits";
    const at::Tensor scale = node.tensor(prefix + "scale");
    const at::Tensor zeroPoint = node.tensor(prefix + "zero_point");
    if (!scale.defined() || !zeroPoint.defined())
        return "missing '" + prefix + "scale' or '" + prefix + "zero_point'";
    const std::int64_t axis = node.attrs.getInt(prefix + "axis", activation ? -1 : 0);
    std::int64_t expected = 1;
    if (!activation && axis >= 0) {
        const at::Tensor weight = node.tensor("weight");
        if (!weight.defined() || axis >= weight.dim())
            return "weight_axis " + std::to_string(axis) + " is not an axis of the weight";
        expected = weight.size(axis);
    } else if (activation && axis >= 0) {
        if (axis != 1)
            return "activations are quantized per tensor or per channel (axis 1), not on axis " + std::to_string(axis);
        expected = channels;
    }
    if (scale.numel() != expected || zeroPoint.numel() != expected)
        return "'" + prefix + "scale' and '" + prefix + "zero_point' need " + std::to_string(expected) + " entries, have "
               + std::to_string(scale.numel()) + " and " + std::to_string(zeroPoint.numel());
    if (!(scale.min().item<double>() > 0) || !at::isfinite(scale).all().item<bool>())
        return "'" + prefix + "scale' must be positive and finite";
    const double lowZero = zeroPoint.min().item<double>();
    const double highZero = zeroPoint.max().item<double>();
    if (lowZero < static_cast<double>(quantMin) || highZero > static_cast<double>(quantMax)
        || lowZero != std::round(lowZero) || highZero != std::round(highZero))
        return "'" + prefix + "zero_point' must be whole numbers inside [" + std::to_string(quantMin) + ", "
               + std::to_string(quantMax) + "]";
    return {};
}

} // namespace slim::engine::graph
