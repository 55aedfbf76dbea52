#include "quant/quantize.h"

#include "core/error.h"
#include "core/runtime.h"
#include "data/loader.h"
#include "graph/executor.h"
#include "graph/fakequant.h"
#include "passes/folding.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>

namespace slim::engine::quant {

namespace {
using graph::Graph;
using graph::Node;
using graph::OpKind;
using graph::ValueId;

bool isWeighted(const Node& node)
{
    return (node.op == OpKind::Conv2d || node.op == OpKind::ConvTranspose2d || node.op == OpKind::Linear)
           && node.tensor("weight").defined();
}

/// Ops whose output is on its input's grid already (or a union of its inputs' grids).
bool keepsGrid(const Node& node)
{
    switch (node.op) {
    case OpKind::MaxPool2d:
    case OpKind::Flatten:
    case OpKind::Reshape:
    case OpKind::Slice:
    case OpKind::Permute:
    case OpKind::Identity:
    case OpKind::Dropout:
    case OpKind::Pad:
    case OpKind::Concat:
    case OpKind::FakeQuantize:
        return true;
    case OpKind::Upsample:
        return node.attrs.getString("mode", "nearest") == "nearest";
    default:
        return false;
    }
}

bool fusesIntoProducer(OpKind op)
{
    return op == OpKind::ReLU || op == OpKind::ReLU6 || op == OpKind::Clamp;
}

/// Per-channel least-squared-error clipping of a weight: for each channel, the share of its
/// min and max (100 % down to 50 % in 1 % steps) whose grid reproduces it best.
std::pair<at::Tensor, at::Tensor> mseWeightRange(const at::Tensor& weight, std::int64_t axis, std::int64_t quantMin,
                                                 std::int64_t quantMax, bool symmetric)
{
    const at::Tensor rows = axis < 0 ? weight.detach().reshape({1, -1}).to(at::kFloat)
                                     : weight.detach().transpose(0, axis).reshape({weight.size(axis), -1}).to(at::kFloat);
    const at::Tensor low = std::get<0>(rows.min(1));
    const at::Tensor high = std::get<0>(rows.max(1));
    at::Tensor bestLow = low.clone();
    at::Tensor bestHigh = high.clone();
    at::Tensor bestError = at::full_like(low, std::numeric_limits<float>::infinity());
    for (int step = 100; step >= 50; --step) {
        const double factor = step / 100.0;
        const auto [scale, zeroPoint] = graph::quantParams(low * factor, high * factor, quantMin, quantMax, symmetric);
        const at::Tensor q = graph::fakeQuantize(rows, scale, zeroPoint, 0, quantMin, quantMax);
        const at::Tensor error = (rows - q).square().sum(1);
        const at::Tensor better = error < bestError;
        bestError = at::where(better, error, bestError);
        bestLow = at::where(better, low * factor, bestLow);
        bestHigh = at::where(better, high * factor, bestHigh);
    }
    return {bestLow, bestHigh};
}

void quantizeWeight(Node& node, int bits, bool pinned, const QuantSettings& settings)
{
    const auto [quantMin, quantMax] = graph::quantRange(bits, true);
    const std::int64_t axis = settings.perChannel ? (node.op == OpKind::ConvTranspose2d ? 1 : 0) : -1;
    node.attrs.set("weight_quant_min", quantMin);
    node.attrs.set("weight_quant_max", quantMax);
    node.attrs.set("weight_axis", axis);
    node.attrs.set("weight_symmetric", std::int64_t{settings.weightSymmetric});
    if (pinned)
        node.attrs.set("quant_pinned", std::int64_t{1});
    const at::Tensor weight = node.tensor("weight");
    const std::int64_t channels = axis < 0 ? 1 : weight.size(axis);
    node.buffers.push_back({"weight_scale", at::ones({channels}, weight.options().dtype(at::kFloat))});
    node.buffers.push_back({"weight_zero_point", at::zeros({channels}, weight.options().dtype(at::kFloat))});
    at::NoGradGuard noGrad;
    if (settings.observer == ObserverKind::Mse) {
        const auto [low, high] = mseWeightRange(weight, axis, quantMin, quantMax, settings.weightSymmetric);
        const auto [scale, zeroPoint] = graph::quantParams(low, high, quantMin, quantMax, settings.weightSymmetric);
        node.setTensor("weight_scale", scale.contiguous());
        node.setTensor("weight_zero_point", zeroPoint.contiguous());
    } else {
        graph::effectiveWeight(node, true); // min and max per channel
    }
}

Node fakeQuantizeNode(const std::string& name, int bits, bool pinned, const QuantSettings& settings, const at::TensorOptions& options)
{
    const auto [quantMin, quantMax] = graph::quantRange(bits, settings.activationSymmetric);
    Node node;
    node.name = name;
    node.op = OpKind::FakeQuantize;
    node.attrs.set("quant_min", quantMin);
    node.attrs.set("quant_max", quantMax);
    node.attrs.set("axis", std::int64_t{-1});
    node.attrs.set("symmetric", std::int64_t{settings.activationSymmetric});
    node.attrs.set("averaging", settings.averaging);
    if (pinned)
        node.attrs.set("quant_pinned", std::int64_t{1});
    const auto [scale, zeroPoint] =
        graph::quantParams(at::zeros({1}, options), at::zeros({1}, options), quantMin, quantMax, settings.activationSymmetric);
    node.buffers = {{"scale", scale}, {"zero_point", zeroPoint}, {"min_val", at::zeros({1}, options)},
                    {"max_val", at::zeros({1}, options)}};
    return node;
}

/// A copy of `quantized` that computes in floating point (FakeQuantize as Identity, weights
/// as they are), sharing its tensors.
Graph floatView(const Graph& quantized)
{
    Graph view = quantized;
    for (Node& node : view.nodes()) {
        if (node.op == OpKind::FakeQuantize) {
            node.op = OpKind::Identity;
            node.attrs = {};
        } else if (graph::hasWeightQuantization(node)) {
            graph::Attributes kept;
            for (const auto& [name, value] : node.attrs.all()) {
                if (name.rfind("weight_", 0) != 0)
                    kept.set(name, value);
            }
            node.attrs = kept;
        }
    }
    return view;
}

void setActivationRange(Node& node, double low, double high)
{
    const std::int64_t quantMin = node.attrs.getInt("quant_min");
    const std::int64_t quantMax = node.attrs.getInt("quant_max");
    const at::TensorOptions options = node.tensor("scale").options();
    const at::Tensor lowTensor = at::full({1}, low, options);
    const at::Tensor highTensor = at::full({1}, high, options);
    const auto [scale, zeroPoint] =
        graph::quantParams(lowTensor, highTensor, quantMin, quantMax, node.attrs.getInt("symmetric", 0) != 0);
    node.setTensor("scale", scale);
    node.setTensor("zero_point", zeroPoint);
    if (node.tensor("min_val").defined())
        node.setTensor("min_val", lowTensor);
    else
        node.buffers.push_back({"min_val", lowTensor});
    if (node.tensor("max_val").defined())
        node.setTensor("max_val", highTensor);
    else
        node.buffers.push_back({"max_val", highTensor});
}

/// Calibration over batches that `forEach` hands out (it is called once per pass).
void calibrateWith(Graph& quantized, const QuantSettings& settings,
                   const std::function<void(const std::function<void(const at::Tensor&)>&)>& forEach)
{
    validate(settings);
    std::vector<int> points;
    std::vector<std::string> taps;
    for (std::size_t i = 0; i < quantized.nodes().size(); ++i) {
        const Node& node = quantized.nodes()[i];
        if (node.op == OpKind::FakeQuantize && node.attrs.getInt("axis", -1) < 0) {
            points.push_back(static_cast<int>(i));
            taps.push_back(quantized.value(node.inputs.front()).name);
        }
    }
    if (points.empty())
        return;
    const Graph view = floatView(quantized);
    const graph::Executor executor(view);
    // The model's inputs are pixels in a known range with no tail to clip: min and max suit
    // them whatever observes the rest (clipping them cost KL 12 points of top-1 on Fashion-MNIST).
    std::vector<Observer> observers;
    const std::set<ValueId> inputs(quantized.inputs().begin(), quantized.inputs().end());
    for (const int point : points) {
        const bool input = inputs.count(quantized.nodes()[static_cast<std::size_t>(point)].inputs.front()) != 0;
        observers.emplace_back(input ? ObserverKind::MinMax : settings.observer, settings.percentile, settings.averaging);
    }
    at::NoGradGuard noGrad;
    const auto pass = [&](bool histogram) {
        forEach([&](const at::Tensor& batch) {
            std::map<std::string, at::Tensor> values;
            executor.run({batch}, graph::ExecMode::Eval, taps, &values);
            for (std::size_t i = 0; i < points.size(); ++i) {
                const at::Tensor& value = values.at(taps[i]);
                if (histogram)
                    observers[i].observeHistogram(value);
                else
                    observers[i].observe(value);
            }
        });
    };
    pass(false);
    if (std::any_of(observers.begin(), observers.end(), [](const Observer& o) { return o.needsHistogram(); }))
        pass(true);
    for (std::size_t i = 0; i < points.size(); ++i) {
        Node& node = quantized.nodes()[static_cast<std::size_t>(points[i])];
        const auto [low, high] = observers[i].range(node.attrs.getInt("quant_min"), node.attrs.getInt("quant_max"),
                                                    node.attrs.getInt("symmetric", 0) != 0);
        setActivationRange(node, low, high);
    }
}

double sqnr(const at::Tensor& reference, const at::Tensor& quantized)
{
    const double signal = reference.detach().to(at::kDouble).square().sum().item<double>();
    const double noise = (reference.detach().to(at::kDouble) - quantized.detach().to(at::kDouble)).square().sum().item<double>();
    if (noise <= 0)
        return std::numeric_limits<double>::infinity();
    return 10 * std::log10(std::max(signal, 1e-30) / noise);
}
} // namespace

void validate(const QuantSettings& settings)
{
    const auto checkBits = [](int bits, const std::string& field) {
        if (bits < 2 || bits > 16)
            throw Error(ErrorCode::InvalidArgument, field + " must be 2 to 16 bits, not " + std::to_string(bits),
                        {field, std::to_string(bits)});
    };
    checkBits(settings.weightBits, "weight_bits");
    checkBits(settings.activationBits, "activation_bits");
    for (const auto& [name, bits] : settings.layerBits)
        checkBits(bits, "bits of " + name);
    if (!(settings.percentile > 50 && settings.percentile <= 100))
        throw Error(ErrorCode::InvalidArgument, "percentile must be above 50 and at most 100",
                    {"percentile", std::to_string(settings.percentile)});
    if (!(settings.averaging > 0 && settings.averaging <= 1))
        throw Error(ErrorCode::InvalidArgument, "averaging must be in (0, 1]", {"averaging", std::to_string(settings.averaging)});
}

Graph prepareQuantization(const Graph& model, const QuantSettings& settings, PrepareReport* report)
{
    validate(settings);
    ensureRuntimeInitialised();
    if (isQuantized(model))
        throw Error(ErrorCode::Unsupported, "the model is quantized already; quantize its floating-point version",
                    {"model", "quantized"});
    passes::FoldReport folding;
    Graph graph = passes::foldForInference(model, &folding).clone();
    for (const auto& [name, bits] : settings.layerBits) {
        if (!graph.findNode(name))
            throw Error(ErrorCode::InvalidArgument, "no layer named '" + name + "' to give " + std::to_string(bits) + " bits",
                        {"layer_bits", name});
    }
    PrepareReport made;
    made.foldedBatchNorms = folding.foldedBatchNorms;

    const std::vector<int> order = graph.topologicalOrder();
    std::vector<int> weighted;
    for (const int index : order) {
        if (isWeighted(graph.nodes()[static_cast<std::size_t>(index)]))
            weighted.push_back(index);
    }
    // The bits of a layer's weights and of its output, and whether a rule pinned them.
    const auto bitsOf = [&](int index, int global) -> std::pair<int, bool> {
        const Node& node = graph.nodes()[static_cast<std::size_t>(index)];
        if (const auto it = settings.layerBits.find(node.name); it != settings.layerBits.end())
            return {it->second, true};
        const bool end = !weighted.empty() && (index == weighted.front() || index == weighted.back());
        if (settings.keepEndsAt8Bits && end && global < 8)
            return {8, true};
        return {global, false};
    };
    for (const int index : weighted) {
        const auto [bits, pinned] = bitsOf(index, settings.weightBits);
        quantizeWeight(graph.nodes()[static_cast<std::size_t>(index)], bits, pinned, settings);
        made.weightLayers.push_back(graph.nodes()[static_cast<std::size_t>(index)].name);
    }

    // Where the activations are quantized: the value each requantizing op (or the ReLU after
    // it) writes, and each graph input.
    std::vector<std::vector<int>> consumers(graph.values().size());
    for (std::size_t i = 0; i < graph.nodes().size(); ++i) {
        for (const ValueId in : graph.nodes()[i].inputs)
            consumers[static_cast<std::size_t>(in)].push_back(static_cast<int>(i));
    }
    const std::set<ValueId> outputs(graph.outputs().begin(), graph.outputs().end());
    struct Point {
        ValueId value;
        std::string name;
        int bits;
        bool pinned;
    };
    std::vector<Point> points;
    std::set<ValueId> chosen;
    const bool inputPinned = settings.keepEndsAt8Bits && settings.activationBits < 8;
    for (const ValueId input : graph.inputs()) {
        points.push_back({input, graph.value(input).name + ".quant", inputPinned ? 8 : settings.activationBits, inputPinned});
        chosen.insert(input);
    }
    for (const int index : order) {
        const Node& node = graph.nodes()[static_cast<std::size_t>(index)];
        if (keepsGrid(node))
            continue;
        ValueId value = node.outputs.front();
        while (consumers[static_cast<std::size_t>(value)].size() == 1 && !outputs.count(value)) {
            const Node& next = graph.nodes()[static_cast<std::size_t>(consumers[static_cast<std::size_t>(value)].front())];
            if (!fusesIntoProducer(next.op))
                break;
            value = next.outputs.front();
        }
        if (outputs.count(value) || chosen.count(value) || graph.value(value).dtype != graph::DType::Float32)
            continue;
        const auto [bits, pinned] = bitsOf(index, settings.activationBits);
        points.push_back({value, node.name + ".quant", bits, pinned});
        chosen.insert(value);
    }
    const at::TensorOptions options = at::TensorOptions().dtype(at::kFloat);
    for (const Point& point : points) {
        const graph::Value original = graph.value(point.value);
        std::string valueName = original.name + "_q";
        for (int suffix = 1; graph.findValue(valueName); ++suffix)
            valueName = original.name + "_q" + std::to_string(suffix);
        const ValueId quantizedValue = graph.addValue(valueName, original.shape, original.dtype);
        for (const int consumer : consumers[static_cast<std::size_t>(point.value)]) {
            for (ValueId& in : graph.nodes()[static_cast<std::size_t>(consumer)].inputs) {
                if (in == point.value)
                    in = quantizedValue;
            }
        }
        Node node = fakeQuantizeNode(graph.uniqueNodeName(point.name), point.bits, point.pinned, settings, options);
        node.inputs = {point.value};
        node.outputs = {quantizedValue};
        graph.addNode(std::move(node));
        made.activationPoints.push_back(original.name);
    }
    graph.metadata()["quantization"] = "W" + std::to_string(settings.weightBits) + "A" + std::to_string(settings.activationBits)
                                       + (settings.perChannel ? " per-channel" : " per-tensor");
    graph.validate();
    if (report)
        *report = std::move(made);
    return graph;
}

std::int64_t calibrate(Graph& quantized, data::DataLoader& loader, std::int64_t batches, const QuantSettings& settings,
                       const JobContext& context)
{
    std::int64_t used = 0;
    int pass = 0;
    calibrateWith(quantized, settings, [&](const std::function<void(const at::Tensor&)>& use) {
        ++pass;
        used = data::forEachBatch(loader, batches, context, "calibration",
                                  pass == 1 ? "calibrating quantization" : "calibrating quantization (histograms)",
                                  [&](const data::Batch& batch) { use(batch.images); });
    });
    return used;
}

void calibrate(Graph& quantized, const std::vector<at::Tensor>& batches, const QuantSettings& settings)
{
    if (batches.empty())
        throw Error(ErrorCode::InvalidArgument, "calibration needs at least one batch", {"batches", "0"});
    calibrateWith(quantized, settings, [&](const std::function<void(const at::Tensor&)>& use) {
        for (const at::Tensor& batch : batches)
            use(batch);
    });
}

QuantReport quantizationReport(const Graph& quantized, const at::Tensor& sample)
{
    QuantReport report;
    at::NoGradGuard noGrad;
    std::vector<std::string> taps;
    std::vector<const Node*> points;
    report.bytes = graph::parameterBytes(quantized);
    for (const int index : quantized.topologicalOrder()) {
        const Node& node = quantized.nodes()[static_cast<std::size_t>(index)];
        for (const graph::NamedTensor& param : node.params)
            report.floatBytes += param.tensor.numel() * 4;
        if (graph::hasWeightQuantization(node)) {
            report.layers.push_back({node.name, true, graph::weightBits(node),
                                     sqnr(node.tensor("weight"), graph::effectiveWeight(node, false))});
        } else if (node.op == OpKind::FakeQuantize) {
            taps.push_back(quantized.value(node.inputs.front()).name);
            taps.push_back(quantized.value(node.outputs.front()).name);
            points.push_back(&node);
        }
    }
    if (!points.empty() && sample.defined()) {
        const graph::Executor executor(quantized);
        std::map<std::string, at::Tensor> values;
        executor.run({sample}, graph::ExecMode::Eval, taps, &values);
        for (std::size_t i = 0; i < points.size(); ++i) {
            const Node& node = *points[i];
            // Named after the layer whose output it quantizes ("layer1.0.conv1" for the
            // FakeQuantize "layer1.0.conv1.quant" after conv1's ReLU; "input" for the input).
            std::string name = node.name;
            if (const std::size_t suffix = name.rfind(".quant"); suffix != std::string::npos)
                name.erase(suffix);
            report.layers.push_back({name, false, graph::quantBits(node.attrs.getInt("quant_min"), node.attrs.getInt("quant_max")),
                                     sqnr(values.at(taps[2 * i]), values.at(taps[2 * i + 1]))});
        }
    }
    return report;
}

std::pair<int, int> dominantBits(const Graph& quantized)
{
    std::map<int, int> weights;
    std::map<int, int> activations;
    for (const Node& node : quantized.nodes()) {
        if (graph::hasWeightQuantization(node))
            ++weights[graph::quantBits(node.attrs.getInt("weight_quant_min"), node.attrs.getInt("weight_quant_max"))];
        else if (node.op == OpKind::FakeQuantize)
            ++activations[graph::quantBits(node.attrs.getInt("quant_min"), node.attrs.getInt("quant_max"))];
    }
    const auto most = [](const std::map<int, int>& counts) {
        int best = 0;
        int bestCount = 0;
        for (const auto& [bits, count] : counts) {
            if (count > bestCount) {
                best = bits;
                bestCount = count;
            }
        }
        return best;
    };
    return {most(weights), most(activations)};
}

void setBits(Graph& quantized, int weightBits, int activationBits)
{
    QuantSettings check;
    check.weightBits = weightBits;
    check.activationBits = activationBits;
    validate(check);
    at::NoGradGuard noGrad;
    for (Node& node : quantized.nodes()) {
        if (node.attrs.getInt("quant_pinned", 0) != 0)
            continue;
        if (graph::hasWeightQuantization(node)) {
            const auto [quantMin, quantMax] = graph::quantRange(weightBits, true);
            node.attrs.set("weight_quant_min", quantMin);
            node.attrs.set("weight_quant_max", quantMax);
            graph::effectiveWeight(node, true);
        } else if (node.op == OpKind::FakeQuantize) {
            if (node.attrs.getInt("axis", -1) >= 0)
                throw Error(ErrorCode::Unsupported,
                            "node '" + node.name + "': per-channel activation grids keep their bits (re-quantize the float model)",
                            {node.name, "per-channel activation"});
            const bool symmetric = node.attrs.getInt("symmetric", 0) != 0;
            const std::int64_t oldMin = node.attrs.getInt("quant_min");
            const std::int64_t oldMax = node.attrs.getInt("quant_max");
            // The range the grid covers: the observed one, or (imported QDQ) the old grid's ends.
            double low = 0;
            double high = 0;
            if (node.tensor("min_val").defined() && node.tensor("max_val").defined()) {
                low = node.tensor("min_val").item<double>();
                high = node.tensor("max_val").item<double>();
            } else {
                const double scale = node.tensor("scale").item<double>();
                const double zeroPoint = node.tensor("zero_point").item<double>();
                low = (static_cast<double>(oldMin) - zeroPoint) * scale;
                high = (static_cast<double>(oldMax) - zeroPoint) * scale;
            }
            const auto [quantMin, quantMax] = graph::quantRange(activationBits, symmetric || oldMin < 0);
            node.attrs.set("quant_min", quantMin);
            node.attrs.set("quant_max", quantMax);
            setActivationRange(node, low, high);
        }
    }
}

} // namespace slim::engine::quant
