#include "paretoview.h"

#include "plotstyle.h"

#include <QEvent>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace slim::widgets {

namespace {
// Okabe & Ito blue for the versions, vermillion for the front.
const QColor kPointColour(0, 114, 178);
const QColor kFrontColour(213, 94, 0);
} // namespace

QVector<int> paretoFront(const QVector<ParetoPoint>& points)
{
    QVector<int> order(points.size());
    std::iota(order.begin(), order.end(), 0);
    // By MACs, and at equal MACs the most accurate first: walking up, a point is on the front
    // when it beats every cheaper one's accuracy.
    std::sort(order.begin(), order.end(), [&points](int a, int b) {
        return points[a].macs != points[b].macs ? points[a].macs < points[b].macs : points[a].top1 > points[b].top1;
    });
    QVector<int> front;
    double best = -1;
    const ParetoPoint* last = nullptr;
    for (const int i : order) {
        // A point no other beats: more accurate than every cheaper one, or the same as the
        // last point on the front (two versions with equal figures are both on it).
        const bool same = last && points[i].macs == last->macs && points[i].top1 == last->top1;
        if (points[i].top1 > best || same) {
            front << i;
            best = points[i].top1;
            last = &points[i];
        }
    }
    return front;
}

ParetoView::ParetoView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("paretoPlot"));
    m_plot->setMinimumHeight(160);
    m_plot->legend->setVisible(true);
    placeLegendAbove(m_plot, 2);
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); }, QStringLiteral("accuracy-vs-macs"));
    rebuild();
}

void ParetoView::setPoints(const QVector<ParetoPoint>& points)
{
    m_points = points;
    rebuild();
}

void ParetoView::rebuild()
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_plot->xAxis->setLabel(tr("MACs (M)"));
    m_plot->yAxis->setLabel(tr("Top-1 (%)"));
    QVector<double> x, y;
    double low = 0, high = 0;
    for (const ParetoPoint& point : m_points) {
        x << point.macs / 1e6;
        y << point.top1 * 100;
    }
    if (!x.isEmpty()) {
        low = *std::min_element(x.begin(), x.end());
        high = *std::max_element(x.begin(), x.end());
    }
    const bool logScale = low > 0 && high / low > 10;
    m_plot->xAxis->setScaleType(logScale ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logScale)
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());

    const QVector<int> front = paretoFront(m_points);
    QCPGraph* frontGraph = m_plot->addGraph();
    frontGraph->setName(tr("Pareto front"));
    frontGraph->setPen(QPen(kFrontColour, 1.5));
    frontGraph->setLineStyle(QCPGraph::lsStepLeft);
    QVector<double> fx, fy;
    for (const int i : front) {
        fx << x[i];
        fy << y[i];
    }
    frontGraph->setData(fx, fy, true);

    QCPGraph* versions = m_plot->addGraph();
    versions->setName(tr("Versions"));
    versions->setLineStyle(QCPGraph::lsNone);
    versions->setPen(QPen(kPointColour));
    versions->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kPointColour, kPointColour, 7));
    versions->setData(x, y);

    if (!x.isEmpty()) {
        m_plot->rescaleAxes();
        // Room for the labels right of the points and above the best one.
        const QCPRange xr = m_plot->xAxis->range();
        if (logScale)
            m_plot->xAxis->setRange(xr.lower / 1.5, xr.upper * 3);
        else {
            const double span = std::max(xr.size(), std::abs(xr.upper) * 0.1 + 1e-9);
            m_plot->xAxis->setRange(xr.lower - 0.1 * span, xr.upper + 0.4 * span);
        }
        const QCPRange yr = m_plot->yAxis->range();
        const double yspan = std::max(yr.size(), 1.0);
        m_plot->yAxis->setRange(yr.lower - 0.15 * yspan, yr.upper + 0.2 * yspan);
    }
    // One label per place: versions that land on the same point (a quantized copy of a pruned
    // one has its MACs) share a label, one name per line. Labels of points in the right half
    // stand left of them, so none runs off the plot.
    QVector<bool> labelled(m_points.size(), false);
    const QCPRange xRange = m_plot->xAxis->range();
    const QCPRange yRange = m_plot->yAxis->range();
    const auto fraction = [&](double value, const QCPRange& range, bool log) {
        return log ? (std::log(value) - std::log(range.lower)) / (std::log(range.upper) - std::log(range.lower))
                   : (value - range.lower) / range.size();
    };
    for (int i = 0; i < m_points.size(); ++i) {
        if (labelled[i])
            continue;
        QStringList names;
        for (int j = i; j < m_points.size(); ++j) {
            const bool near = std::abs(fraction(x[j], xRange, logScale) - fraction(x[i], xRange, logScale)) < 0.02
                              && std::abs(fraction(y[j], yRange, false) - fraction(y[i], yRange, false)) < 0.03;
            if (!labelled[j] && near) {
                names << m_points[j].name;
                labelled[j] = true;
            }
        }
        auto* label = new QCPItemText(m_plot);
        label->setText(names.join(QLatin1Char('\n')));
        label->position->setCoords(x[i], y[i]);
        const bool rightHalf = fraction(x[i], xRange, logScale) > 0.5;
        label->setPositionAlignment((rightHalf ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom);
        label->setTextAlignment(rightHalf ? Qt::AlignRight : Qt::AlignLeft);
        label->setPadding(rightHalf ? QMargins(0, 0, 5, 3) : QMargins(5, 0, 0, 3));
        label->setClipToAxisRect(false);
    }
    m_plot->replot();
}

FigureTable ParetoView::figureTable() const
{
    FigureTable table;
    table.header = {QStringLiteral("version"), QStringLiteral("macs"), QStringLiteral("top1"), QStringLiteral("on_front")};
    const QVector<int> front = paretoFront(m_points);
    for (int i = 0; i < m_points.size(); ++i)
        table.rows << QStringList{m_points[i].name, csvNumber(m_points[i].macs), csvNumber(m_points[i].top1),
                                  front.contains(i) ? QStringLiteral("1") : QStringLiteral("0")};
    return table;
}

void ParetoView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

} // namespace slim::widgets
