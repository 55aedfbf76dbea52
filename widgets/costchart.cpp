#include "costchart.h"

#include "plotstyle.h"

#include <QEvent>
#include <QResizeEvent>

#include <cmath>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace slim::widgets {

namespace {
constexpr double kBarWidth = 0.38;  // in layer slots; two bars and a gap fill one slot
const QColor kMacColour(0x1f, 0x77, 0xb4);
const QColor kParamColour(0xff, 0x7f, 0x0e);
} // namespace

CostChart::CostChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("costPlot"));
    m_plot->setMinimumHeight(160);

    m_plot->yAxis2->setVisible(true);
    m_macBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_paramBars = new QCPBars(m_plot->xAxis, m_plot->yAxis2);
    auto* group = new QCPBarsGroup(m_plot);
    for (QCPBars* bars : {m_macBars, m_paramBars}) {
        bars->setWidth(kBarWidth);
        bars->setBarsGroup(group);
        bars->setAntialiased(false);
    }
    m_macBars->setPen(Qt::NoPen);
    m_macBars->setBrush(kMacColour);
    m_paramBars->setPen(Qt::NoPen);
    m_paramBars->setBrush(kParamColour);

    m_plot->xAxis->setTickLabelRotation(60);
    m_plot->xAxis->setSubTicks(false);
    m_plot->xAxis->grid()->setVisible(false);
    placeLegendAbove(m_plot, 2);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    retranslate();
}

void CostChart::setData(const QStringList& layers, const QVector<double>& macs, const QVector<double>& params)
{
    m_layers = layers;
    QVector<double> keys(layers.size());
    QVector<double> macMillions(layers.size());
    QVector<double> paramThousands(layers.size());
    for (int i = 0; i < layers.size(); ++i) {
        keys[i] = i + 1;
        macMillions[i] = i < macs.size() ? macs[i] / 1e6 : 0.0;
        paramThousands[i] = i < params.size() ? params[i] / 1e3 : 0.0;
    }
    updateTicks();
    m_macBars->setData(keys, macMillions, true);
    m_paramBars->setData(keys, paramThousands, true);
    m_plot->xAxis->setRange(0.3, layers.size() + 0.7);
    bool found = false;
    const QCPRange macRange = m_macBars->getValueRange(found);
    m_plot->yAxis->setRange(0, found && macRange.upper > 0 ? macRange.upper * 1.1 : 1.0);
    const QCPRange paramRange = m_paramBars->getValueRange(found);
    m_plot->yAxis2->setRange(0, found && paramRange.upper > 0 ? paramRange.upper * 1.1 : 1.0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CostChart::updateTicks()
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const double pixelsPerLayer = m_layers.isEmpty() ? 0.0 : m_plot->axisRect()->width() / double(m_layers.size());
    const double pixelsPerLabel = m_plot->xAxis->tickLabelFont().pointSizeF() * 2.0; // rotated text height plus a gap
    const int step = pixelsPerLayer <= 0 ? 1 : std::max(1, int(std::ceil(pixelsPerLabel / pixelsPerLayer)));
    for (int i = 0; i < m_layers.size(); i += step)
        ticker->addTick(i + 1, m_layers[i]);
    m_plot->xAxis->setTicker(ticker);
}

void CostChart::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateTicks();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CostChart::clear()
{
    setData({}, {}, {});
}

void CostChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CostChart::retranslate()
{
    m_macBars->setName(tr("MACs (millions)"));
    m_paramBars->setName(tr("Parameters (thousands)"));
    m_plot->yAxis->setLabel(tr("MACs (M)"));
    m_plot->yAxis2->setLabel(tr("Parameters (K)"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace slim::widgets
