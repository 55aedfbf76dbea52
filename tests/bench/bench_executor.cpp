// Executor speed against the same network written with torch::nn modules.
//
//   build/release/tests/bench/bench_executor [--runs 7] [--steps 5] [--batch 128] [--threads N]
//
// Training step (forward + backward) of ResNet-20 on 1×28×28 inputs, batch 128, both models
// in train mode with the same initial weights; runs alternate between the two so machine noise
// hits both alike. Prints the median images/s of each and their ratio. Then batch-1 inference,
// where the executor may send convolutions straight to oneDNN (PERF_NOTES.md).
#include "core/runtime.h"
#include "graph/executor.h"
#include "io/zoo.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

using slim::engine::graph::ExecMode;
using slim::engine::graph::Executor;
using slim::engine::graph::Graph;

struct BasicBlockImpl : torch::nn::Module {
    BasicBlockImpl(int64_t in, int64_t planes, int64_t stride)
    {
        conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, planes, 3).stride(stride).padding(1).bias(false)));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
        conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(planes, planes, 3).padding(1).bias(false)));
        bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
        if (stride != 1 || in != planes) {
            downsample = register_module("downsample", torch::nn::Sequential(
                torch::nn::Conv2d(torch::nn::Conv2dOptions(in, planes, 1).stride(stride).bias(false)),
                torch::nn::BatchNorm2d(planes)));
        }
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        torch::Tensor out = torch::relu(bn1(conv1(x)));
        out = bn2(conv2(out));
        return torch::relu(out + (downsample ? downsample->forward(x) : x));
    }
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
    torch::nn::Sequential downsample{nullptr};
};
TORCH_MODULE(BasicBlock);

/// CIFAR ResNet-20 as a torch::nn model, parameter names equal to the zoo's node names.
struct ResNet20Impl : torch::nn::Module {
    explicit ResNet20Impl(int64_t channels, int64_t classes)
    {
        conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 16, 3).padding(1).bias(false)));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(16));
        int64_t in = 16;
        const int64_t planes[] = {16, 32, 64};
        for (int stage = 0; stage < 3; ++stage) {
            torch::nn::Sequential layer;
            for (int block = 0; block < 3; ++block) {
                layer->push_back(BasicBlock(in, planes[stage], stage > 0 && block == 0 ? 2 : 1));
                in = planes[stage];
            }
            layers.push_back(register_module("layer" + std::to_string(stage + 1), layer));
        }
        fc = register_module("fc", torch::nn::Linear(64, classes));
    }
    torch::Tensor forward(torch::Tensor x)
    {
        x = torch::relu(bn1(conv1(x)));
        for (auto& layer : layers)
            x = layer->forward(x);
        x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
        return fc(x);
    }
    torch::nn::Conv2d conv1{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr};
    std::vector<torch::nn::Sequential> layers;
    torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(ResNet20);

/// Copies the graph's weights into the module so both compute the same function.
void copyWeights(const Graph& graph, ResNet20& module)
{
    torch::NoGradGuard noGrad;
    auto params = module->named_parameters();
    auto buffers = module->named_buffers();
    // Module paths use ".0.", ".1." for Sequential children; the zoo names blocks the same way.
    for (const auto& node : graph.nodes()) {
        for (const auto* list : {&node.params, &node.buffers}) {
            for (const auto& named : *list) {
                const std::string key = node.name + "." + named.name;
                if (auto* p = params.find(key))
                    p->copy_(named.tensor);
                else if (auto* b = buffers.find(key))
                    b->copy_(named.tensor);
            }
        }
    }
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

template <typename Step>
double imagesPerSecond(Step&& step, int steps, int64_t batch)
{
    step(); // warm-up: first-touch allocations and oneDNN primitive caches
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i)
        step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return static_cast<double>(steps * batch) / seconds;
}

int intArg(int argc, char** argv, const std::string& name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name)
            return std::stoi(argv[i + 1]);
    }
    return fallback;
}

} // namespace

