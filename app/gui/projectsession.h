#pragma once

#include "project.h"

#include "core/job.h"
#include "model.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QVector>

#include <deque>
#include <memory>
#include <optional>

template <typename T>
class QFutureWatcher;

namespace slim::app {

class JobRunner;

/// How a model became a version: the name and badge it gets, the recipe, and the accuracy
/// the job that made it measured (empty when it measured none).
struct VersionOrigin {
    QString name;
    QString method;
    QString recipe;
    std::optional<double> top1;
    std::optional<double> top5;
    int jobId = 0;  ///< the job that produced it; 0: the job being applied, if any (JobRunner::applyingJob())
};

/// The open project, if any, and what connects it with the window: every job the runner
/// starts is recorded as a run (its title, status, log lines and curves), each result applied
/// to the document becomes a version derived from the one the document showed, and the
/// version the document shows is remembered. Checkpoints and cost figures are computed on a
/// worker thread; rows are written on this one. UI thread only.
class ProjectSession : public QObject {
    Q_OBJECT
public:
    explicit ProjectSession(JobRunner* jobs, QObject* parent = nullptr);
    ~ProjectSession() override;

    bool isOpen() const { return m_project != nullptr; }
    Project* project() const { return m_project.get(); }

    /// Creates or opens the project in `folder`, then closes the open one. Throws ProjectError;
    /// then the open project stays open.
    void create(const QString& folder);
    void open(const QString& folder);
    /// Waits for the versions still being written, adds them, then closes.
    void close();
    /// Changes with each open, create and close: work started for one project can tell that
    /// another is open now.
    quint64 generation() const { return m_generation; }

    /// The version the document shows; 0 when it shows a model the project does not hold.
    qint64 currentVersion() const { return m_current; }
    /// Whether `model` is a version of the project (added, being added, or opened from it).
    bool holds(const engine::Model& model) const;
    /// The version `model` is; minus a ticket while it is being written; 0 when the project
    /// does not hold it.
    qint64 versionOf(const engine::Model& model) const;
    /// Tells the session which model the document now shows (after open, undo, redo): the
    /// current version follows it.
    void documentChanged(const engine::Model& model);
    /// `model`, opened from version `id`, is what the document shows now.
    void setCurrent(const engine::Model& model, qint64 id);

    /// Adds `model` as a new version derived from `source`'s version (none when the project
    /// does not hold `source`). Its cost figures and checkpoint are computed in the background;
    /// versionAdded() follows, or failed().
    void addVersion(const engine::Model& model, const engine::Model& source, const VersionOrigin& origin);
    /// How many addVersion() calls are still writing.
    int pendingVersions() const { return static_cast<int>(m_writing.size()); }
    /// For tests: each checkpoint write first waits this long, so versions stay pending.
    void setWriteDelayForTests(int milliseconds) { m_writeDelayMs = milliseconds; }

    void renameVersion(qint64 id, const QString& name);
    /// Removes a version and its checkpoint; the current version becomes none if it was that one.
    void removeVersion(qint64 id);
    void setTeacher(qint64 id);
    /// 0: none chosen (or the chosen one was removed).
    qint64 teacherVersion() const;
    /// Stores figures measured later (top-1 of an evaluation, latency) for version `id`.
    void updateMetrics(qint64 id, const std::function<void(VersionMetrics&)>& change);

    /// The curves of the run that produced version `id`, for the Curves dock.
    QVector<engine::MetricSample> curvesOf(qint64 id) const;

    /// Appends a line of the Log to every job running now.
    void log(const QString& line);

    /// The session's folder name for titles; empty when no project is open.
    QString name() const;

Q_SIGNALS:
    void openedOrClosed();
    void versionsChanged();
    void versionAdded(qint64 id);
    void currentVersionChanged(qint64 id);
    /// Something could not be written; `message` says what, for the user.
    void failed(const QString& message);

private:
    void onJobAdded(int jobId);
    void onMetrics(int jobId, const QVector<slim::engine::MetricSample>& samples);
    void onJobFinished(int jobId, int state, const QString& message);
    /// Writes buffered series points and log lines; errors go to failed().
    void flush();
    void attempt(const std::function<void()>& write);
    void setCurrentId(qint64 id);
    /// A version whose checkpoint and figures are being written on a worker thread. Versions
    /// are committed in the order they were added, so a parent always commits before its child.
    struct Pending;
    void written(qint64 ticket);
    /// Commits the written versions at the front of the queue.
    void commitWritten();
    void commit(Pending& pending);
    void forget(const engine::Model& model);

    JobRunner* m_jobs;
    std::unique_ptr<Project> m_project;
    quint64 m_generation = 0;  ///< changes with each open/close, so late background work is dropped
    qint64 m_current = 0;
    /// The models the project holds in this session, by their graph: which version a model
    /// the document shows is (the graph is shared by every copy of a Model).
    /// Weak, so a version no longer open is not kept in memory (and a freed graph's address,
    /// reused, is not mistaken for it).
    struct Held {
        std::weak_ptr<const engine::graph::Graph> graph;
        qint64 id = 0;
    };
    QHash<const void*, Held> m_versionOfGraph;
    QHash<int, qint64> m_runOfJob;
    QHash<int, qint64> m_versionOfJob;       ///< results committed before their job's run finished
    QHash<int, qint64> m_finishedRunOfJob;   ///< runs that finished before their result was committed
    std::weak_ptr<const engine::graph::Graph> m_documentGraph;  ///< what the document shows
    std::deque<std::unique_ptr<Pending>> m_writing;
    QHash<qint64, qint64> m_versionOfTicket;  ///< committed tickets (0: its version failed)
    qint64 m_nextTicket = 0;
    QHash<qint64, QVector<SeriesPoint>> m_pendingPoints;
    QHash<qint64, QStringList> m_pendingLog;
    QTimer m_flushTimer;
    QHash<qint64, QString> m_reportedFailure;
    int m_writeDelayMs = 0;  ///< runs whose series could not be written, said once
};

} // namespace slim::app
