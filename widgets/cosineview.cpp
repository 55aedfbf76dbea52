#include "cosineview.h"

#include "plotstyle.h"

#include <QEvent>
#include <QLocale>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace slim::widgets {

namespace {
const QColor kEntireColour(0, 114, 178);  // Okabe–Ito blue
const QColor kSingleColour(230, 159, 0);  // Okabe–Ito orange
/// Below this many layers every layer is named on the axis; above, every n-th.
constexpr int kNamedTicks = 40;
} // namespace

CosineView::CosineView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    m_plot->setObjectName(QStringLiteral("cosinePlot"));
    m_plot->setMinimumHeight(160);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_entire = m_plot->addGraph();
    m_entire->setPen(QPen(kEntireColour, 2.0));
    m_entire->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    m_single = m_plot->addGraph();
    m_single->setPen(QPen(kSingleColour, 1.5, Qt::DashLine));
    m_single->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, 5));
    m_plot->legend->setVisible(true);
    placeLegendAbove(m_plot, 2);
    m_plot->xAxis->setTickLabelRotation(60);
    m_plot->installEventFilter(this);
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); }, QStringLiteral("rknn-cosine"));
    retranslate();
}

void CosineView::setLayers(const QVector<LayerCosine>& layers)
{
    m_layers = layers;
    QVector<double> x;
    QVector<double> entire;
    QVector<double> single;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int step = std::max(1, static_cast<int>((layers.size() + kNamedTicks - 1) / kNamedTicks));
    double lowest = 1;
    for (int i = 0; i < layers.size(); ++i) {
        x << i;
        entire << layers[i].entire;
        single << layers[i].single;
        lowest = std::min({lowest, layers[i].entire, layers[i].single});
        if (i % step == 0)
            ticker->addTick(i, layers[i].name);
    }
    m_entire->setData(x, entire, true);
    m_single->setData(x, single, true);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(-0.5, std::max(0.5, layers.size() - 0.5));
    // Cosines near 1 differ in the third decimal: show the range they span, not 0..1.
    const double margin = std::max(1e-4, (1 - lowest) * 0.1);
    m_plot->yAxis->setRange(lowest - margin, 1 + margin);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int CosineView::worstLayer() const
{
    if (m_layers.isEmpty())
        return -1;
    const auto worst = std::min_element(m_layers.begin(), m_layers.end(),
                                        [](const LayerCosine& a, const LayerCosine& b) { return a.entire < b.entire; });
    return static_cast<int>(worst - m_layers.begin());
}

QString CosineView::toolTipAt(const QPoint& plotPosition) const
{
    const int index = static_cast<int>(std::lround(m_plot->xAxis->pixelToCoord(plotPosition.x())));
    if (index < 0 || index >= m_layers.size())
        return {};
    const LayerCosine& layer = m_layers[index];
    return tr("[%1] %2: cosine %3 accumulated, %4 alone")
        .arg(layer.op, layer.name, QLocale().toString(layer.entire, 'f', 5), QLocale().toString(layer.single, 'f', 5));
}

FigureTable CosineView::figureTable() const
{
    FigureTable table;
    table.header = {QStringLiteral("op"), QStringLiteral("layer"), QStringLiteral("entire_cosine"), QStringLiteral("single_cosine")};
    for (const LayerCosine& layer : m_layers)
        table.rows << QStringList{layer.op, layer.name, csvNumber(layer.entire), csvNumber(layer.single)};
    return table;
}

bool CosineView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && showPlotToolTip(m_plot, event, [this](const QPoint& at) { return toolTipAt(at); }))
        return true;
    return QWidget::eventFilter(watched, event);
}

void CosineView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CosineView::retranslate()
{
    m_entire->setName(tr("Accumulated (entire)"));
    m_single->setName(tr("Layer alone (single)"));
    m_plot->xAxis->setLabel(tr("Layer"));
    m_plot->yAxis->setLabel(tr("Cosine similarity to the float model"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace slim::widgets
