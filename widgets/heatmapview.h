#pragma once

#include <QPoint>
#include <QString>
#include <QVector>
#include <QWidget>

#include "figureexport.h"

class QCheckBox;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCustomPlot;

namespace slim::widgets {

/// One row of a heatmap: a layer (or channel group) and one value per channel.
struct HeatmapRow {
    QString name;
    QVector<double> values;
};

/// A heatmap of per-channel statistics: rows are layers (or groups), columns channels, colour
/// the value (weight sparsity per filter, a norm, |γ|, a criterion's score, or 1/0 for kept
/// and removed). Rows of different widths are drawn as they are: the cells past a row's last
/// channel are grey, never stretched. A colour scale with the value's name, a log scale on
/// request, a tooltip naming row, channel and value, and a click on a row emits rowClicked().
/// Also serves γ over epochs (rows: channels, columns: epochs). Plain numbers in; UI thread only.
class HeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent = nullptr);

    /// Replaces the data. `valueName` labels the colour scale ("|γ|", "L1 norm");
    /// `columnName` the horizontal axis ("channel", "epoch").
    void setRows(const QVector<HeatmapRow>& rows, const QString& valueName, const QString& columnName = {});
    int rowCount() const { return static_cast<int>(m_rows.size()); }
    int columnCount() const { return m_columns; }

    /// Colours on a logarithmic scale (for norms spanning decades); values ≤ 0 are then grey.
    void setLogScale(bool logarithmic);
    bool logScale() const;

    /// The row under `plotPosition` (in plot() coordinates), or -1.
    int rowAt(const QPoint& plotPosition) const;
    /// "layer1.0.conv1, channel 3: 0.25"; empty off the cells or on a grey one.
    QString toolTipAt(const QPoint& plotPosition) const;
    /// Marks the row called `name` (the selection elsewhere); unknown or empty clears it.
    void highlightRow(const QString& name);
    QString highlightedRow() const;

    /// The plotted numbers: one row per heatmap row, one column per channel (empty past a
    /// row's last channel).
    FigureTable figureTable() const;

    QCustomPlot* plot() const { return m_plot; }
    QCPColorMap* colorMap() const { return m_map; }
    QSize sizeHint() const override { return {560, 360}; }

Q_SIGNALS:
    void rowClicked(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rebuild();
    void updateRowTicks();
    /// The cell under `plotPosition`: row and column, or {-1, -1}.
    QPoint cellAt(const QPoint& plotPosition) const;

    QCustomPlot* m_plot;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPItemRect* m_highlight = nullptr;
    QCheckBox* m_log;
    QVector<HeatmapRow> m_rows;
    QString m_valueName;
    QString m_columnName;
    int m_columns = 0;
    int m_highlighted = -1;
};

} // namespace slim::widgets
