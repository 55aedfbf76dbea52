#include "jobs/sensitivityjob.h"

#include "core/error.h"
#include "core/runtime.h"
#include "data/dataset.h"
#include "graph/graph.h"
#include "jobs/prunejob.h"
#include "prune/importance.h"
#include "prune/pruningsession.h"
#include "train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>

namespace slim::engine {

namespace {

[[noreturn]] void invalid(const std::string& message, const std::string& argument, const std::string& value)
{
    throw Error(ErrorCode::InvalidArgument, message, {argument, value});
}

prune::Criterion checkedCriterion(const SensitivityRequest& request)
{
    const std::optional<prune::Criterion> criterion = prune::criterionFromName(request.method);
    if (!criterion || prune::needsData(*criterion))
        invalid("a sensitivity scan scores channels from the weights: l1, l2, bn, fpgm, svd or random, not '"
                    + request.method + "'",
                "method", request.method);
    if (request.ratios.empty())
        invalid("give at least one ratio to scan", "ratios", "none");
    for (std::size_t i = 0; i < request.ratios.size(); ++i) {
        const double ratio = request.ratios[i];
        if (!(ratio > 0 && ratio < 1))
            invalid("sensitivity ratios must be above 0 and below 1, got " + std::to_string(ratio), "ratios",
                    std::to_string(ratio));
        if (i > 0 && !(ratio > request.ratios[i - 1]))
            invalid("sensitivity ratios must increase, got " + std::to_string(ratio) + " after "
                        + std::to_string(request.ratios[i - 1]),
                    "ratios", std::to_string(ratio));
    }
    if (request.dataset.empty())
        invalid("a sensitivity scan measures accuracy: give a data set", "dataset", "none");
    if (request.samples < 0 || request.batchSize < 1)
        invalid("samples must be 0 (all) or more, and the batch at least 1", "samples", std::to_string(request.samples));
    return *criterion;
}

/// `samples` images of the data set's test split (all of them for 0), a seeded random subset,
/// checked to fit `model`.
data::ImageDataset testSubset(const Model& model, const std::string& dataset, std::int64_t samples, std::uint64_t seed,
                              const JobContext& context)
{
    context.progress({0, 0, "loading data", -1});
    data::ImageDataset test = data::openDataset(dataset, data::Split::Test, seed);
    train::checkDatasetFits(model.graph(), test);
    if (samples > 0 && samples < test.size()) {
        at::Generator generator = at::detail::createCPUGenerator(seed);
        test = test.subset(at::randperm(test.size(), generator, at::kLong).slice(0, 0, samples));
    }
    return test;
}

} // namespace

SensitivityResult runSensitivityScan(const Model& model, const SensitivityRequest& request, const JobContext& context)
{
    if (model.isNull())
        invalid("no model to scan", "model", "none");
    const prune::Criterion criterion = checkedCriterion(request);
    ensureRuntimeInitialised();
    passes::DependencyOptions options;
    options.protectedNodes = request.protectedNodes;
    prune::PruningSession session(model.sharedGraph(), options);
    if (session.groups().prunableCount() == 0)
        throw Error(ErrorCode::Unsupported, "nothing in " + model.name() + " can be pruned", {model.name(), "no group"});

    const data::ImageDataset test = testSubset(model, request.dataset, request.samples, request.seed, context);

    prune::PruneSettings settings;
    settings.importance.criterion = criterion;
    const prune::Importance& scores = session.importance(settings.importance);
    (void)scores;

    SensitivityResult result;
    result.method = request.method;
    result.samples = test.size();
    const train::EvalResult baseline = train::evaluate(model.graph(), test, request.batchSize, context);
    context.throwIfCancelled();
    result.baselineTop1 = baseline.top1;
    result.baselineMacs = session.costModel().original().macs;
    result.baselineParams = session.costModel().original().params;

    const passes::DependencyGroups& groups = session.groups();
    std::vector<std::size_t> scanned;
    for (std::size_t g = 0; g < groups.groups.size(); ++g)
        if (groups.groups[g].prunable())
            scanned.push_back(g);
    const auto total = static_cast<std::int64_t>(scanned.size() * request.ratios.size());
    const auto start = std::chrono::steady_clock::now();
    std::int64_t done = 0;
    for (const std::size_t g : scanned) {
        const passes::ChannelGroup& group = groups.groups[g];
        GroupSensitivity curve;
        curve.name = group.name;
        curve.channels = group.channels;
        for (const double ratio : request.ratios) {
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            context.progress({done, total, "scanning " + group.name,
                              done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total - done) : -1});
            settings.selection.ratio = 0;
            settings.selection.overrides = {{group.name, ratio}};
            const prune::Selection selection = session.preview(settings);
            const graph::Graph pruned = session.apply(selection);
            const train::EvalResult measured = train::evaluate(pruned, test, request.batchSize, context);
            context.throwIfCancelled();
            curve.points.push_back({ratio, measured.top1, selection.after.macs, selection.after.params});
            ++done;
        }
        result.groups.push_back(std::move(curve));
    }
    context.progress({total, total, "done", 0});
    return result;
}

