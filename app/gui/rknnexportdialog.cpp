#include "rknnexportdialog.h"

#include "backgroundtask.h"
#include "exportdialog.h"
#include "jobs/rknnexport.h"
#include "settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace slim::app {

namespace {
const QString kSettingsGroup = QStringLiteral("rknn/");

QComboBox* comboOf(const std::vector<std::string>& items, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    for (const std::string& item : items)
        combo->addItem(QString::fromStdString(item), QString::fromStdString(item));
    return combo;
}
} // namespace

RknnExportDialog::RknnExportDialog(const QString& modelName, const QString& dataset, QWidget* parent)
    : QDialog(parent)
    , m_modelName(modelName)
    , m_target(comboOf(engine::rknnTargets(), this))
    , m_dtype(comboOf({"w8a8", "w8a16", "w16a16i"}, this))
    , m_algorithm(comboOf({"normal", "mmse", "kl_divergence"}, this))
    , m_method(comboOf({"channel", "layer"}, this))
    , m_quantize(new QCheckBox(this))
    , m_calibration(new QLineEdit(dataset, this))
    , m_count(new QSpinBox(this))
    , m_folder(new QLineEdit(this))
    , m_browseFolder(new QPushButton(this))
    , m_convert(new QCheckBox(this))
    , m_python(new QLineEdit(this))
    , m_browsePython(new QPushButton(this))
    , m_check(new QPushButton(this))
    , m_verdict(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("rknnExportDialog"));
    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_dtype->setObjectName(QStringLiteral("dtypeCombo"));
    m_algorithm->setObjectName(QStringLiteral("algorithmCombo"));
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_quantize->setObjectName(QStringLiteral("quantizeCheck"));
    m_calibration->setObjectName(QStringLiteral("calibrationEdit"));
    m_count->setObjectName(QStringLiteral("countSpin"));
    m_folder->setObjectName(QStringLiteral("folderEdit"));
    m_convert->setObjectName(QStringLiteral("convertCheck"));
    m_python->setObjectName(QStringLiteral("pythonEdit"));
    m_check->setObjectName(QStringLiteral("checkPythonButton"));
    m_verdict->setObjectName(QStringLiteral("pythonVerdict"));
    m_count->setRange(1, 10000);
    m_count->setValue(100);
    m_quantize->setChecked(true);
    m_verdict->setWordWrap(true);
    m_hint->setWordWrap(true);
    m_folder->setText(QDir(settings::startDirectory()).filePath(modelName + QStringLiteral("-rknn")));

    const auto label = [this](QWidget* buddy) {
        auto* text = new QLabel(this);
        text->setBuddy(buddy);
        m_labels << text;
        return text;
    };
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browseFolder);
    auto* pythonRow = new QHBoxLayout;
    pythonRow->addWidget(m_python, 1);
    pythonRow->addWidget(m_browsePython);
    pythonRow->addWidget(m_check);
    auto* form = new QFormLayout;
    form->addRow(label(m_target), m_target);
    form->addRow(QString(), m_quantize);
    form->addRow(label(m_dtype), m_dtype);
    form->addRow(label(m_algorithm), m_algorithm);
    form->addRow(label(m_method), m_method);
    form->addRow(label(m_calibration), m_calibration);
    form->addRow(label(m_count), m_count);
    form->addRow(label(m_folder), folderRow);
    form->addRow(QString(), m_convert);
    form->addRow(label(m_python), pythonRow);
    form->addRow(QString(), m_verdict);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);

    // The fields as last used.
    const QSettings stored;
    RknnExportSettings remembered;
    remembered.folder = m_folder->text();
    remembered.calibration = m_calibration->text();
    remembered.target = stored.value(kSettingsGroup + "target", remembered.target).toString();
    remembered.dtype = stored.value(kSettingsGroup + "dtype", remembered.dtype).toString();
    remembered.algorithm = stored.value(kSettingsGroup + "algorithm", remembered.algorithm).toString();
    remembered.method = stored.value(kSettingsGroup + "method", remembered.method).toString();
    remembered.quantize = stored.value(kSettingsGroup + "quantize", true).toBool();
    remembered.calibrationCount = stored.value(kSettingsGroup + "calibrationCount", 100).toInt();
    remembered.convert = stored.value(kSettingsGroup + "convert", false).toBool();
    remembered.python = stored.value(kSettingsGroup + "python").toString();
    setSettings(remembered);

    connect(m_quantize, &QCheckBox::toggled, this, &RknnExportDialog::updateEnabled);
    connect(m_convert, &QCheckBox::toggled, this, &RknnExportDialog::updateEnabled);
    connect(m_folder, &QLineEdit::textChanged, this, &RknnExportDialog::updateEnabled);
    connect(m_calibration, &QLineEdit::textChanged, this, &RknnExportDialog::updateEnabled);
    connect(m_python, &QLineEdit::textChanged, this, [this] {
        m_verdict->clear();
        m_pythonRefused = false;
        ++m_checks; // a verdict still on its way is about another path
        updateEnabled();
    });
    connect(m_browseFolder, &QPushButton::clicked, this, &RknnExportDialog::browseFolder);
    connect(m_browsePython, &QPushButton::clicked, this, &RknnExportDialog::browsePython);
    connect(m_check, &QPushButton::clicked, this, &RknnExportDialog::checkPython);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RknnExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslate();
    updateEnabled();
}

RknnExportSettings RknnExportDialog::settings() const
{
    RknnExportSettings result;
    result.folder = absoluteExportPath(m_folder->text());
    result.target = m_target->currentData().toString();
    result.dtype = m_dtype->currentData().toString();
    result.algorithm = m_algorithm->currentData().toString();
    result.method = m_method->currentData().toString();
    result.quantize = m_quantize->isChecked();
    result.calibration = m_calibration->text().trimmed();
    result.calibrationCount = m_count->value();
    result.convert = m_convert->isChecked();
    result.python = m_python->text().trimmed();
    return result;
}

