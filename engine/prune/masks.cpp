#include "prune/masks.h"

#include "core/error.h"
#include "graph/graph.h"
#include "train/optimizer.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace slim::engine::prune {

using graph::Graph;
using graph::Node;
using graph::OpKind;

namespace {

// A ratio × count that lands a hair below an integer through rounding still counts it, as in
// structural selection (prune/selection.cpp).
constexpr double kCountSlack = 1e-9;

/// Magnitude-pruning scores of entries an earlier mask zeroed: below every |w|, so they are
/// the first counted.
constexpr double kAlreadyMasked = -1.0;

bool maskable(const Node& node)
{
    if (node.op != OpKind::Conv2d && node.op != OpKind::ConvTranspose2d && node.op != OpKind::Linear)
        return false;
    const at::Tensor weight = node.tensor("weight");
    return weight.defined() && weight.dim() >= 2;
}

at::Tensor maskOf(const Node& node)
{
    for (const graph::NamedTensor& named : node.buffers) {
        if (named.name == kWeightMaskName)
            return named.tensor;
    }
    return {};
}

void setMask(Node& node, at::Tensor mask)
{
    for (graph::NamedTensor& named : node.buffers) {
        if (named.name == kWeightMaskName) {
            named.tensor = std::move(mask);
            return;
        }
    }
    node.buffers.push_back({kWeightMaskName, std::move(mask)});
}

/// `tensor` (shaped like the node's weight) as one row per output channel. A ConvTranspose2d
/// weight is [C_in, C_out / groups, kH, kW]: output channel j of group g reads rows g's inputs.
at::Tensor byOutputChannel(const Node& node, const at::Tensor& tensor)
{
    if (node.op != OpKind::ConvTranspose2d)
        return tensor.reshape({tensor.size(0), -1});
    const std::int64_t groups = node.attrs.getInt("groups", 1);
    const std::int64_t inPerGroup = tensor.size(0) / groups;
    const std::int64_t outPerGroup = tensor.size(1);
    return tensor.reshape({groups, inPerGroup, outPerGroup, -1}).permute({0, 2, 1, 3}).reshape({groups * outPerGroup, -1});
}

std::int64_t countFor(double ratio, std::int64_t entries)
{
    return static_cast<std::int64_t>(std::floor(ratio * static_cast<double>(entries) + kCountSlack));
}

/// One weight about to be masked: its entries' scores, flat.
struct Candidate {
    Node* node = nullptr;
    at::Tensor scores;       ///< |w|; kAlreadyMasked where an earlier mask is zero; +inf for each channel's largest
    std::int64_t spared = 0; ///< entries scored +inf
};

Candidate score(Node& node)
{
    at::NoGradGuard noGrad;
    const at::Tensor weight = node.tensor("weight").detach();
    at::Tensor scores = weight.abs().to(at::kFloat).contiguous().view({-1});
    const at::Tensor earlier = maskOf(node);
    if (earlier.defined())
        scores.masked_fill_(earlier.reshape({-1}).eq(0), kAlreadyMasked);
    // Each output channel's largest entry is never chosen: positions of the row maxima.
    const at::Tensor positions =
        byOutputChannel(node, at::arange(weight.numel(), scores.options().dtype(at::kLong)).view(weight.sizes()));
    const at::Tensor columns = std::get<1>(byOutputChannel(node, scores.view(weight.sizes())).max(1, true));
    const at::Tensor largest = positions.gather(1, columns).view({-1});
    scores.index_fill_(0, largest, std::numeric_limits<float>::infinity());
    return {&node, scores, largest.numel()};
}

/// The `count` lowest-scored entries of `scores` (ties broken by position, so the choice is
/// the same on every run) as a uint8 keep-mask of the same length.
at::Tensor keepAllBut(const at::Tensor& scores, std::int64_t count)
{
    at::Tensor keep = at::ones(scores.sizes(), scores.options().dtype(at::kByte));
    if (count > 0) {
        const at::Tensor order = std::get<1>(scores.sort(/*stable=*/true, 0, /*descending=*/false));
        keep.index_fill_(0, order.narrow(0, 0, count), 0);
    }
    return keep;
}

void applyMask(Node& node, const at::Tensor& flatKeep)
{
    at::NoGradGuard noGrad;
    at::Tensor weight = node.tensor("weight");
    at::Tensor mask = flatKeep.view(weight.sizes()).clone(); // its own storage, not a slice of the global ranking
    const at::Tensor earlier = maskOf(node);
    if (earlier.defined())
        mask.mul_(earlier.to(mask.device()).reshape(weight.sizes()));
    weight.mul_(mask);
    setMask(node, mask);
}

} // namespace

