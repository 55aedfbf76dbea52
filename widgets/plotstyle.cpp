#include "plotstyle.h"

#include <qcustomplot.h>

namespace slim::widgets {

void placeLegendAbove(QCustomPlot* plot, int columns)
{
    plot->legend->setVisible(true);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(columns);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(0, 0.001); // as tall as the legend needs, no more
}

} // namespace slim::widgets
