#include "costchart.h"

#include "plotstyle.h"

#include <QApplication>
#include <QEvent>
#include <QLocale>
#include <QResizeEvent>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace slim::widgets {

namespace {
constexpr double kBarWidth = 0.38;      // in layer slots; two bars and a gap fill 0.8 of a slot
constexpr double kBarGap = 0.04;        // in layer slots, between a layer's two bars
constexpr double kSlotMargin = 0.7;     // layer slots of room left of the first and right of the last bar
constexpr double kValueHeadroom = 1.1;  // the tallest bar reaches 1/1.1 of its axis
// Okabe & Ito (2008) blue and orange: told apart with every common colour-vision deficiency.
const QColor kMacColour(0, 114, 178);
const QColor kParamColour(230, 159, 0);
const QColor kHighlightColour(0, 0, 0, 28);
constexpr int kPaleAlpha = 70;  // the original bars behind a pruning preview's

void colourAxis(QCPAxis* axis, const QColor& colour)
{
    axis->setLabelColor(colour);
    axis->setTickLabelColor(colour);
    axis->setBasePen(QPen(colour));
    axis->setTickPen(QPen(colour));
    axis->setSubTickPen(QPen(colour));
}
} // namespace

CostChart::CostChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("costPlot"));
    m_plot->setMinimumHeight(120);

    m_plot->yAxis2->setVisible(true);
    m_macBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_paramBars = new QCPBars(m_plot->xAxis, m_plot->yAxis2);
    m_macAfterBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_paramAfterBars = new QCPBars(m_plot->xAxis, m_plot->yAxis2);
    // Two groups laid out alike, so a preview's bars stand exactly in front of the originals.
    // The gap in layer slots, not pixels, so the two bars of a layer never spill into the next
    // layer's slot however far the chart is zoomed out.
    for (const auto& [macs, params] : {std::pair{m_macBars, m_paramBars}, std::pair{m_macAfterBars, m_paramAfterBars}}) {
        auto* group = new QCPBarsGroup(m_plot);
        group->setSpacingType(QCPBarsGroup::stPlotCoords);
        group->setSpacing(kBarGap);
        for (QCPBars* bars : {macs, params}) {
            bars->setWidth(kBarWidth);
            bars->setBarsGroup(group);
            bars->setAntialiased(false);
            bars->setPen(Qt::NoPen);
        }
    }
    m_macBars->setBrush(kMacColour);
    m_paramBars->setBrush(kParamColour);
    m_macAfterBars->setBrush(kMacColour);
    m_paramAfterBars->setBrush(kParamColour);
    m_macAfterBars->setVisible(false);
    m_paramAfterBars->setVisible(false);
    m_macAfterBars->removeFromLegend();  // in the legend only while a preview shows
    colourAxis(m_plot->yAxis, kMacColour.darker(120));
    colourAxis(m_plot->yAxis2, kParamColour.darker(140));

    // Behind the bars, across the whole height of the highlighted layer's slot.
    m_highlight = new QCPItemRect(m_plot);
    m_highlight->setLayer(QStringLiteral("background"));
    m_highlight->setClipAxisRect(m_plot->axisRect());
    for (QCPItemPosition* corner : {m_highlight->topLeft, m_highlight->bottomRight}) {
        corner->setAxes(m_plot->xAxis, m_plot->yAxis);
        corner->setTypeX(QCPItemPosition::ptPlotCoords);
        corner->setTypeY(QCPItemPosition::ptAxisRectRatio);
        corner->setAxisRect(m_plot->axisRect());
    }
    m_highlight->setPen(Qt::NoPen);
    m_highlight->setBrush(kHighlightColour);
    m_highlight->setSelectable(false);
    m_highlight->setVisible(false);

    m_note = new QCPItemText(m_plot);
    m_note->setClipToAxisRect(false);
    m_note->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_note->position->setAxisRect(m_plot->axisRect());
    m_note->position->setCoords(0.99, 0.02);
    m_note->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    m_note->setPadding(QMargins(4, 2, 4, 2));
    m_note->setBrush(QColor(255, 255, 255, 220));
    m_note->setVisible(false);

    m_plot->xAxis->setTickLabelRotation(60);
    m_plot->xAxis->setSubTicks(false);
    m_plot->xAxis->grid()->setVisible(false);
    placeLegendAbove(m_plot, 2);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) { m_pressPosition = event->pos(); });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        // A click, not the end of a drag along the layers.
        if (event->button() != Qt::LeftButton
            || (event->pos() - m_pressPosition).manhattanLength() >= QApplication::startDragDistance())
            return;
        const int layer = layerAt(event->pos());
        if (layer >= 0)
            Q_EMIT layerClicked(m_layers[layer]);
    });
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); }, QStringLiteral("cost"));
    retranslate();
}

FigureTable CostChart::figureTable() const
{
    FigureTable table;
    table.header = {QStringLiteral("layer"), QStringLiteral("macs"), QStringLiteral("params")};
    if (showsRemaining())
        table.header << QStringLiteral("macs_after") << QStringLiteral("params_after");
    for (int i = 0; i < m_layers.size(); ++i) {
        QStringList row{m_layers[i], csvNumber(m_macs[i]), csvNumber(m_params[i])};
        if (showsRemaining())
            row << csvNumber(m_macsAfter[i]) << csvNumber(m_paramsAfter[i]);
        table.rows << row;
    }
    return table;
}

