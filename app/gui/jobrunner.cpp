#include "jobrunner.h"

#include "errortext.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace slim::app {

namespace {
constexpr int kPollIntervalMs = 100; // how often worker output reaches the UI
} // namespace

JobRunner::JobRunner(QObject* parent)
    : QObject(parent)
    , m_pollTimer(new QTimer(this))
{
    m_pollTimer->setInterval(kPollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &JobRunner::drain);
    connect(&m_watcher, &QFutureWatcher<Finisher>::finished, this, &JobRunner::finishRunning);
}

JobRunner::~JobRunner()
{
    cancelAllAndWait();
}

JobRunner::Job* JobRunner::find(int id)
{
    const auto it = m_jobs.find(id);
    return it == m_jobs.end() ? nullptr : it->second.get();
}

QList<JobStatus> JobRunner::jobs() const
{
    QList<JobStatus> list;
    for (const auto& [id, job] : m_jobs)
        list << job->status;
    return list;
}

JobStatus JobRunner::job(int id) const
{
    const auto it = m_jobs.find(id);
    return it == m_jobs.end() ? JobStatus{} : it->second->status;
}

bool JobRunner::isActive(int id) const
{
    return id == m_running || m_queue.contains(id);
}

int JobRunner::submitErased(const QString& title, std::function<Finisher(const engine::JobContext&)> work)
{
    auto job = std::make_unique<Job>();
    const int id = m_nextId++;
    job->status.id = id;
    job->status.title = title;
    job->work = std::move(work);
    job->channel = std::make_shared<Channel>();
    m_jobs.emplace(id, std::move(job));
    m_queue << id;
    Q_EMIT jobAdded(id);
    startNext();
    return id;
}

void JobRunner::startNext()
{
    if (m_running >= 0 || m_queue.isEmpty())
        return;
    m_running = m_queue.takeFirst();
    Job* job = find(m_running);
    job->status.state = JobStatus::Running;
    Q_EMIT jobChanged(m_running);
    auto channel = job->channel;
    auto work = job->work;
    m_watcher.setFuture(QtConcurrent::run([channel, work]() -> Finisher {
        engine::JobContext context;
        context.isCancelled = [channel] { return channel->cancelRequested.load(); };
        context.reportProgress = [channel](const engine::Progress& progress) {
            std::lock_guard lock(channel->mutex);
            channel->progress = progress;
            channel->progressChanged = true;
        };
        context.reportMetric = [channel](const engine::MetricSample& sample) {
            std::lock_guard lock(channel->mutex);
            channel->metrics.push_back(sample);
        };
        try {
            return work(context);
        } catch (const engine::JobCancelled&) {
            std::lock_guard lock(channel->mutex);
            channel->cancelledByWork = true;
        } catch (const std::exception& error) {
            std::lock_guard lock(channel->mutex);
            channel->error = errorText(error);
        }
        return {};
    }));
    m_pollTimer->start();
}

void JobRunner::drain()
{
    Job* job = find(m_running);
    if (!job)
        return;
    QVector<engine::MetricSample> samples;
    bool progressChanged = false;
    {
        std::lock_guard lock(job->channel->mutex);
        if (job->channel->progressChanged) {
            job->status.progress = job->channel->progress;
            job->channel->progressChanged = false;
            progressChanged = true;
        }
        samples = QVector<engine::MetricSample>(job->channel->metrics.begin(), job->channel->metrics.end());
        job->channel->metrics.clear();
    }
    const int id = job->status.id;
    if (progressChanged)
        Q_EMIT jobChanged(id);
    if (!samples.isEmpty())
        Q_EMIT metricsArrived(id, samples);
}

void JobRunner::finishRunning()
{
    m_pollTimer->stop();
    drain();
    const int id = m_running;
    m_running = -1;
    Job* job = find(id);
    if (!job)
        return;
    QString error;
    bool cancelledByWork = false;
    {
        std::lock_guard lock(job->channel->mutex);
        error = job->channel->error;
        cancelledByWork = job->channel->cancelledByWork;
    }
    const bool cancelAsked = job->channel->cancelRequested.load();
    const Finisher apply = m_watcher.future().result();
    job->work = nullptr; // release what the closure holds (models, data)
    if (cancelledByWork) {
        job->status.state = JobStatus::Cancelled;
        job->status.message = tr("Cancelled; nothing was changed.");
    } else if (!error.isEmpty() || !apply) {
        job->status.state = JobStatus::Failed;
        job->status.message = error.isEmpty() ? tr("The job stopped without a result.") : error;
    } else {
        job->status.state = JobStatus::Finished;
        if (cancelAsked)
            job->status.message = tr("Finished before the cancel could take effect; its result was kept.");
        m_applying = id;
        try {
            apply(); // may submit or cancel jobs: `job` stays valid, entries never move
        } catch (const std::exception& applyError) {
            job->status.state = JobStatus::Failed;
            job->status.message = errorText(applyError);
        }
        m_applying = 0;
    }
    const JobStatus status = job->status;
    Q_EMIT jobChanged(id);
    Q_EMIT jobFinished(id, status.state, status.message);
    startNext();
}

void JobRunner::cancel(int id)
{
    if (id == m_running) {
        if (Job* job = find(id))
            job->channel->cancelRequested = true;
        return;
    }
    if (m_queue.removeOne(id)) {
        Job* job = find(id);
        job->status.state = JobStatus::Cancelled;
        job->status.message = tr("Cancelled before it started.");
        job->work = nullptr;
        Q_EMIT jobChanged(id);
        Q_EMIT jobFinished(id, JobStatus::Cancelled, job->status.message);
    }
}

void JobRunner::cancelAllAndWait()
{
    const QList<int> queued = m_queue;
    for (const int id : queued)
        cancel(id);
    if (m_running >= 0) {
        cancel(m_running);
        m_watcher.waitForFinished();
    }
}

} // namespace slim::app
