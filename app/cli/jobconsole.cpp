#include "cli/jobconsole.h"

#include <atomic>
#include <cstdio>
#include <ostream>
#include <unistd.h>

namespace slim::app::cli {

namespace {

std::atomic<bool> g_interrupted{false};

/// The first Ctrl-C asks the job to stop; the handler then steps aside, so a second one ends
/// the process even in a phase that cannot be cancelled (reading a data set).
extern "C" void onInterrupt(int)
{
    g_interrupted = true;
    std::signal(SIGINT, SIG_DFL);
}

} // namespace

std::string clockText(double seconds)
{
    if (seconds < 0)
        return "--:--";
    const auto total = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    if (total >= 3600)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", total / 60, total % 60);
    return buffer;
}

JobConsole::JobConsole(std::ostream& err)
    : m_err(err)
    , m_live(::isatty(STDERR_FILENO) != 0)
    , m_lastDraw(std::chrono::steady_clock::now() - std::chrono::seconds(1))
{
    g_interrupted = false;
    m_previousHandler = std::signal(SIGINT, onInterrupt);
    if (m_previousHandler == SIG_ERR)
        m_previousHandler = SIG_DFL;
}

JobConsole::~JobConsole()
{
    std::signal(SIGINT, m_previousHandler);
    finishLine();
}

engine::JobContext JobConsole::context(std::function<void(const engine::MetricSample&)> metric,
                                       std::function<std::string()> detail)
{
    m_metric = std::move(metric);
    m_detail = std::move(detail);
    engine::JobContext job;
    job.isCancelled = [] { return g_interrupted.load(); };
    job.reportMetric = [this](const engine::MetricSample& sample) {
        std::lock_guard lock(m_mutex);
        if (m_metric)
            m_metric(sample);
    };
    job.reportProgress = [this](const engine::Progress& progress) { draw(progress); };
    return job;
}

void JobConsole::draw(const engine::Progress& progress)
{
    if (!m_live)
        return;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    if (now - m_lastDraw < std::chrono::milliseconds(200) && progress.done != progress.total)
        return;
    m_lastDraw = now;
    constexpr int kWidth = 30; // characters in the bar
    const double fraction =
        progress.total > 0 ? static_cast<double>(progress.done) / static_cast<double>(progress.total) : 0;
    const int filled = static_cast<int>(fraction * kWidth);
    const std::string detail = m_detail ? "  " + m_detail() : std::string();
    char line[512];
    std::snprintf(line, sizeof line, "\r[%s%s] %3d%% %s%s  ETA %s   ",
                  std::string(static_cast<std::size_t>(filled), '#').c_str(),
                  std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), static_cast<int>(fraction * 100),
                  progress.phase.c_str(), detail.c_str(), clockText(progress.etaSeconds).c_str());
    m_err << line << std::flush;
    m_drawn = true;
}

void JobConsole::finishLine()
{
    std::lock_guard lock(m_mutex);
    if (m_drawn)
        m_err << '\n';
    m_drawn = false;
}

} // namespace slim::app::cli