std::map<std::string, double> ratiosForBudget(const Model& model, const SensitivityResult& scan, double keepMacs, int roundTo)
{
    if (!(keepMacs > 0 && keepMacs <= 1))
        invalid("the share of MACs to keep must be in (0, 1], got " + std::to_string(keepMacs), "target_macs",
                std::to_string(keepMacs));
    const PrunePreview preview(model, scan.method);
    PruneRequest request;
    request.method = scan.method;
    request.roundTo = std::max(1, roundTo);
    const auto macsWith = [&](const std::map<std::string, double>& overrides) {
        request.overrides = overrides;
        return preview.preview(request).macsAfter;
    };
    std::map<std::string, double> ratios;
    std::map<std::string, std::size_t> step;  // the next point of each group's curve
    std::int64_t macs = macsWith(ratios);
    if (macs != scan.baselineMacs)
        invalid("the sensitivity scan belongs to another model", "scan", scan.method);
    const double target = keepMacs * static_cast<double>(scan.baselineMacs);
    while (static_cast<double>(macs) > target) {
        const GroupSensitivity* best = nullptr;
        double bestCost = std::numeric_limits<double>::infinity();
        std::int64_t bestMacs = macs;
        std::size_t bestStep = 0;
        for (const GroupSensitivity& group : scan.groups) {
            const std::size_t current = step[group.name];
            const double lostNow = current == 0 ? 0.0 : scan.baselineTop1 - group.points[current - 1].top1;
            // The next point that saves anything: a small ratio of a narrow group may remove no
            // channel (or round_to may keep the width), so look further along the curve.
            for (std::size_t next = current; next < group.points.size(); ++next) {
                std::map<std::string, double> trial = ratios;
                trial[group.name] = group.points[next].ratio;
                const std::int64_t trialMacs = macsWith(trial);
                if (trialMacs >= macs)
                    continue;
                // Accuracy lost per MAC saved; an accuracy gain counts as free.
                const double lostNext = scan.baselineTop1 - group.points[next].top1;
                const double cost = std::max(0.0, lostNext - lostNow) / static_cast<double>(macs - trialMacs);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = &group;
                    bestMacs = trialMacs;
                    bestStep = next;
                }
                break;
            }
        }
        if (!best)
            break;
        ratios[best->name] = best->points[bestStep].ratio;
        step[best->name] = bestStep + 1;
        macs = bestMacs;
    }
    return ratios;
}

