#include "core/runtime.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace slim::engine {

namespace {
std::once_flag g_initOnce;
std::atomic<bool> g_userSetThreads{false};

int hardwareThreads()
{
    const unsigned count = std::thread::hardware_concurrency();
    return count == 0 ? 1 : static_cast<int>(count);
}
} // namespace

void setThreadCount(int threads)
{
    g_userSetThreads = true;
    at::set_num_threads(threads > 0 ? threads : hardwareThreads());
}

int threadCount()
{
    ensureRuntimeInitialised();
    return at::get_num_threads();
}

void ensureRuntimeInitialised()
{
    std::call_once(g_initOnce, [] {
        if (!g_userSetThreads)
            at::set_num_threads(hardwareThreads());
    });
}

} // namespace slim::engine
