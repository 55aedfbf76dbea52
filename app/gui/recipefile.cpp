#include "recipefile.h"

#include "errortext.h"
#include "io/atomicfile.h"
#include "settings.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace slim::app {

engine::TrainRecipe stageTraining(engine::TrainRecipe training)
{
    training.output.clear();
    training.metrics.clear();
    training.checkpointDir.clear();
    training.resumeFrom.clear();
    return training;
}

bool writeCompressionRecipe(const QString& path, const engine::CompressionRecipe& recipe, QString* errorMessage)
{
    try {
        engine::io::writeFileAtomically(path.toStdString(), engine::compressionRecipeToJson(recipe));
    } catch (const std::exception& error) {
        if (errorMessage)
            *errorMessage = errorText(error);
        return false;
    }
    settings::lastDirectory().setValue(QFileInfo(path).absolutePath());
    return true;
}

void saveCompressionRecipeAs(QWidget* parent, const engine::CompressionRecipe& recipe)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, QCoreApplication::translate("RecipeFile", "Save Compression Recipe"),
        settings::startDirectory() + QStringLiteral("/compress.json"), QCoreApplication::translate("RecipeFile", "Recipes (*.json)"));
    QString error;
    if (!path.isEmpty() && !writeCompressionRecipe(path, recipe, &error))
        QMessageBox::warning(parent, QCoreApplication::translate("RecipeFile", "Cannot save the recipe"), error);
}

} // namespace slim::app
