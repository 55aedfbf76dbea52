#pragma once

#include <QVector>
#include <QWidget>

#include "figureexport.h"

class QCheckBox;
class QCPBars;
class QCPItemStraightLine;
class QCustomPlot;
class QLabel;
class QSpinBox;

namespace slim::widgets {

/// The distribution of a set of values (BatchNorm |γ| of every layer, or of one) as a
/// histogram, with a global threshold as a vertical line the user drags: values below it
/// would be pruned. Shows "kept N of M" as the line moves. Bins and a log count axis are
/// the user's to choose. Plain numbers in; knows nothing of models. UI thread only.
class HistogramView : public QWidget {
    Q_OBJECT
public:
    explicit HistogramView(QWidget* parent = nullptr);

    /// Replaces the values; the threshold is kept (clamped into their range). `valueName`
    /// labels the horizontal axis ("|γ|").
    void setValues(const QVector<double>& values, const QString& valueName = {});
    int valueCount() const { return static_cast<int>(m_values.size()); }

    void setBins(int bins);  ///< 1..500
    int bins() const;
    /// Counts per bin over [min, max] of the values, equal widths, the last bin closed.
    QVector<double> binCounts() const;

    /// Counts on a logarithmic axis, so a few large bins do not flatten the rest.
    void setLogCounts(bool logarithmic);
    bool logCounts() const;

    /// Moves the line without emitting thresholdChanged() (the other side of a two-way link).
    void setThreshold(double threshold);
    double threshold() const { return m_threshold; }
    /// Values at or above the threshold.
    int keptCount() const;
    /// "Kept 12 of 48 (25.0 %)", as the widget shows it.
    QString keptText() const;

    /// The plotted numbers: each bin's range and count.
    FigureTable figureTable() const;

    QCustomPlot* plot() const { return m_plot; }
    QSize sizeHint() const override { return {480, 320}; }

Q_SIGNALS:
    /// The user dragged (or clicked) the threshold to `threshold`.
    void thresholdChanged(double threshold);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rebuild();
    void updateLine();
    void dragTo(int pixelX);

    QCustomPlot* m_plot;
    QCPBars* m_bars = nullptr;
    QCPItemStraightLine* m_line = nullptr;
    QSpinBox* m_bins;
    QCheckBox* m_log;
    QLabel* m_binsLabel;
    QLabel* m_kept;
    QVector<double> m_values;
    double m_threshold = 0;
    bool m_dragging = false;
};

} // namespace slim::widgets
