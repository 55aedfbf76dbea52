#include "graph/executor.h"

#include "graph/fakequant.h"

#include "core/error.h"
#include "core/runtime.h"

#include <ATen/ATen.h>
#include <ATen/Config.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>

namespace slim::engine::graph {

namespace {
std::vector<std::int64_t> pair(const Node& node, const std::string& name, std::int64_t fallback)
{
    std::vector<std::int64_t> values = node.attrs.getInts(name, {fallback, fallback});
    if (values.size() == 1)
        values.push_back(values[0]);
    return values;
}

/// Values per row of the multiply-add below (8 AVX2 vectors): with one 5-channel pixel per row,
/// ATen's per-row loop overhead made it 4–5× slower than with rows of 64 (micro-benchmark here).
constexpr std::int64_t kAffineRowValues = 64;

bool isFloatVector(const at::Tensor& t, std::int64_t size)
{
    return t.defined() && t.scalar_type() == at::kFloat && t.dim() == 1 && t.size(0) == size;
}

/// Inference BatchNorm of a channels-last input as one multiply-add over rows of whole pixels,
/// or an undefined tensor where that does not apply (then ATen runs it).
/// ATen 1.13's channels-last kernel walks the channels of each pixel in vectors of 8, so a
/// width that is not a multiple of 8, which is what pruning leaves, runs a scalar tail for
/// every pixel: at batch 64 it took 25–30× as long as NCHW at 5 channels and 13× at 12, and
/// ResNet-56 pruned by 30 % spent longer in BatchNorm than in its convolutions. k pixels side
/// by side form one contiguous row of k·C values, so the loop is long whatever C is; this is
/// also 1.3–1.9× faster than ATen's kernel at 8 to 64 channels, and within 0.5 µs of it on
/// batch-1 maps. Scale and shift are formed as ATen forms them
/// (1 / sqrt(var + eps) · weight, bias − mean · scale), in float.
at::Tensor channelsLastInferenceBatchNorm(const at::Tensor& x, const Node& node)
{
    if (at::GradMode::is_enabled() || x.dim() != 4 || !x.is_cpu() || x.scalar_type() != at::kFloat
        || !x.is_contiguous(at::MemoryFormat::ChannelsLast) || x.is_contiguous() || x.numel() == 0)
        return {};
    const std::int64_t channels = x.size(1);
    const at::Tensor mean = node.tensor("running_mean");
    const at::Tensor variance = node.tensor("running_var");
    const at::Tensor weight = node.tensor("weight");
    const at::Tensor bias = node.tensor("bias");
    if (!isFloatVector(mean, channels) || !isFloatVector(variance, channels)
        || (weight.defined() && !isFloatVector(weight, channels)) || (bias.defined() && !isFloatVector(bias, channels)))
        return {};

    const std::int64_t pixels = x.numel() / channels;
    std::int64_t pixelsPerRow = 1;
    while (pixelsPerRow * channels < kAffineRowValues && pixels % (2 * pixelsPerRow) == 0)
        pixelsPerRow *= 2;
    const std::int64_t rowValues = pixelsPerRow * channels;

    // Row 0: scale, row 1: shift, each repeated for the pixels of one row.
    at::Tensor affine = at::empty({2, rowValues}, x.options());
    float* scale = affine.data_ptr<float>();
    float* shift = scale + rowValues;
    const at::Tensor meanValues = mean.contiguous();
    const at::Tensor varianceValues = variance.contiguous();
    const at::Tensor weightValues = weight.defined() ? weight.contiguous() : at::Tensor();
    const at::Tensor biasValues = bias.defined() ? bias.contiguous() : at::Tensor();
    const float* meanData = meanValues.data_ptr<float>();
    const float* varianceData = varianceValues.data_ptr<float>();
    const float* weightData = weightValues.defined() ? weightValues.data_ptr<float>() : nullptr;
    const float* biasData = biasValues.defined() ? biasValues.data_ptr<float>() : nullptr;
    const auto eps = static_cast<float>(node.attrs.getFloat("eps", 1e-5));
    for (std::int64_t c = 0; c < channels; ++c) {
        const float invStd = 1 / std::sqrt(varianceData[c] + eps);
        scale[c] = invStd * (weightData ? weightData[c] : 1.0f);
        shift[c] = (biasData ? biasData[c] : 0.0f) - meanData[c] * scale[c];
    }
    for (std::int64_t pixel = 1; pixel < pixelsPerRow; ++pixel) {
        std::copy(scale, scale + channels, scale + pixel * channels);
        std::copy(shift, shift + channels, shift + pixel * channels);
    }

    // NHWC memory read as rows of whole pixels, and the result viewed back as N×C×H×W.
    const at::Tensor rows = x.permute({0, 2, 3, 1}).view({pixels / pixelsPerRow, rowValues});
    return at::addcmul(affine[1], rows, affine[0]).view({x.size(0), x.size(2), x.size(3), channels}).permute({0, 3, 1, 2});
}
} // namespace

Executor::Executor(const Graph& graph)
    : m_graph(graph)
{
    ensureRuntimeInitialised();
    graph.validate();
    m_order = graph.topologicalOrder();

    // Free each intermediate tensor after its last consumer so evaluation of deep nets keeps
    // only the live frontier in memory (autograd still holds what backward needs).
    std::vector<int> lastUse(graph.values().size(), -1);
    for (std::size_t step = 0; step < m_order.size(); ++step) {
        for (const ValueId id : graph.nodes()[static_cast<std::size_t>(m_order[step])].inputs)
            lastUse[static_cast<std::size_t>(id)] = static_cast<int>(step);
    }
    for (const ValueId id : graph.outputs())
        lastUse[static_cast<std::size_t>(id)] = -1;
    m_releaseAfter.resize(m_order.size());
    for (std::size_t id = 0; id < lastUse.size(); ++id) {
        if (lastUse[id] >= 0)
            m_releaseAfter[static_cast<std::size_t>(lastUse[id])].push_back(static_cast<ValueId>(id));
    }

    std::vector<int> consumers(graph.values().size(), 0);
    for (const Node& node : graph.nodes()) {
        for (const ValueId id : node.inputs)
            ++consumers[static_cast<std::size_t>(id)];
    }
    for (const ValueId id : graph.outputs())
        ++consumers[static_cast<std::size_t>(id)]; // the caller reads it too
    m_inPlaceCandidate.assign(m_order.size(), false);
    for (std::size_t step = 0; step < m_order.size(); ++step) {
        const Node& node = graph.nodes()[static_cast<std::size_t>(m_order[step])];
        if (node.op != OpKind::ReLU)
            continue;
        const ValueId in = node.inputs.front();
        const int producer = graph.producerOf(in);
        if (producer < 0 || consumers[static_cast<std::size_t>(in)] != 1)
            continue;
        const OpKind source = graph.nodes()[static_cast<std::size_t>(producer)].op;
        m_inPlaceCandidate[step] = source == OpKind::Conv2d || source == OpKind::BatchNorm2d
                                   || source == OpKind::Linear || source == OpKind::Add;
    }
}

std::vector<at::Tensor> Executor::run(const std::vector<at::Tensor>& inputs, ExecMode mode,
                                      const std::vector<std::string>& tapNames,
                                      std::map<std::string, at::Tensor>* taps) const
{
    const std::vector<ValueId>& graphInputs = m_graph.inputs();
    if (inputs.size() != graphInputs.size())
        throw Error(ErrorCode::InvalidArgument,
                    "the model takes " + std::to_string(graphInputs.size()) + " inputs, got " + std::to_string(inputs.size()),
                    {"inputs", "expected " + std::to_string(graphInputs.size())});

    std::vector<at::Tensor> values(m_graph.values().size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const Value& expected = m_graph.value(graphInputs[i]);
        const at::Tensor& given = inputs[i];
        Shape givenSample;
        if (given.defined() && given.dim() >= 1)
            givenSample.assign(given.sizes().begin() + 1, given.sizes().end());
        if (!given.defined() || givenSample != expected.shape)
            throw Error(ErrorCode::ShapeMismatch,
                        "input '" + expected.name + "' expects N×" + shapeToString(expected.shape) + ", got "
                            + (given.defined() ? shapeToString(given.sizes().vec()) : std::string("nothing")),
                        {expected.name, "expected N×" + shapeToString(expected.shape)});
        values[static_cast<std::size_t>(graphInputs[i])] =
            m_channelsLast && given.dim() == 4 ? given.to(given.options(), false, false, at::MemoryFormat::ChannelsLast) : given;
    }

    std::set<ValueId> tapped;
    for (const std::string& name : tapNames) {
        const std::optional<ValueId> id = m_graph.findValue(name);
        if (!id)
            throw Error(ErrorCode::InvalidArgument, "no value named '" + name + "' to tap", {name, "no such value"});
        tapped.insert(*id);
        if (taps && values[static_cast<std::size_t>(*id)].defined())
            (*taps)[name] = values[static_cast<std::size_t>(*id)];
    }

    std::vector<at::Tensor> nodeInputs;
    for (std::size_t step = 0; step < m_order.size(); ++step) {
        const Node& node = m_graph.nodes()[static_cast<std::size_t>(m_order[step])];
        nodeInputs.clear();
        for (const ValueId id : node.inputs)
            nodeInputs.push_back(values[static_cast<std::size_t>(id)]);
        const ValueId out = node.outputs.front();
        const bool inPlace = m_inPlace && m_inPlaceCandidate[step] && !tapped.count(node.inputs.front());
        if (m_nodeMs) {
            const auto start = std::chrono::steady_clock::now();
            values[static_cast<std::size_t>(out)] = runNode(node, nodeInputs, mode, inPlace);
            m_nodeMs->resize(m_graph.nodes().size());
            (*m_nodeMs)[static_cast<std::size_t>(m_order[step])] +=
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        } else {
            values[static_cast<std::size_t>(out)] = runNode(node, nodeInputs, mode, inPlace);
        }
        if (taps && tapped.count(out))
            (*taps)[m_graph.value(out).name] = values[static_cast<std::size_t>(out)];
        for (const ValueId id : m_releaseAfter[step])
            values[static_cast<std::size_t>(id)].reset();
    }

    std::vector<at::Tensor> outputs;
    for (const ValueId id : m_graph.outputs())
        outputs.push_back(values[static_cast<std::size_t>(id)]);
    return outputs;
}

at::Tensor Executor::forward(const at::Tensor& input, ExecMode mode) const
{
    if (m_graph.inputs().size() != 1 || m_graph.outputs().size() != 1)
        throw Error(ErrorCode::InvalidArgument, "forward() needs a graph with one input and one output",
                    {"graph", "not single input and output"});
    return run({input}, mode).front();
}

at::Tensor Executor::runNode(const Node& node, const std::vector<at::Tensor>& in, ExecMode mode, bool inPlace) const
{
    const bool training = mode == ExecMode::Train;
    const at::Tensor& x = in.front();
    switch (node.op) {
    case OpKind::Conv2d: {
        const at::Tensor weight = effectiveWeight(node, training);
        const at::Tensor bias = node.tensor("bias");
        const auto stride = pair(node, "stride", 1);
        const auto padding = pair(node, "padding", 0);
        const auto dilation = pair(node, "dilation", 1);
        const std::int64_t groups = node.attrs.getInt("groups", 1);
#if AT_MKLDNN_ENABLED()
        if (m_directOneDnn && !at::GradMode::is_enabled() && x.size(0) == 1 && x.is_cpu()
            && x.scalar_type() == at::kFloat)
            return at::mkldnn_convolution(x, weight, bias.defined() ? c10::optional<at::Tensor>(bias) : c10::nullopt,
                                          padding, stride, dilation, groups);
#endif
        return at::conv2d(x, weight, bias, stride, padding, dilation, groups);
    }
    case OpKind::BatchNorm2d: {
        if (training) {
            at::NoGradGuard noGrad;
            at::Tensor tracked = node.tensor("num_batches_tracked");
            if (tracked.defined())
                tracked.add_(1);
        } else if (at::Tensor fast = channelsLastInferenceBatchNorm(x, node); fast.defined()) {
            return fast;
        }
        return at::batch_norm(x, node.tensor("weight"), node.tensor("bias"), node.tensor("running_mean"),
                              node.tensor("running_var"), training, node.attrs.getFloat("momentum", 0.1),
                              node.attrs.getFloat("eps", 1e-5), true);
    }
    case OpKind::Linear:
        return at::linear(x, effectiveWeight(node, training), node.tensor("bias"));
    case OpKind::ReLU:
        if (inPlace) {
            at::Tensor overwritten = x;
            return at::relu_(overwritten);
        }
        return at::relu(x);
    case OpKind::ReLU6:
        return at::hardtanh(x, 0.0, 6.0);
    case OpKind::Clamp:
        return at::clamp(x, node.attrs.getFloat("min", -INFINITY), node.attrs.getFloat("max", INFINITY));
    case OpKind::LeakyReLU:
        return at::leaky_relu(x, node.attrs.getFloat("negative_slope", 0.01));
    case OpKind::SiLU:
        return at::silu(x);
    case OpKind::Sigmoid:
        return at::sigmoid(x);
    case OpKind::HardSigmoid:
        return at::hardsigmoid(x);
    case OpKind::HardSwish:
        return at::hardswish(x);
    case OpKind::GELU:
        return at::gelu(x, node.attrs.getString("approximate", "none"));
    case OpKind::Tanh:
        return at::tanh(x);
    case OpKind::Softmax:
        return at::softmax(x, node.attrs.getInt("dim", 1));
    case OpKind::MaxPool2d: {
        const auto kernel = pair(node, "kernel_size", 1);
        const auto stride = node.attrs.has("stride") ? pair(node, "stride", 1) : kernel;
        return at::max_pool2d(x, kernel, stride, pair(node, "padding", 0), pair(node, "dilation", 1),
                              node.attrs.getInt("ceil_mode", 0) != 0);
    }
    case OpKind::AvgPool2d: {
        const auto kernel = pair(node, "kernel_size", 1);
        const auto stride = node.attrs.has("stride") ? pair(node, "stride", 1) : kernel;
        return at::avg_pool2d(x, kernel, stride, pair(node, "padding", 0), node.attrs.getInt("ceil_mode", 0) != 0,
                              node.attrs.getInt("count_include_pad", 1) != 0);
    }
    case OpKind::AdaptiveAvgPool2d:
        return at::adaptive_avg_pool2d(x, pair(node, "output_size", 1));
    case OpKind::Flatten:
        return x.flatten(node.attrs.getInt("start_dim", 1), node.attrs.getInt("end_dim", -1));
    case OpKind::Reshape: {
        std::vector<std::int64_t> shape{x.size(0)};
        const std::vector<std::int64_t> sample = node.attrs.getInts("shape");
        shape.insert(shape.end(), sample.begin(), sample.end());
        return x.reshape(shape);
    }
    case OpKind::Add:
    case OpKind::Sub:
    case OpKind::Mul:
    case OpKind::Div: {
        at::Tensor a = in[0];
        at::Tensor b = in.size() > 1 ? in[1] : node.tensor("operand");
        if (in.size() == 1 && node.attrs.getInt("reverse", 0) != 0)
            std::swap(a, b);
        switch (node.op) {
        case OpKind::Add:
            return at::add(a, b);
        case OpKind::Sub:
            return at::sub(a, b);
        case OpKind::Mul:
            return at::mul(a, b);
        default:
            return at::div(a, b);
        }
    }
    case OpKind::ConvTranspose2d: {
        const at::Tensor bias = node.tensor("bias");
        return at::conv_transpose2d(x, effectiveWeight(node, training), bias, pair(node, "stride", 1), pair(node, "padding", 0),
                                    pair(node, "output_padding", 0), node.attrs.getInt("groups", 1),
                                    pair(node, "dilation", 1));
    }
    case OpKind::Slice:
        return x.slice(node.attrs.getInt("dim"), node.attrs.getInt("start", 0),
                       node.attrs.getInt("end", std::numeric_limits<std::int64_t>::max()), node.attrs.getInt("step", 1));
    case OpKind::Upsample: {
        const auto size = pair(node, "size", 1);
        // Given scale factors place the samples at dst / scale, as PyTorch and ONNX do; without
        // them the grid follows size / input.
        const c10::optional<double> scaleH =
            node.attrs.has("scale_h") ? c10::optional<double>(node.attrs.getFloat("scale_h")) : c10::nullopt;
        const c10::optional<double> scaleW =
            node.attrs.has("scale_w") ? c10::optional<double>(node.attrs.getFloat("scale_w")) : c10::nullopt;
        if (node.attrs.getString("mode", "nearest") == "bilinear")
            return at::upsample_bilinear2d(x, size, node.attrs.getInt("align_corners", 0) != 0, scaleH, scaleW);
        return at::upsample_nearest2d(x, size, scaleH, scaleW);
    }
    case OpKind::Pad: {
        const std::vector<std::int64_t> pads = node.attrs.getInts("pads");
        const std::string mode = node.attrs.getString("mode", "constant");
        if (mode == "reflect")
            return at::reflection_pad2d(x, pads);
        if (mode == "replicate")
            return at::replication_pad2d(x, pads);
        return at::constant_pad_nd(x, pads, node.attrs.getFloat("value", 0.0));
    }
    case OpKind::Mean:
        return x.mean(node.attrs.getInts("dims"), node.attrs.getInt("keepdim", 0) != 0);
    case OpKind::Permute:
        return x.permute(node.attrs.getInts("dims"));
    case OpKind::Concat:
        return at::cat(in, node.attrs.getInt("dim", 1));
    case OpKind::Dropout:
        return at::dropout(x, node.attrs.getFloat("p", 0.5), training);
    case OpKind::Identity:
        return x;
    case OpKind::FakeQuantize:
        return runFakeQuantize(node, x, training);
    }
    throw Error(ErrorCode::Unsupported, "node '" + node.name + "': op not supported by the executor",
                {std::string(opName(node.op))});
}

void convertToChannelsLast(Graph& graph)
{
    graph.forEachTensor([](Node&, NamedTensor& named) {
        at::Tensor& t = named.tensor;
        if (t.defined() && t.dim() == 4)
            t.set_data(t.detach().to(t.options(), false, true, at::MemoryFormat::ChannelsLast));
    });
}

} // namespace slim::engine::graph
