#pragma once

#include "jobs/quantjob.h"
#include "jobs/recipe.h"

#include <QDialog>
#include <QList>
#include <QStringList>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace slim::app {

/// Run › Quantize and Distill…: post-training quantization of the open model (calibrated on
/// the Train panel's data set), quantization-aware training (with the stepwise 16 → 8 → N
/// schedule and the open model as teacher, as options), or a distillation fine-tune from a
/// teacher file — the last two as compression recipes that Save Recipe writes for
/// slimbench-cli run. UI thread only.
class QuantizeDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { PostTraining, QuantizationAware, Distillation };

    /// `training`: the Train panel's recipe; `layers`: the open model's layer names (feature
    /// taps); `modelFile`: the file the open model came from (a teacher), or empty.
    QuantizeDialog(const engine::TrainRecipe& training, const QStringList& layers, const QString& modelFile,
                   QWidget* parent = nullptr, const QString& modelProblem = {});

    void setMode(Mode mode);
    Mode mode() const;
    /// PostTraining: what to run.
    engine::QuantizeRequest quantizeRequest() const;
    /// QuantizationAware and Distillation: one training stage.
    engine::CompressionRecipe recipe() const;
    /// For the job's title: "W8A8 PTQ", "4-bit QAT", "distillation".
    QString actionName() const;
    /// Why Start is disabled, or empty.
    QString problem() const;

    void done(int result) override;

protected:
    void changeEvent(QEvent* event) override;

private:
    using Text = std::function<QString()>;
    void addRow(QFormLayout* form, QWidget* field, Text label);
    void retranslate();
    void updateState();
    engine::QatRecipe qat() const;
    engine::DistillRecipe distill() const;

    engine::TrainRecipe m_training;
    QString m_modelFile;
    QString m_modelProblem;
    QLabel* m_summary;
    QComboBox* m_mode;
    QLabel* m_modeLabel;
    QGroupBox* m_quantGroup;
    QFormLayout* m_quantForm;
    QSpinBox* m_weightBits;
    QSpinBox* m_activationBits;
    QComboBox* m_observer;
    QCheckBox* m_perChannel;
    QCheckBox* m_symmetric;
    QCheckBox* m_keepEnds;
    QSpinBox* m_calibration;
    QGroupBox* m_trainGroup;
    QFormLayout* m_trainForm;
    QSpinBox* m_epochs;
    QDoubleSpinBox* m_learningRate;
    QCheckBox* m_stepwise;
    QCheckBox* m_teacherGuided;
    QGroupBox* m_distillGroup;
    QFormLayout* m_distillForm;
    QLineEdit* m_teacher;
    QPushButton* m_browse;
    QDoubleSpinBox* m_temperature;
    QDoubleSpinBox* m_alpha;
    QDoubleSpinBox* m_featureWeight;
    QComboBox* m_tap;
    QCheckBox* m_attention;
    QDoubleSpinBox* m_relationWeight;
    QComboBox* m_relation;
    QPushButton* m_save;
    QDialogButtonBox* m_buttons;
    struct Row {
        QLabel* label;
        Text text;
    };
    QList<Row> m_rows;
};

} // namespace slim::app
