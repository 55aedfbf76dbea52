#pragma once

#include <QHash>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace slim::widgets {

/// Live training curves: any number of named series against one x axis (epochs). Series
/// whose name contains "loss" use the left axis, the others (accuracies, 0..1) the right.
/// Points arrive in batches and the plot redraws by queued replot, so a fast stream never
/// floods the event loop. UI thread only.
class CurveView : public QWidget {
    Q_OBJECT
public:
    explicit CurveView(QWidget* parent = nullptr);

    /// Appends points to `series` (created on first use, labelled `label` or its name).
    void addPoints(const QString& series, const QVector<double>& x, const QVector<double>& y, const QString& label = {});
    void clear();

    int seriesCount() const { return m_series.size(); }
    int pointCount(const QString& series) const;
    QCustomPlot* plot() const { return m_plot; }
    QSize sizeHint() const override { return {640, 360}; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QCustomPlot* m_plot;
    QHash<QString, QCPGraph*> m_series;
};

} // namespace slim::widgets
