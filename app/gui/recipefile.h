#pragma once

#include "jobs/recipe.h"

#include <QString>

class QWidget;

namespace slim::app {

/// Writes `recipe` as JSON to `path` (atomically) and remembers its folder for the next file
/// dialog; on failure returns false and sets `errorMessage`.
bool writeCompressionRecipe(const QString& path, const engine::CompressionRecipe& recipe, QString* errorMessage = nullptr);

/// Asks where to save `recipe` and writes it there; a failure is shown in a message box.
void saveCompressionRecipeAs(QWidget* parent, const engine::CompressionRecipe& recipe);

} // namespace slim::app
