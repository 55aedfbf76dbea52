#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <string>

namespace slim::engine {

/// How far a job has come; `total == 0` means unknown.
struct Progress {
    std::int64_t done = 0;
    std::int64_t total = 0;
    std::string phase;
    double etaSeconds = -1;  ///< estimated seconds to go; negative when unknown
};

/// One point of a metric series ("train/loss", "val/top1", ...).
struct MetricSample {
    std::string series;
    std::int64_t step = 0;
    double value = 0;
    /// Where the sample lies in epochs of training (fractional for a batch: 1.5 is halfway
    /// through the second epoch), so plots share one axis across stages; negative: unknown.
    double epoch = -1;
};

/// What a running job may ask of whoever runs it. Every member may be empty; the helpers
/// below treat an empty callback as "not cancelled" / "nobody listens". Jobs call these from
/// their worker thread; implementations must be thread-safe.
struct JobContext {
    std::function<bool()> isCancelled;
    std::function<void(const Progress&)> reportProgress;
    std::function<void(const MetricSample&)> reportMetric;

    bool cancelled() const { return isCancelled && isCancelled(); }
    /// Throws JobCancelled when cancel was requested: the job unwinds and returns nothing.
    void throwIfCancelled() const;
    void progress(const Progress& p) const { if (reportProgress) reportProgress(p); }
    void metric(const MetricSample& m) const { if (reportMetric) reportMetric(m); }
};

/// Thrown by a job that stops because it was cancelled. Whoever runs jobs treats it as
/// "cancelled, nothing produced"; a job that returns normally has finished, even when a
/// cancel arrived too late to stop it.
struct JobCancelled : std::exception {
    const char* what() const noexcept override { return "cancelled"; }
};

inline void JobContext::throwIfCancelled() const
{
    if (cancelled())
        throw JobCancelled();
}

} // namespace slim::engine