namespace {

void checkMaskSettings(const graph::Graph& graph, const MaskSettings& settings)
{
    if (!(settings.ratio >= 0 && settings.ratio < 1)) {
        std::ostringstream what;
        what << "must be at least 0 and below 1, got " << settings.ratio;
        throw Error(ErrorCode::InvalidArgument, "ratio: " + what.str(), {"ratio", what.str()});
    }
    for (const std::string& name : settings.protectedNodes) {
        if (!graph.findNode(name))
            throw Error(ErrorCode::InvalidArgument, "cannot protect '" + name + "': the model has no node of that name",
                        {name, "no such node"});
    }
}

bool isProtected(const MaskSettings& settings, const Node& node)
{
    return std::find(settings.protectedNodes.begin(), settings.protectedNodes.end(), node.name) != settings.protectedNodes.end();
}

/// applyMagnitudeMasks() on `result` itself (already checked).
void maskInPlace(Graph& result, const MaskSettings& settings)
{
    if (settings.ratio == 0)
        return;

    std::vector<Candidate> candidates;
    for (Node& node : result.nodes()) {
        if (maskable(node) && !isProtected(settings, node))
            candidates.push_back(score(node));
    }
    if (candidates.empty())
        return;

    if (!settings.global) {
        for (const Candidate& candidate : candidates) {
            const std::int64_t entries = candidate.scores.numel();
            const std::int64_t count = std::min(countFor(settings.ratio, entries), entries - candidate.spared);
            applyMask(*candidate.node, keepAllBut(candidate.scores, count));
        }
    } else {
        std::vector<at::Tensor> all;
        std::int64_t entries = 0;
        std::int64_t spared = 0;
        for (const Candidate& candidate : candidates) {
            all.push_back(candidate.scores);
            entries += candidate.scores.numel();
            spared += candidate.spared;
        }
        const at::Tensor keep = keepAllBut(at::cat(all), std::min(countFor(settings.ratio, entries), entries - spared));
        std::int64_t offset = 0;
        for (const Candidate& candidate : candidates) {
            applyMask(*candidate.node, keep.narrow(0, offset, candidate.scores.numel()));
            offset += candidate.scores.numel();
        }
    }
    auto& pruning = result.metadata()["pruning"];
    if (pruning != "structural")
        pruning = "masked";
}

} // namespace

graph::Graph applyMagnitudeMasks(const graph::Graph& graph, const MaskSettings& settings)
{
    checkMaskSettings(graph, settings);
    Graph result = graph.clone();
    maskInPlace(result, settings);
    return result;
}

void updateMagnitudeMasks(graph::Graph& graph, const MaskSettings& settings)
{
    checkMaskSettings(graph, settings);
    maskInPlace(graph, settings);
}

void addUnitMasks(graph::Graph& graph, const std::vector<std::string>& protectedNodes)
{
    MaskSettings settings;
    settings.protectedNodes = protectedNodes;
    checkMaskSettings(graph, settings);
    for (Node& node : graph.nodes()) {
        if (!maskable(node) || isProtected(settings, node) || maskOf(node).defined())
            continue;
        const at::Tensor weight = node.tensor("weight");
        setMask(node, at::ones(weight.sizes(), weight.options().dtype(at::kByte)));
    }
    auto& pruning = graph.metadata()["pruning"];
    if (pruning != "structural")
        pruning = "masked";
}

