#pragma once

class QCustomPlot;

namespace slim::widgets {

/// Puts the plot's legend in its own row above the axes, entries side by side and wrapping
/// after `columns`, so it never covers data. Shared by every chart for one look.
void placeLegendAbove(QCustomPlot* plot, int columns);

} // namespace slim::widgets
