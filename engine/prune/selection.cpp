#include "prune/selection.h"

#include "core/error.h"
#include "passes/dependencygroups.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace slim::engine::prune {

namespace {

// Ratios times channel counts land a hair below whole numbers (0.3 · 10 = 2.9999…); this much
// is forgiven before rounding down, far below one channel.
constexpr double kCountSlack = 1e-9;

[[noreturn]] void invalid(const std::string& setting, const std::string& what)
{
    throw Error(ErrorCode::InvalidArgument, setting + ": " + what, {setting, what});
}

std::string number(double value)
{
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.')
        text.pop_back();
    return text;
}

void checkSettings(const SelectionSettings& settings)
{
    const bool ratioMode = settings.mode == SelectionMode::UniformRatio || settings.mode == SelectionMode::GlobalRatio;
    if (ratioMode && !(settings.ratio >= 0 && settings.ratio < 1))
        invalid("ratio", "must be at least 0 and below 1, got " + number(settings.ratio));
    const bool budgetMode = settings.mode == SelectionMode::MacsBudget || settings.mode == SelectionMode::ParamsBudget;
    if (budgetMode && !(settings.budget > 0 && settings.budget <= 1))
        invalid("budget", "must be above 0 and at most 1 (a fraction of the original), got " + number(settings.budget));
    if (settings.mode == SelectionMode::GlobalThreshold && !std::isfinite(settings.threshold))
        invalid("threshold", "must be a finite number");
    if (!(settings.maxRatio > 0 && settings.maxRatio <= 1))
        invalid("max_ratio", "must be above 0 and at most 1, got " + number(settings.maxRatio));
    if (settings.roundTo < 1)
        invalid("round_to", "must be at least 1, got " + std::to_string(settings.roundTo));
    for (const auto& [name, ratio] : settings.overrides) {
        if (!(ratio >= 0 && ratio < 1))
            invalid("override '" + name + "'", "the ratio must be at least 0 and below 1, got " + number(ratio));
    }
}

std::vector<double> normalised(std::vector<double> scores, Normalization normalization)
{
    if (scores.empty() || normalization == Normalization::None)
        return scores;
    const double count = static_cast<double>(scores.size());
    const double sum = std::accumulate(scores.begin(), scores.end(), 0.0);
    const double mean = sum / count;
    double divisor = 1;
    double shift = 0;
    switch (normalization) {
    case Normalization::None:
        break;
    case Normalization::Mean:
        divisor = mean;
        break;
    case Normalization::Max:
        divisor = *std::max_element(scores.begin(), scores.end());
        break;
    case Normalization::Sum:
        divisor = sum;
        break;
    case Normalization::Standardize: {
        double squares = 0;
        for (const double score : scores)
            squares += (score - mean) * (score - mean);
        shift = mean;
        divisor = std::sqrt(squares / count);
        break;
    }
    }
    if (divisor == 0 || !std::isfinite(divisor))
        divisor = 1;
    for (double& score : scores)
        score = (score - shift) / divisor;
    return scores;
}

std::int64_t countFor(double ratio, std::int64_t channels)
{
    return static_cast<std::int64_t>(std::floor(ratio * static_cast<double>(channels) + kCountSlack));
}

} // namespace

std::int64_t Selection::removedCount() const
{
    std::int64_t total = 0;
    for (const auto& list : removed)
        total += static_cast<std::int64_t>(list.size());
    return total;
}

