#include "figureexportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace slim::widgets {

namespace {
const QString kGroup = QStringLiteral("figureExport");
}

FigureExportDialog::FigureExportDialog(const QString& name, QWidget* parent)
    : QDialog(parent)
    , m_preset(new QComboBox(this))
    , m_width(new QDoubleSpinBox(this))
    , m_height(new QDoubleSpinBox(this))
    , m_dpi(new QSpinBox(this))
    , m_font(new QFontComboBox(this))
    , m_fontSize(new QDoubleSpinBox(this))
    , m_grayscale(new QCheckBox(tr("&Grayscale (lines told apart by dashes and markers)"), this))
    , m_path(new QLineEdit(this))
{
    setWindowTitle(tr("Export Figure"));
    setObjectName(QStringLiteral("figureExportDialog"));
    m_preset->setObjectName(QStringLiteral("figurePreset"));
    m_preset->addItem(tr("Thesis, single column (8.5 × 6 cm)"), int(FigureStyle::Preset::SingleColumn));
    m_preset->addItem(tr("Thesis, double column (17 × 8 cm)"), int(FigureStyle::Preset::DoubleColumn));
    m_preset->addItem(tr("Slide, 16:9 (25.4 × 14.3 cm)"), int(FigureStyle::Preset::Slide));
    m_preset->addItem(tr("Custom"), int(FigureStyle::Preset::Custom));
    for (QDoubleSpinBox* size : {m_width, m_height}) {
        size->setRange(2, 60);
        size->setDecimals(1);
        size->setSingleStep(0.5);
        size->setSuffix(tr(" cm"));
    }
    m_dpi->setRange(72, 1200);
    m_dpi->setSingleStep(50);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("For the PNG; PDF and SVG are vector graphics and print sharp at any size"));
    m_fontSize->setRange(5, 28);
    m_fontSize->setDecimals(1);
    m_fontSize->setSuffix(tr(" pt"));
    m_font->setToolTip(tr("Noto Sans CJK SC prints Chinese and Latin text alike"));
    m_width->setObjectName(QStringLiteral("figureWidth"));
    m_height->setObjectName(QStringLiteral("figureHeight"));
    m_dpi->setObjectName(QStringLiteral("figureDpi"));
    m_grayscale->setObjectName(QStringLiteral("figureGrayscale"));
    m_path->setObjectName(QStringLiteral("figurePath"));

    auto* size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×"), this));
    size->addWidget(m_height);
    auto* font = new QHBoxLayout;
    font->addWidget(m_font, 1);
    font->addWidget(m_fontSize);
    auto* formats = new QHBoxLayout;
    for (const QString& format : figureFormats()) {
        auto* box = new QCheckBox(format.toUpper(), this);
        box->setObjectName(QStringLiteral("figureFormat_") + format);
        box->setProperty("format", format);
        box->setChecked(true);
        m_formats << box;
        formats->addWidget(box);
    }
    formats->addStretch();
    auto* path = new QHBoxLayout;
    path->addWidget(m_path, 1);
    auto* browse = new QPushButton(tr("&Browse…"), this);
    path->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("&Preset:"), m_preset);
    form->addRow(tr("&Size:"), size);
    form->addRow(tr("&Resolution:"), m_dpi);
    form->addRow(tr("&Font:"), font);
    form->addRow(QString(), m_grayscale);
    form->addRow(tr("Formats:"), formats);
    form->addRow(tr("Save &as:"), path);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &FigureExportDialog::applyPreset);
    for (QDoubleSpinBox* box : {m_width, m_height, m_fontSize})
        connect(box, &QDoubleSpinBox::valueChanged, this, &FigureExportDialog::markCustom);
    connect(m_dpi, &QSpinBox::valueChanged, this, &FigureExportDialog::markCustom);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getSaveFileName(this, tr("Export Figure"), m_path->text(),
                                                            tr("Figures (*.png *.pdf *.svg *.csv)"));
        if (!chosen.isEmpty())
            m_path->setText(QDir::toNativeSeparators(chosen));
    });

    // The last choices, else the single-column preset.
    QSettings settings;
    settings.beginGroup(kGroup);
    const int preset = m_preset->findData(settings.value(QStringLiteral("preset"), 0).toInt());
    m_preset->setCurrentIndex(preset >= 0 ? preset : 0);
    setStyle(rememberedStyle());
    const QString folder = settings.value(QStringLiteral("folder"),
                                          QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                               .toString();
    m_path->setText(QDir::toNativeSeparators(QDir(folder.isEmpty() ? QDir::homePath() : folder).filePath(name)));
}

