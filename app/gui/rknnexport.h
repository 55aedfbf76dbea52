#pragma once

#include "rknnexportdialog.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace slim::engine { class Model; }

namespace slim::app {

class JobRunner;

/// Runs File › Export for RKNN as a job: the bundle, then, when asked, the conversion with
/// rknn-toolkit2 (its output streamed to `log` line by line), and shows the result with the
/// per-layer cosine chart of the toolkit's accuracy analysis. UI thread only.
class RknnExporter : public QObject {
    Q_OBJECT
public:
    RknnExporter(JobRunner* jobs, QWidget* window, std::function<void(const QString&)> log);

    /// Submits the job; returns its id.
    int start(const engine::Model& model, const RknnExportSettings& settings);
    /// The last result window (for tests), or nullptr.
    QWidget* resultWindow() const { return m_result; }

Q_SIGNALS:
    void finished(const QString& folder, const QString& summary);

private:
    JobRunner* m_jobs;
    QWidget* m_window;
    std::function<void(const QString&)> m_log;
    QPointer<QWidget> m_result;
};

} // namespace slim::app
