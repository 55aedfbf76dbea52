#include "prune/admm.h"

#include "core/error.h"
#include "passes/channelremoval.h"
#include "prune/selection.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace slim::engine::prune {

using graph::Graph;
using graph::Node;
using graph::OpKind;

namespace {

/// Whether ADMM constrains this member: every parameter that makes the group's channels (a
/// conv's filters and bias, BatchNorm's γ and β, so a removed channel is exactly zero once W
/// is in the set) and the input columns of its consumers. Running statistics are not trained.
bool constrained(const Node& node, const passes::GroupMember& member)
{
    const bool parameter = std::any_of(node.params.begin(), node.params.end(),
                                       [&](const graph::NamedTensor& named) { return named.name == member.tensor; });
    return parameter && (member.role == passes::MemberRole::Producer || member.tensor == "weight");
}

/// Each position's squared norm along `axis` of `value` (all other axes summed), on the CPU.
std::vector<double> squaredNormsAlong(const at::Tensor& value, int axis)
{
    std::vector<std::int64_t> others;
    for (std::int64_t d = 0; d < value.dim(); ++d)
        if (d != axis)
            others.push_back(d);
    at::Tensor sums = value.to(at::kDouble).pow(2);
    if (!others.empty()) // an empty list would sum over every axis
        sums = sums.sum(others);
    sums = sums.to(at::kCPU).contiguous();
    return {sums.data_ptr<double>(), sums.data_ptr<double>() + sums.numel()};
}

} // namespace

std::vector<std::vector<std::int64_t>> purificationCandidates(const std::vector<std::vector<double>>& squaredNorms,
                                                               const std::vector<std::vector<std::int64_t>>& removed,
                                                               double threshold)
{
    std::vector<std::vector<std::int64_t>> extra(squaredNorms.size());
    if (threshold <= 0)
        return extra;
    for (std::size_t g = 0; g < squaredNorms.size(); ++g) {
        const std::vector<double>& norms = squaredNorms[g];
        if (norms.empty())
            continue;
        std::vector<bool> gone(norms.size(), false);
        if (g < removed.size())
            for (const std::int64_t index : removed[g])
                gone[static_cast<std::size_t>(index)] = true;
        std::vector<std::int64_t> kept;
        for (std::size_t k = 0; k < norms.size(); ++k)
            if (!gone[k])
                kept.push_back(static_cast<std::int64_t>(k));
        if (kept.size() < 2)
            continue;
        std::vector<double> keptNorms;
        for (const std::int64_t k : kept)
            keptNorms.push_back(std::sqrt(norms[static_cast<std::size_t>(k)]));
        std::vector<double> sorted = keptNorms;
        std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>((sorted.size() - 1) / 2), sorted.end());
        const double median = sorted[(sorted.size() - 1) / 2];
        for (std::size_t i = 0; i < kept.size(); ++i)
            if (keptNorms[i] < threshold * median)
                extra[g].push_back(kept[i]);
    }
    return extra;
}

AdmmPruning::AdmmPruning(const Graph& model, AdmmSettings settings)
    : m_settings(std::move(settings))
    , m_rho(m_settings.rho)
{
    if (!(m_settings.ratio >= 0 && m_settings.ratio < 1))
        throwOutOfRange("ratio", m_settings.ratio, "at least 0 and below 1");
    if (!(m_settings.rho > 0))
        throwOutOfRange("rho", m_settings.rho, "above 0");
    if (!(m_settings.rhoGrowth >= 1))
        throwOutOfRange("rho_growth", m_settings.rhoGrowth, "at least 1");
    if (!(m_settings.rhoMax >= m_settings.rho))
        throwOutOfRange("rho_max", m_settings.rhoMax, "at least rho");
    if (m_settings.updateEvery < 0)
        throwOutOfRange("update_every", static_cast<double>(m_settings.updateEvery), "at least 0");
    if (!(m_settings.purify >= 0 && m_settings.purify < 1))
        throwOutOfRange("purify", m_settings.purify, "at least 0 and below 1");
    m_groups = passes::findDependencyGroups(model, {m_settings.protectedNodes});
    if (m_groups.prunableCount() == 0)
        throw Error(ErrorCode::Unsupported, "ADMM pruning: the model has no channel group that may be pruned",
                    {"admm", "no prunable group"});
    m_cost = ChannelCostModel(model, m_groups);
    // Every conv and Linear weight a prunable group slices, with the slices.
    for (std::size_t g = 0; g < m_groups.groups.size(); ++g) {
        const passes::ChannelGroup& group = m_groups.groups[g];
        if (!group.prunable())
            continue;
        for (const passes::GroupMember& member : group.members) {
            if (!constrained(model.nodes()[static_cast<std::size_t>(member.node)], member))
                continue;
            auto found = std::find_if(m_weights.begin(), m_weights.end(), [&](const Constrained& weight) {
                return weight.node == member.node && weight.tensor == member.tensor;
            });
            if (found == m_weights.end()) {
                m_weights.push_back({member.node, member.nodeName, member.tensor, {}, {}, {}});
                found = m_weights.end() - 1;
            }
            found->slices.push_back({static_cast<int>(g), &member});
        }
    }
    // Overrides and round_to are checked by a first selection on the start weights.
    select(channelNorms(weightsOf(model)));
}

