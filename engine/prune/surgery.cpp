#include "prune/surgery.h"

#include "core/error.h"
#include "prune/masks.h"
#include "prune/pruneschedule.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace slim::engine::prune {

using graph::Graph;
using graph::Node;
using graph::OpKind;

namespace {

bool surgical(const Node& node, const std::vector<std::string>& protectedNodes)
{
    if (node.op != OpKind::Conv2d && node.op != OpKind::ConvTranspose2d && node.op != OpKind::Linear)
        return false;
    const at::Tensor weight = node.tensor("weight");
    return weight.defined() && weight.dim() >= 2
           && std::find(protectedNodes.begin(), protectedNodes.end(), node.name) == protectedNodes.end();
}

at::Tensor* maskSlot(Node& node)
{
    for (graph::NamedTensor& named : node.buffers)
        if (named.name == kWeightMaskName)
            return &named.tensor;
    return nullptr;
}

void checkProtected(const Graph& graph, const std::vector<std::string>& protectedNodes)
{
    for (const std::string& name : protectedNodes)
        if (!graph.findNode(name))
            throw Error(ErrorCode::InvalidArgument, "cannot protect '" + name + "': the model has no node of that name",
                        {name, "no such node"});
}

} // namespace

DynamicSurgery::DynamicSurgery(SurgerySettings settings)
    : m_settings(std::move(settings))
    , m_random(m_settings.seed)
{
    if (!(m_settings.sparsity > 0 && m_settings.sparsity < 1))
        throwOutOfRange("sparsity", m_settings.sparsity, "above 0 and below 1");
    if (!(m_settings.margin >= 0 && m_settings.margin < 1))
        throwOutOfRange("margin", m_settings.margin, "at least 0 and below 1");
    if (!(m_settings.gamma >= 0))
        throwOutOfRange("gamma", m_settings.gamma, "at least 0");
    if (!(m_settings.power >= 0))
        throwOutOfRange("power", m_settings.power, "at least 0");
}

void DynamicSurgery::updateMask(at::Tensor& mask, const at::Tensor& weight, double prune, double splice)
{
    at::NoGradGuard noGrad;
    const at::Tensor magnitude = weight.abs();
    mask.masked_fill_(magnitude.lt(prune), 0);
    mask.masked_fill_(magnitude.gt(splice), 1);
}

Graph DynamicSurgery::prepare(const Graph& model)
{
    checkProtected(model, m_settings.protectedNodes);
    at::NoGradGuard noGrad;
    Graph result = model.clone();
    m_layers.clear();
    m_thresholds.clear();
    m_frozen.clear();
    for (std::size_t index = 0; index < result.nodes().size(); ++index) {
        Node& node = result.nodes()[index];
        if (!surgical(node, m_settings.protectedNodes)) {
            // A mask surgery does not own (a protected layer pruned earlier) stays as it is.
            if (maskSlot(node))
                m_frozen.push_back(index);
            continue;
        }
        at::Tensor weight = node.tensor("weight");
        const at::Tensor magnitude = weight.detach().abs().to(at::kFloat).reshape({-1});
        SurgeryThresholds thresholds;
        thresholds.node = node.name;
        thresholds.mean = magnitude.mean().item<double>();
        thresholds.std = magnitude.numel() > 1 ? magnitude.std().item<double>() : 0.0;
        // The centre as μ + c·σ; c is whatever puts it at the sparsity quantile of this layer.
        const auto rank = std::clamp<std::int64_t>(
            static_cast<std::int64_t>(std::ceil(m_settings.sparsity * static_cast<double>(magnitude.numel()))), 1,
            magnitude.numel());
        thresholds.centre = std::get<0>(magnitude.kthvalue(rank)).item<double>();
        thresholds.prune = (1 - m_settings.margin) * thresholds.centre;
        thresholds.splice = (1 + m_settings.margin) * thresholds.centre;
        m_thresholds.push_back(thresholds);

        at::Tensor* slot = maskSlot(node);
        at::Tensor mask = slot ? slot->to(at::kByte).clone() : at::ones(weight.sizes(), weight.options().dtype(at::kByte));
        // Entries an earlier mask zeroed start pruned: their dense value is the zero they hold.
        at::Tensor dense = weight.detach().clone();
        updateMask(mask, dense, thresholds.prune, thresholds.splice);
        weight.copy_(dense * mask);
        if (slot)
            *slot = mask;
        else
            node.buffers.push_back({kWeightMaskName, mask});
        m_layers.push_back({node.name, index, thresholds.prune, thresholds.splice, dense});
    }
    if (m_layers.empty())
        throw Error(ErrorCode::Unsupported, "dynamic network surgery: the model has no unprotected conv or Linear weight to mask",
                    {"surgery", "no layer"});
    m_updates = 1;
    auto& pruning = result.metadata()["pruning"];
    if (pruning != "structural")
        pruning = "masked";
    return result;
}

at::Tensor DynamicSurgery::dense(const std::string& node) const
{
    for (const Layer& layer : m_layers)
        if (layer.node == node)
            return layer.dense;
    return {};
}