void RknnExportDialog::setSettings(const RknnExportSettings& settings)
{
    const auto select = [](QComboBox* combo, const QString& text) {
        if (const int index = combo->findData(text); index >= 0)
            combo->setCurrentIndex(index);
    };
    if (!settings.folder.isEmpty())
        m_folder->setText(settings.folder);
    select(m_target, settings.target);
    select(m_dtype, settings.dtype);
    select(m_algorithm, settings.algorithm);
    select(m_method, settings.method);
    m_quantize->setChecked(settings.quantize);
    if (!settings.calibration.isEmpty())
        m_calibration->setText(settings.calibration);
    m_count->setValue(settings.calibrationCount);
    m_convert->setChecked(settings.convert);
    m_python->setText(settings.python);
    updateEnabled();
}

void RknnExportDialog::checkPython()
{
    const std::string python = m_python->text().trimmed().toStdString();
    if (python.empty())
        return;
    const int check = ++m_checks;
    m_verdict->setText(tr("Checking %1…").arg(QString::fromStdString(python)));
    runInBackground<std::string>(
        this, [python] { return engine::checkRknnPython(python); },
        [this, check](const std::string& problem) {
            if (check != m_checks)
                return;
            m_verdict->setText(problem.empty() ? tr("✓ This Python can import rknn.api.")
                                               : tr("✗ %1").arg(QString::fromStdString(problem)));
            m_pythonRefused = !problem.empty();
            updateEnabled();
        },
        [this, check](const QString& error) {
            if (check != m_checks)
                return;
            m_verdict->setText(tr("✗ %1").arg(error));
            m_pythonRefused = true;
            updateEnabled();
        });
}

QString RknnExportDialog::pythonVerdict() const
{
    return m_verdict->text();
}

void RknnExportDialog::accept()
{
    const RknnExportSettings chosen = settings();
    QSettings stored;
    stored.setValue(kSettingsGroup + "target", chosen.target);
    stored.setValue(kSettingsGroup + "dtype", chosen.dtype);
    stored.setValue(kSettingsGroup + "algorithm", chosen.algorithm);
    stored.setValue(kSettingsGroup + "method", chosen.method);
    stored.setValue(kSettingsGroup + "quantize", chosen.quantize);
    stored.setValue(kSettingsGroup + "calibrationCount", chosen.calibrationCount);
    stored.setValue(kSettingsGroup + "convert", chosen.convert);
    stored.setValue(kSettingsGroup + "python", chosen.python);
    QDialog::accept();
}

void RknnExportDialog::updateEnabled()
{
    const bool quantize = m_quantize->isChecked();
    for (QWidget* field : {static_cast<QWidget*>(m_dtype), static_cast<QWidget*>(m_algorithm),
                           static_cast<QWidget*>(m_method), static_cast<QWidget*>(m_calibration), static_cast<QWidget*>(m_count)})
        field->setEnabled(quantize);
    const bool convert = m_convert->isChecked();
    m_python->setEnabled(convert);
    m_browsePython->setEnabled(convert);
    m_check->setEnabled(convert && !m_python->text().trimmed().isEmpty());
    // A Python the check refused would only fail the export at its last step.
    const bool ready = !m_folder->text().trimmed().isEmpty() && (!quantize || !m_calibration->text().trimmed().isEmpty())
                       && (!convert || (!m_python->text().trimmed().isEmpty() && !m_pythonRefused));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ready);
}

void RknnExportDialog::browseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the RKNN bundle"), settings::startDirectory());
    if (!folder.isEmpty())
        m_folder->setText(QDir(folder).filePath(m_modelName + QStringLiteral("-rknn")));
}

void RknnExportDialog::browsePython()
{
    const QString python = QFileDialog::getOpenFileName(this, tr("Python with rknn-toolkit2"), QDir::homePath());
    if (!python.isEmpty()) {
        m_python->setText(python);
        checkPython();
    }
}

void RknnExportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void RknnExportDialog::retranslate()
{
    setWindowTitle(tr("Export %1 for RKNN").arg(m_modelName));
    const QStringList texts{tr("&Target platform:"), tr("Quantized t&ype:"), tr("Quantization &algorithm:"),
                            tr("Quantize per:"), tr("&Calibration data set:"), tr("Calibration &images:"),
                            tr("&Folder:"), tr("&Python:")};
    for (int i = 0; i < m_labels.size() && i < texts.size(); ++i)
        m_labels[i]->setText(texts[i]);
    m_quantize->setText(tr("&Quantize on the NPU (RKNN's post-training quantization)"));
    m_method->setItemText(0, tr("channel"));
    m_method->setItemText(1, tr("layer"));
    m_convert->setText(tr("Con&vert now with rknn-toolkit2"));
    m_browseFolder->setText(tr("Browse…"));
    m_browsePython->setText(tr("Browse…"));
    m_check->setText(tr("Check"));
    m_calibration->setToolTip(tr("A data set folder; its training images are written as PNG for dataset.txt"));
    m_python->setToolTip(tr("The python of the virtual environment where rknn-toolkit2 is installed"));
    m_hint->setText(tr("The folder receives model.onnx (float, BatchNorm folded, verified), the calibration images with "
                       "dataset.txt, convert_rknn.py and a README. The model's normalisation goes into the script in "
                       "pixel units, so RKNN applies it once. Without rknn-toolkit2 here, run convert_rknn.py where it "
                       "is installed."));
}

} // namespace slim::app
