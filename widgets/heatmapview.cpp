#include "heatmapview.h"

#include "plotstyle.h"

#include <QCheckBox>
#include <QEvent>
#include <QLocale>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace slim::widgets {

namespace {
const QColor kEmptyColour(200, 200, 200);    // cells past a row's last channel
const QColor kHighlightColour(0, 0, 0, 160); // outline of the selected row
} // namespace

HeatmapView::HeatmapView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_log(new QCheckBox(this))
{
    m_plot->setObjectName(QStringLiteral("heatmapPlot"));
    m_log->setObjectName(QStringLiteral("logScaleCheck"));
    m_plot->setMinimumHeight(110);
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);
    // Viridis: perceptually even and readable in greyscale and with colour-vision deficiencies.
    // (QCustomPlot 2.1 has no viridis preset: five of its stops, interpolated.)
    QCPColorGradient gradient;
    gradient.setColorStops({{0.0, QColor(0x44, 0x01, 0x54)},
                            {0.25, QColor(0x3b, 0x52, 0x8b)},
                            {0.5, QColor(0x21, 0x91, 0x8c)},
                            {0.75, QColor(0x5e, 0xc9, 0x62)},
                            {1.0, QColor(0xfd, 0xe7, 0x25)}});
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(kEmptyColour);
    m_map->setGradient(gradient);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false); // the outer rows and columns as wide as the others
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_plot->yAxis->setRangeReversed(true); // the first layer on top, as in the layer table
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);

    m_highlight = new QCPItemRect(m_plot);
    m_highlight->setPen(QPen(kHighlightColour, 2));
    m_highlight->setBrush(Qt::NoBrush);
    m_highlight->setSelectable(false);
    m_highlight->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_log);
    connect(m_log, &QCheckBox::toggled, this, &HeatmapView::rebuild);
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        const int row = event->button() == Qt::LeftButton ? rowAt(event->pos()) : -1;
        if (row >= 0) {
            highlightRow(m_rows[row].name);
            Q_EMIT rowClicked(m_rows[row].name);
        }
    });
    m_plot->installEventFilter(this);
    addSaveFigureMenu(this, m_plot, [this] { return figureTable(); }, QStringLiteral("heatmap"));
    retranslate();
}

FigureTable HeatmapView::figureTable() const
{
    FigureTable table;
    table.header << QStringLiteral("row");
    for (int c = 0; c < m_columns; ++c)
        table.header << QString::number(c);
    for (const HeatmapRow& row : m_rows) {
        QStringList cells{row.name};
        for (int c = 0; c < m_columns; ++c)
            cells << (c < row.values.size() ? csvNumber(row.values[c]) : QString());
        table.rows << cells;
    }
    return table;
}

void HeatmapView::setRows(const QVector<HeatmapRow>& rows, const QString& valueName, const QString& columnName)
{
    const QString highlighted = highlightedRow();
    m_rows = rows;
    m_valueName = valueName;
    m_columnName = columnName;
    m_columns = 0;
    for (const HeatmapRow& row : m_rows)
        m_columns = std::max(m_columns, static_cast<int>(row.values.size()));
    rebuild();
    highlightRow(highlighted);
}

void HeatmapView::setLogScale(bool logarithmic)
{
    m_log->setChecked(logarithmic);
}

bool HeatmapView::logScale() const
{
    return m_log->isChecked();
}

void HeatmapView::rebuild()
{
    const int columns = std::max(1, m_columns);
    const int rows = std::max(1, rowCount());
    QCPColorMapData* data = m_map->data();
    data->setSize(columns, rows);
    data->setRange(QCPRange(0, columns - 1), QCPRange(0, rows - 1));
    data->fill(std::nan(""));
    for (int r = 0; r < rowCount(); ++r) {
        const QVector<double>& values = m_rows[r].values;
        for (int c = 0; c < values.size(); ++c) {
            const double value = values[c];
            data->setCell(c, r, logScale() && value <= 0 ? std::nan("") : value);
        }
    }
    m_scale->setDataScaleType(logScale() ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (logScale())
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_map->rescaleDataRange(true);
    m_scale->axis()->setLabel(m_valueName);
    m_plot->xAxis->setLabel(m_columnName.isEmpty() ? tr("Channel") : m_columnName);
    m_plot->xAxis->setRange(-0.5, columns - 0.5);
    m_plot->yAxis->setRange(-0.5, rows - 0.5);
    updateRowTicks();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::updateRowTicks()
{
    // Row names as the vertical axis' labels, every step-th one so that they never overlap.
    const int lineHeight = QFontMetrics(m_plot->yAxis->tickLabelFont()).height() + 2;
    const int height = m_plot->axisRect()->height() > 0 ? m_plot->axisRect()->height() : m_plot->height();
    const int fitting = std::max(1, height / lineHeight);
    const int step = std::max(1, (rowCount() + fitting - 1) / fitting);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int r = 0; r < rowCount(); r += step)
        ticker->addTick(r, m_rows[r].name);
    m_plot->yAxis->setTicker(ticker);
}

QPoint HeatmapView::cellAt(const QPoint& plotPosition) const
{
    if (!m_plot->axisRect()->rect().contains(plotPosition))
        return {-1, -1};
    const int column = static_cast<int>(std::lround(m_plot->xAxis->pixelToCoord(plotPosition.x())));
    const int row = static_cast<int>(std::lround(m_plot->yAxis->pixelToCoord(plotPosition.y())));
    if (row < 0 || row >= rowCount() || column < 0 || column >= m_columns)
        return {-1, -1};
    return {column, row};
}

int HeatmapView::rowAt(const QPoint& plotPosition) const
{
    return cellAt(plotPosition).y();
}

QString HeatmapView::toolTipAt(const QPoint& plotPosition) const
{
    const QPoint cell = cellAt(plotPosition);
    if (cell.y() < 0)
        return {};
    const HeatmapRow& row = m_rows[cell.y()];
    if (cell.x() >= row.values.size())
        return {};
    const QString column = m_columnName.isEmpty() ? tr("channel") : m_columnName;
    return tr("%1, %2 %3: %4").arg(row.name, column).arg(cell.x()).arg(QLocale().toString(row.values[cell.x()], 'g', 4));
}

void HeatmapView::highlightRow(const QString& name)
{
    m_highlighted = -1;
    for (int r = 0; r < rowCount(); ++r) {
        if (!name.isEmpty() && m_rows[r].name == name)
            m_highlighted = r;
    }
    if (m_highlighted >= 0) {
        m_highlight->topLeft->setCoords(-0.5, m_highlighted - 0.5);
        m_highlight->bottomRight->setCoords(std::max(1, m_columns) - 0.5, m_highlighted + 0.5);
    }
    m_highlight->setVisible(m_highlighted >= 0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString HeatmapView::highlightedRow() const
{
    return m_highlighted >= 0 && m_highlighted < rowCount() ? m_rows[m_highlighted].name : QString();
}

bool HeatmapView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::Resize) {
        updateRowTicks();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    if (watched == m_plot && showPlotToolTip(m_plot, event, [this](const QPoint& at) { return toolTipAt(at); }))
        return true;
    return QWidget::eventFilter(watched, event);
}

void HeatmapView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HeatmapView::retranslate()
{
    m_log->setText(tr("&Logarithmic colour scale"));
    rebuild();
}

} // namespace slim::widgets
