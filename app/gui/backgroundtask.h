#pragma once

#include "errortext.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <optional>

namespace slim::app {

/// Runs short engine work (opening, building, saving a model) on Qt's thread pool and hands
/// the result to `done`, or the translated error to `failed`, on `context`'s thread. Nothing
/// is called if `context` is destroyed first. Long, cancellable work goes through jobs instead.
/// Call from the UI thread.
template <typename T>
void runInBackground(QObject* context, std::function<T()> work, std::function<void(const T&)> done,
                     std::function<void(const QString&)> failed)
{
    struct Outcome {
        std::optional<T> value;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Outcome>(context);
    QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, context, [watcher, done, failed] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        if (outcome.value)
            done(*outcome.value);
        else
            failed(outcome.error);
    });
    watcher->setFuture(QtConcurrent::run([work]() -> Outcome {
        try {
            return {work(), {}};
        } catch (const std::exception& error) {
            return {std::nullopt, errorText(error)};
        }
    }));
}

} // namespace slim::app
