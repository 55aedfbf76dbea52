#include "curveview.h"

#include "plotstyle.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLocale>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace slim::widgets {

namespace {
// The Okabe & Ito (2008) palette, distinguishable with every common colour-vision deficiency.
const QColor kOrange(230, 159, 0);
const QColor kSkyBlue(86, 180, 233);
const QColor kBluishGreen(0, 158, 115);
const QColor kBlue(0, 114, 178);
const QColor kVermillion(213, 94, 0);
const QColor kReddishPurple(204, 121, 167);
const QColor kBlack(0, 0, 0);

// Smallest size at which axes, legend and the empty-state message stay readable (pixels).
constexpr int kMinimumWidth = 320;
constexpr int kMinimumHeight = 240;
// Room beyond the last epoch, so the last validation marker is drawn whole: a share of the
// range, at least a quarter epoch.
constexpr double kKeyPaddingShare = 0.03;
constexpr double kMinimumKeyPadding = 0.25;
// Headroom above accuracy 1.0 and above the largest loss, for the same reason.
constexpr double kValuePaddingShare = 0.05;
// Longest line of the empty-state message, in average characters.
constexpr int kEmptyTextColumns = 48;
constexpr double kDefaultSmoothing = 0.6;
constexpr int kFaintAlpha = 70;       // per-batch points under their moving average
constexpr int kEarlierAlpha = 90;     // earlier runs, in grey
constexpr int kEarlierRunsKept = 3;
const QColor kReferenceColour(90, 90, 90);
} // namespace

QColor CurveView::seriesColour(const QString& series)
{
    static const QHash<QString, QColor> fixed{
        {QStringLiteral("train/loss"), kVermillion},  {QStringLiteral("val/loss"), kOrange},
        {QStringLiteral("train/accuracy"), kBlue},    {QStringLiteral("val/top1"), kBluishGreen},
        {QStringLiteral("val/top5"), kReddishPurple},
    };
    if (const auto it = fixed.constFind(series); it != fixed.cend())
        return it.value();
    // Others: a hash of the name that does not change between runs (qHash is seeded per process).
    static const QColor others[] = {kSkyBlue, kBlack, kBlue, kVermillion, kBluishGreen, kReddishPurple, kOrange};
    quint32 hash = 2166136261u; // FNV-1a
    for (const QChar c : series)
        hash = (hash ^ c.unicode()) * 16777619u;
    return others[hash % std::size(others)];
}

