#pragma once

#include "jobs/recipe.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace slim::app {

/// "Prune While Training…": the pruning methods that train, each as a compression recipe on
/// the open model — an iterative schedule of the Prune panel's cut (one-shot, equal steps or
/// progressive), network slimming (sparsity training, a global |γ| cut, fine-tuning), dynamic
/// network surgery, AGP and ADMM with purification — with the Train panel's data and
/// optimizer. Save Recipe writes what slimbench-cli run repeats. UI thread only.
class MethodDialog : public QDialog {
    Q_OBJECT
public:
    enum class Method { Schedule, Slimming, Surgery, Agp, Admm };

    /// `training`: the Train panel's recipe; `prune`: the Prune panel's request (the schedule's
    /// final cut). `modelProblem`: why a saved recipe could not name the open model, or empty.
    /// `hasBatchNorm`: whether the open model has BatchNorm layers (network slimming needs them).
    MethodDialog(const engine::TrainRecipe& training, const engine::PruneRequest& prune, QWidget* parent = nullptr,
                 const QString& modelProblem = {}, bool hasBatchNorm = true);

    void setMethod(Method method);
    Method method() const;
    engine::CompressionRecipe recipe() const;
    /// The method's name, for the job's title.
    QString methodName() const;

    /// Accepting remembers the method and every field but the learning rate (which follows the
    /// Train panel) for the next time the dialog opens.
    void done(int result) override;

protected:
    void changeEvent(QEvent* event) override;

private:
    using Text = std::function<QString()>;
    QDoubleSpinBox* addNumber(QFormLayout* form, const QString& name, Text label, double value, double minimum,
                              double maximum, int decimals);
    QSpinBox* addCount(QFormLayout* form, const QString& name, Text label, int value, int minimum, int maximum);
    void addRow(QFormLayout* form, QWidget* field, Text label, Text toolTip = {});
    engine::TrainRecipe training(int epochs) const;
    void retranslate();
    void updateSummary();
    void restoreFields();

    engine::TrainRecipe m_training;
    engine::PruneRequest m_prune;
    QString m_modelProblem;
    bool m_hasBatchNorm;
    QComboBox* m_method;
    QStackedWidget* m_pages;
    QLabel* m_summary;
    QDoubleSpinBox* m_learningRate;
    QPushButton* m_save;
    QDialogButtonBox* m_buttons;
    struct Row {
        QLabel* label;
        QWidget* field;
        Text text;
        Text toolTip;
    };
    QList<Row> m_rows;
    // Schedule
    QComboBox* m_scheduleKind;
    QSpinBox* m_scheduleSteps;
    QDoubleSpinBox* m_scheduleExponent;
    QSpinBox* m_scheduleEpochs;
    // Network slimming
    QDoubleSpinBox* m_slimmingLambda;
    QSpinBox* m_slimmingEpochs;
    QDoubleSpinBox* m_slimmingRatio;
    QSpinBox* m_slimmingFinetune;
    // Surgery
    QDoubleSpinBox* m_surgerySparsity;
    QDoubleSpinBox* m_surgeryMargin;
    QSpinBox* m_surgeryEpochs;
    // AGP
    QDoubleSpinBox* m_agpSparsity;
    QSpinBox* m_agpFrequency;
    QSpinBox* m_agpEpochs;
    // ADMM
    QDoubleSpinBox* m_admmRatio;
    QDoubleSpinBox* m_admmRho;
    QDoubleSpinBox* m_admmPurify;
    QSpinBox* m_admmEpochs;
    QSpinBox* m_admmRetrain;
};

} // namespace slim::app
