#pragma once

#include "jobs/recipe.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace slim::app {

/// "Prune and fine-tune…": the Prune panel's settings as the first stage of a compression
/// recipe, then fine-tuning with the Train panel's data and optimizer for the epochs and
/// learning rate chosen here. The recipe is what slimbench-cli run takes; Save Recipe writes
/// it. UI thread only.
class FinetuneDialog : public QDialog {
    Q_OBJECT
public:
    /// `training`: the Train panel's recipe (model, data, optimizer, schedule); `prune`: the
    /// Prune panel's request.
    /// `modelProblem`: why a saved recipe could not name the open model (TrainPanel::modelProblem()),
    /// or empty; Save Recipe is then unavailable and says why.
    FinetuneDialog(const engine::TrainRecipe& training, const engine::PruneRequest& prune, QWidget* parent = nullptr,
                   const QString& modelProblem = {});

    engine::CompressionRecipe recipe() const;
    /// Writes recipe() as JSON to `path`; on failure returns false and sets `errorMessage`.
    bool saveRecipeTo(const QString& path, QString* errorMessage = nullptr) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    engine::TrainRecipe m_training;
    engine::PruneRequest m_prune;
    QString m_modelProblem;
    QSpinBox* m_epochs;
    QDoubleSpinBox* m_learningRate;
    QCheckBox* m_recalibrate;
    QLabel* m_epochsLabel;
    QLabel* m_learningRateLabel;
    QLabel* m_summary;
    QPushButton* m_save;
    QDialogButtonBox* m_buttons;
};

} // namespace slim::app
