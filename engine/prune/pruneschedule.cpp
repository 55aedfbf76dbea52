#include "prune/pruneschedule.h"

#include "core/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace slim::engine::prune {

namespace {

constexpr std::array<std::pair<PruneSchedule, std::string_view>, 4> kNames{{
    {PruneSchedule::OneShot, "oneshot"},
    {PruneSchedule::Equal, "equal"},
    {PruneSchedule::Progressive, "progressive"},
    {PruneSchedule::Agp, "agp"},
}};

} // namespace

std::string_view pruneScheduleName(PruneSchedule schedule)
{
    for (const auto& [value, name] : kNames)
        if (value == schedule)
            return name;
    return "oneshot";
}

std::optional<PruneSchedule> pruneScheduleFromName(std::string_view name)
{
    for (const auto& [value, known] : kNames)
        if (known == name)
            return value;
    return std::nullopt;
}

std::vector<std::string> pruneScheduleNames()
{
    std::vector<std::string> names;
    for (const auto& entry : kNames)
        names.emplace_back(entry.second);
    return names;
}

std::vector<double> scheduleRatios(PruneSchedule schedule, double finalRatio, int steps, double exponent)
{
    if (!(finalRatio >= 0 && finalRatio < 1))
        throwOutOfRange("ratio", finalRatio, "at least 0 and below 1");
    if (steps < 1)
        throwOutOfRange("steps", steps, "at least 1");
    if (!(exponent > 0))
        throwOutOfRange("k", exponent, "above 0");
    if (schedule == PruneSchedule::OneShot)
        return {finalRatio};
    const double k = schedule == PruneSchedule::Agp ? 3.0 : exponent;
    std::vector<double> ratios;
    for (int i = 1; i <= steps; ++i) {
        const double progress = static_cast<double>(i) / steps;
        ratios.push_back(schedule == PruneSchedule::Equal ? finalRatio * progress
                                                          : finalRatio * (1 - std::pow(1 - progress, k)));
    }
    ratios.back() = finalRatio; // exact, whatever the rounding of the formula
    return ratios;
}

double stepFraction(double before, double after)
{
    if (before >= 1)
        return 0;
    return std::clamp(1 - (1 - after) / (1 - before), 0.0, 1.0);
}

double agpSparsity(double initial, double final, std::int64_t step, std::int64_t start, std::int64_t end)
{
    if (step <= start)
        return initial;
    if (step >= end || end <= start)
        return final;
    const double left = 1 - static_cast<double>(step - start) / static_cast<double>(end - start);
    return final + (initial - final) * left * left * left;
}

} // namespace slim::engine::prune
