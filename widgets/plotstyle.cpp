#include "plotstyle.h"

#include <QEvent>
#include <QHelpEvent>
#include <QToolTip>
#include <qcustomplot.h>

namespace slim::widgets {

void placeLegendAbove(QCustomPlot* plot, int columns)
{
    plot->legend->setVisible(true);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(columns);
    plot->legend->setBorderPen(Qt::NoPen);
    // The legend shares its row with an empty spacer: an empty legend's size hint is a few
    // pixels, and on its own in the row it would cap the column, squeezing the axes below into
    // a strip while there are no series. The spacer takes only the width the legend leaves.
    auto* row = new QCPLayoutGrid;
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, row);
    row->addElement(0, 0, plot->legend);
    row->addElement(0, 1, new QCPLayoutElement(plot));
    row->setColumnStretchFactor(1, 0.001);
    row->setColumnSpacing(0);
    plot->plotLayout()->setRowStretchFactor(0, 0.001); // as tall as the legend needs, no more
}

bool showPlotToolTip(QWidget* plot, QEvent* event, const std::function<QString(const QPoint&)>& textAt)
{
    if (event->type() != QEvent::ToolTip)
        return false;
    const auto* help = static_cast<QHelpEvent*>(event);
    const QString text = textAt(help->pos());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), text, plot);
    return true;
}

} // namespace slim::widgets
