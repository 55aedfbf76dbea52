#pragma once

#include <cstdint>
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
};

/// What a running job may ask of whoever runs it. Every member may be empty; the helpers
/// below treat an empty callback as "not cancelled" / "nobody listens". Jobs call these from
/// their worker thread; implementations must be thread-safe.
struct JobContext {
    std::function<bool()> isCancelled;
    std::function<void(const Progress&)> reportProgress;
    std::function<void(const MetricSample&)> reportMetric;

    bool cancelled() const { return isCancelled && isCancelled(); }
    void progress(const Progress& p) const { if (reportProgress) reportProgress(p); }
    void metric(const MetricSample& m) const { if (reportMetric) reportMetric(m); }
};

} // namespace slim::engine
