#pragma once

#include "jobs/job.h"
#include "jobs/recipe.h"
#include "model.h"

#include <map>
#include <string>
#include <vector>

namespace slim::engine::train { struct TrainHooks; }

namespace slim::engine {

/// One epoch of a training run, as plain numbers.
struct EpochRecord {
    std::int64_t epoch = 0;
    double trainLoss = 0;
    double trainAccuracy = 0;
    double validationTop1 = -1;  ///< negative when there is no validation set
    double validationTop5 = -1;
    double validationLoss = -1;
    double learningRate = 0;
    double seconds = 0;
};

struct TrainJobResult {
    Model model;                       ///< null when cancelled
    std::vector<EpochRecord> history;
    bool cancelled = false;
    std::int64_t trainSamples = 0;
    std::int64_t validationSamples = 0;
    std::int64_t skippedFiles = 0;     ///< unreadable images left out of an ImageFolder
    /// With bn_l1 > 0 (network slimming): |γ| of every BatchNorm before training and after each
    /// epoch, by layer name.
    std::vector<std::map<std::string, std::vector<double>>> batchNormScales;
};

/// Runs a training recipe: loads the data, builds or opens the model (a zoo model takes the
/// data's image shape and class count), trains, and when `writeOutputs` saves the model
/// and the metrics CSV where the recipe says. `base` replaces the recipe's model when it is
/// not null (the GUI trains the open document). `hooks`, when given, plug a training-time
/// method into the run (prune/surgery.h, prune/admm.h). Any thread; blocks until done.
/// `recipe.qat` quantizes the model first (and calibrates it) and steps its bits through the
/// schedule; `recipe.distill` adds its teacher's terms; "baseline" names `baseline` when given,
/// else the model as it was before this training.
TrainJobResult runTrainJob(const TrainRecipe& recipe, const JobContext& context, const Model* base = nullptr,
                           bool writeOutputs = true, const train::TrainHooks* hooks = nullptr,
                           const Model* baseline = nullptr);

/// The model a recipe names when no open model is given: its file, or its zoo model built for
/// images of `sampleShape` (C, H, W; the recipe's resize wins) and `classes`.
Model recipeModel(const TrainRecipe& recipe, const std::vector<std::int64_t>& sampleShape, std::int64_t classes);

/// Writes the per-epoch history as CSV (epoch, train_loss, train_accuracy, val_top1,
/// val_top5, val_loss, lr, seconds), atomically.
void writeMetricsCsv(const std::vector<EpochRecord>& history, const std::string& path);

/// Top-1/top-5 accuracy and loss of `model` on a data set's split ("test" or "train").
struct EvalSummary {
    double top1 = 0;
    double top5 = 0;
    double loss = 0;
    std::int64_t samples = 0;
};
EvalSummary evaluateModel(const Model& model, const std::string& datasetPath, const std::string& split,
                          std::int64_t batchSize, const JobContext& context, const std::string& device = "cpu");

} // namespace slim::engine
