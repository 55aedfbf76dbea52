#pragma once

#include "jobs/recipe.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace slim::app {

/// The Train dock: data set, optimizer, schedule and run settings, turned into a training
/// recipe. "Train" asks the window to run it on the open model; the recipe can also be
/// saved and loaded as JSON, the same file `slimbench-cli train` runs. UI thread only.
class TrainPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainPanel(QWidget* parent = nullptr);

    engine::TrainRecipe recipe() const;
    void setRecipe(const engine::TrainRecipe& recipe);
    /// Disables "Train" while a job runs.
    void setTraining(bool training);

Q_SIGNALS:
    void trainRequested(const slim::engine::TrainRecipe& recipe);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void saveRecipe();
    void loadRecipe();
    void updateEnabledFields();

    QFormLayout* m_form;
    QLineEdit* m_dataset;
    QPushButton* m_browse;
    QSpinBox* m_epochs;
    QSpinBox* m_batch;
    QComboBox* m_optimizer;
    QDoubleSpinBox* m_learningRate;
    QDoubleSpinBox* m_momentum;
    QCheckBox* m_nesterov;
    QDoubleSpinBox* m_weightDecay;
    QComboBox* m_schedule;
    QSpinBox* m_warmup;
    QSpinBox* m_cropPadding;
    QCheckBox* m_flip;
    QDoubleSpinBox* m_labelSmoothing;
    QSpinBox* m_seed;
    QSpinBox* m_threads;
    QPushButton* m_train;
    QPushButton* m_save;
    QPushButton* m_load;
    engine::TrainRecipe m_hidden; ///< fields the panel does not show, kept from a loaded recipe
};

} // namespace slim::app
