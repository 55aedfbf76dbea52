#pragma once

// How a long-running command shows its job on the terminal: a progress bar with the phase and
// ETA on stderr (only when stderr is a terminal), and Ctrl-C as cancel.

#include "core/job.h"

#include <chrono>
#include <csignal>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <string>

namespace slim::app::cli {

/// While it lives, Ctrl-C cancels the job run with context() instead of killing the process.
/// One at a time (SIGINT has one handler).
class JobConsole {
public:
    explicit JobConsole(std::ostream& err);
    ~JobConsole();
    JobConsole(const JobConsole&) = delete;
    JobConsole& operator=(const JobConsole&) = delete;

    /// The context to run the job with. `metric` (may be empty) receives the job's metric
    /// samples; `detail` (may be empty) gives text shown after the phase ("loss 0.4 acc 0.9").
    /// Both are called under the console's lock.
    engine::JobContext context(std::function<void(const engine::MetricSample&)> metric = {},
                               std::function<std::string()> detail = {});

    /// Ends the progress line, so that what follows starts on a line of its own.
    void finishLine();

private:
    void draw(const engine::Progress& progress);

    std::ostream& m_err;
    bool m_live = false;
    bool m_drawn = false;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_lastDraw;
    std::function<void(const engine::MetricSample&)> m_metric;
    std::function<std::string()> m_detail;
    void (*m_previousHandler)(int) = SIG_DFL;
};

/// 75 s as "01:15", 3725 s as "1:02:05", negative (unknown) as "--:--".
std::string clockText(double seconds);

} // namespace slim::app::cli
