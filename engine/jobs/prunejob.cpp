#include "jobs/prunejob.h"

#include "core/error.h"
#include "core/preprocessing.h"
#include "core/runtime.h"
#include "data/dataset.h"
#include "data/loader.h"
#include "graph/graph.h"
#include "analysis/cost.h"
#include "prune/masks.h"
#include "prune/pruningsession.h"
#include "prune/taylor.h"
#include "train/recalibration.h"
#include "train/trainer.h"

#include <chrono>
#include <cmath>
#include <memory>
#include <optional>

namespace slim::engine {

namespace {

using Clock = std::chrono::steady_clock;

constexpr char kMagnitude[] = "magnitude";

double millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string numberText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

void invalid(const std::string& message, const std::string& field, const std::string& value)
{
    throw Error(ErrorCode::InvalidArgument, message, {field, value});
}

/// Everything about the request that can be checked without the model's groups. Returns the
/// criterion, or nullopt for magnitude (unstructured) pruning.
std::optional<prune::Criterion> checkRequest(const PruneRequest& request)
{
    const bool magnitude = request.method == kMagnitude;
    const std::optional<prune::Criterion> criterion = prune::criterionFromName(request.method);
    if (!criterion && !magnitude) {
        std::string known;
        for (const std::string& name : pruneMethods())
            known += (known.empty() ? "" : ", ") + name;
        invalid("unknown pruning method '" + request.method + "' (known: " + known + ")", "method", request.method);
    }
    if (request.target == PruneTarget::Ratio && !(request.amount >= 0 && request.amount < 1))
        invalid("the pruning ratio must be in [0, 1), got " + numberText(request.amount), "ratio", numberText(request.amount));
    if (request.target != PruneTarget::Ratio && !(request.amount > 0 && request.amount <= 1))
        invalid("the target fraction of " + std::string(request.target == PruneTarget::Macs ? "MACs" : "parameters")
                    + " to keep must be in (0, 1], got " + numberText(request.amount),
                request.target == PruneTarget::Macs ? "target_macs" : "target_params", numberText(request.amount));
    if (request.roundTo < 1)
        invalid("round_to must be at least 1, got " + std::to_string(request.roundTo), "round_to",
                std::to_string(request.roundTo));
    if (magnitude && request.target != PruneTarget::Ratio)
        invalid("magnitude pruning masks a ratio of the weights; MACs and parameter targets rank channels", "method",
                request.method);
    if (magnitude && !request.overrides.empty())
        invalid("per-group overrides are for structural methods; magnitude masks have no channel groups", "override",
                request.overrides.begin()->first);
    if (criterion && prune::needsData(*criterion) && request.dataset.empty())
        invalid("the " + request.method + " criterion scores channels on data: give a data set", "dataset", "none");
    if (request.recalibrateBatches > 0 && request.dataset.empty())
        invalid("BatchNorm recalibration runs on data: give a data set", "dataset", "none");
    if (request.recalibrateBatches < 0)
        invalid("recalibration batches must not be negative", "recalibrate", std::to_string(request.recalibrateBatches));
    if (request.batchSize < 1 || request.evalBatchSize < 1)
        invalid("batch sizes must be at least 1", "batch", std::to_string(std::min(request.batchSize, request.evalBatchSize)));
    return criterion;
}

prune::SelectionSettings selectionFor(const PruneRequest& request)
{
    prune::SelectionSettings selection;
    switch (request.target) {
    case PruneTarget::Ratio:
        selection.mode = request.global ? prune::SelectionMode::GlobalRatio : prune::SelectionMode::UniformRatio;
        selection.ratio = request.amount;
        break;
    case PruneTarget::Macs:
        selection.mode = prune::SelectionMode::MacsBudget;
        selection.budget = request.amount;
        break;
    case PruneTarget::Params:
        selection.mode = prune::SelectionMode::ParamsBudget;
        selection.budget = request.amount;
        break;
    }
    selection.roundTo = request.roundTo;
    selection.overrides = request.overrides;
    return selection;
}

/// The data set's splits, checked against the model's input and classes. Only what the
/// request uses is read: the training split for Taylor and recalibration, the test split to
/// measure top-1.
struct Data {
    std::shared_ptr<const data::ImageDataset> train;
    std::shared_ptr<const data::ImageDataset> test;
};

Data openData(const Model& model, const PruneRequest& request, bool needsTraining, const JobContext& context)
{
    context.progress({0, 0, "loading data", -1});
    Data loaded;
    if (needsTraining) {
        loaded.train = std::make_shared<const data::ImageDataset>(data::openDataset(request.dataset, data::Split::Train, request.seed));
        train::checkDatasetFits(model.graph(), *loaded.train);
    }
    if (request.evaluate) {
        loaded.test = std::make_shared<const data::ImageDataset>(data::openDataset(request.dataset, data::Split::Test, request.seed));
        train::checkDatasetFits(model.graph(), *loaded.test);
    }
    return loaded;
}

/// Training images in a fixed shuffled order, without augmentation, as the model takes them.
/// `wholeBatches` drops a last short batch (recalibration weighs every batch alike), unless
/// the data holds less than one batch.
std::unique_ptr<data::DataLoader> makeLoader(const Data& loaded, const graph::Graph& model, const PruneRequest& request,
                                             bool wholeBatches)
{
    data::LoaderOptions options = data::passOptions(request.batchSize, request.seed, preprocessingFromMetadata(model.metadata()));
    options.dropLast = wholeBatches && loaded.train->size() >= request.batchSize;
    return std::make_unique<data::DataLoader>(loaded.train, options);
}

double top1(const graph::Graph& model, const Data& loaded, const PruneRequest& request, const JobContext& context,
            const std::string& phase, std::int64_t& samples)
{
    const train::EvalResult result = train::evaluate(model, *loaded.test, request.evalBatchSize, context, "cpu", phase);
    context.throwIfCancelled();
    samples = result.samples;
    return result.top1;
}

std::vector<std::string> memberNames(const passes::ChannelGroup& group)
{
    std::vector<std::string> names;
    names.reserve(group.members.size());
    for (const passes::GroupMember& member : group.members)
        names.push_back(member.nodeName + "." + member.tensor);
    return names;
}

} // namespace

std::vector<std::string> pruneMethods()
{
    std::vector<std::string> names;
    for (const prune::Criterion criterion : prune::allCriteria())
        names.emplace_back(prune::criterionName(criterion));
    names.emplace_back(kMagnitude);
    return names;
}

namespace {

/// Throws Error(Unsupported) naming why when no group of `session` may lose channels.
void requirePrunable(const prune::PruningSession& session, const Model& model)
{
    if (session.groups().prunableCount() > 0)
        return;
    std::string why;
    int named = 0;
    for (const passes::ChannelGroup& group : session.groups().groups) {
        const passes::Blocker& blocker = group.blockers.front();
        if (blocker.reason == "model input" || ++named > 3)
            continue;
        why += (why.empty() ? "" : "; ") + blocker.node + ": " + blocker.reason;
    }
    if (why.empty())
        why = "it has no channels between its input and its outputs";
    throw Error(ErrorCode::Unsupported, "nothing in " + model.name() + " can be pruned (" + why + ")", {model.name(), why});
}

/// Structural pruning by `criterion`: fills the cost, groups and timings of `result` and
/// returns the pruned graph.
graph::Graph pruneChannels(const Model& model, prune::PruningSession& session, const PruneRequest& request,
                           prune::Criterion criterion, const Data& loaded, PruneResult& result, const JobContext& context)
{
    prune::PruneSettings settings;
    settings.importance.criterion = criterion;
    settings.importance.seed = request.seed;
    settings.selection = selectionFor(request);
    Clock::time_point start = Clock::now();
    if (prune::needsData(criterion)) {
        const std::unique_ptr<data::DataLoader> loader = makeLoader(loaded, model.graph(), request, false);
        prune::Importance scores =
            prune::computeTaylorImportance(model.graph(), session.groups(), *loader, request.taylorBatches, context);
        scores.options = settings.importance;
        session.addImportance(std::move(scores));
    } else {
        session.importance(settings.importance);
    }
    result.scoresMs = millisecondsSince(start);
    context.throwIfCancelled();

    start = Clock::now();
    const prune::Selection selection = session.preview(settings);
    graph::Graph pruned = session.apply(selection);
    result.pruneMs = millisecondsSince(start);
    result.paramsBefore = selection.before.params;
    result.macsBefore = selection.before.macs;
    result.paramsAfter = selection.after.params;
    result.macsAfter = selection.after.macs;
    result.budgetMet = selection.budgetMet;
    const passes::DependencyGroups& groups = session.groups();
    std::vector<bool> skipped(groups.groups.size(), false);
    for (const prune::SkippedGroup& skip : selection.skipped) {
        skipped[static_cast<std::size_t>(skip.group)] = true;
        result.skipped.push_back({groups.groups[static_cast<std::size_t>(skip.group)].name, skip.reason});
    }
    for (std::size_t g = 0; g < groups.groups.size(); ++g) {
        if (skipped[g])
            continue;
        const passes::ChannelGroup& group = groups.groups[g];
        result.groups.push_back({group.name, group.channels,
                                 group.channels - static_cast<std::int64_t>(selection.removed[g].size()), memberNames(group)});
    }
    return pruned;
}

/// Unstructured pruning: magnitude masks. Fills the cost (non-zero after), the per-layer
/// sparsity and the timing of `result` and returns the masked graph.
graph::Graph maskWeights(const Model& model, const PruneRequest& request, PruneResult& result)
{
    const Clock::time_point start = Clock::now();
    prune::MaskSettings settings;
    settings.ratio = request.amount;
    settings.global = request.global;
    settings.protectedNodes = request.protectedNodes;
    graph::Graph masked = prune::applyMagnitudeMasks(model.graph(), settings);
    result.pruneMs = millisecondsSince(start);
    // Non-zero counts on both sides: a model masked before starts from its own non-zero cost.
    const analysis::CostReport before = analysis::analyzeCost(model.graph());
    const analysis::CostReport after = analysis::analyzeCost(masked);
    result.paramsBefore = before.nonzeroParams;
    result.macsBefore = before.nonzeroMacs;
    result.paramsAfter = after.nonzeroParams;
    result.macsAfter = after.nonzeroMacs;
    result.masked = true;
    for (const prune::LayerSparsity& layer : prune::weightSparsity(masked))
        result.layerSparsity.push_back({layer.node, layer.sparsity, layer.perOutputChannel});
    return masked;
}

} // namespace

PruneResult runPruneJob(const Model& model, const PruneRequest& request, const JobContext& context)
{
    if (model.isNull())
        throw Error(ErrorCode::InvalidArgument, "no model to prune", {"model", "none"});
    const std::optional<prune::Criterion> criterion = checkRequest(request);
    ensureRuntimeInitialised();
    PruneResult result;
    std::optional<prune::PruningSession> session;
    if (!criterion) { // magnitude: its protected layers are checked before any data is loaded
        for (const std::string& name : request.protectedNodes) {
            if (!model.graph().findNode(name))
                invalid("cannot protect '" + name + "': the model has no node of that name", "protect", name);
        }
    }
    if (criterion) { // before any data is loaded: a model with nothing to prune fails at once
        const Clock::time_point start = Clock::now();
        passes::DependencyOptions dependencyOptions;
        dependencyOptions.protectedNodes = request.protectedNodes;
        session.emplace(model.sharedGraph(), dependencyOptions);
        result.groupsMs = millisecondsSince(start);
        requirePrunable(*session, model);
    }

    Data loaded;
    if (!request.dataset.empty())
        loaded = openData(model, request, request.recalibrateBatches > 0 || (criterion && prune::needsData(*criterion)),
                          context);
    if (loaded.test) {
        result.top1Before = top1(model.graph(), loaded, request, context, "evaluating the original", result.evaluationSamples);
    }

    graph::Graph pruned = criterion ? pruneChannels(model, *session, request, *criterion, loaded, result, context)
                                    : maskWeights(model, request, result);

    if (loaded.test) {
        std::int64_t samples = 0;
        result.top1Pruned = top1(pruned, loaded, request, context, "evaluating the pruned model", samples);
    }
    if (request.recalibrateBatches > 0) {
        const std::unique_ptr<data::DataLoader> loader = makeLoader(loaded, pruned, request, true);
        result.recalibrationBatches = train::recalibrateBatchNorm(pruned, *loader, request.recalibrateBatches, context);
        if (loaded.test && result.recalibrationBatches > 0) {
            std::int64_t samples = 0;
            result.top1Recalibrated = top1(pruned, loaded, request, context, "evaluating the recalibrated model", samples);
        }
    }
    // The accuracy training measured is not this model's any more; the one just measured is.
    pruned.metadata().erase("trained.top1");
    const double measured = result.top1Recalibrated >= 0 ? result.top1Recalibrated : result.top1Pruned;
    if (measured >= 0)
        pruned.metadata()["pruned.top1"] = std::to_string(measured);
    result.model = Model(std::make_shared<const graph::Graph>(std::move(pruned)));
    return result;
}

namespace {

prune::PruneSettings settingsFor(const PruneRequest& request, prune::Criterion criterion)
{
    prune::PruneSettings settings;
    settings.importance.criterion = criterion;
    settings.importance.seed = request.seed;
    settings.selection = selectionFor(request);
    return settings;
}

} // namespace

PrunePreview::PrunePreview(const Model& model, const std::string& method, const std::vector<std::string>& protectedNodes)
    : m_model(model)
    , m_method(method)
{
    if (model.isNull())
        throw Error(ErrorCode::InvalidArgument, "no model to prune", {"model", "none"});
    const std::optional<prune::Criterion> criterion = prune::criterionFromName(method);
    if (!criterion || prune::needsData(*criterion))
        invalid("a preview scores channels from the weights alone; '" + method + "' cannot", "method", method);
    ensureRuntimeInitialised();
    passes::DependencyOptions options;
    options.protectedNodes = protectedNodes;
    m_session = std::make_unique<prune::PruningSession>(model.sharedGraph(), options);
    requirePrunable(*m_session, model);
    PruneRequest request;
    request.method = method;
    m_session->importance(settingsFor(request, *criterion).importance);
    const std::vector<prune::ModelCost> before =
        m_session->costModel().evaluateNodes(std::vector<std::int64_t>(m_session->groups().groups.size(), 0));
    for (std::size_t n = 0; n < before.size(); ++n) {
        if (before[n].params == 0 && before[n].macs == 0)
            continue;
        const graph::Node& node = model.graph().nodes()[n];
        m_layers.push_back({node.name, std::string(graph::opName(node.op)), before[n].params, before[n].macs, 0, 0});
        m_layerNodes.push_back(n);
    }
}

PrunePreview::~PrunePreview() = default;
PrunePreview::PrunePreview(PrunePreview&&) noexcept = default;
PrunePreview& PrunePreview::operator=(PrunePreview&&) noexcept = default;

prune::Criterion PrunePreview::checkedCriterion(const PruneRequest& request) const
{
    if (request.method != m_method)
        invalid("this preview scores by " + m_method + ", not " + request.method, "method", request.method);
    return *checkRequest(request);
}

PrunePreviewResult PrunePreview::preview(const PruneRequest& request) const
{
    const prune::Criterion criterion = checkedCriterion(request);
    const prune::PruneSettings settings = settingsFor(request, criterion);
    const prune::Selection selection = m_session->preview(settings);
    const std::vector<std::vector<double>> scores = prune::reduceImportance(m_session->importance(settings.importance), settings.reduction);
    PrunePreviewResult result;
    result.paramsBefore = selection.before.params;
    result.macsBefore = selection.before.macs;
    result.paramsAfter = selection.after.params;
    result.macsAfter = selection.after.macs;
    result.budgetMet = selection.budgetMet;
    const passes::DependencyGroups& groups = m_session->groups();
    std::vector<bool> skipped(groups.groups.size(), false);
    for (const prune::SkippedGroup& skip : selection.skipped) {
        skipped[static_cast<std::size_t>(skip.group)] = true;
        result.skipped.push_back({groups.groups[static_cast<std::size_t>(skip.group)].name, skip.reason});
    }
    for (std::size_t g = 0; g < groups.groups.size(); ++g) {
        if (skipped[g])
            continue;
        GroupPreview group;
        group.name = groups.groups[g].name;
        group.channels = groups.groups[g].channels;
        group.kept = group.channels - static_cast<std::int64_t>(selection.removed[g].size());
        group.scores = scores[g];
        group.removed.assign(static_cast<std::size_t>(group.channels), false);
        for (const std::int64_t index : selection.removed[g])
            group.removed[static_cast<std::size_t>(index)] = true;
        result.groups.push_back(std::move(group));
    }
    std::vector<std::int64_t> removedCounts;
    for (const std::vector<std::int64_t>& removed : selection.removed)
        removedCounts.push_back(static_cast<std::int64_t>(removed.size()));
    const std::vector<prune::ModelCost> after = m_session->costModel().evaluateNodes(removedCounts);
    result.layers = m_layers;
    for (std::size_t i = 0; i < result.layers.size(); ++i) {
        result.layers[i].paramsAfter = after[m_layerNodes[i]].params;
        result.layers[i].macsAfter = after[m_layerNodes[i]].macs;
    }
    return result;
}

Model PrunePreview::apply(const PruneRequest& request) const
{
    const prune::Criterion criterion = checkedCriterion(request);
    graph::Graph pruned = m_session->prune(settingsFor(request, criterion));
    pruned.metadata().erase("trained.top1");
    return Model(std::make_shared<const graph::Graph>(std::move(pruned)));
}

std::vector<double> PrunePreview::batchNormScales() const
{
    std::vector<double> scales;
    const graph::Graph& graph = m_session->graph();
    for (const passes::ChannelGroup& group : m_session->groups().groups) {
        if (!group.prunable())
            continue;
        for (const passes::GroupMember& member : group.members) {
            const graph::Node& node = graph.nodes()[static_cast<std::size_t>(member.node)];
            if (node.op != graph::OpKind::BatchNorm2d || member.tensor != "weight")
                continue;
            // Only the entries this group owns: a BatchNorm after a concat spans several groups.
            const at::Tensor gamma = node.tensor("weight").detach().abs().to(at::kDouble).contiguous();
            const double* values = gamma.data_ptr<double>();
            for (const std::int64_t index : member.indices)
                scales.push_back(values[index]);
        }
    }
    return scales;
}

} // namespace slim::engine
