// Loader throughput against training throughput: the loader must never be what training
// waits for (issue target: at least 10x).
//
//   build/release/tests/bench/bench_loader [--runs 5] [--batches 100] [--workers 1]
//
// Serves Fashion-MNIST batches of 128 with the training transforms (pad-and-crop, flip,
// normalise) as fast as the consumer takes them, and times ResNet-20 training steps on
// the same batches; prints the medians and their ratio.
#include "core/runtime.h"
#include "data/dataset.h"
#include "data/loader.h"
#include "graph/executor.h"
#include "io/zoo.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace slim::engine;

namespace {
int intArg(int argc, char** argv, const std::string& name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name)
            return std::stoi(argv[i + 1]);
    }
    return fallback;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}
} // namespace

int main(int argc, char** argv)
{
    const int runs = intArg(argc, argv, "--runs", 5);
    const int batches = intArg(argc, argv, "--batches", 100);
    const int workers = intArg(argc, argv, "--workers", 1);
    ensureRuntimeInitialised();
    auto dataset = std::make_shared<const data::ImageDataset>(data::openDataset(data::kFashionMnistPath, data::Split::Train));
    data::LoaderOptions options;
    options.batchSize = 128;
    options.workers = workers;
    options.transforms.cropPadding = 2;
    options.transforms.horizontalFlip = true;
    data::DataLoader loader(dataset, options);

    graph::Graph graph = io::buildZooModel({"resnet20", 1, 28, 28, 10, 0});
    for (at::Tensor& p : graph.parameters())
        p.requires_grad_(true);
    const graph::Executor executor(graph);

    std::vector<double> loaderRates;
    std::vector<double> trainRates;
    for (int run = 0; run < runs; ++run) {
        loader.startEpoch(run);
        auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < batches; ++i)
            loader.next();
        loaderRates.push_back(batches * 128.0 / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

        loader.startEpoch(run);
        const int trainBatches = std::max(5, batches / 10);
        start = std::chrono::steady_clock::now();
        for (int i = 0; i < trainBatches; ++i) {
            const data::Batch batch = *loader.next();
            at::cross_entropy_loss(executor.run({batch.images}, graph::ExecMode::Train).front(), batch.labels).backward();
        }
        trainRates.push_back(trainBatches * 128.0 / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        std::printf("  run %d: loader %.0f img/s, ResNet-20 training %.0f img/s\n", run + 1, loaderRates.back(), trainRates.back());
    }
    const double loaderMedian = median(loaderRates);
    const double trainMedian = median(trainRates);
    std::printf("Fashion-MNIST, batch 128, crop+flip+normalise, %d loader worker(s), %d threads:\n", workers, threadCount());
    std::printf("loader %.0f img/s vs training %.0f img/s: the loader is %.1fx faster than training needs\n",
                loaderMedian, trainMedian, loaderMedian / trainMedian);
    return 0;
}