Selection selectChannels(const passes::DependencyGroups& groups, const std::vector<std::vector<double>>& scores,
                         const ChannelCostModel& cost, const SelectionSettings& settings)
{
    checkSettings(settings);
    const std::size_t groupCount = groups.groups.size();
    if (scores.size() != groupCount)
        invalid("scores", "one list per group is needed, got " + std::to_string(scores.size()) + " for "
                              + std::to_string(groupCount) + " groups");

    // Overrides name a group, or a layer whose output channels one or more groups hold.
    std::vector<double> overrideRatio(groupCount, -1);
    for (const auto& [name, ratio] : settings.overrides) {
        std::vector<int> matches;
        if (const int g = groups.findGroup(name); g >= 0)
            matches.push_back(g);
        else
            matches = groups.groupsOfNode(name);
        if (matches.empty())
            invalid("override '" + name + "'", "no channel group or layer of that name");
        for (const int g : matches) {
            const passes::ChannelGroup& group = groups.groups[static_cast<std::size_t>(g)];
            if (!group.prunable())
                invalid("override '" + name + "'", "group '" + group.name + "' cannot be pruned: "
                                                       + group.blockers.front().node + ": " + group.blockers.front().reason);
            overrideRatio[static_cast<std::size_t>(g)] = ratio;
        }
    }

    Selection result;
    result.before = cost.original();
    std::vector<std::vector<std::int64_t>> order(groupCount);
    std::vector<std::int64_t> capacity(groupCount, 0);
    std::vector<std::int64_t> count(groupCount, 0);
    std::vector<bool> ranked(groupCount, false);
    for (std::size_t g = 0; g < groupCount; ++g) {
        const passes::ChannelGroup& group = groups.groups[g];
        if (!group.prunable()) {
            result.skipped.push_back({static_cast<int>(g), group.blockers.front().node + ": " + group.blockers.front().reason});
            continue;
        }
        const std::vector<double>& groupScores = scores[g];
        if (groupScores.empty()) {
            result.skipped.push_back({static_cast<int>(g), "the criterion has nothing to score in this group"});
            continue;
        }
        if (static_cast<std::int64_t>(groupScores.size()) != group.channels)
            invalid("scores", "group '" + group.name + "' has " + std::to_string(group.channels) + " channels but "
                                  + std::to_string(groupScores.size()) + " scores");
        order[g].resize(static_cast<std::size_t>(group.channels));
        std::iota(order[g].begin(), order[g].end(), std::int64_t{0});
        std::stable_sort(order[g].begin(), order[g].end(), [&groupScores](std::int64_t a, std::int64_t b) {
            return groupScores[static_cast<std::size_t>(a)] < groupScores[static_cast<std::size_t>(b)];
        });
        capacity[g] = std::min(group.channels - 1, countFor(settings.maxRatio, group.channels));
        if (overrideRatio[g] >= 0)
            count[g] = std::min(capacity[g], countFor(overrideRatio[g], group.channels));
        else if (settings.mode == SelectionMode::UniformRatio)
            count[g] = std::min(capacity[g], countFor(settings.ratio, group.channels));
        else
            ranked[g] = true;
    }

    // Kept widths round up to a multiple of round_to (or the whole group).
    const auto rounded = [&](std::vector<std::int64_t> counts) {
        if (settings.roundTo <= 1)
            return counts;
        for (std::size_t g = 0; g < groupCount; ++g) {
            const std::int64_t channels = groups.groups[g].channels;
            const std::int64_t kept = channels - counts[g];
            const std::int64_t roundedKept = std::min(channels, (kept + settings.roundTo - 1) / settings.roundTo * settings.roundTo);
            counts[g] = channels - roundedKept;
        }
        return counts;
    };

    if (settings.mode != SelectionMode::UniformRatio) {
        // One ranking: each group's indices in its own order, so any prefix of the ranking
        // takes a prefix of every group's order.
        struct Entry {
            double score;
            std::size_t group;
            std::int64_t rank;
        };
        std::vector<Entry> entries;
        std::int64_t rankedChannels = 0;
        for (std::size_t g = 0; g < groupCount; ++g) {
            if (!ranked[g])
                continue;
            rankedChannels += groups.groups[g].channels;
            const std::vector<double> norm = normalised(scores[g], settings.normalization);
            for (std::int64_t r = 0; r < capacity[g]; ++r)
                entries.push_back({norm[static_cast<std::size_t>(order[g][static_cast<std::size_t>(r)])], g, r});
        }
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.score < b.score; });
        const auto countsFor = [&](std::size_t taken) {
            std::vector<std::int64_t> counts = count;
            for (std::size_t i = 0; i < taken; ++i)
                ++counts[entries[i].group];
            return counts;
        };

        std::size_t taken = 0;
        switch (settings.mode) {
        case SelectionMode::UniformRatio:
            break;
        case SelectionMode::GlobalRatio:
            taken = std::min(entries.size(), static_cast<std::size_t>(countFor(settings.ratio, rankedChannels)));
            break;
        case SelectionMode::GlobalThreshold:
            while (taken < entries.size() && entries[taken].score < settings.threshold)
                ++taken;
            break;
        case SelectionMode::MacsBudget:
        case SelectionMode::ParamsBudget: {
            const bool macs = settings.mode == SelectionMode::MacsBudget;
            const double target = settings.budget * static_cast<double>(macs ? result.before.macs : result.before.params);
            const auto fits = [&](std::size_t k) {
                const ModelCost after = cost.evaluate(rounded(countsFor(k)));
                return static_cast<double>(macs ? after.macs : after.params) <= target;
            };
            // Cost falls monotonically as the ranking is consumed: bisect for the shortest prefix.
            std::size_t low = 0;
            std::size_t high = entries.size();
            if (!fits(high)) {
                result.budgetMet = false;
                taken = high;
                break;
            }
            while (low < high) {
                const std::size_t middle = low + (high - low) / 2;
                if (fits(middle))
                    high = middle;
                else
                    low = middle + 1;
            }
            taken = low;
            break;
        }
        }
        count = countsFor(taken);
        if (settings.mode == SelectionMode::GlobalThreshold)
            result.threshold = settings.threshold;
        else if (taken > 0)
            result.threshold = entries[taken - 1].score;
    }

    count = rounded(count);
    result.removed.resize(groupCount);
    result.kept.resize(groupCount);
    for (std::size_t g = 0; g < groupCount; ++g) {
        result.kept[g] = groups.groups[g].channels - count[g];
        std::vector<std::int64_t>& removed = result.removed[g];
        removed.assign(order[g].begin(), order[g].begin() + count[g]);
        std::sort(removed.begin(), removed.end());
    }
    result.after = cost.evaluate(count);
    return result;
}

} // namespace slim::engine::prune