FigureStyle FigureExportDialog::rememberedStyle()
{
    QSettings settings;
    settings.beginGroup(kGroup);
    const auto preset = FigureStyle::Preset(settings.value(QStringLiteral("preset"), 0).toInt());
    FigureStyle style = FigureStyle::preset(preset);
    style.widthCm = settings.value(QStringLiteral("widthCm"), style.widthCm).toDouble();
    style.heightCm = settings.value(QStringLiteral("heightCm"), style.heightCm).toDouble();
    style.dpi = settings.value(QStringLiteral("dpi"), style.dpi).toInt();
    style.fontFamily = settings.value(QStringLiteral("font"), style.fontFamily).toString();
    style.fontPt = settings.value(QStringLiteral("fontPt"), style.fontPt).toDouble();
    style.grayscale = settings.value(QStringLiteral("grayscale"), false).toBool();
    return style;
}

void FigureExportDialog::applyPreset()
{
    const auto preset = FigureStyle::Preset(m_preset->currentData().toInt());
    if (preset == FigureStyle::Preset::Custom)
        return;
    m_applyingPreset = true;
    setStyle(FigureStyle::preset(preset));
    m_applyingPreset = false;
}

void FigureExportDialog::markCustom()
{
    if (m_applyingPreset)
        return;
    const auto preset = FigureStyle::Preset(m_preset->currentData().toInt());
    if (preset == FigureStyle::Preset::Custom)
        return;
    const FigureStyle chosen = FigureStyle::preset(preset);
    const FigureStyle now = style();
    if (now.widthCm != chosen.widthCm || now.heightCm != chosen.heightCm || now.dpi != chosen.dpi || now.fontPt != chosen.fontPt) {
        const QSignalBlocker blocker(m_preset);
        m_preset->setCurrentIndex(m_preset->findData(int(FigureStyle::Preset::Custom)));
    }
}

FigureStyle FigureExportDialog::style() const
{
    FigureStyle style;
    style.widthCm = m_width->value();
    style.heightCm = m_height->value();
    style.dpi = m_dpi->value();
    style.fontFamily = m_font->currentFont().family();
    style.fontPt = m_fontSize->value();
    style.grayscale = m_grayscale->isChecked();
    return style;
}

void FigureExportDialog::setStyle(const FigureStyle& style)
{
    const bool applying = m_applyingPreset;
    m_applyingPreset = true;
    m_width->setValue(style.widthCm);
    m_height->setValue(style.heightCm);
    m_dpi->setValue(style.dpi);
    if (!style.fontFamily.isEmpty())
        m_font->setCurrentFont(QFont(style.fontFamily));
    m_fontSize->setValue(style.fontPt);
    m_grayscale->setChecked(style.grayscale);
    m_applyingPreset = applying;
    markCustom();
}

QString FigureExportDialog::basePath() const
{
    QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    const QFileInfo info(path);
    if (figureFormats().contains(info.suffix().toLower()))
        path.chop(info.suffix().size() + 1);
    return path;
}

QStringList FigureExportDialog::formats() const
{
    QStringList chosen;
    for (QCheckBox* box : m_formats) {
        if (box->isChecked())
            chosen << box->property("format").toString();
    }
    return chosen;
}

void FigureExportDialog::accept()
{
    if (formats().isEmpty()) {
        QMessageBox::warning(this, tr("Export Figure"), tr("Choose at least one format."));
        return;
    }
    const QString base = basePath();
    if (base.isEmpty() || !QFileInfo(QFileInfo(base).absolutePath()).isDir()) {
        QMessageBox::warning(this, tr("Export Figure"),
                             tr("The folder of %1 does not exist. Choose where to save the figure.")
                                 .arg(QDir::toNativeSeparators(base)));
        return;
    }
    QSettings settings;
    settings.beginGroup(kGroup);
    const FigureStyle chosen = style();
    settings.setValue(QStringLiteral("preset"), m_preset->currentData().toInt());
    settings.setValue(QStringLiteral("widthCm"), chosen.widthCm);
    settings.setValue(QStringLiteral("heightCm"), chosen.heightCm);
    settings.setValue(QStringLiteral("dpi"), chosen.dpi);
    settings.setValue(QStringLiteral("font"), chosen.fontFamily);
    settings.setValue(QStringLiteral("fontPt"), chosen.fontPt);
    settings.setValue(QStringLiteral("grayscale"), chosen.grayscale);
    settings.setValue(QStringLiteral("folder"), QFileInfo(base).absolutePath());
    QDialog::accept();
}

} // namespace slim::widgets
