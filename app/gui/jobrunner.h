#pragma once

#include "core/job.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QVector>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

class QTimer;

namespace slim::app {

/// What the Jobs dock shows about one job.
struct JobStatus {
    enum State { Queued, Running, Finished, Failed, Cancelled };
    int id = 0;
    QString title;
    State state = Queued;
    engine::Progress progress;
    QString message;  ///< the error, or a summary when finished
};

/// Runs engine jobs one at a time on Qt's thread pool (QtConcurrent, watched by a
/// QFutureWatcher). Progress and metric samples are collected from the worker and handed to
/// the UI thread in batches every 100 ms, so a fast stream never floods the event loop. A
/// job's result is applied on the UI thread by the `apply` callback it was submitted with,
/// and only when the work returned normally. Work that stops for a cancel throws
/// engine::JobCancelled and counts as cancelled; work that completes although a cancel was
/// asked for counts as finished (its result is real and applied), and its message says the
/// cancel came too late. Jobs are owned by stable pointers, so callbacks may submit or
/// cancel jobs. UI thread only.
class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    /// Queues `work` (run on a worker thread with a JobContext) and returns the job's id.
    template <typename Result>
    int submit(const QString& title, std::function<Result(const engine::JobContext&)> work,
               std::function<void(const Result&)> apply)
    {
        return submitErased(title, [work = std::move(work), apply = std::move(apply)](const engine::JobContext& context) {
            auto result = std::make_shared<Result>(work(context));
            return std::function<void()>([apply, result] { apply(*result); });
        });
    }

    /// Cancels a queued job, or asks a running one to stop (within one batch). A job that
    /// has already ended is left as it is.
    void cancel(int id);
    /// Cancels everything and waits for the running job to stop (used when quitting).
    void cancelAllAndWait();

    QList<JobStatus> jobs() const;
    JobStatus job(int id) const;
    bool isBusy() const { return m_running >= 0 || !m_queue.isEmpty(); }
    /// The job whose result is being applied right now (inside its `apply`); 0 otherwise.
    int applyingJob() const { return m_applying; }
    /// Whether `id` is queued or running.
    bool isActive(int id) const;

Q_SIGNALS:
    void jobAdded(int id);
    void jobChanged(int id);
    void metricsArrived(int id, const QVector<slim::engine::MetricSample>& samples);
    void jobFinished(int id, int state, const QString& message);

private:
    /// Filled on the worker, drained on the UI thread.
    struct Channel {
        std::mutex mutex;
        engine::Progress progress;
        bool progressChanged = false;
        std::vector<engine::MetricSample> metrics;
        QString error;
        bool cancelledByWork = false;       ///< the work threw JobCancelled
        std::atomic<bool> cancelRequested{false};
    };
    using Finisher = std::function<void()>;
    int submitErased(const QString& title, std::function<Finisher(const engine::JobContext&)> work);
    void startNext();
    void drain();
    void finishRunning();

    struct Job {
        JobStatus status;
        std::function<Finisher(const engine::JobContext&)> work;
        std::shared_ptr<Channel> channel;
    };
    std::map<int, std::unique_ptr<Job>> m_jobs;  ///< by id; entries never move
    QList<int> m_queue;
    int m_running = -1;
    int m_applying = 0;
    int m_nextId = 1;
    QFutureWatcher<Finisher> m_watcher;
    QTimer* m_pollTimer;

    Job* find(int id);
};

} // namespace slim::app