bool hasMasks(const graph::Graph& graph)
{
    return std::any_of(graph.nodes().begin(), graph.nodes().end(),
                       [](const Node& node) { return maskOf(node).defined(); });
}

void enforceMasks(graph::Graph& graph)
{
    at::NoGradGuard noGrad;
    for (Node& node : graph.nodes()) {
        const at::Tensor mask = maskOf(node);
        if (mask.defined())
            node.tensor("weight").mul_(mask);
    }
}

void maskGradients(const graph::Graph& graph)
{
    at::NoGradGuard noGrad;
    for (const Node& node : graph.nodes()) {
        const at::Tensor mask = maskOf(node);
        if (!mask.defined())
            continue;
        at::Tensor gradient = node.tensor("weight").grad();
        if (gradient.defined())
            gradient.mul_(mask);
    }
}

void enforceMasks(graph::Graph& graph, train::Optimizer& optimizer)
{
    enforceMasks(graph);
    // The optimizer's parameter index of each weight: graph.parameters() order.
    std::size_t parameter = 0;
    for (const Node& node : graph.nodes()) {
        const at::Tensor mask = maskOf(node);
        for (const graph::NamedTensor& named : node.params) {
            if (!named.tensor.defined())
                continue;
            if (mask.defined() && named.name == "weight")
                optimizer.maskState(parameter, mask);
            ++parameter;
        }
    }
}

std::vector<LayerSparsity> weightSparsity(const graph::Graph& graph)
{
    at::NoGradGuard noGrad;
    std::vector<LayerSparsity> layers;
    for (const Node& node : graph.nodes()) {
        if (!maskable(node))
            continue;
        const at::Tensor zero = node.tensor("weight").detach().eq(0);
        LayerSparsity layer;
        layer.node = node.name;
        layer.total = zero.numel();
        layer.zeros = zero.sum().item<std::int64_t>();
        layer.sparsity = layer.total > 0 ? static_cast<double>(layer.zeros) / static_cast<double>(layer.total) : 0.0;
        // Zeros per row as integers: a double copy of the whole weight would cost 8 bytes per entry.
        const at::Tensor rows = byOutputChannel(node, zero);
        const at::Tensor perChannel =
            (rows.sum(1).to(at::kDouble) / static_cast<double>(std::max<std::int64_t>(1, rows.size(1)))).to(at::kCPU).contiguous();
        layer.perOutputChannel.assign(perChannel.data_ptr<double>(), perChannel.data_ptr<double>() + perChannel.numel());
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::vector<LayerChannelStatistics> channelStatistics(const graph::Graph& graph)
{
    at::NoGradGuard noGrad;
    const auto values = [](const at::Tensor& tensor) {
        const at::Tensor flat = tensor.to(at::kDouble).to(at::kCPU).contiguous();
        return std::vector<double>(flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
    };
    std::vector<LayerChannelStatistics> layers;
    for (const Node& node : graph.nodes()) {
        LayerChannelStatistics layer;
        layer.node = node.name;
        layer.op = std::string(graph::opName(node.op));
        if (maskable(node)) {
            const at::Tensor rows = byOutputChannel(node, node.tensor("weight").detach());
            layer.l1Norm = values(rows.abs().sum(1));
            layer.l2Norm = values(rows.to(at::kDouble).pow(2).sum(1).sqrt());
            layer.sparsity = values(rows.eq(0).sum(1).to(at::kDouble) / static_cast<double>(std::max<std::int64_t>(1, rows.size(1))));
        } else if (node.op == OpKind::BatchNorm2d && node.tensor("weight").defined()) {
            layer.batchNormScale = values(node.tensor("weight").detach().abs());
        } else {
            continue;
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::string pruningState(const graph::Graph& graph)
{
    if (hasMasks(graph))
        return "masked";
    const auto found = graph.metadata().find("pruning");
    return found != graph.metadata().end() && found->second == "structural" ? "structural" : "none";
}

} // namespace slim::engine::prune
