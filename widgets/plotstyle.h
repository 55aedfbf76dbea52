#pragma once

#include <QPoint>
#include <QString>

#include <functional>

class QCustomPlot;
class QEvent;
class QWidget;

namespace slim::widgets {

/// Puts the plot's legend in its own row above the axes, entries side by side and wrapping
/// after `columns`, so it never covers data. Shared by every chart for one look.
void placeLegendAbove(QCustomPlot* plot, int columns);

/// For a view's eventFilter: shows `textAt`(the mouse position) as `plot`'s tooltip (hides
/// it when empty) and returns true for a ToolTip event on `plot`; false for anything else.
bool showPlotToolTip(QWidget* plot, QEvent* event, const std::function<QString(const QPoint&)>& textAt);

} // namespace slim::widgets
