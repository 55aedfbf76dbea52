#include "curveview.h"

#include "plotstyle.h"

#include <QEvent>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace slim::widgets {

namespace {
// A colour-blind-safe palette (Okabe & Ito, 2008), cycled over the series.
const QColor kPalette[] = {QColor(0, 114, 178), QColor(213, 94, 0), QColor(0, 158, 115), QColor(204, 121, 167),
                           QColor(230, 159, 0), QColor(86, 180, 233), QColor(0, 0, 0)};
} // namespace

CurveView::CurveView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("curvePlot"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setRange(0, 1);
    placeLegendAbove(m_plot, 3); // three per row, so five series still fit a narrow dock
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    retranslate();
}

void CurveView::addPoints(const QString& series, const QVector<double>& x, const QVector<double>& y, const QString& label)
{
    QCPGraph* graph = m_series.value(series);
    if (!graph) {
        const bool isLoss = series.contains(QLatin1String("loss"));
        graph = m_plot->addGraph(m_plot->xAxis, isLoss ? m_plot->yAxis : m_plot->yAxis2);
        const QColor colour = kPalette[m_series.size() % int(std::size(kPalette))];
        QPen pen(colour, 1.6);
        if (series.startsWith(QLatin1String("val")))
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 6));
        else
            pen.setWidthF(1.0);
        graph->setPen(pen);
        graph->setName(label.isEmpty() ? series : label);
        m_series.insert(series, graph);
    }
    graph->addData(x, y, true);
    bool found = false;
    const QCPRange keys = graph->getKeyRange(found);
    if (found)
        m_plot->xAxis->setRange(0, std::max(keys.upper, m_plot->xAxis->range().upper));
    double lossMax = 0;
    for (QCPGraph* g : std::as_const(m_series)) {
        if (g->valueAxis() != m_plot->yAxis)
            continue;
        bool ok = false;
        const QCPRange values = g->getValueRange(ok);
        if (ok)
            lossMax = std::max(lossMax, values.upper);
    }
    m_plot->yAxis->setRange(0, lossMax > 0 ? lossMax * 1.05 : 1.0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int CurveView::pointCount(const QString& series) const
{
    const QCPGraph* graph = m_series.value(series);
    return graph ? graph->dataCount() : 0;
}

void CurveView::clear()
{
    m_plot->clearGraphs();
    m_series.clear();
    m_plot->xAxis->setRange(0, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CurveView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CurveView::retranslate()
{
    m_plot->xAxis->setLabel(tr("Epoch"));
    m_plot->yAxis->setLabel(tr("Loss"));
    m_plot->yAxis2->setLabel(tr("Accuracy"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace slim::widgets
