#pragma once

#include "figureexport.h"

#include <QString>
#include <QStringList>

namespace slim::app {

class Project;

/// Writes every figure of `project` into `folder` (made if missing), each as PNG, PDF, SVG and
/// CSV in `style`: accuracy against MACs of every version that has both (with the Pareto front),
/// and the curves of every run that recorded some; beside them the comparison table of all
/// versions as CSV, Markdown and LaTeX. Returns the files written. Throws ProjectError naming
/// the file that could not be written. Renders widgets: UI thread only (offscreen works).
QStringList exportFigurePack(const Project& project, const QString& folder, const widgets::FigureStyle& style);

} // namespace slim::app
