#pragma once

#include "jobs/recipe.h"

#include <QString>

class QWidget;

namespace slim::app {

/// Fine-tuning starts from trained weights: a tenth of a from-scratch learning rate.
inline constexpr double kFinetuneLearningRateShare = 0.1;

/// The Train panel's recipe as the training settings of compression stages: its own output,
/// metrics, checkpoint and resume files cleared (stages write their own, or none in the GUI).
engine::TrainRecipe stageTraining(engine::TrainRecipe training);

/// Writes `recipe` as JSON to `path` (atomically) and remembers its folder for the next file
/// dialog; on failure returns false and sets `errorMessage`.
bool writeCompressionRecipe(const QString& path, const engine::CompressionRecipe& recipe, QString* errorMessage = nullptr);

/// Asks where to save `recipe` and writes it there; a failure is shown in a message box.
void saveCompressionRecipeAs(QWidget* parent, const engine::CompressionRecipe& recipe);

} // namespace slim::app