void CostChart::setData(const QStringList& layers, const QVector<double>& macs, const QVector<double>& params)
{
    const QString highlighted = highlightedLayer();
    m_layers = layers;
    m_macs = macs;
    m_params = params;
    m_macs.resize(layers.size());
    m_params.resize(layers.size());
    setRemaining({}, {});
    QVector<double> keys(layers.size());
    QVector<double> macMillions(layers.size());
    QVector<double> paramThousands(layers.size());
    for (int i = 0; i < layers.size(); ++i) {
        keys[i] = i + 1;
        macMillions[i] = m_macs[i] / 1e6;
        paramThousands[i] = m_params[i] / 1e3;
    }
    updateTicks();
    m_macBars->setData(keys, macMillions, true);
    m_paramBars->setData(keys, paramThousands, true);
    m_plot->xAxis->setRange(1 - kSlotMargin, layers.size() + kSlotMargin);
    bool found = false;
    const QCPRange macRange = m_macBars->getValueRange(found);
    m_plot->yAxis->setRange(0, found && macRange.upper > 0 ? macRange.upper * kValueHeadroom : 1.0);
    const QCPRange paramRange = m_paramBars->getValueRange(found);
    m_plot->yAxis2->setRange(0, found && paramRange.upper > 0 ? paramRange.upper * kValueHeadroom : 1.0);
    highlightLayer(highlighted);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CostChart::setNote(const QString& text)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString CostChart::note() const
{
    return m_note->visible() ? m_note->text() : QString();
}

void CostChart::setRemaining(const QVector<double>& macs, const QVector<double>& params)
{
    const bool shown = !macs.isEmpty() && !m_layers.isEmpty();
    m_macsAfter = shown ? macs : QVector<double>();
    m_paramsAfter = shown ? params : QVector<double>();
    m_macsAfter.resize(shown ? m_layers.size() : 0);
    m_paramsAfter.resize(shown ? m_layers.size() : 0);
    QVector<double> keys(m_macsAfter.size());
    QVector<double> macMillions(m_macsAfter.size());
    QVector<double> paramThousands(m_macsAfter.size());
    for (int i = 0; i < m_macsAfter.size(); ++i) {
        keys[i] = i + 1;
        macMillions[i] = m_macsAfter[i] / 1e6;
        paramThousands[i] = m_paramsAfter[i] / 1e3;
    }
    m_macAfterBars->setData(keys, macMillions, true);
    m_paramAfterBars->setData(keys, paramThousands, true);
    m_macAfterBars->setVisible(shown);
    m_paramAfterBars->setVisible(shown);
    for (QCPBars* bars : {m_macAfterBars, m_paramAfterBars}) {
        if (shown)
            bars->addToLegend();
        else
            bars->removeFromLegend();
    }
    QColor macBefore = kMacColour;
    QColor paramBefore = kParamColour;
    if (shown) {
        macBefore.setAlpha(kPaleAlpha);
        paramBefore.setAlpha(kPaleAlpha);
    }
    m_macBars->setBrush(macBefore);
    m_paramBars->setBrush(paramBefore);
    m_plot->legend->setWrap(shown ? 4 : 2); // four short entries in one row, as tall as two
    retranslate();
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

int CostChart::layerAt(const QPoint& plotPosition) const
{
    if (m_layers.isEmpty() || !m_plot->axisRect()->rect().contains(plotPosition))
        return -1;
    const double key = m_plot->xAxis->pixelToCoord(plotPosition.x());
    const int layer = static_cast<int>(std::lround(key)) - 1;
    return layer >= 0 && layer < m_layers.size() ? layer : -1;
}

QString CostChart::toolTipAt(const QPoint& plotPosition) const
{
    const int layer = layerAt(plotPosition);
    if (layer < 0)
        return {};
    const QLocale locale;
    const auto count = [&locale](double value) { return locale.toString(static_cast<qlonglong>(std::llround(value))); };
    if (showsRemaining())
        return tr("%1\nMACs: %2 → %3\nParameters: %4 → %5")
            .arg(m_layers[layer], count(m_macs[layer]), count(m_macsAfter[layer]), count(m_params[layer]), count(m_paramsAfter[layer]));
    return tr("%1\nMACs: %2\nParameters: %3").arg(m_layers[layer], count(m_macs[layer]), count(m_params[layer]));
}

void CostChart::highlightLayer(const QString& name)
{
    m_highlighted = name.isEmpty() ? -1 : static_cast<int>(m_layers.indexOf(name));
    m_highlight->setVisible(m_highlighted >= 0);
    if (m_highlighted >= 0) {
        const double key = m_highlighted + 1;
        m_highlight->topLeft->setCoords(key - 0.5, 0);
        m_highlight->bottomRight->setCoords(key + 0.5, 1);
        const QCPRange visible = m_plot->xAxis->range();
        if (key - 0.5 < visible.lower || key + 0.5 > visible.upper)
            m_plot->xAxis->setRange(key, visible.size(), Qt::AlignCenter);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString CostChart::highlightedLayer() const
{
    return m_highlighted >= 0 ? m_layers.value(m_highlighted) : QString();
}

bool CostChart::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && showPlotToolTip(m_plot, event, [this](const QPoint& at) { return toolTipAt(at); }))
        return true;
    return QWidget::eventFilter(watched, event);
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
    if (showsRemaining()) {
        m_macBars->setName(tr("MACs before"));
        m_paramBars->setName(tr("Params before"));
        m_macAfterBars->setName(tr("MACs after"));
        m_paramAfterBars->setName(tr("Params after"));
    } else {
        m_macBars->setName(tr("MACs (millions)"));
        m_paramBars->setName(tr("Parameters (thousands)"));
    }
    m_plot->yAxis->setLabel(tr("MACs (M)"));
    m_plot->yAxis2->setLabel(tr("Parameters (K)"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace slim::widgets