CurveView::CurveView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_emptyLabel(new QLabel(m_plot))
    , m_smoothingLabel(new QLabel(this))
    , m_smoothing(new QDoubleSpinBox(this))
    , m_earlier(new QCheckBox(this))
{
    m_smoothing->setObjectName(QStringLiteral("curveSmoothing"));
    m_earlier->setObjectName(QStringLiteral("curveEarlierRuns"));
    m_smoothing->setRange(0.0, 0.99);
    m_smoothing->setSingleStep(0.05);
    m_smoothing->setDecimals(2);
    m_smoothing->setValue(kDefaultSmoothing);
    m_smoothingLabel->setBuddy(m_smoothing);
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(4, 0, 4, 0);
    controls->addWidget(m_smoothingLabel);
    controls->addWidget(m_smoothing);
    controls->addStretch(1);
    controls->addWidget(m_earlier);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
    m_plot->setObjectName(QStringLiteral("curvePlot"));
    m_plot->setMinimumSize(kMinimumWidth, kMinimumHeight);

    // Loss on top, accuracy below, one epoch axis: the upper axes hide their epoch labels and
    // follow the lower ones' range; a margin group lines up their left edges.
    m_lossRect = m_plot->axisRect();
    m_accuracyRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(1, 0, m_accuracyRect);
    auto* margins = new QCPMarginGroup(m_plot);
    m_lossRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_accuracyRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_lossRect->axis(QCPAxis::atBottom)->setTickLabels(false);
    connect(m_accuracyRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            m_lossRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    connect(m_lossRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            m_accuracyRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    for (QCPAxisRect* rect : {m_lossRect, m_accuracyRect}) {
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
    }
    placeLegendAbove(m_plot, 3); // three per row, so five series still fit a narrow dock
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_emptyLabel->setObjectName(QStringLiteral("curveEmptyText"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setBackgroundRole(QPalette::Base);
    m_emptyLabel->setAutoFillBackground(true); // covers the grid lines behind the text
    m_emptyLabel->setMargin(m_emptyLabel->fontMetrics().height() / 2);
    // Centred in the axes once QCustomPlot has laid them out (after every resize).
    connect(m_plot, &QCustomPlot::afterLayout, this, &CurveView::placeEmptyText);
    connect(m_smoothing, &QDoubleSpinBox::valueChanged, this, [this] {
        for (Series& series : m_series)
            resmooth(series);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_earlier, &QCheckBox::toggled, this, [this](bool show) {
        for (const QVector<QCPGraph*>& run : std::as_const(m_earlierRuns))
            for (QCPGraph* graph : run)
                graph->setVisible(show);
        updateRanges();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    setMinimumSize(kMinimumWidth, kMinimumHeight);
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); }, QStringLiteral("curves"));
    retranslate();
    updateRanges();
    updateEmptyState();
}

FigureTable CurveView::figureTable() const
{
    FigureTable table;
    table.header = {QStringLiteral("series"), QStringLiteral("x"), QStringLiteral("y")};
    QStringList names = m_series.keys();
    names.sort();
    for (const QString& name : names) {
        const Series& series = m_series[name];
        for (auto it = series.points->data()->constBegin(); it != series.points->data()->constEnd(); ++it)
            table.rows << QStringList{name, csvNumber(it->key), csvNumber(it->value)};
        if (series.smoothed)
            for (auto it = series.smoothed->data()->constBegin(); it != series.smoothed->data()->constEnd(); ++it)
                table.rows << QStringList{name + QStringLiteral(" (EMA)"), csvNumber(it->key), csvNumber(it->value)};
    }
    QStringList references = m_references.keys();
    references.sort();
    for (const QString& name : references)
        table.rows << QStringList{QStringLiteral("reference:") + name, QString(), csvNumber(m_references[name].value)};
    return table;
}

QSize CurveView::minimumSizeHint() const
{
    return {kMinimumWidth, kMinimumHeight};
}

void CurveView::addPoints(const QString& series, const QVector<double>& x, const QVector<double>& y, const QString& label)
{
    if (!label.isEmpty())
        m_labels.insert(series, label);
    auto found = m_series.find(series);
    if (found == m_series.end()) {
        QCPAxisRect* rect = series.contains(QLatin1String("loss")) ? m_lossRect : m_accuracyRect;
        Series created;
        created.points = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        const QColor colour = seriesColour(series);
        if (series.startsWith(QLatin1String("val"))) {
            created.points->setPen(QPen(colour, 1.6));
            created.points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 6));
            created.points->setName(m_labels.value(series, series));
        } else {
            // Batch noise faint behind its moving average, which carries the name.
            QColor faint = colour;
            faint.setAlpha(kFaintAlpha);
            created.points->setPen(QPen(faint, 1.0));
            created.points->removeFromLegend();
            created.smoothed = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            created.smoothed->setPen(QPen(colour, 1.8));
            created.smoothed->setName(m_labels.value(series, series));
        }
        found = m_series.insert(series, created);
        updateEmptyState();
    } else if (!label.isEmpty()) {
        (found->smoothed ? found->smoothed : found->points)->setName(label);
    }
    Series& target = *found;
    target.points->addData(x, y, true);
    if (target.smoothed) {
        const double weight = m_smoothing->value();
        QVector<double> averages;
        averages.reserve(y.size());
        for (const double value : y) {
            target.average = target.started ? weight * target.average + (1 - weight) * value : value;
            target.started = true;
            averages << target.average;
        }
        target.smoothed->addData(x, averages, true);
    }
    updateRanges();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CurveView::resmooth(Series& series)
{
    if (!series.smoothed)
        return;
    const double weight = m_smoothing->value();
    QVector<double> keys;
    QVector<double> averages;
    series.started = false;
    for (auto it = series.points->data()->constBegin(); it != series.points->data()->constEnd(); ++it) {
        series.average = series.started ? weight * series.average + (1 - weight) * it->value : it->value;
        series.started = true;
        keys << it->key;
        averages << series.average;
    }
    series.smoothed->setData(keys, averages, true);
}

void CurveView::setSmoothing(double weight)
{
    m_smoothing->setValue(weight);
}

double CurveView::smoothing() const
{
    return m_smoothing->value();
}

QVector<double> CurveView::smoothedValues(const QString& series) const
{
    QVector<double> values;
    const auto found = m_series.constFind(series);
    if (found == m_series.cend() || !found->smoothed)
        return values;
    for (auto it = found->smoothed->data()->constBegin(); it != found->smoothed->data()->constEnd(); ++it)
        values << it->value;
    return values;
}

void CurveView::setReferenceLine(const QString& name, double accuracy, const QString& label)
{
    Reference& reference = m_references[name];
    if (!reference.line) {
        reference.line = new QCPItemStraightLine(m_plot);
        reference.line->setClipAxisRect(m_accuracyRect);
        QPen pen(kReferenceColour, 1.2, Qt::DashLine);
        reference.line->setPen(pen);
        for (QCPItemPosition* point : {reference.line->point1, reference.line->point2}) {
            point->setAxisRect(m_accuracyRect);
            point->setAxes(m_accuracyRect->axis(QCPAxis::atBottom), m_accuracyRect->axis(QCPAxis::atLeft));
            point->setTypeX(QCPItemPosition::ptAxisRectRatio);
            point->setTypeY(QCPItemPosition::ptPlotCoords);
        }
        reference.text = new QCPItemText(m_plot);
        reference.text->setClipAxisRect(m_accuracyRect);
        reference.text->position->setAxisRect(m_accuracyRect);
        reference.text->position->setAxes(m_accuracyRect->axis(QCPAxis::atBottom), m_accuracyRect->axis(QCPAxis::atLeft));
        reference.text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        reference.text->position->setTypeY(QCPItemPosition::ptPlotCoords);
        reference.text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        reference.text->setColor(kReferenceColour);
    }
    reference.value = accuracy;
    reference.line->point1->setCoords(0, accuracy);
    reference.line->point2->setCoords(1, accuracy);
    reference.text->position->setCoords(0.99, accuracy);
    // Below the line when it runs near the top, where a label above would be cut off.
    reference.text->setPositionAlignment(Qt::AlignRight | (accuracy > 0.8 ? Qt::AlignTop : Qt::AlignBottom));
    reference.text->setText(label + QStringLiteral(" ") + QLocale().toString(accuracy, 'f', 4));
    updateEmptyState();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double CurveView::referenceValue(const QString& name) const
{
    return m_references.value(name).value;
}

void CurveView::removeReferences()
{
    for (const Reference& reference : std::as_const(m_references)) {
        m_plot->removeItem(reference.line);
        m_plot->removeItem(reference.text);
    }
    m_references.clear();
}

void CurveView::setShowEarlierRuns(bool show)
{
    m_earlier->setChecked(show);
}

bool CurveView::showsEarlierRuns() const
{
    return m_earlier->isChecked();
}

void CurveView::setSeriesLabel(const QString& series, const QString& label)
{
    m_labels.insert(series, label);
    const auto found = m_series.find(series);
    if (found != m_series.end()) {
        (found->smoothed ? found->smoothed : found->points)->setName(label);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

QString CurveView::seriesLabel(const QString& series) const
{
    const auto found = m_series.constFind(series);
    if (found == m_series.cend())
        return {};
    return (found->smoothed ? found->smoothed : found->points)->name();
}

void CurveView::updateRanges()
{
    double keyMax = 0;
    double lossMax = 0;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        const QCPGraph* graph = m_plot->graph(i);
        if (!graph->visible())
            continue;
        bool found = false;
        const QCPRange keys = graph->getKeyRange(found);
        if (found)
            keyMax = std::max(keyMax, keys.upper);
        if (graph->valueAxis() != m_lossRect->axis(QCPAxis::atLeft))
            continue;
        const QCPRange values = graph->getValueRange(found);
        if (found)
            lossMax = std::max(lossMax, values.upper);
    }
    if (keyMax <= 0)
        keyMax = 1;
    m_accuracyRect->axis(QCPAxis::atBottom)->setRange(0, keyMax + std::max(kMinimumKeyPadding, keyMax * kKeyPaddingShare));
    m_lossRect->axis(QCPAxis::atLeft)->setRange(0, lossMax > 0 ? lossMax * (1 + kValuePaddingShare) : 1.0);
    m_accuracyRect->axis(QCPAxis::atLeft)->setRange(0, 1 + kValuePaddingShare);
}

int CurveView::pointCount(const QString& series) const
{
    const auto found = m_series.constFind(series);
    return found == m_series.cend() ? 0 : found->points->dataCount();
}

void CurveView::clear()
{
    // The run becomes an earlier one: grey, thin, out of the legend, shown on request.
    QVector<QCPGraph*> run;
    for (const Series& series : std::as_const(m_series)) {
        for (QCPGraph* graph : {series.points, series.smoothed}) {
            if (!graph)
                continue;
            if (graph == series.points && series.smoothed) {
                m_plot->removeGraph(graph); // the noise of an earlier run helps nobody
                continue;
            }
            QColor grey(128, 128, 128, kEarlierAlpha);
            graph->setPen(QPen(grey, 1.0));
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, grey, grey, 4));
            graph->removeFromLegend();
            graph->setName(QString()); // the name belongs to the current run's series
            graph->setVisible(m_earlier->isChecked());
            run << graph;
        }
    }
    m_series.clear();
    if (!run.isEmpty())
        m_earlierRuns << run;
    while (m_earlierRuns.size() > kEarlierRunsKept) {
        for (QCPGraph* graph : m_earlierRuns.front())
            m_plot->removeGraph(graph);
        m_earlierRuns.removeFirst();
    }
    removeReferences();
    updateRanges();
    updateEmptyState();  // after the references went
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString CurveView::emptyText() const
{
    return m_emptyLabel->text();
}

bool CurveView::isEmptyTextVisible() const
{
    return !m_emptyLabel->isHidden();
}

void CurveView::updateEmptyState()
{
    m_emptyLabel->setVisible(m_series.isEmpty() && m_references.isEmpty());
}

void CurveView::placeEmptyText()
{
    // Wraps to the axes' width (at most a comfortable line length) and sits in their middle.
    const QRect axes = m_lossRect->rect().united(m_accuracyRect->rect());
    const int width = std::min(axes.width() - 2 * fontMetrics().height(), fontMetrics().averageCharWidth() * kEmptyTextColumns);
    if (width <= 0)
        return;
    const int height = std::min(axes.height(), m_emptyLabel->heightForWidth(width));
    m_emptyLabel->setGeometry(QRect(axes.center().x() - width / 2, axes.center().y() - height / 2, width, height));
}

void CurveView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CurveView::retranslate()
{
    m_accuracyRect->axis(QCPAxis::atBottom)->setLabel(tr("Epoch"));
    m_lossRect->axis(QCPAxis::atLeft)->setLabel(tr("Loss"));
    m_accuracyRect->axis(QCPAxis::atLeft)->setLabel(tr("Accuracy"));
    m_smoothingLabel->setText(tr("S&moothing:"));
    m_smoothing->setToolTip(tr("Weight of the moving average drawn over per-batch values: 0 draws them as they are, "
                               "0.99 smooths the most."));
    m_earlier->setText(tr("Show &earlier runs"));
    m_earlier->setToolTip(tr("Draws the last three runs in grey under this one."));
    m_emptyLabel->setText(tr("No training yet: Run › Train (%1) plots loss and accuracy here")
                              .arg(QKeySequence(Qt::CTRL | Qt::Key_T).toString(QKeySequence::NativeText)));
    placeEmptyText();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace slim::widgets
