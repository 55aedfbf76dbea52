#include "sensitivityview.h"

#include "plotstyle.h"

#include <QEvent>
#include <QLocale>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace slim::widgets {

namespace {
const QColor kCurveColour(150, 150, 150, 140);
const QColor kHighlightColour(0, 114, 178);  // Okabe–Ito blue
const QColor kBaselineColour(90, 90, 90);
constexpr double kPickDistance = 6.0;        // pixels from a curve that still pick it
} // namespace

SensitivityView::SensitivityView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    m_plot->setObjectName(QStringLiteral("sensitivityPlot"));
    m_plot->setMinimumHeight(120);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_baseline = new QCPItemStraightLine(m_plot);
    m_baseline->setPen(QPen(kBaselineColour, 1.2, Qt::DashLine));
    m_baseline->setVisible(false);
    m_plot->xAxis->setRange(0, 100);
    m_plot->yAxis->setRange(0, 1.05);
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        const QString name = event->button() == Qt::LeftButton ? curveAt(event->pos()) : QString();
        if (!name.isEmpty()) {
            highlight(name);
            Q_EMIT curveClicked(name);
        }
    });
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); }, QStringLiteral("sensitivity"));
    retranslate();
}

void SensitivityView::setCurves(const QVector<SensitivityCurve>& curves, double baselineTop1)
{
    const QString selected = highlighted();
    m_plot->clearGraphs();
    m_graphs.clear();
    m_curves = curves;
    m_baselineTop1 = baselineTop1;
    for (const SensitivityCurve& curve : curves) {
        QCPGraph* graph = m_plot->addGraph();
        QVector<double> percent;
        for (const double ratio : curve.ratios)
            percent << ratio * 100;
        graph->setData(percent, curve.top1, true);
        graph->setName(curve.name);
        m_graphs << graph;
    }
    m_baseline->point1->setCoords(0, baselineTop1);
    m_baseline->point2->setCoords(1, baselineTop1);
    m_baseline->setVisible(!curves.isEmpty());
    m_highlighted = -1;
    highlight(selected);
}

void SensitivityView::highlight(const QString& name)
{
    m_highlighted = -1;
    for (int i = 0; i < m_curves.size(); ++i)
        if (!name.isEmpty() && m_curves[i].name == name)
            m_highlighted = i;
    restyle();
}

QString SensitivityView::highlighted() const
{
    return m_highlighted >= 0 ? m_curves[m_highlighted].name : QString();
}

void SensitivityView::restyle()
{
    for (int i = 0; i < m_graphs.size(); ++i) {
        const bool selected = i == m_highlighted;
        m_graphs[i]->setPen(QPen(selected ? kHighlightColour : kCurveColour, selected ? 2.5 : 1.0));
        m_graphs[i]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, selected ? 6 : 3));
        m_graphs[i]->setLayer(QStringLiteral("main"));
    }
    if (m_highlighted >= 0)
        m_graphs[m_highlighted]->setLayer(QStringLiteral("overlay")); // on top of the grey ones
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString SensitivityView::curveAt(const QPoint& plotPosition) const
{
    double nearest = kPickDistance;
    QString name;
    for (int i = 0; i < m_graphs.size(); ++i) {
        const double distance = m_graphs[i]->selectTest(plotPosition, false);
        if (distance >= 0 && distance <= nearest) {
            nearest = distance;
            name = m_curves[i].name;
        }
    }
    return name;
}

QString SensitivityView::toolTipAt(const QPoint& plotPosition) const
{
    const QString name = curveAt(plotPosition);
    if (name.isEmpty())
        return {};
    const double ratio = m_plot->xAxis->pixelToCoord(plotPosition.x());
    for (const SensitivityCurve& curve : m_curves) {
        if (curve.name != name)
            continue;
        // The measured point nearest the mouse.
        int best = 0;
        for (int p = 1; p < curve.ratios.size(); ++p)
            if (std::abs(curve.ratios[p] * 100 - ratio) < std::abs(curve.ratios[best] * 100 - ratio))
                best = p;
        return tr("%1: top-1 %2 with %3 % of its channels removed")
            .arg(name, QLocale().toString(curve.top1.value(best), 'f', 4), QLocale().toString(curve.ratios.value(best) * 100, 'g', 3));
    }
    return name;
}

FigureTable SensitivityView::figureTable() const
{
    FigureTable table;
    table.header = {QStringLiteral("group"), QStringLiteral("ratio"), QStringLiteral("top1")};
    for (const SensitivityCurve& curve : m_curves)
        for (int p = 0; p < curve.ratios.size(); ++p)
            table.rows << QStringList{curve.name, csvNumber(curve.ratios[p]), csvNumber(curve.top1.value(p))};
    if (!m_curves.isEmpty())
        table.rows << QStringList{QStringLiteral("baseline"), QString(), csvNumber(m_baselineTop1)};
    return table;
}

bool SensitivityView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && showPlotToolTip(m_plot, event, [this](const QPoint& at) { return toolTipAt(at); }))
        return true;
    return QWidget::eventFilter(watched, event);
}

void SensitivityView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SensitivityView::retranslate()
{
    m_plot->xAxis->setLabel(tr("Channels removed from the group alone (%)"));
    m_plot->yAxis->setLabel(tr("Top-1"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace slim::widgets
