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

/// Saves `plot` as `base`.png (at `dpi`, the plot's on-screen size scaled to that resolution),
/// `base`.pdf and `base`.svg (vector), and `table` as `base`.csv. Returns an empty string, or
/// the first file that could not be written and why (files written before it stay).
QString saveFigure(QCustomPlot* plot, const QString& base, const FigureTable& table, int dpi = 300);

/// Gives `plot` a context menu with "Save Figure…": the user picks a file name, and the PNG
/// (at the DPI chosen in the menu), PDF, SVG and CSV are written beside each other. `table`
/// is asked for the numbers when the user saves. Errors are shown in a message box.
/// `name` is the file name the dialog suggests ("cost", "curves").
void addSaveFigureMenu(QWidget* view, QCustomPlot* plot, std::function<FigureTable()> table, const QString& name);

/// A number as the CSV holds it: full precision, C locale.
QString csvNumber(double value);

} // namespace slim::widgets
