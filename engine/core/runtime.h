#pragma once

namespace slim::engine {

/// Sets LibTorch's intra-op thread count. `threads <= 0` means all hardware threads.
/// LibTorch starts with one thread on machines where it finds one physical core, which halves
/// training speed on a two-core laptop, so the engine always sets the count itself.
/// Call from any thread before starting work; affects the whole process.
void setThreadCount(int threads);

/// The intra-op thread count in force.
int threadCount();

/// Applies the default thread count once per process unless setThreadCount() was called.
/// Cheap after the first call; every entry point that runs tensors calls it.
void ensureRuntimeInitialised();

/// Hands heap memory that is free but still resident back to the system. The high trim
/// threshold set for training speed keeps freed memory otherwise: loading Fashion-MNIST left
/// about 145 MB resident (measured by tests/bench/compare_training.py). Call after large
/// temporary allocations, such as reading a data set. Any thread.
void releaseFreedMemory();

} // namespace slim::engine
