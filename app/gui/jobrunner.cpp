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
    for (Job& job : m_jobs) {
        if (job.status.id == id)
            return &job;
    }
    return nullptr;
}

QList<JobStatus> JobRunner::jobs() const
{
    QList<JobStatus> list;
    for (const Job& job : m_jobs)
        list << job.status;
    return list;
}

JobStatus JobRunner::job(int id) const
{
    for (const Job& job : m_jobs) {
        if (job.status.id == id)
            return job.status;
    }
    return {};
}

int JobRunner::submitErased(const QString& title, std::function<Finisher(const engine::JobContext&)> work)
{
    Job job;
    job.status.id = m_nextId++;
    job.status.title = title;
    job.work = std::move(work);
    job.channel = std::make_shared<Channel>();
    m_jobs << job;
    m_queue << job.status.id;
    Q_EMIT jobAdded(job.status.id);
    startNext();
    return m_jobs.last().status.id;
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
    m_watcher.setFuture(QtConcurrent::run([channel, work](QPromise<Finisher>& promise) {
        engine::JobContext context;
        context.isCancelled = [&promise] { return promise.isCanceled(); };
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
            promise.addResult(work(context));
        } catch (const std::exception& error) {
            std::lock_guard lock(channel->mutex);
            channel->error = errorText(error);
        }
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
    if (progressChanged)
        Q_EMIT jobChanged(job->status.id);
    if (!samples.isEmpty())
        Q_EMIT metricsArrived(job->status.id, samples);
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
    {
        std::lock_guard lock(job->channel->mutex);
        error = job->channel->error;
    }
    const QFuture<Finisher> future = m_watcher.future();
    if (future.isCanceled()) {
        job->status.state = JobStatus::Cancelled;
        job->status.message = tr("Cancelled; nothing was changed.");
    } else if (!error.isEmpty() || future.resultCount() == 0) {
        job->status.state = JobStatus::Failed;
        job->status.message = error.isEmpty() ? tr("The job stopped without a result.") : error;
    } else {
        job->status.state = JobStatus::Finished;
        try {
            future.result()();
        } catch (const std::exception& applyError) {
            job->status.state = JobStatus::Failed;
            job->status.message = errorText(applyError);
        }
    }
    job->work = nullptr; // release what the closure holds (models, data)
    Q_EMIT jobChanged(id);
    Q_EMIT jobFinished(id, job->status.state, job->status.message);
    startNext();
}

void JobRunner::cancel(int id)
{
    if (id == m_running) {
        m_watcher.future().cancel();
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
        m_watcher.future().cancel();
        m_watcher.waitForFinished();
    }
}

} // namespace slim::app