RatioSearchResult searchRatios(const Model& model, const RatioSearchRequest& request, const JobContext& context)
{
    if (model.isNull())
        invalid("no model to search", "model", "none");
    SensitivityRequest checked;
    checked.method = request.method;
    checked.dataset = request.dataset;
    checked.samples = request.samples;
    checked.batchSize = request.batchSize;
    const prune::Criterion criterion = checkedCriterion(checked);
    if (!(request.keepMacs > 0 && request.keepMacs <= 1))
        invalid("the share of MACs to keep must be in (0, 1], got " + std::to_string(request.keepMacs), "target_macs",
                std::to_string(request.keepMacs));
    if (request.iterations < 0)
        invalid("iterations must be 0 or more", "iterations", std::to_string(request.iterations));
    if (!(request.step > 0 && request.step < 1) || !(request.maxRatio > 0 && request.maxRatio < 1))
        invalid("the step and the largest ratio must be above 0 and below 1", "step", std::to_string(request.step));
    if (!(request.temperature >= 0))
        invalid("the temperature must be 0 or more", "temperature", std::to_string(request.temperature));
    ensureRuntimeInitialised();
    passes::DependencyOptions options;
    options.protectedNodes = request.protectedNodes;
    prune::PruningSession session(model.sharedGraph(), options);
    std::vector<std::string> groups;
    for (const passes::ChannelGroup& group : session.groups().groups)
        if (group.prunable())
            groups.push_back(group.name);
    if (groups.empty())
        throw Error(ErrorCode::Unsupported, "nothing in " + model.name() + " can be pruned", {model.name(), "no group"});
    for (const auto& [name, ratio] : request.start)
        if (std::find(groups.begin(), groups.end(), name) == groups.end() || !(ratio >= 0 && ratio < 1))
            invalid("the start names no prunable group '" + name + "' or a ratio outside [0, 1)", "start", name);

    const data::ImageDataset test = testSubset(model, request.dataset, request.samples, request.seed, context);
    prune::PruneSettings settings;
    settings.importance.criterion = criterion;
    settings.selection.roundTo = std::max(1, request.roundTo);
    session.importance(settings.importance);
    RatioSearchResult result;
    result.baselineMacs = session.costModel().original().macs;
    result.samples = test.size();
    const double budget = request.keepMacs * static_cast<double>(result.baselineMacs);
    using Ratios = std::map<std::string, double>;
    const auto macsOf = [&](const Ratios& ratios) {
        settings.selection.overrides = ratios;
        return session.preview(settings).after.macs;
    };
    const auto fits = [&](const Ratios& ratios) { return static_cast<double>(macsOf(ratios)) <= budget; };
    std::mt19937_64 random(request.seed);
    const auto pick = [&random](std::size_t count) { return std::uniform_int_distribution<std::size_t>(0, count - 1)(random); };
    // Raises random groups' ratios one step at a time until the budget is met (or nothing can go).
    const auto repair = [&](Ratios& ratios, const std::string& keep) {
        for (int tries = 0; !fits(ratios) && tries < 200 * static_cast<int>(groups.size()); ++tries) {
            const std::string& name = groups[pick(groups.size())];
            if (name != keep)
                ratios[name] = std::min(request.maxRatio, ratios[name] + request.step);
        }
        return fits(ratios);
    };

    Ratios current;
    for (const std::string& name : groups)
        current[name] = 0;
    if (!request.start.empty()) {
        for (const auto& [name, ratio] : request.start)
            current[name] = std::min(ratio, request.maxRatio);
    } else { // the smallest uniform ratio that meets the budget, by bisection
        double low = 0;
        double high = request.maxRatio;
        for (int i = 0; i < 30; ++i) {
            const double middle = (low + high) / 2;
            Ratios uniform = current;
            for (auto& entry : uniform)
                entry.second = middle;
            (fits(uniform) ? high : low) = middle;
        }
        for (auto& entry : current)
            entry.second = high;
    }
    if (!repair(current, {}))
        invalid("no ratios up to " + std::to_string(request.maxRatio) + " per group bring the MACs to "
                    + std::to_string(request.keepMacs) + " of the original",
                "target_macs", std::to_string(request.keepMacs));

    const auto start = std::chrono::steady_clock::now();
    const auto score = [&](const Ratios& ratios) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const int done = result.evaluated;
        context.progress({done, request.iterations + 1, "searching ratios",
                          done > 0 ? elapsed / done * (request.iterations + 1 - done) : -1});
        settings.selection.overrides = ratios;
        const graph::Graph pruned = session.apply(session.preview(settings));
        const double top1 = train::evaluate(pruned, test, request.batchSize, context).top1;
        context.throwIfCancelled();
        ++result.evaluated;
        return top1;
    };
    double currentTop1 = score(current);
    result.startTop1 = currentTop1;
    result.ratios = current;
    result.top1 = currentTop1;
    for (int iteration = 0; iteration < request.iterations; ++iteration) {
        // A move: one group one step up or down, then the budget repaired with other groups.
        Ratios candidate = current;
        const std::string& name = groups[pick(groups.size())];
        const double direction = pick(2) == 0 ? -1.0 : 1.0;
        candidate[name] = std::clamp(candidate[name] + direction * request.step, 0.0, request.maxRatio);
        if (candidate != current && repair(candidate, name)) {
            const double top1 = score(candidate);
            const double temperature = request.temperature * (1 - static_cast<double>(iteration) / request.iterations);
            const bool take = top1 >= currentTop1
                              || (temperature > 0
                                  && std::uniform_real_distribution<double>(0, 1)(random) < std::exp((top1 - currentTop1) / temperature));
            if (take) {
                current = candidate;
                currentTop1 = top1;
                ++result.accepted;
                if (top1 > result.top1) {
                    result.top1 = top1;
                    result.ratios = candidate;
                }
            }
        }
        result.best.push_back(result.top1);
    }
    result.macs = macsOf(result.ratios);
    context.progress({request.iterations + 1, request.iterations + 1, "done", 0});
    return result;
}

std::string sensitivityToJson(const SensitivityResult& scan)
{
    nlohmann::json groups = nlohmann::json::array();
    for (const GroupSensitivity& group : scan.groups) {
        nlohmann::json points = nlohmann::json::array();
        for (const SensitivityPoint& point : group.points)
            points.push_back({{"ratio", point.ratio}, {"top1", point.top1}, {"macs", point.macs}, {"params", point.params}});
        groups.push_back({{"name", group.name}, {"channels", group.channels}, {"points", points}});
    }
    const nlohmann::json root = {
        {"method", scan.method},
        {"baseline", {{"top1", scan.baselineTop1}, {"macs", scan.baselineMacs}, {"params", scan.baselineParams}}},
        {"samples", scan.samples},
        {"groups", groups}};
    return root.dump(2);
}

} // namespace slim::engine
