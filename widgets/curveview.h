#pragma once

#include <QColor>
#include <QHash>
#include <QWidget>

#include "figureexport.h"

class QCustomPlot;
class QCPGraph;
class QLabel;

namespace slim::widgets {

/// Live training curves: any number of named series against one x axis (epochs). Series
/// whose name contains "loss" use the left axis, the others (accuracies, 0..1) the right;
/// names starting with "val" are drawn as markers. Each series keeps one colour in every run
/// (seriesColour()). With no series it says how to start training instead of showing an
/// empty frame. Points arrive in batches and the plot redraws by queued replot, so a fast
/// stream never floods the event loop. UI thread only.
class CurveView : public QWidget {
    Q_OBJECT
public:
    explicit CurveView(QWidget* parent = nullptr);

    /// Appends points to `series` (created on first use). A non-empty `label` names it in the
    /// legend, as setSeriesLabel() does.
    void addPoints(const QString& series, const QVector<double>& x, const QVector<double>& y, const QString& label = {});
    /// Names `series` in the legend, now or when it is created; call again on a language change.
    void setSeriesLabel(const QString& series, const QString& label);
    /// Removes every series (the labels stay) and shows the empty-state message.
    void clear();

    int seriesCount() const { return m_series.size(); }
    int pointCount(const QString& series) const;
    /// The legend text of `series`, or empty when it does not exist.
    QString seriesLabel(const QString& series) const;
    /// The message shown while there are no series.
    QString emptyText() const;
    bool isEmptyTextVisible() const;
    /// The plotted numbers: one row per point (series, x, y).
    FigureTable figureTable() const;

    QCustomPlot* plot() const { return m_plot; }

    /// The colour `series` is drawn in: fixed for the trainer's series (train/loss,
    /// train/accuracy, val/loss, val/top1, val/top5), a stable pick for any other name, all
    /// from the colour-blind-safe Okabe–Ito palette.
    static QColor seriesColour(const QString& series);

    QSize sizeHint() const override { return {640, 360}; }
    QSize minimumSizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateRanges();
    void updateEmptyState();
    void placeEmptyText();

    QCustomPlot* m_plot;
    QLabel* m_emptyLabel;
    QHash<QString, QCPGraph*> m_series;
    QHash<QString, QString> m_labels;
};

} // namespace slim::widgets