int main(int argc, char** argv)
{
    const int runs = intArg(argc, argv, "--runs", 7);
    const int steps = intArg(argc, argv, "--steps", 10);
    const int64_t batch = intArg(argc, argv, "--batch", 128);
    slim::engine::setThreadCount(intArg(argc, argv, "--threads", 0));
    slim::engine::ensureRuntimeInitialised(); // the engine's allocator settings apply to both contenders

    Graph graph = slim::engine::io::buildZooModel({"resnet20", 1, 28, 28, 10, 1});
    for (auto& p : graph.parameters())
        p.requires_grad_(true);
    ResNet20 module(1, 10);
    copyWeights(graph, module);
    module->train();
    const Executor executor(graph);

    const torch::Tensor input = torch::randn({batch, 1, 28, 28});
    const torch::Tensor target = torch::randint(0, 10, {batch});
    {
        torch::NoGradGuard noGrad;
        const double difference = (executor.forward(input, ExecMode::Eval) - [&] {
            module->eval();
            auto out = module->forward(input);
            module->train();
            return out;
        }()).abs().max().item<double>();
        std::printf("same function: max |executor - torch::nn| = %.3g (eval mode)\n", difference);
    }

    auto graphParams = graph.parameters();
    auto executorStep = [&] {
        for (auto& p : graphParams)
            p.mutable_grad() = torch::Tensor();
        const torch::Tensor loss = torch::cross_entropy_loss(executor.run({input}, ExecMode::Train).front(), target);
        loss.backward();
    };
    Executor plainExecutor(graph);
    plainExecutor.setInPlaceActivations(false);
    auto plainStep = [&] {
        for (auto& p : graphParams)
            p.mutable_grad() = torch::Tensor();
        const torch::Tensor loss = torch::cross_entropy_loss(plainExecutor.run({input}, ExecMode::Train).front(), target);
        loss.backward();
    };
    auto moduleStep = [&] {
        module->zero_grad(true);
        const torch::Tensor loss = torch::cross_entropy_loss(module->forward(input), target);
        loss.backward();
    };

    std::printf("ResNet-20, 1x28x28, batch %lld, %d threads, %d interleaved runs of %d training steps\n",
                static_cast<long long>(batch), slim::engine::threadCount(), runs, steps);
    // Three contenders, rotated each run so warm caches and drifting machine load favour none.
    struct Contender {
        const char* name;
        std::function<void()> step;
        std::vector<double> rates;
    };
    std::vector<Contender> contenders{{"executor", executorStep, {}},
                                      {"executor, no in-place ReLU", plainStep, {}},
                                      {"torch::nn", moduleStep, {}}};
    for (int run = 0; run < runs; ++run) {
        std::printf("  run %d:", run + 1);
        for (std::size_t k = 0; k < contenders.size(); ++k) {
            Contender& contender = contenders[(k + static_cast<std::size_t>(run)) % contenders.size()];
            contender.rates.push_back(imagesPerSecond(contender.step, steps, batch));
        }
        for (const Contender& contender : contenders)
            std::printf("   %s %.1f", contender.name, contender.rates.back());
        std::printf(" img/s\n");
    }
    const double executorMedian = median(contenders[0].rates);
    const double plainMedian = median(contenders[1].rates);
    const double moduleMedian = median(contenders[2].rates);
    std::printf("train fwd+bwd median img/s: executor %.1f, executor without in-place ReLU %.1f, torch::nn %.1f\n",
                executorMedian, plainMedian, moduleMedian);
    std::printf("ratio executor / torch::nn = %.3f (without in-place ReLU: %.3f)\n", executorMedian / moduleMedian,
                plainMedian / moduleMedian);

    // Batch-1 inference: the executor's direct oneDNN path against ATen's default path and torch::nn.
    module->eval();
    Executor plain(graph);
    plain.setDirectOneDnn(false);
    const torch::Tensor single = torch::randn({1, 1, 28, 28});
    constexpr int kSingleSteps = 50;
    std::vector<double> direct, aten, nn;
    {
        c10::InferenceMode inference;
        for (int run = 0; run < runs; ++run) {
            direct.push_back(1e3 / imagesPerSecond([&] { executor.forward(single); }, kSingleSteps, 1));
            aten.push_back(1e3 / imagesPerSecond([&] { plain.forward(single); }, kSingleSteps, 1));
            nn.push_back(1e3 / imagesPerSecond([&] { module->forward(single); }, kSingleSteps, 1));
        }
    }
    std::printf("eval batch 1 median latency: executor (oneDNN direct) %.2f ms, executor (ATen default) %.2f ms, "
                "torch::nn %.2f ms\n", median(direct), median(aten), median(nn));
    return 0;
}