std::vector<at::Tensor> AdmmPruning::weightsOf(const Graph& graph) const
{
    std::vector<at::Tensor> weights;
    for (const Constrained& weight : m_weights)
        weights.push_back(graph.nodes()[static_cast<std::size_t>(weight.node)].tensor(weight.tensor).detach());
    return weights;
}

std::vector<std::vector<double>> AdmmPruning::channelNorms(const std::vector<at::Tensor>& tensors) const
{
    at::NoGradGuard noGrad;
    std::vector<std::vector<double>> norms(m_groups.groups.size());
    for (std::size_t g = 0; g < m_groups.groups.size(); ++g)
        if (m_groups.groups[g].prunable())
            norms[g].assign(static_cast<std::size_t>(m_groups.groups[g].channels), 0.0);
    for (std::size_t i = 0; i < m_weights.size(); ++i) {
        for (const Slice& slice : m_weights[i].slices) {
            const std::vector<double> positions = squaredNormsAlong(tensors[i], slice.member->axis);
            std::vector<double>& groupNorms = norms[static_cast<std::size_t>(slice.group)];
            for (std::int64_t k = 0; k < m_groups.groups[static_cast<std::size_t>(slice.group)].channels; ++k)
                for (const std::int64_t position : slice.member->entries(k))
                    groupNorms[static_cast<std::size_t>(k)] += positions[static_cast<std::size_t>(position)];
        }
    }
    return norms;
}

std::vector<std::vector<std::int64_t>> AdmmPruning::select(const std::vector<std::vector<double>>& norms) const
{
    SelectionSettings selection;
    selection.mode = SelectionMode::UniformRatio;
    selection.ratio = m_settings.ratio;
    selection.roundTo = m_settings.roundTo;
    selection.overrides = m_settings.overrides;
    return selectChannels(m_groups, norms, m_cost, selection).removed;
}

at::Tensor AdmmPruning::project(const Constrained& weight, const at::Tensor& value,
                                const std::vector<std::vector<std::int64_t>>& removed) const
{
    at::Tensor keep = at::ones_like(value);
    for (const Slice& slice : weight.slices) {
        std::vector<std::int64_t> positions;
        for (const std::int64_t k : removed[static_cast<std::size_t>(slice.group)])
            for (const std::int64_t position : slice.member->entries(k))
                positions.push_back(position);
        if (!positions.empty())
            keep.index_fill_(slice.member->axis, at::tensor(positions, at::kLong).to(value.device()), 0);
    }
    return value * keep;
}

void AdmmPruning::update(const Graph& graph)
{
    at::NoGradGuard noGrad;
    const std::vector<at::Tensor> weights = weightsOf(graph);
    const bool first = m_updates == 0;
    std::vector<at::Tensor> values;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (first)
            m_weights[i].u = at::zeros_like(weights[i]);
        values.push_back(weights[i] + m_weights[i].u);
    }
    m_removed = select(channelNorms(values));
    double distance = 0;
    double size = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        m_weights[i].z = project(m_weights[i], values[i], m_removed);
        const at::Tensor gap = weights[i] - m_weights[i].z;
        if (!first)
            m_weights[i].u.add_(gap);
        distance += gap.to(at::kDouble).pow(2).sum().item<double>();
        size += weights[i].to(at::kDouble).pow(2).sum().item<double>();
    }
    if (!first) {
        // U is the dual scaled by 1/ρ: keep the dual itself when ρ grows (Boyd et al. 2011, §3.4.1).
        const double grown = std::min(m_rho * m_settings.rhoGrowth, m_settings.rhoMax);
        for (Constrained& weight : m_weights)
            weight.u.mul_(m_rho / grown);
        m_rho = grown;
    }
    ++m_updates;
    if (onUpdate)
        onUpdate({m_updates, m_rho, size > 0 ? std::sqrt(distance / size) : 0.0});
}

