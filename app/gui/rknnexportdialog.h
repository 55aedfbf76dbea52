#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace slim::app {

/// What File › Export for RKNN writes and runs.
struct RknnExportSettings {
    QString folder;
    QString target = QStringLiteral("rk3588");
    QString dtype = QStringLiteral("w8a8");
    QString algorithm = QStringLiteral("normal");
    QString method = QStringLiteral("channel");
    bool quantize = true;
    QString calibration;       ///< the data set whose training images calibrate
    int calibrationCount = 100;
    bool convert = false;      ///< run convert_rknn.py with `python` right away
    QString python;            ///< a Python that can import rknn.api
};

/// File › Export for RKNN: target, quantization, calibration images, folder, and the Python
/// with rknn-toolkit2 to convert with (checked when set, on a worker thread). Remembers its
/// fields. The export runs as a job; this only gathers the settings. UI thread only.
class RknnExportDialog : public QDialog {
    Q_OBJECT
public:
    RknnExportDialog(const QString& modelName, const QString& dataset, QWidget* parent = nullptr);

    RknnExportSettings settings() const;
    void setSettings(const RknnExportSettings& settings);
    /// Checks the interpreter field now; the verdict appears under it.
    void checkPython();
    QString pythonVerdict() const;

    void accept() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateEnabled();
    void browseFolder();
    void browsePython();

    QString m_modelName;
    QComboBox* m_target;
    QComboBox* m_dtype;
    QComboBox* m_algorithm;
    QComboBox* m_method;
    QCheckBox* m_quantize;
    QLineEdit* m_calibration;
    QSpinBox* m_count;
    QLineEdit* m_folder;
    QPushButton* m_browseFolder;
    QCheckBox* m_convert;
    QLineEdit* m_python;
    QPushButton* m_browsePython;
    QPushButton* m_check;
    QLabel* m_verdict;
    QLabel* m_hint;
    QDialogButtonBox* m_buttons;
    QList<QLabel*> m_labels;
    int m_checks = 0;  ///< checks started, so only the latest verdict is shown
    bool m_pythonRefused = false;  ///< the latest check found this Python cannot convert
};

} // namespace slim::app
