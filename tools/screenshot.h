#pragma once

// Helpers shared by the screenshot tools: wait for the window as a user would, then grab it.

#include <QApplication>
#include <QElapsedTimer>
#include <QString>
#include <QWidget>

#include <cstdio>
#include <functional>

namespace slim::tools {

/// Runs the event loop until `condition` holds or `milliseconds` have passed; returns it.
inline bool waitFor(const std::function<bool()>& condition, int milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition() && timer.elapsed() < milliseconds)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    return condition();
}

/// Lets pending paints and layouts happen, then saves `widget` as `path` and says so.
inline bool save(QWidget& widget, const QString& path)
{
    for (int i = 0; i < 20; ++i)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    const bool saved = widget.grab().save(path);
    std::printf("%s %s\n", saved ? "wrote" : "could not write", qPrintable(path));
    return saved;
}

} // namespace slim::tools
