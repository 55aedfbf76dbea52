#include "histogramview.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace slim::widgets {

namespace {
constexpr int kDefaultBins = 40;
constexpr int kMaxBins = 500;
constexpr double kCountHeadroom = 1.1;  // the tallest bar reaches 1/1.1 of the axis
// Okabe & Ito (2008) blue for the bars, vermilion for the threshold: apart for every common
// colour-vision deficiency and in greyscale.
const QColor kBarColour(0, 114, 178);
const QColor kLineColour(213, 94, 0);

/// [min, max] of `values`, widened when they are all equal so the bins have a width.
std::pair<double, double> rangeOf(const QVector<double>& values)
{
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    double lower = *low;
    double upper = *high;
    if (upper <= lower) {
        lower -= 0.5;
        upper += 0.5;
    }
    return {lower, upper};
}
} // namespace

HistogramView::HistogramView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_bins(new QSpinBox(this))
    , m_log(new QCheckBox(this))
    , m_binsLabel(new QLabel(this))
    , m_kept(new QLabel(this))
{
    m_plot->setObjectName(QStringLiteral("histogramPlot"));
    m_bins->setObjectName(QStringLiteral("binsSpin"));
    m_log->setObjectName(QStringLiteral("logCountsCheck"));
    m_kept->setObjectName(QStringLiteral("keptLabel"));
    m_plot->setMinimumHeight(100);
    m_bins->setRange(1, kMaxBins);
    m_bins->setValue(kDefaultBins);
    m_binsLabel->setBuddy(m_bins);

    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(kBarColour);
    m_bars->setAntialiased(false);
    m_line = new QCPItemStraightLine(m_plot);
    m_line->setPen(QPen(kLineColour, 2));
    m_line->setSelectable(false);
    for (QCPItemPosition* point : {m_line->point1, m_line->point2}) {
        point->setTypeX(QCPItemPosition::ptPlotCoords);
        point->setTypeY(QCPItemPosition::ptAxisRectRatio); // top to bottom on linear and log axes alike
        point->setAxisRect(m_plot->axisRect());
    }
    m_plot->xAxis->grid()->setVisible(false);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_kept, 1);
    controls->addWidget(m_binsLabel);
    controls->addWidget(m_bins);
    controls->addWidget(m_log);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addLayout(controls);

    connect(m_bins, &QSpinBox::valueChanged, this, &HistogramView::rebuild);
    connect(m_log, &QCheckBox::toggled, this, &HistogramView::rebuild);
    // Press anywhere over the axes puts the line there; dragging moves it.
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (event->button() != Qt::LeftButton || m_values.isEmpty() || !m_plot->axisRect()->rect().contains(event->pos()))
            return;
        m_dragging = true;
        dragTo(event->pos().x());
    });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (m_dragging)
            dragTo(event->pos().x());
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent*) { m_dragging = false; });
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); }, QStringLiteral("gamma-histogram"));
    retranslate();
    rebuild();
}

void HistogramView::setValues(const QVector<double>& values, const QString& valueName)
{
    m_values = values;
    m_plot->xAxis->setLabel(valueName);
    rebuild();
}

void HistogramView::setBins(int bins)
{
    m_bins->setValue(bins);
}

int HistogramView::bins() const
{
    return m_bins->value();
}

FigureTable HistogramView::figureTable() const
{
    FigureTable table;
    table.header = {QStringLiteral("bin_start"), QStringLiteral("bin_end"), QStringLiteral("count")};
    if (m_values.isEmpty())
        return table;
    const auto [lower, upper] = rangeOf(m_values);
    const double width = (upper - lower) / bins();
    const QVector<double> counts = binCounts();
    for (int bin = 0; bin < counts.size(); ++bin)
        table.rows << QStringList{csvNumber(lower + bin * width), csvNumber(lower + (bin + 1) * width), csvNumber(counts[bin])};
    return table;
}

QVector<double> HistogramView::binCounts() const
{
    QVector<double> counts(bins(), 0.0);
    if (m_values.isEmpty())
        return counts;
    const auto [lower, upper] = rangeOf(m_values);
    const double width = (upper - lower) / bins();
    for (const double value : m_values) {
        const int bin = std::clamp(static_cast<int>(std::floor((value - lower) / width)), 0, bins() - 1);
        counts[bin] += 1;
    }
    return counts;
}

void HistogramView::setLogCounts(bool logarithmic)
{
    m_log->setChecked(logarithmic);
}

bool HistogramView::logCounts() const
{
    return m_log->isChecked();
}

void HistogramView::setThreshold(double threshold)
{
    m_threshold = threshold;
    if (!m_values.isEmpty()) {
        const auto [lower, upper] = rangeOf(m_values);
        m_threshold = std::clamp(threshold, lower, upper);
    }
    updateLine();
}

int HistogramView::keptCount() const
{
    return static_cast<int>(std::count_if(m_values.begin(), m_values.end(), [this](double v) { return v >= m_threshold; }));
}

QString HistogramView::keptText() const
{
    if (m_values.isEmpty())
        return tr("No values to show");
    const int kept = keptCount();
    return tr("Kept %1 of %2 (%3 %)")
        .arg(QLocale().toString(kept), QLocale().toString(valueCount()))
        .arg(100.0 * kept / valueCount(), 0, 'f', 1);
}

void HistogramView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HistogramView::retranslate()
{
    m_binsLabel->setText(tr("&Bins:"));
    m_log->setText(tr("&Log counts"));
    m_plot->yAxis->setLabel(tr("Count"));
    m_plot->setToolTip(tr("Drag the line to set the threshold: values left of it would be pruned."));
    updateLine();
}

void HistogramView::rebuild()
{
    const QVector<double> counts = binCounts();
    QVector<double> keys(counts.size());
    QVector<double> shown = counts;
    double lower = 0;
    double upper = 1;
    if (!m_values.isEmpty())
        std::tie(lower, upper) = rangeOf(m_values);
    const double width = (upper - lower) / bins();
    for (int i = 0; i < counts.size(); ++i) {
        keys[i] = lower + (i + 0.5) * width;
        if (logCounts() && shown[i] <= 0)
            shown[i] = std::nan(""); // an empty bin has no bar on a log axis
    }
    m_bars->setWidth(width);
    m_bars->setData(keys, shown, true);
    m_plot->xAxis->setRange(lower, upper);
    const double highest = counts.isEmpty() ? 1.0 : std::max(1.0, *std::max_element(counts.begin(), counts.end()));
    if (logCounts()) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        m_bars->setBaseValue(0.5);
        m_plot->yAxis->setRange(0.5, highest * 2);
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        // Counts are whole: ticks at whole numbers only (1, 2, 5, 10, ... apart).
        auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
        ticker->setTickStep(1);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        m_plot->yAxis->setTicker(ticker);
        m_bars->setBaseValue(0);
        m_plot->yAxis->setRange(0, highest * kCountHeadroom);
    }
    setThreshold(m_threshold); // clamp into the new range; redraws
}

void HistogramView::updateLine()
{
    m_line->point1->setCoords(m_threshold, 0);
    m_line->point2->setCoords(m_threshold, 1);
    m_line->setVisible(!m_values.isEmpty());
    m_kept->setText(keptText());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramView::dragTo(int pixelX)
{
    setThreshold(m_plot->xAxis->pixelToCoord(pixelX));
    Q_EMIT thresholdChanged(m_threshold);
}

} // namespace slim::widgets
