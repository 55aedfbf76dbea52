#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

#include "figureexport.h"

class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;

namespace slim::widgets {

/// One channel group's accuracy when it alone is cut to each ratio.
struct SensitivityCurve {
    QString name;
    QVector<double> ratios;  ///< 0..1
    QVector<double> top1;    ///< 0..1
};

/// Sensitivity curves: top-1 against the share of a group's channels removed, one curve per
/// group, the baseline as a dashed line. Curves are grey; the selected one is drawn bold in
/// colour; hovering names the curve under the mouse and clicking selects it. Plain data in.
/// UI thread only.
class SensitivityView : public QWidget {
    Q_OBJECT
public:
    explicit SensitivityView(QWidget* parent = nullptr);

    void setCurves(const QVector<SensitivityCurve>& curves, double baselineTop1);
    int curveCount() const { return static_cast<int>(m_curves.size()); }
    void highlight(const QString& name);
    QString highlighted() const;
    /// The curve within a few pixels of `plotPosition` (the nearest), or empty.
    QString curveAt(const QPoint& plotPosition) const;
    QString toolTipAt(const QPoint& plotPosition) const;

    /// The plotted numbers: group, ratio, top1 per point, and the baseline.
    FigureTable figureTable() const;
    QCustomPlot* plot() const { return m_plot; }
    QSize sizeHint() const override { return {560, 360}; }

Q_SIGNALS:
    void curveClicked(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void restyle();

    QCustomPlot* m_plot;
    QCPItemStraightLine* m_baseline = nullptr;
    QVector<SensitivityCurve> m_curves;
    QVector<QCPGraph*> m_graphs;
    double m_baselineTop1 = 0;
    int m_highlighted = -1;
};

} // namespace slim::widgets
