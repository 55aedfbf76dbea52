#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

class QCustomPlot;
class QWidget;

namespace slim::widgets {

/// A table of plotted numbers: a header row and data rows of the same length (cells may be
/// empty), written as CSV beside a saved figure.
struct FigureTable {
    QStringList header;
    QVector<QStringList> rows;

    /// RFC 4180 CSV with a header line; cells holding a comma, quote or line break are quoted.
    QString toCsv() const;
};

/// How a figure is written for a thesis or slides: its printed size, resolution, font and
/// palette. The figure is laid out at its printed size (at 96 logical dpi), so a font of 8 pt
/// prints as 8 pt at any DPI.
struct FigureStyle {
    enum class Preset { SingleColumn, DoubleColumn, Slide, Custom };
    double widthCm = 8.5;
    double heightCm = 6.0;
    int dpi = 300;          ///< for PNG; PDF and SVG are vector
    QString fontFamily;     ///< empty: the plot's own
    double fontPt = 8;      ///< every axis, tick and legend text; 0: the plot's own sizes
    bool grayscale = false; ///< gray pens and fills, lines told apart by dash and marker shape

    /// Single column 8.5 × 6 cm, double column 17 × 8 cm (300 dpi, 8 pt), slide 25.4 × 14.3 cm
    /// (16:9, 150 dpi, 14 pt); Custom is the single-column one to start from.
    static FigureStyle preset(Preset preset);
    /// The family that prints Chinese and Latin text alike when it is installed (Noto Sans CJK
    /// SC, from fonts-noto-cjk), else the application's.
    static QString defaultFontFamily();
};

/// "png", "pdf", "svg", "csv": every format saveFigure() writes.
const QStringList& figureFormats();

/// Saves `plot` as `base`.png (at `style.dpi`, `style.widthCm` × `style.heightCm` with the
/// resolution recorded), `base`.pdf (a page of exactly that size) and `base`.svg (its width and
/// height in mm), and `table` as `base`.csv, for each of `formats`. The plot is styled for the
/// files only and looks as before afterwards. Returns an empty string, or the first file that
/// could not be written and why (files written before it stay).
QString saveFigure(QCustomPlot* plot, const QString& base, const FigureTable& table, const FigureStyle& style,
                   const QStringList& formats = figureFormats());
/// At the plot's on-screen size and fonts, PNG at `dpi`.
QString saveFigure(QCustomPlot* plot, const QString& base, const FigureTable& table, int dpi = 300);

/// Gives `plot` a context menu with "Export Figure…", which opens FigureExportDialog: preset,
/// size, DPI, font, grayscale and formats; then the files are written beside each other. `table`
/// is asked for the numbers when the user saves. Errors are shown in a message box. `name` is
/// the file name the dialog suggests ("cost", "curves").
void addSaveFigureMenu(QWidget* view, QCustomPlot* plot, std::function<FigureTable()> table, const QString& name);

/// A number as the CSV holds it: full precision, C locale.
QString csvNumber(double value);

} // namespace slim::widgets
