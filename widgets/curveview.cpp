#include "curveview.h"

#include "plotstyle.h"

#include <QEvent>
#include <QKeySequence>
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
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("curvePlot"));
    m_plot->setMinimumSize(kMinimumWidth, kMinimumHeight);
    m_plot->yAxis2->setVisible(true);
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
    setMinimumSize(kMinimumWidth, kMinimumHeight);
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); });
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
        const QCPGraph* graph = m_series.value(name);
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            table.rows << QStringList{name, csvNumber(it->key), csvNumber(it->value)};
    }
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
    QCPGraph* graph = m_series.value(series);
    if (!graph) {
        const bool isLoss = series.contains(QLatin1String("loss"));
        graph = m_plot->addGraph(m_plot->xAxis, isLoss ? m_plot->yAxis : m_plot->yAxis2);
        const QColor colour = seriesColour(series);
        QPen pen(colour, 1.6);
        if (series.startsWith(QLatin1String("val")))
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour, 6));
        else
            pen.setWidthF(1.0);
        graph->setPen(pen);
        graph->setName(m_labels.value(series, series));
        m_series.insert(series, graph);
        updateEmptyState();
    } else if (!label.isEmpty()) {
        graph->setName(label);
    }
    graph->addData(x, y, true);
    updateRanges();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CurveView::setSeriesLabel(const QString& series, const QString& label)
{
    m_labels.insert(series, label);
    if (QCPGraph* graph = m_series.value(series)) {
        graph->setName(label);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

QString CurveView::seriesLabel(const QString& series) const
{
    const QCPGraph* graph = m_series.value(series);
    return graph ? graph->name() : QString();
}

void CurveView::updateRanges()
{
    double keyMax = 0;
    double lossMax = 0;
    for (QCPGraph* graph : std::as_const(m_series)) {
        bool found = false;
        const QCPRange keys = graph->getKeyRange(found);
        if (found)
            keyMax = std::max(keyMax, keys.upper);
        if (graph->valueAxis() != m_plot->yAxis)
            continue;
        const QCPRange values = graph->getValueRange(found);
        if (found)
            lossMax = std::max(lossMax, values.upper);
    }
    if (keyMax <= 0)
        keyMax = 1;
    m_plot->xAxis->setRange(0, keyMax + std::max(kMinimumKeyPadding, keyMax * kKeyPaddingShare));
    m_plot->yAxis->setRange(0, lossMax > 0 ? lossMax * (1 + kValuePaddingShare) : 1.0);
    m_plot->yAxis2->setRange(0, 1 + kValuePaddingShare);
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
    updateRanges();
    updateEmptyState();
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
    m_emptyLabel->setVisible(m_series.isEmpty());
}

void CurveView::placeEmptyText()
{
    // Wraps to the axes' width (at most a comfortable line length) and sits in their middle.
    const QRect axes = m_plot->axisRect()->rect();
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
    m_plot->xAxis->setLabel(tr("Epoch"));
    m_plot->yAxis->setLabel(tr("Loss"));
    m_plot->yAxis2->setLabel(tr("Accuracy"));
    m_emptyLabel->setText(tr("No training yet: Run › Train (%1) plots loss and accuracy here")
                              .arg(QKeySequence(Qt::CTRL | Qt::Key_T).toString(QKeySequence::NativeText)));
    placeEmptyText();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace slim::widgets
