#pragma once

#include "figureexport.h"

#include <QVector>
#include <QWidget>

class QCustomPlot;

namespace slim::widgets {

/// One model version on the accuracy-versus-cost plane.
struct ParetoPoint {
    QString name;
    double macs = 0;
    double top1 = 0;  ///< fraction, 0..1
};

/// The points no other point beats: none has fewer or as many MACs with a higher top-1, or
/// fewer MACs with as high a top-1. Indices into `points`, by increasing MACs.
QVector<int> paretoFront(const QVector<ParetoPoint>& points);

/// Accuracy against MACs for every version of a project: each version a labelled point, the
/// Pareto front as a step line through the versions nothing beats. MACs on a log axis when
/// they span more than a factor of ten. Exports as a figure (context menu). UI thread only.
class ParetoView : public QWidget {
    Q_OBJECT
public:
    explicit ParetoView(QWidget* parent = nullptr);

    void setPoints(const QVector<ParetoPoint>& points);
    const QVector<ParetoPoint>& points() const { return m_points; }
    QCustomPlot* plot() const { return m_plot; }
    /// name, macs, top1, on_front (1/0): the plotted numbers.
    FigureTable figureTable() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    QCustomPlot* m_plot;
    QVector<ParetoPoint> m_points;
};

} // namespace slim::widgets
