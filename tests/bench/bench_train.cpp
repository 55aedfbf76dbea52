// One training measurement of Slimbench, for compare_training.py (which runs it interleaved
// with the PyTorch reference and prints medians side by side).
//
//   bench_train --model resnet20|vgg --steps 30 --warmup 5 --memory-steps 3 --batch 128 --threads 2 [--channels-last 1]
//
// Trains on Debian's Fashion-MNIST through Slimbench's own loader (uint8 images in memory, each
// batch converted to float and normalised as it is served), executor and optimizer (SGD,
// momentum 0.9, weight decay 5e-4, cross-entropy) and prints one JSON line: images/s over the
// timed steps, and step_peak_mb, read from /proc/self/status exactly as bench_train.py reads
// it: after warm-up and the timed steps, the peak RSS over --memory-steps further steps minus
// the RSS just before them (taken after malloc_trim, so it holds the data set, model, gradients
// and optimizer state but no free heap memory).
#include "core/runtime.h"
#include "data/dataset.h"
#include "data/loader.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "io/zoo.h"
#include "train/optimizer.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <malloc.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace {

using namespace slim::engine;

/// The VGG-style net of PERF_NOTES.md: four 3×3 conv + BN + ReLU, two max pools, GAP, linear.
graph::Graph vggStyle()
{
    graph::GraphBuilder b(0);
    graph::ValueId x = b.input("input", {1, 28, 28});
    const std::int64_t widths[] = {32, 32, 64, 64};
    for (int i = 0; i < 4; ++i) {
        const std::string n = std::to_string(i);
        x = b.relu("relu" + n, b.batchNorm2d("bn" + n, b.conv2d("conv" + n, x, widths[i], 3, 1, 1, 1, false)));
        if (i % 2 == 1)
            x = b.maxPool2d("pool" + n, x, 2, 2);
    }
    x = b.flatten("flatten", b.adaptiveAvgPool2d("gap", x, 1));
    return b.finish({b.linear("fc", x, 10)});
}

/// VmRSS and VmHWM (peak RSS since start or the last startMemoryWindow()) of this process, in KiB.
std::pair<long, long> statusKib()
{
    std::ifstream status("/proc/self/status");
    long rss = -1;
    long hwm = -1;
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0)
            rss = std::stol(line.substr(6));
        else if (line.rfind("VmHWM:", 0) == 0)
            hwm = std::stol(line.substr(6));
    }
    if (rss < 0 || hwm < 0)
        throw std::runtime_error("no VmRSS/VmHWM in /proc/self/status");
    return {rss, hwm};
}

/// Hands glibc's free heap memory back to the system (malloc_trim) and sets VmHWM back to the
/// current RSS (Linux: writing 5 to /proc/self/clear_refs); returns that RSS in KiB. The trim
/// keeps memory freed earlier (reading the data set, earlier steps) out of the baseline, where
/// it would hide the steps' own memory; bench_train.py does the same.
long startMemoryWindow()
{
    malloc_trim(0);
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.close();
    if (!clear)
        throw std::runtime_error("cannot reset the peak RSS through /proc/self/clear_refs");
    return statusKib().first;
}

std::string stringArg(int argc, char** argv, const std::string& name, const std::string& fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name)
            return argv[i + 1];
    }
    return fallback;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string model = stringArg(argc, argv, "--model", "resnet20");
    const int steps = std::stoi(stringArg(argc, argv, "--steps", "30"));
    const int warmup = std::stoi(stringArg(argc, argv, "--warmup", "5"));
    const int memorySteps = std::stoi(stringArg(argc, argv, "--memory-steps", "3"));
    const std::int64_t batch = std::stoll(stringArg(argc, argv, "--batch", "128"));
    setThreadCount(std::stoi(stringArg(argc, argv, "--threads", "0")));
    ensureRuntimeInitialised();

    graph::Graph graph = model == "vgg" ? vggStyle() : io::buildZooModel({"resnet20", 1, 28, 28, 10, 0});
    auto dataset = std::make_shared<const data::ImageDataset>(data::openDataset(data::kFashionMnistPath, data::Split::Train));
    data::LoaderOptions options;
    options.batchSize = batch;
    options.seed = 0;
    options.augment = false;
    options.dropLast = true; // every batch full, as in bench_train.py
    data::DataLoader loader(dataset, options);
    loader.startEpoch(0);

    std::vector<at::Tensor> parameters = graph.parameters();
    for (at::Tensor& p : parameters)
        p.requires_grad_(true);
    train::OptimizerSpec spec;
    spec.learningRate = 0.05;
    train::Optimizer optimizer(parameters, spec);
    graph::Executor executor(graph);
    const bool channelsLast = stringArg(argc, argv, "--channels-last", "0") == "1";
    if (channelsLast) {
        graph::convertToChannelsLast(graph);
        executor.setChannelsLast(true);
    }

    std::int64_t epoch = 0;
    auto step = [&] {
        std::optional<data::Batch> b = loader.next();
        if (!b) {
            loader.startEpoch(++epoch);
            b = loader.next();
        }
        const at::Tensor loss = at::cross_entropy_loss(executor.run({b->images}, graph::ExecMode::Train).front(), b->labels);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step(spec.learningRate);
        return loss.item<double>();
    };
    for (int i = 0; i < warmup; ++i)
        step();
    const auto start = std::chrono::steady_clock::now();
    double lastLoss = 0;
    for (int i = 0; i < steps; ++i)
        lastLoss = step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // Memory: further steps after the timed ones, so measuring cannot slow the timed steps.
    const long rssBefore = startMemoryWindow();
    for (int i = 0; i < memorySteps; ++i)
        step();
    const long peak = statusKib().second;
    std::printf("{\"impl\": \"slimbench%s\", \"model\": \"%s\", \"images_per_second\": %.2f, \"step_peak_mb\": %.1f, "
                "\"rss_before_steps_mb\": %.1f, \"threads\": %d, \"loss\": %.4f}\n",
                channelsLast ? "-channels-last" : "", model.c_str(), static_cast<double>(steps * batch) / seconds,
                (peak - rssBefore) / 1024.0, rssBefore / 1024.0, threadCount(), lastLoss);
    return 0;
}
