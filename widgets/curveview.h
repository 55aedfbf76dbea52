#pragma once

#include <QColor>
#include <QHash>
#include <QVector>
#include <QWidget>

#include "figureexport.h"

class QCheckBox;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;

namespace slim::widgets {

/// Live training curves: loss above, accuracy below, two stacked axes sharing the epoch axis.
/// Series whose name contains "loss" go to the loss axes, the others (accuracies, 0..1) to
/// the accuracy axes. Per-batch series ("train/…") are drawn faintly as they came and as an
/// exponential moving average whose weight the user sets; validation series ("val/…") are
/// per-epoch markers. Reference lines (a baseline or teacher accuracy) run across the
/// accuracy axes. clear() keeps the run it removes as an earlier run, drawn in grey under the
/// next one when the user asks for it (the last three are kept). Each series keeps one colour
/// in every run (seriesColour()). With no series it says how to start training. Points arrive
/// in batches and the plot redraws by queued replot, so a fast stream never floods the event
/// loop. UI thread only.
class CurveView : public QWidget {
    Q_OBJECT
public:
    explicit CurveView(QWidget* parent = nullptr);

    /// Appends points to `series` (created on first use). A non-empty `label` names it in the
    /// legend, as setSeriesLabel() does.
    void addPoints(const QString& series, const QVector<double>& x, const QVector<double>& y, const QString& label = {});
    /// Names `series` in the legend, now or when it is created; call again on a language change.
    void setSeriesLabel(const QString& series, const QString& label);
    /// Removes every series and reference line (the labels stay), keeping the series as an
    /// earlier run, and shows the empty-state message.
    void clear();

    /// The EMA weight of per-batch series, 0 (raw) to 0.99 (smoothest); default 0.6.
    void setSmoothing(double weight);
    double smoothing() const;
    /// The moving average of `series` as drawn (empty for per-epoch series).
    QVector<double> smoothedValues(const QString& series) const;

    /// A horizontal dashed line at `accuracy` across the accuracy axes, named `label`
    /// (replacing one of the same `name`).
    void setReferenceLine(const QString& name, double accuracy, const QString& label);
    bool hasReferenceLine(const QString& name) const { return m_references.contains(name); }
    double referenceValue(const QString& name) const;

    /// Whether earlier runs are drawn under the current one.
    void setShowEarlierRuns(bool show);
    bool showsEarlierRuns() const;
    int earlierRunCount() const { return static_cast<int>(m_earlierRuns.size()); }

    int seriesCount() const { return m_series.size(); }
    int pointCount(const QString& series) const;
    /// The legend text of `series`, or empty when it does not exist.
    QString seriesLabel(const QString& series) const;
    /// The message shown while there are no series.
    QString emptyText() const;
    bool isEmptyTextVisible() const;
    QCustomPlot* plot() const { return m_plot; }
    QCPAxisRect* lossRect() const { return m_lossRect; }
    QCPAxisRect* accuracyRect() const { return m_accuracyRect; }

    /// The plotted numbers: one row per point (series, x, y), the moving averages as
    /// "<series> (EMA)", and reference lines as "reference:<name>" with no x.
    FigureTable figureTable() const;

    /// The colour `series` is drawn in: fixed for the trainer's series (train/loss,
    /// train/accuracy, val/loss, val/top1, val/top5), a stable pick for any other name, all
    /// from the colour-blind-safe Okabe–Ito palette.
    static QColor seriesColour(const QString& series);

    QSize sizeHint() const override { return {640, 420}; }
    QSize minimumSizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Series {
        QCPGraph* points = nullptr;    ///< as reported (faint for per-batch series)
        QCPGraph* smoothed = nullptr;  ///< per-batch series: the moving average
        double average = 0;
        bool started = false;
    };
    struct Reference {
        QCPItemStraightLine* line = nullptr;
        QCPItemText* text = nullptr;
        double value = 0;
    };

    void retranslate();
    void updateRanges();
    void updateEmptyState();
    void placeEmptyText();
    void resmooth(Series& series);
    void removeReferences();

    QCustomPlot* m_plot;
    QCPAxisRect* m_lossRect = nullptr;
    QCPAxisRect* m_accuracyRect = nullptr;
    QLabel* m_emptyLabel;
    QLabel* m_smoothingLabel;
    QDoubleSpinBox* m_smoothing;
    QCheckBox* m_earlier;
    QHash<QString, Series> m_series;
    QHash<QString, QString> m_labels;
    QHash<QString, Reference> m_references;
    QVector<QVector<QCPGraph*>> m_earlierRuns;  ///< oldest first
};

} // namespace slim::widgets
