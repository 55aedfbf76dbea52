// Fake-quantization overhead of a training step: ResNet-20 on 1×28×28 inputs (Fashion-MNIST's
// shape), float against its quantization-aware form (BatchNorm folded, W8A8 fake quantization,
// per-channel weights), same batches, same SGD step, runs interleaved.
//
//   bench_qat [--batch 128] [--steps 15] [--rounds 5] [--threads 2]
//
// Prints the median step time of each and their ratio.
#include "core/runtime.h"
#include "graph/executor.h"
#include "io/zoo.h"
#include "quant/quantize.h"
#include "train/optimizer.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

using namespace slim::engine;

/// Milliseconds per step over `steps` steps after two warm-up steps.
double stepMs(graph::Graph& model, const std::vector<at::Tensor>& images, const at::Tensor& labels, int steps)
{
    std::vector<at::Tensor> parameters = model.parameters();
    for (at::Tensor& p : parameters)
        p.requires_grad_(true);
    train::OptimizerSpec spec;
    spec.learningRate = 0.001;
    train::Optimizer optimizer(parameters, spec);
    graph::convertToChannelsLast(model);
    graph::Executor executor(model);
    executor.setChannelsLast(true);
    const auto step = [&](int i) {
        const at::Tensor logits = executor.forward(images[static_cast<std::size_t>(i) % images.size()], graph::ExecMode::Train);
        const at::Tensor loss = at::cross_entropy_loss(logits, labels);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step(spec.learningRate);
    };
    step(0);
    step(1);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i)
        step(i);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / steps;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    std::int64_t batch = 128;
    int steps = 15;
    int rounds = 5;
    int threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::atoi(argv[i + 1]);
        if (flag == "--batch")
            batch = value;
        else if (flag == "--steps")
            steps = value;
        else if (flag == "--rounds")
            rounds = value;
        else if (flag == "--threads")
            threads = value;
    }
    setThreadCount(threads);
    ensureRuntimeInitialised();
    const ZooSpec spec{"resnet20", 1, 28, 28, 10, 0};
    const graph::Graph model = io::buildZooModel(spec);
    at::Generator generator = at::detail::createCPUGenerator(7);
    std::vector<at::Tensor> images;
    for (int i = 0; i < 4; ++i)
        images.push_back(at::randn({batch, 1, 28, 28}, generator));
    const at::Tensor labels = at::randint(10, {batch}, generator);
    quant::QuantSettings settings;
    graph::Graph prepared = quant::prepareQuantization(model, settings);
    quant::calibrate(prepared, {images[0]}, settings);

    std::vector<double> floatMs;
    std::vector<double> quantMs;
    for (int round = 0; round < rounds; ++round) {
        graph::Graph f = model.clone();
        floatMs.push_back(stepMs(f, images, labels, steps));
        graph::Graph q = prepared.clone();
        quantMs.push_back(stepMs(q, images, labels, steps));
    }
    const double f = median(floatMs);
    const double q = median(quantMs);
    std::printf("ResNet-20 1x28x28, batch %lld, %d threads, median of %d rounds x %d steps\n",
                static_cast<long long>(batch), threads, rounds, steps);
    std::printf("  float training step:         %8.1f ms\n", f);
    std::printf("  W8A8 fake-quant (QAT) step:  %8.1f ms\n", q);
    std::printf("  overhead ratio (QAT/float):  %8.2f\n", q / f);
    return 0;
}
