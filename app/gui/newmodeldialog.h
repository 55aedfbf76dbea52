#pragma once

#include "io/zoospec.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace slim::app {

/// File › New from Zoo: choose a zoo model, its input size and number of classes, directly
/// or from a data-set preset. UI thread only.
class NewModelDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewModelDialog(QWidget* parent = nullptr);

    engine::ZooSpec spec() const;
    void setSpec(const engine::ZooSpec& spec);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void applyPreset(int index);
    void syncPresetToFields();

    QComboBox* m_model;
    QComboBox* m_preset;
    QSpinBox* m_channels;
    QSpinBox* m_height;
    QSpinBox* m_width;
    QSpinBox* m_classes;
    QLabel* m_modelLabel;
    QLabel* m_presetLabel;
    QLabel* m_inputLabel;
    QLabel* m_classesLabel;
    QDialogButtonBox* m_buttons;
};

/// The zoo model's name as shown to users ("ResNet-56 (CIFAR)").
QString zooDisplayName(const QString& model);

} // namespace slim::app
