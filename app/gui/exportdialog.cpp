#include "exportdialog.h"

#include "settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace slim::app {

QString absoluteExportPath(const QString& path)
{
    const QString trimmed = QDir::fromNativeSeparators(path.trimmed());
    if (trimmed.isEmpty() || QDir::isAbsolutePath(trimmed))
        return QDir::cleanPath(trimmed);
    return QDir::cleanPath(QDir(settings::startDirectory()).absoluteFilePath(trimmed));
}

ShapeEditor::ShapeEditor(QWidget* parent)
    : QWidget(parent)
    , m_channels(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_width(new QSpinBox(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_channels->setObjectName(QStringLiteral("channelsSpin"));
    m_height->setObjectName(QStringLiteral("heightSpin"));
    m_width->setObjectName(QStringLiteral("widthSpin"));
    for (QSpinBox* spin : {m_channels, m_height, m_width}) {
        spin->setRange(1, 4096);
        if (spin != m_channels)
            layout->addWidget(new QLabel(QStringLiteral("×"), this));
        layout->addWidget(spin);
    }
    setFocusProxy(m_channels);
    retranslate();
    setShape({3, 32, 32});
}

QWidget* ShapeEditor::firstField() const
{
    return m_channels;
}

void ShapeEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ShapeEditor::retranslate()
{
    m_channels->setToolTip(tr("Channels (C): 1 for grey-scale, 3 for colour images"));
    m_height->setToolTip(tr("Height (H) in pixels"));
    m_width->setToolTip(tr("Width (W) in pixels"));
}

std::vector<std::int64_t> ShapeEditor::shape() const
{
    return {m_channels->value(), m_height->value(), m_width->value()};
}

void ShapeEditor::setShape(const std::vector<std::int64_t>& shape)
{
    if (shape.size() != 3)
        return;
    m_channels->setValue(static_cast<int>(shape[0]));
    m_height->setValue(static_cast<int>(shape[1]));
    m_width->setValue(static_cast<int>(shape[2]));
}

ExportDialog::ExportDialog(const QString& modelName, const std::vector<std::int64_t>& inputShape, QWidget* parent)
    : QDialog(parent)
    , m_modelName(modelName)
    , m_format(new QComboBox(this))
    , m_opset(new QSpinBox(this))
    , m_withPreprocessing(new QCheckBox(this))
    , m_shape(new ShapeEditor(this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(this))
    , m_formatLabel(new QLabel(this))
    , m_opsetLabel(new QLabel(this))
    , m_shapeLabel(new QLabel(this))
    , m_pathLabel(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("exportDialog"));
    m_shape->setObjectName(QStringLiteral("shapeEditor"));
    m_formatLabel->setObjectName(QStringLiteral("formatLabel"));
    m_opsetLabel->setObjectName(QStringLiteral("opsetLabel"));
    m_shapeLabel->setObjectName(QStringLiteral("shapeLabel"));
    m_pathLabel->setObjectName(QStringLiteral("pathLabel"));
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_opset->setObjectName(QStringLiteral("opsetSpin"));
    m_path->setObjectName(QStringLiteral("pathEdit"));
    m_withPreprocessing->setObjectName(QStringLiteral("withPreprocessingCheck"));
    m_format->addItem(QString(), ExportSettings::Onnx);
    m_format->addItem(QString(), ExportSettings::TorchScript);
    m_opset->setRange(11, 17);
    m_opset->setValue(13);
    m_shape->setShape(inputShape);
    m_hint->setWordWrap(true);

    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto* form = new QFormLayout;
    form->addRow(m_formatLabel, m_format);
    form->addRow(m_opsetLabel, m_opset);
    form->addRow(m_shapeLabel, m_shape);
    form->addRow(QString(), m_withPreprocessing);
    form->addRow(m_pathLabel, pathRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_path, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslate();
    formatChanged();
}

ExportSettings ExportDialog::settings() const
{
    ExportSettings result;
    result.format = static_cast<ExportSettings::Format>(m_format->currentData().toInt());
    result.opset = m_opset->value();
    result.inputShape = m_shape->shape();
    result.path = absoluteExportPath(m_path->text());
    result.withPreprocessing = m_withPreprocessing->isChecked();
    return result;
}

void ExportDialog::setSettings(const ExportSettings& settings)
{
    m_format->setCurrentIndex(m_format->findData(settings.format));
    m_opset->setValue(settings.opset);
    m_shape->setShape(settings.inputShape);
    m_path->setText(settings.path);
    m_withPreprocessing->setChecked(settings.withPreprocessing);
}

void ExportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ExportDialog::retranslate()
{
    setWindowTitle(tr("Export Model"));
    m_format->setItemText(0, tr("ONNX (for deployment: ONNX Runtime, OpenCV, RKNN)"));
    m_format->setItemText(1, tr("TorchScript (for PyTorch: torch.jit.load)"));
    m_formatLabel->setText(tr("&Format:"));
    m_formatLabel->setBuddy(m_format);
    m_opsetLabel->setText(tr("ONNX &opset:"));
    m_opsetLabel->setBuddy(m_opset);
    m_shapeLabel->setText(tr("&Input size (C × H × W):"));
    m_shapeLabel->setBuddy(m_shape->firstField()); // a label gives focus only to a buddy that takes it
    m_pathLabel->setText(tr("Fi&le:"));
    m_pathLabel->setBuddy(m_path);
    m_browse->setText(tr("&Browse…"));
    m_withPreprocessing->setText(tr("Take &raw pixels (build the model's preprocessing into the file)"));
    m_withPreprocessing->setToolTip(tr("Adds the model's scaling and normalisation as the first layers, so the file "
                                       "takes 0..255 pixels. Leave it off for RKNN, which applies mean and std itself."));
    m_hint->setText(tr("The export runs as a job. It is checked before it is reported: ONNX with the checker, "
                       "strict shape inference and OpenCV DNN; TorchScript by loading it back. Both are compared "
                       "with Slimbench's own output."));
}

void ExportDialog::formatChanged()
{
    const bool onnx = m_format->currentData().toInt() == ExportSettings::Onnx;
    m_opset->setEnabled(onnx);
    const QString suffix = onnx ? QStringLiteral(".onnx") : QStringLiteral(".pt");
    QString path = m_path->text().trimmed();
    if (path.isEmpty())
        path = QDir(settings::startDirectory()).filePath(m_modelName + suffix);
    else
        path = QFileInfo(absoluteExportPath(path)).dir().filePath(QFileInfo(path).completeBaseName() + suffix);
    m_path->setText(QDir::toNativeSeparators(path));
}

void ExportDialog::browse()
{
    const bool onnx = m_format->currentData().toInt() == ExportSettings::Onnx;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Model"), absoluteExportPath(m_path->text()),
                                                      onnx ? tr("ONNX models (*.onnx)") : tr("TorchScript archives (*.pt)"));
    if (!path.isEmpty())
        m_path->setText(QDir::toNativeSeparators(path));
}

std::vector<std::int64_t> askInputShape(QWidget* parent, const QString& fileName, const std::vector<std::int64_t>& suggestion)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("inputShapeDialog"));
    dialog.setWindowTitle(QObject::tr("Input Size"));
    auto* label = new QLabel(QObject::tr("%1 does not say what input it takes. Enter the input size (channels × "
                                         "height × width) the model was written for:")
                                 .arg(fileName),
                             &dialog);
    label->setWordWrap(true);
    auto* editor = new ShapeEditor(&dialog);
    editor->setShape(suggestion);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(label);
    layout->addWidget(editor);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return editor->shape();
}

} // namespace slim::app
