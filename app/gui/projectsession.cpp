#include "projectsession.h"

#include "errortext.h"
#include "jobrunner.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

namespace slim::app {

namespace {
const QString kSelectedVersion = QStringLiteral("selected_version");
const QString kTeacherVersion = QStringLiteral("teacher_version");
} // namespace

/// What the worker hands back: the version's figures, or why it could not be written.
struct WriteOutcome {
    VersionMetrics metrics;
    QString error;
};

struct ProjectSession::Pending {
    qint64 ticket = 0;
    ProjectVersion version;      ///< prepared: its checkpoint name is assigned
    qint64 parentTicket = 0;     ///< the parent, when it was itself being written
    engine::Model model;
    int jobId = 0;
    QFutureWatcher<WriteOutcome>* watcher = nullptr;
    std::optional<WriteOutcome> outcome;
};

ProjectSession::ProjectSession(JobRunner* jobs, QObject* parent)
    : QObject(parent)
    , m_jobs(jobs)
{
    // Live curves arrive many times a second; they are written in batches.
    m_flushTimer.setInterval(1000);
    connect(&m_flushTimer, &QTimer::timeout, this, &ProjectSession::flush);
    connect(m_jobs, &JobRunner::jobAdded, this, &ProjectSession::onJobAdded);
    connect(m_jobs, &JobRunner::metricsArrived, this, &ProjectSession::onMetrics);
    connect(m_jobs, &JobRunner::jobFinished, this, &ProjectSession::onJobFinished);
}

ProjectSession::~ProjectSession()
{
    // Quietly: whoever listened may be half destroyed by now.
    const QSignalBlocker blocker(this);
    close();
}

void ProjectSession::create(const QString& folder)
{
    std::unique_ptr<Project> created = Project::create(folder); // the open one stays if this throws
    close();
    m_project = std::move(created);
    ++m_generation;
    Q_EMIT openedOrClosed();
    Q_EMIT versionsChanged();
}

void ProjectSession::open(const QString& folder)
{
    std::unique_ptr<Project> opened;
    if (m_project && QDir(m_project->folder()).canonicalPath() == QDir(folder).canonicalPath()) {
        close(); // the same project again: its lock is ours
        opened = Project::open(folder);
    } else {
        opened = Project::open(folder); // the open one stays if this throws
        close();
    }
    m_project = std::move(opened);
    ++m_generation;
    Q_EMIT openedOrClosed();
    Q_EMIT versionsChanged();
}

void ProjectSession::close()
{
    if (!m_project)
        return;
    // Versions still being written are waited for and added: closing loses none.
    for (const std::unique_ptr<Pending>& pending : m_writing) {
        pending->watcher->waitForFinished();
        pending->outcome = pending->watcher->result();
    }
    commitWritten();
    flush();
    // Runs still going are recorded as interrupted: the project no longer hears how they end.
    for (const qint64 runId : std::as_const(m_runOfJob))
        attempt([&] { m_project->finishRun(runId, QStringLiteral("interrupted")); });
    m_project.reset();
    ++m_generation;
    m_runOfJob.clear();
    m_versionOfJob.clear();
    m_finishedRunOfJob.clear();
    m_versionOfGraph.clear();
    m_versionOfTicket.clear();
    m_pendingPoints.clear();
    m_pendingLog.clear();
    m_reportedFailure.clear();
    m_flushTimer.stop();
    setCurrentId(0);
    Q_EMIT openedOrClosed();
    Q_EMIT versionsChanged();
}

QString ProjectSession::name() const
{
    return m_project ? m_project->name() : QString();
}

qint64 ProjectSession::versionOf(const engine::Model& model) const
{
    const auto it = m_versionOfGraph.constFind(model.sharedGraph().get());
    return it != m_versionOfGraph.constEnd() && it->graph.lock() == model.sharedGraph() ? it->id : 0;
}

bool ProjectSession::holds(const engine::Model& model) const
{
    return m_project && !model.isNull() && versionOf(model) != 0;
}

void ProjectSession::documentChanged(const engine::Model& model)
{
    m_documentGraph = model.sharedGraph();
    // Entries of models no longer alive go, so the map does not grow without end.
    for (auto it = m_versionOfGraph.begin(); it != m_versionOfGraph.end();) {
        if (it->graph.expired())
            it = m_versionOfGraph.erase(it);
        else
            ++it;
    }
    if (m_project)
        setCurrentId(std::max<qint64>(versionOf(model), 0));
}

void ProjectSession::setCurrent(const engine::Model& model, qint64 id)
{
    if (!m_project)
        return;
    m_versionOfGraph.insert(model.sharedGraph().get(), {model.sharedGraph(), id});
    m_documentGraph = model.sharedGraph();
    setCurrentId(id);
}

void ProjectSession::setCurrentId(qint64 id)
{
    if (m_project && id > 0)
        attempt([&] { m_project->setSetting(kSelectedVersion, QString::number(id)); });
    if (id == m_current)
        return;
    m_current = id;
    Q_EMIT currentVersionChanged(id);
}

void ProjectSession::forget(const engine::Model& model)
{
    m_versionOfGraph.remove(model.sharedGraph().get());
}

void ProjectSession::addVersion(const engine::Model& model, const engine::Model& source, const VersionOrigin& origin)
{
    if (!m_project || model.isNull())
        return;
    auto pending = std::make_unique<Pending>();
    pending->ticket = ++m_nextTicket;
    pending->model = model;
    pending->jobId = origin.jobId > 0 ? origin.jobId : m_jobs->applyingJob();
    ProjectVersion& version = pending->version;
    version.name = origin.name;
    version.method = origin.method;
    version.recipe = origin.recipe;
    version.metrics.top1 = origin.top1;
    version.metrics.top5 = origin.top5;
    const qint64 parent = versionOf(source);
    if (parent > 0)
        version.parentId = parent;
    else if (parent < 0)
        pending->parentTicket = -parent; // resolved when it commits, before this one
    try {
        version = m_project->prepareVersion(version);
    } catch (const ProjectError& error) {
        Q_EMIT failed(error.message());
        return;
    }
    m_versionOfGraph.insert(model.sharedGraph().get(), {model.sharedGraph(), -pending->ticket});
    const QString path = m_project->checkpointPath(version);
    pending->watcher = new QFutureWatcher<WriteOutcome>(this);
    const qint64 ticket = pending->ticket;
    connect(pending->watcher, &QFutureWatcher<WriteOutcome>::finished, this, [this, ticket] { written(ticket); });
    pending->watcher->setFuture(QtConcurrent::run([model, path, metrics = version.metrics, delay = m_writeDelayMs]() -> WriteOutcome {
        if (delay > 0)
            QThread::msleep(static_cast<unsigned long>(delay));
        WriteOutcome outcome;
        outcome.metrics = metrics;
        try {
            const engine::CostSummary cost = model.cost();
            outcome.metrics.params = cost.params;
            outcome.metrics.macs = cost.macs;
            outcome.metrics.nonzeroParams = cost.nonzeroParams;
            outcome.metrics.energyPj = cost.energyPj;
            outcome.metrics.parameterBytes = cost.parameterBytes;
            model.save(path.toStdString()); // atomic: complete or absent
        } catch (const std::exception& error) {
            outcome.error = errorText(error);
        }
        return outcome;
    }));
    m_writing.push_back(std::move(pending));
}

void ProjectSession::written(qint64 ticket)
{
    for (const std::unique_ptr<Pending>& pending : m_writing) {
        if (pending->ticket == ticket && !pending->outcome) {
            pending->outcome = pending->watcher->result();
            break;
        }
    }
    commitWritten();
}

void ProjectSession::commitWritten()
{
    while (!m_writing.empty() && m_writing.front()->outcome) {
        std::unique_ptr<Pending> pending = std::move(m_writing.front());
        m_writing.pop_front();
        pending->watcher->deleteLater();
        commit(*pending);
    }
}

void ProjectSession::commit(Pending& pending)
{
    ProjectVersion& version = pending.version;
    const auto drop = [&](const QString& message) {
        QFile::remove(m_project->checkpointPath(version)); // no row refers to it
        forget(pending.model);
        m_versionOfTicket.insert(pending.ticket, 0);
        // Its children, still being written, hang from its parent instead.
        for (const std::unique_ptr<Pending>& child : m_writing) {
            if (child->parentTicket == pending.ticket) {
                child->parentTicket = pending.parentTicket;
                child->version.parentId = version.parentId;
            }
        }
        Q_EMIT failed(tr("The version could not be added to the project: %1").arg(message));
    };
    if (!pending.outcome->error.isEmpty()) {
        drop(pending.outcome->error);
        return;
    }
    version.metrics = pending.outcome->metrics;
    if (pending.parentTicket > 0)
        version.parentId = m_versionOfTicket.value(pending.parentTicket, 0);
    qint64 id = 0;
    try {
        // The parent may have been deleted meanwhile (removeVersion() moves the pending
        // children up); if not even that one is left, the version becomes a root.
        if (version.parentId > 0 && !m_project->version(version.parentId))
            version.parentId = 0;
        id = m_project->commitVersion(version);
    } catch (const ProjectError& error) {
        drop(error.message());
        return;
    }
    m_versionOfTicket.insert(pending.ticket, id);
    // Its children still being written now hang from a version, which removeVersion() can move.
    for (const std::unique_ptr<Pending>& child : m_writing) {
        if (child->parentTicket == pending.ticket) {
            child->parentTicket = 0;
            child->version.parentId = id;
        }
    }
    m_versionOfGraph.insert(pending.model.sharedGraph().get(), {pending.model.sharedGraph(), id});
    if (pending.jobId > 0) {
        if (m_finishedRunOfJob.contains(pending.jobId)) {
            const qint64 runId = m_finishedRunOfJob.take(pending.jobId);
            attempt([&] { m_project->setRunVersion(runId, id); });
        } else {
            m_versionOfJob.insert(pending.jobId, id); // linked when its run finishes
        }
    }
    Q_EMIT versionsChanged();
    Q_EMIT versionAdded(id);
    if (m_documentGraph.lock() == pending.model.sharedGraph())
        setCurrentId(id);
}

void ProjectSession::renameVersion(qint64 id, const QString& name)
{
    if (!m_project)
        return;
    attempt([&] { m_project->renameVersion(id, name); });
    Q_EMIT versionsChanged();
}

void ProjectSession::removeVersion(qint64 id)
{
    if (!m_project)
        return;
    std::optional<ProjectVersion> removed;
    attempt([&] { removed = m_project->version(id); });
    if (!removed)
        return;
    bool removedOk = false;
    attempt([&] {
        m_project->removeVersion(id);
        removedOk = true;
    });
    if (!removedOk)
        return; // the database still holds it: so does the session
    for (const std::unique_ptr<Pending>& pending : m_writing) {
        if (pending->version.parentId == id)
            pending->version.parentId = removed->parentId; // as the committed children moved
    }
    for (auto it = m_versionOfGraph.begin(); it != m_versionOfGraph.end();) {
        if (it->id == id)
            it = m_versionOfGraph.erase(it);
        else
            ++it;
    }
    if (m_current == id)
        setCurrentId(0);
    if (teacherVersion() == 0)
        attempt([&] { m_project->setSetting(kTeacherVersion, QString()); });
    Q_EMIT versionsChanged();
}

void ProjectSession::setTeacher(qint64 id)
{
    if (!m_project)
        return;
    attempt([&] { m_project->setSetting(kTeacherVersion, id > 0 ? QString::number(id) : QString()); });
    Q_EMIT versionsChanged();
}

qint64 ProjectSession::teacherVersion() const
{
    if (!m_project)
        return 0;
    qint64 id = 0;
    try {
        id = m_project->setting(kTeacherVersion).toLongLong();
        if (id > 0 && !m_project->version(id))
            id = 0;
    } catch (const ProjectError&) {
        id = 0;
    }
    return id;
}

void ProjectSession::updateMetrics(qint64 id, const std::function<void(VersionMetrics&)>& change)
{
    if (!m_project)
        return;
    attempt([&] {
        std::optional<ProjectVersion> version = m_project->version(id);
        if (!version)
            return;
        change(version->metrics);
        m_project->setMetrics(id, version->metrics);
    });
    Q_EMIT versionsChanged();
}

QVector<engine::MetricSample> ProjectSession::curvesOf(qint64 id) const
{
    QVector<engine::MetricSample> samples;
    if (!m_project)
        return samples;
    try {
        const std::optional<ProjectRun> run = m_project->runProducing(id);
        if (!run)
            return samples;
        for (const SeriesPoint& point : m_project->series(run->id))
            samples.append({point.series.toStdString(), point.step, point.value, point.epoch});
    } catch (const ProjectError&) {
    }
    return samples;
}

void ProjectSession::log(const QString& line)
{
    if (!m_project)
        return;
    for (const qint64 runId : std::as_const(m_runOfJob))
        m_pendingLog[runId].append(line);
    if (!m_runOfJob.isEmpty() && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void ProjectSession::onJobAdded(int jobId)
{
    if (!m_project)
        return;
    qint64 runId = 0;
    attempt([&] { runId = m_project->startRun(m_jobs->job(jobId).title, {}, m_current); });
    if (runId > 0)
        m_runOfJob.insert(jobId, runId);
}

void ProjectSession::onMetrics(int jobId, const QVector<slim::engine::MetricSample>& samples)
{
    const auto run = m_runOfJob.constFind(jobId);
    if (!m_project || run == m_runOfJob.constEnd())
        return;
    QVector<SeriesPoint>& points = m_pendingPoints[*run];
    for (const engine::MetricSample& sample : samples)
        points.append({QString::fromStdString(sample.series), sample.step, sample.value, sample.epoch});
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ProjectSession::onJobFinished(int jobId, int state, const QString& message)
{
    if (!m_project || !m_runOfJob.contains(jobId))
        return;
    const qint64 runId = m_runOfJob.take(jobId);
    if (!message.isEmpty())
        m_pendingLog[runId].append(message);
    flush();
    const QString status = state == JobStatus::Finished    ? QStringLiteral("finished")
                           : state == JobStatus::Cancelled ? QStringLiteral("cancelled")
                                                           : QStringLiteral("failed");
    const qint64 versionId = m_versionOfJob.take(jobId);
    attempt([&] { m_project->finishRun(runId, status, versionId); });
    if (versionId == 0 && state == JobStatus::Finished)
        m_finishedRunOfJob.insert(jobId, runId); // its version may still be being written
}

void ProjectSession::flush()
{
    if (!m_project) {
        m_flushTimer.stop();
        return;
    }
    // A run whose curves or log cannot be written is said once, not every second.
    const auto write = [this](qint64 runId, const std::function<void()>& work) {
        try {
            work();
        } catch (const ProjectError& error) {
            if (!m_reportedFailure.contains(runId)) {
                m_reportedFailure.insert(runId, error.message());
                Q_EMIT failed(error.message());
            }
        }
    };
    const QHash<qint64, QVector<SeriesPoint>> points = std::exchange(m_pendingPoints, {});
    for (auto it = points.begin(); it != points.end(); ++it)
        write(it.key(), [&] { m_project->appendSeries(it.key(), it.value()); });
    const QHash<qint64, QStringList> lines = std::exchange(m_pendingLog, {});
    for (auto it = lines.begin(); it != lines.end(); ++it)
        write(it.key(), [&] { m_project->appendLog(it.key(), it.value().join(QLatin1Char('\n'))); });
    if (m_runOfJob.isEmpty())
        m_flushTimer.stop();
}

void ProjectSession::attempt(const std::function<void()>& write)
{
    try {
        write();
    } catch (const ProjectError& error) {
        Q_EMIT failed(error.message());
    }
}

} // namespace slim::app