void DynamicSurgery::swapDenseIn(Graph& graph)
{
    at::NoGradGuard noGrad;
    // The trainer leaves every mask to these hooks: the ones surgery does not own get no update.
    for (const std::size_t index : m_frozen) {
        Node& node = graph.nodes()[index];
        at::Tensor weight = node.tensor("weight");
        if (weight.grad().defined())
            weight.mutable_grad().mul_(*maskSlot(node));
    }
    for (Layer& layer : m_layers) {
        at::Tensor weight = graph.nodes()[layer.index].tensor("weight");
        if (layer.dense.device() != weight.device())
            layer.dense = layer.dense.to(weight.device());
        weight.copy_(layer.dense);
    }
}

void DynamicSurgery::afterStep(Graph& graph, std::int64_t step)
{
    at::NoGradGuard noGrad;
    // prepare() was the update at iteration 0; this is the one after iteration step + 1.
    const double chance = std::pow(1 + m_settings.gamma * static_cast<double>(step + 1), -m_settings.power);
    const bool update = std::uniform_real_distribution<double>(0, 1)(m_random) < chance;
    if (update)
        ++m_updates;
    for (const std::size_t index : m_frozen) { // what momentum may still have moved
        Node& node = graph.nodes()[index];
        node.tensor("weight").mul_(*maskSlot(node));
    }
    for (Layer& layer : m_layers) {
        Node& node = graph.nodes()[layer.index];
        at::Tensor weight = node.tensor("weight");
        at::Tensor* mask = maskSlot(node);
        layer.dense.copy_(weight);
        if (update)
            updateMask(*mask, layer.dense, layer.prune, layer.splice);
        weight.copy_(layer.dense * *mask);
    }
}

train::TrainHooks DynamicSurgery::hooks()
{
    train::TrainHooks hooks;
    hooks.managesMasks = true;
    hooks.beforeOptimizerStep = [this](Graph& graph, std::int64_t) { swapDenseIn(graph); };
    hooks.afterOptimizerStep = [this](Graph& graph, std::int64_t step) { afterStep(graph, step); };
    return hooks;
}

GradualPruning::GradualPruning(GradualSettings settings)
    : m_settings(std::move(settings))
{
    if (!(m_settings.sparsity >= 0 && m_settings.sparsity < 1))
        throwOutOfRange("sparsity", m_settings.sparsity, "at least 0 and below 1");
    if (!(m_settings.initial >= 0 && m_settings.initial <= m_settings.sparsity))
        throwOutOfRange("initial", m_settings.initial, "at least 0 and at most the final sparsity");
    if (!(m_settings.startEpoch >= 0))
        throwOutOfRange("start_epoch", m_settings.startEpoch, "at least 0");
    if (!(m_settings.endEpoch > m_settings.startEpoch))
        throwOutOfRange("end_epoch", m_settings.endEpoch, "after the start epoch");
    if (m_settings.frequency < 1)
        throwOutOfRange("frequency", static_cast<double>(m_settings.frequency), "at least 1");
}

std::int64_t GradualPruning::stepOf(double epoch, std::int64_t stepsPerEpoch) const
{
    return static_cast<std::int64_t>(std::llround(epoch * static_cast<double>(stepsPerEpoch)));
}

double GradualPruning::sparsityAt(std::int64_t stepsDone, std::int64_t stepsPerEpoch) const
{
    const std::int64_t start = stepOf(m_settings.startEpoch, stepsPerEpoch);
    const std::int64_t end = std::max(start + 1, stepOf(m_settings.endEpoch, stepsPerEpoch));
    if (stepsDone < start)
        return m_settings.initial;
    // The last update at or before `stepsDone`: every Δt from t₀, and t_end itself.
    const std::int64_t last =
        stepsDone >= end ? end : start + (stepsDone - start) / m_settings.frequency * m_settings.frequency;
    return agpSparsity(m_settings.initial, m_settings.sparsity, last, start, end);
}

Graph GradualPruning::prepare(const Graph& model) const
{
    checkProtected(model, m_settings.protectedNodes);
    Graph result = model.clone();
    addUnitMasks(result, m_settings.protectedNodes);
    if (m_settings.initial > 0)
        updateMagnitudeMasks(result, {m_settings.initial, m_settings.global, m_settings.protectedNodes});
    return result;
}

train::TrainHooks GradualPruning::hooks()
{
    train::TrainHooks hooks;
    hooks.onStart = [this](Graph&, std::int64_t stepsPerEpoch) { m_stepsPerEpoch = std::max<std::int64_t>(1, stepsPerEpoch); };
    hooks.afterOptimizerStep = [this](Graph& graph, std::int64_t step) {
        const std::int64_t done = step + 1;  // steps trained so far, the t of agpSparsity()
        const std::int64_t start = stepOf(m_settings.startEpoch, m_stepsPerEpoch);
        const std::int64_t end = std::max(start + 1, stepOf(m_settings.endEpoch, m_stepsPerEpoch));
        if (done < start || done > end || (done != end && (done - start) % m_settings.frequency != 0))
            return;
        // The masks compose: raising the ratio keeps every entry pruned so far pruned.
        updateMagnitudeMasks(graph, {sparsityAt(done, m_stepsPerEpoch), m_settings.global, m_settings.protectedNodes});
    };
    return hooks;
}

} // namespace slim::engine::prune
