#pragma once

#include "figureexport.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFontComboBox;
class QLineEdit;
class QSpinBox;

namespace slim::widgets {

/// Export Figure: where, in which formats, and how (a preset for a single- or double-column
/// thesis figure or a slide, or a custom size; DPI, font and size, grayscale). Remembers the
/// last choices. UI thread only.
class FigureExportDialog : public QDialog {
    Q_OBJECT
public:
    /// `name`: the file name to suggest ("curves").
    explicit FigureExportDialog(const QString& name, QWidget* parent = nullptr);

    /// The style chosen last time (any dialog), else the single-column preset.
    static FigureStyle rememberedStyle();

    FigureStyle style() const;
    void setStyle(const FigureStyle& style);
    /// The chosen path without extension; each format adds its own.
    QString basePath() const;
    QStringList formats() const;

    void accept() override;

private:
    void applyPreset();
    void markCustom();

    QComboBox* m_preset;
    QDoubleSpinBox* m_width;
    QDoubleSpinBox* m_height;
    QSpinBox* m_dpi;
    QFontComboBox* m_font;
    QDoubleSpinBox* m_fontSize;
    QCheckBox* m_grayscale;
    QList<QCheckBox*> m_formats;
    QLineEdit* m_path;
    bool m_applyingPreset = false;
};

} // namespace slim::widgets
