#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace slim::engine {
class Model;
struct QuantizeRequest;
struct QuantizeResult;
} // namespace slim::engine

namespace slim::app {

class JobRunner;

/// Runs post-training quantization (Run › Quantize and Distill…) as a job: the result goes to
/// `apply` (which replaces the open model as one undo step) and a window shows the per-layer
/// quantization error chart with the size and top-1 before and after. UI thread only.
class Quantizer : public QObject {
    Q_OBJECT
public:
    /// `apply(source, generation, result, undoText, title)` replaces `source` (of document
    /// generation `generation`) by `result` in the document.
    /// (source, document generation, result, undo text, title, top-1 of the result or negative)
    using Apply =
        std::function<void(const engine::Model&, quint64, const engine::Model&, const QString&, const QString&, double)>;
    Quantizer(JobRunner* jobs, QWidget* window, std::function<void(const QString&)> log, Apply apply);

    /// Submits the job; returns its id.
    int start(const engine::Model& model, quint64 generation, const engine::QuantizeRequest& request);
    /// The last result window (for tests), or nullptr.
    QWidget* resultWindow() const { return m_result; }

    /// The result as log lines: what was done, size, top-1, the weakest tensor.
    static QStringList summaryLines(const engine::QuantizeResult& result, const engine::QuantizeRequest& request);

private:
    void showResult(const engine::QuantizeResult& result, const QStringList& lines);

    JobRunner* m_jobs;
    QWidget* m_window;
    std::function<void(const QString&)> m_log;
    Apply m_apply;
    QPointer<QWidget> m_result;
};

} // namespace slim::app
