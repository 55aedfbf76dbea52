#pragma once

#include <QDialog>

#include <cstdint>
#include <vector>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QCheckBox;

namespace slim::app {

/// What File › Export writes.
struct ExportSettings {
    enum Format { Onnx, TorchScript };
    Format format = Onnx;
    int opset = 13;                       ///< ONNX only: 11..17
    std::vector<std::int64_t> inputShape; ///< C, H, W
    QString path;
    bool withPreprocessing = false;       ///< build the model's preprocessing in: the file takes raw pixels
};

/// `path` made absolute: a relative path is taken as inside settings::startDirectory(), never
/// the working directory.
QString absoluteExportPath(const QString& path);

/// Three spin boxes for an input size C × H × W; focus goes to the first.
class ShapeEditor : public QWidget {
    Q_OBJECT
public:
    explicit ShapeEditor(QWidget* parent = nullptr);
    std::vector<std::int64_t> shape() const;
    void setShape(const std::vector<std::int64_t>& shape);
    /// The channels box: the buddy for a label of the whole size.
    QWidget* firstField() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QSpinBox* m_channels;
    QSpinBox* m_height;
    QSpinBox* m_width;
};

/// File › Export: format (ONNX or TorchScript), ONNX opset, input size and file. The export
/// itself runs as a job; this only gathers the settings. UI thread only.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& modelName, const std::vector<std::int64_t>& inputShape, QWidget* parent = nullptr);

    ExportSettings settings() const;
    void setSettings(const ExportSettings& settings);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void formatChanged();
    void browse();

    QString m_modelName;
    QComboBox* m_format;
    QSpinBox* m_opset;
    QCheckBox* m_withPreprocessing;
    ShapeEditor* m_shape;
    QLineEdit* m_path;
    QPushButton* m_browse;
    QLabel* m_formatLabel;
    QLabel* m_opsetLabel;
    QLabel* m_shapeLabel;
    QLabel* m_pathLabel;
    QLabel* m_hint;
    QDialogButtonBox* m_buttons;
};

/// Asks for the input size of a model file that does not carry one (TorchScript `.pt`).
/// Returns an empty shape when the user cancels.
std::vector<std::int64_t> askInputShape(QWidget* parent, const QString& fileName, const std::vector<std::int64_t>& suggestion);

} // namespace slim::app
