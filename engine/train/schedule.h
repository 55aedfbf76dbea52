#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::train {

enum class ScheduleKind { Constant, Step, MultiStep, Cosine };

/// Learning-rate schedule over epochs, as torch.optim.lr_scheduler's StepLR, MultiStepLR and
/// CosineAnnealingLR, with an optional linear warm-up that ramps per step.
struct ScheduleSpec {
    ScheduleKind kind = ScheduleKind::Constant;
    std::int64_t stepSize = 30;              ///< Step: epochs between decays
    double gamma = 0.1;                      ///< Step, MultiStep: decay factor
    std::vector<std::int64_t> milestones;    ///< MultiStep: epochs at which to decay
    double minLearningRate = 0.0;            ///< Cosine: the floor
    std::int64_t warmupEpochs = 0;           ///< linear warm-up from ~0 to the base rate
};

std::string scheduleName(ScheduleKind kind);

/// The learning rate for step `step` (0-based) of `stepsPerEpoch` in epoch `epoch`
/// (0-based) of `epochs`. Pure function.
double learningRateAt(const ScheduleSpec& spec, double baseRate, std::int64_t epoch, std::int64_t epochs,
                      std::int64_t step, std::int64_t stepsPerEpoch);

} // namespace slim::engine::train
