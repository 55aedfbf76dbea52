#include "projectsession.h"

#include "backgroundtask.h"
#include "jobrunner.h"

namespace slim::app {

namespace {
const QString kSelectedVersion = QStringLiteral("selected_version");
const QString kTeacherVersion = QStringLiteral("teacher_version");
} // namespace

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
    close();
}

void ProjectSession::create(const QString& folder)
{
    close();
    m_project = Project::create(folder);
    ++m_generation;
    Q_EMIT openedOrClosed();
    Q_EMIT versionsChanged();
}

void ProjectSession::open(const QString& folder)
{
    close();
    m_project = Project::open(folder);
    ++m_generation;
    Q_EMIT openedOrClosed();
    Q_EMIT versionsChanged();
}

void ProjectSession::close()
{
    if (!m_project)
        return;
    flush();
    // Runs still going are recorded as interrupted: the project no longer hears how they end.
    for (const qint64 runId : std::as_const(m_runOfJob))
        attempt([&] { m_project->finishRun(runId, QStringLiteral("interrupted")); });
    m_project.reset();
    ++m_generation;
    m_runOfJob.clear();
    m_versionOfJob.clear();
    m_versionOfGraph.clear();
    m_pendingPoints.clear();
    m_pendingLog.clear();
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
    return m_project && !model.isNull() && versionOf(model) > 0;
}

void ProjectSession::documentChanged(const engine::Model& model)
{
    m_documentGraph = model.sharedGraph();
    if (m_project)
        setCurrentId(versionOf(model));
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

void ProjectSession::addVersion(const engine::Model& model, const engine::Model& source, const VersionOrigin& origin)
{
    if (!m_project || model.isNull())
        return;
    ProjectVersion version;
    version.name = origin.name;
    version.method = origin.method;
    version.recipe = origin.recipe;
    version.parentId = versionOf(source);
    version.metrics.top1 = origin.top1;
    version.metrics.top5 = origin.top5;
    try {
        version = m_project->prepareVersion(version);
    } catch (const ProjectError& error) {
        Q_EMIT failed(error.message());
        return;
    }
    const QString path = m_project->checkpointPath(version);
    const quint64 generation = m_generation;
    ++m_pending;
    runInBackground<VersionMetrics>(
        this,
        [model, path, metrics = version.metrics] {
            VersionMetrics measured = metrics;
            const engine::CostSummary cost = model.cost();
            measured.params = cost.params;
            measured.macs = cost.macs;
            measured.nonzeroParams = cost.nonzeroParams;
            measured.energyPj = cost.energyPj;
            model.save(path.toStdString()); // atomic: complete or absent
            return measured;
        },
        [this, version, generation, model, jobId = origin.jobId > 0 ? origin.jobId : m_jobs->applyingJob()](
            const VersionMetrics& measured) mutable {
            --m_pending;
            if (generation != m_generation || !m_project)
                return; // the project was closed meanwhile; its next open removes the file
            version.metrics = measured;
            qint64 id = 0;
            attempt([&] { id = m_project->commitVersion(version); });
            if (id == 0)
                return;
            m_versionOfGraph.insert(model.sharedGraph().get(), {model.sharedGraph(), id});
            if (jobId > 0) {
                if (m_finishedRunOfJob.contains(jobId)) {
                    const qint64 runId = m_finishedRunOfJob.take(jobId);
                    attempt([&] { m_project->setRunVersion(runId, id); });
                } else {
                    m_versionOfJob.insert(jobId, id); // linked when its run finishes
                }
            }
            Q_EMIT versionsChanged();
            Q_EMIT versionAdded(id);
            if (m_documentGraph.lock() == model.sharedGraph())
                setCurrentId(id);
        },
        [this, generation](const QString& message) {
            --m_pending;
            if (generation == m_generation)
                Q_EMIT failed(tr("The version could not be added to the project: %1").arg(message));
        });
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
    attempt([&] { m_project->removeVersion(id); });
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
    const QHash<qint64, QVector<SeriesPoint>> points = std::exchange(m_pendingPoints, {});
    for (auto it = points.begin(); it != points.end(); ++it)
        attempt([&] { m_project->appendSeries(it.key(), it.value()); });
    const QHash<qint64, QStringList> lines = std::exchange(m_pendingLog, {});
    for (auto it = lines.begin(); it != lines.end(); ++it)
        attempt([&] { m_project->appendLog(it.key(), it.value().join(QLatin1Char('\n'))); });
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
