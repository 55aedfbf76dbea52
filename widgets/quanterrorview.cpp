#include "quanterrorview.h"

#include "plotstyle.h"

#include <QEvent>
#include <QLocale>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace slim::widgets {

namespace {
const QColor kWeightColour(0, 114, 178);      // Okabe–Ito blue
const QColor kActivationColour(230, 159, 0);  // Okabe–Ito orange
const QColor kLowestColour(213, 94, 0);       // Okabe–Ito vermillion: where to look first
constexpr int kNamedTicks = 40;
} // namespace

QuantErrorView::QuantErrorView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    m_plot->setObjectName(QStringLiteral("quantErrorPlot"));
    m_plot->setMinimumHeight(160);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_weights = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_weights->setPen(QPen(kWeightColour.darker(130)));
    m_weights->setBrush(kWeightColour);
    m_weights->setWidth(0.8);
    m_activations = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_activations->setPen(QPen(kActivationColour.darker(130)));
    m_activations->setBrush(QBrush(kActivationColour, Qt::Dense3Pattern)); // apart in greyscale too
    m_activations->setWidth(0.8);
    m_lowest = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_lowest->setPen(QPen(kLowestColour.darker(130), 1.5));
    m_lowest->setBrush(QBrush(kLowestColour, Qt::BDiagPattern)); // apart in greyscale too
    m_lowest->setWidth(0.8);
    m_plot->legend->setVisible(true);
    placeLegendAbove(m_plot, 3);
    m_plot->xAxis->setTickLabelRotation(60);
    m_plot->installEventFilter(this);
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); }, QStringLiteral("quantization-error"));
    retranslate();
}

void QuantErrorView::setErrors(const QVector<QuantError>& errors)
{
    m_errors = errors;
    double highest = 0;
    for (const QuantError& error : errors) {
        if (std::isfinite(error.sqnrDb))
            highest = std::max(highest, error.sqnrDb);
    }
    // An exact tensor (no noise at all) is drawn a little above the highest finite bar.
    const double exact = highest + 10;
    QVector<double> weightX, weightY, activationX, activationY;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int step = std::max(1, static_cast<int>((errors.size() + kNamedTicks - 1) / kNamedTicks));
    for (int i = 0; i < errors.size(); ++i) {
        const double value = std::isfinite(errors[i].sqnrDb) ? std::max(0.0, errors[i].sqnrDb) : exact;
        (errors[i].weight ? weightX : activationX) << i;
        (errors[i].weight ? weightY : activationY) << value;
        if (i % step == 0)
            ticker->addTick(i, errors[i].name);
    }
    m_weights->setData(weightX, weightY, true);
    m_activations->setData(activationX, activationY, true);
    // The lowest SQNR stands out, with its name on the axis whatever the label spacing.
    const int lowest = worst();
    if (lowest >= 0 && std::isfinite(m_errors[lowest].sqnrDb)) {
        m_lowest->setData({double(lowest)}, {std::max(0.0, m_errors[lowest].sqnrDb)}, true);
        ticker->addTick(lowest, m_errors[lowest].name);
    } else {
        m_lowest->data()->clear();
    }
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(-0.5, std::max(0.5, errors.size() - 0.5));
    m_plot->yAxis->setRange(0, std::max(10.0, exact * 1.05));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int QuantErrorView::worst() const
{
    if (m_errors.isEmpty())
        return -1;
    const auto lowest = std::min_element(m_errors.begin(), m_errors.end(),
                                         [](const QuantError& a, const QuantError& b) { return a.sqnrDb < b.sqnrDb; });
    return static_cast<int>(lowest - m_errors.begin());
}

QString QuantErrorView::toolTipAt(const QPoint& plotPosition) const
{
    const int index = static_cast<int>(std::lround(m_plot->xAxis->pixelToCoord(plotPosition.x())));
    if (index < 0 || index >= m_errors.size())
        return {};
    const QuantError& error = m_errors[index];
    const QString kind = error.weight ? tr("weights") : tr("activation");
    if (!std::isfinite(error.sqnrDb))
        return tr("%1 (%2, %3 bits): exact").arg(error.name, kind).arg(error.bits);
    return tr("%1 (%2, %3 bits): SQNR %4 dB").arg(error.name, kind).arg(error.bits).arg(QLocale().toString(error.sqnrDb, 'f', 1));
}

FigureTable QuantErrorView::figureTable() const
{
    FigureTable table;
    table.header = {QStringLiteral("tensor"), QStringLiteral("kind"), QStringLiteral("bits"), QStringLiteral("sqnr_db")};
    for (const QuantError& error : m_errors)
        table.rows << QStringList{error.name, error.weight ? QStringLiteral("weight") : QStringLiteral("activation"),
                                  QString::number(error.bits),
                                  std::isfinite(error.sqnrDb) ? csvNumber(error.sqnrDb) : QStringLiteral("inf")};
    return table;
}

bool QuantErrorView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && showPlotToolTip(m_plot, event, [this](const QPoint& at) { return toolTipAt(at); }))
        return true;
    return QWidget::eventFilter(watched, event);
}

void QuantErrorView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void QuantErrorView::retranslate()
{
    m_weights->setName(tr("Weights"));
    m_activations->setName(tr("Activations"));
    m_lowest->setName(tr("Lowest SQNR"));
    m_plot->xAxis->setLabel(tr("Quantized tensor"));
    m_plot->yAxis->setLabel(tr("SQNR (dB, higher is better)"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace slim::widgets