at::Tensor AdmmPruning::z(const std::string& node, const std::string& tensor) const
{
    for (const Constrained& weight : m_weights)
        if (weight.name == node && weight.tensor == tensor)
            return weight.z;
    return {};
}

at::Tensor AdmmPruning::u(const std::string& node, const std::string& tensor) const
{
    for (const Constrained& weight : m_weights)
        if (weight.name == node && weight.tensor == tensor)
            return weight.u;
    return {};
}

train::TrainHooks AdmmPruning::hooks()
{
    train::TrainHooks hooks;
    hooks.beforeOptimizerStep = [this](Graph& graph, std::int64_t) {
        if (m_updates == 0)
            update(graph);
        at::NoGradGuard noGrad;
        // The gradient of ρ/2‖W − Z + U‖², for every constrained tensor.
        for (const Constrained& weight : m_weights) {
            at::Tensor w = graph.nodes()[static_cast<std::size_t>(weight.node)].tensor(weight.tensor);
            if (w.grad().defined())
                w.mutable_grad().add_((w.detach() - weight.z + weight.u) * m_rho);
        }
    };
    hooks.afterOptimizerStep = [this](Graph& graph, std::int64_t step) {
        if (m_settings.updateEvery > 0 && (step + 1) % m_settings.updateEvery == 0)
            update(graph);
    };
    hooks.onEpochEnd = [this](Graph& graph, const train::EpochSummary&) {
        if (m_settings.updateEvery == 0)
            update(graph);
    };
    return hooks;
}

AdmmPruned AdmmPruning::finish(const Graph& trained) const
{
    at::NoGradGuard noGrad;
    const std::vector<at::Tensor> weights = weightsOf(trained);
    const std::vector<std::vector<double>> norms = channelNorms(weights);
    AdmmPruned result;
    // The channels the weights were pulled toward zero; before any update, the weakest.
    result.removed = m_updates > 0 ? m_removed : select(norms);
    std::vector<std::vector<std::int64_t>> extra = purificationCandidates(norms, result.removed, m_settings.purify);
    for (std::size_t g = 0; g < extra.size(); ++g) {
        const passes::ChannelGroup& group = m_groups.groups[g];
        // A group given a ratio of 0 stays whole; round_to keeps the kept widths multiples.
        if (extra[g].empty() || keptWhole(group)) {
            extra[g].clear();
            continue;
        }
        const auto kept = group.channels - static_cast<std::int64_t>(result.removed[g].size());
        auto count = static_cast<std::int64_t>(extra[g].size());
        const int roundTo = std::max(1, m_settings.roundTo);
        if (roundTo > 1) // the kept width rounded up to a multiple: fewer go
            count = kept - std::min(kept, (kept - count + roundTo - 1) / roundTo * roundTo);
        // Keep the strongest of the candidates when fewer may go: they come weakest first.
        const std::vector<double>& groupNorms = norms[g];
        std::sort(extra[g].begin(), extra[g].end(), [&groupNorms](std::int64_t a, std::int64_t b) {
            return groupNorms[static_cast<std::size_t>(a)] < groupNorms[static_cast<std::size_t>(b)];
        });
        extra[g].resize(static_cast<std::size_t>(count));
        result.purified += count;
        result.removed[g].insert(result.removed[g].end(), extra[g].begin(), extra[g].end());
        std::sort(result.removed[g].begin(), result.removed[g].end());
    }
    result.model = passes::removeChannels(trained, m_groups, result.removed);
    return result;
}

bool AdmmPruning::keptWhole(const passes::ChannelGroup& group) const
{
    const auto zero = [this](const std::string& name) {
        const auto found = m_settings.overrides.find(name);
        return found != m_settings.overrides.end() && found->second == 0;
    };
    if (zero(group.name))
        return true;
    return std::any_of(group.members.begin(), group.members.end(), [&](const passes::GroupMember& member) {
        return member.role == passes::MemberRole::Producer && zero(member.nodeName);
    });
}

} // namespace slim::engine::prune
