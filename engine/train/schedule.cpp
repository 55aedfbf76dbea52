#include "train/schedule.h"

#include <algorithm>
#include <cmath>

namespace slim::engine::train {

namespace {
const double kPi = std::acos(-1.0);
} // namespace

std::string scheduleName(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Constant: return "constant";
    case ScheduleKind::Step: return "step";
    case ScheduleKind::MultiStep: return "multistep";
    case ScheduleKind::Cosine: return "cosine";
    }
    return "?";
}

double learningRateAt(const ScheduleSpec& spec, double baseRate, std::int64_t epoch, std::int64_t epochs,
                      std::int64_t step, std::int64_t stepsPerEpoch)
{
    if (epoch < spec.warmupEpochs && stepsPerEpoch > 0) {
        const double done = static_cast<double>(epoch * stepsPerEpoch + step + 1);
        return baseRate * done / static_cast<double>(spec.warmupEpochs * stepsPerEpoch);
    }
    switch (spec.kind) {
    case ScheduleKind::Constant:
        return baseRate;
    case ScheduleKind::Step:
        return baseRate * std::pow(spec.gamma, static_cast<double>(epoch / std::max<std::int64_t>(1, spec.stepSize)));
    case ScheduleKind::MultiStep: {
        const auto passed = std::count_if(spec.milestones.begin(), spec.milestones.end(),
                                          [epoch](std::int64_t milestone) { return epoch >= milestone; });
        return baseRate * std::pow(spec.gamma, static_cast<double>(passed));
    }
    case ScheduleKind::Cosine: {
        const auto span = static_cast<double>(std::max<std::int64_t>(1, epochs - spec.warmupEpochs));
        const double progress = static_cast<double>(epoch - spec.warmupEpochs) / span;
        return spec.minLearningRate
               + (baseRate - spec.minLearningRate) * (1.0 + std::cos(kPi * progress)) / 2.0;
    }
    }
    return baseRate;
}

} // namespace slim::engine::train
