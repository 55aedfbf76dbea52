#include "analysis/latency.h"

#include "core/error.h"
#include "core/runtime.h"
#include "graph/executor.h"
#include "passes/folding.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <string>

namespace slim::engine::analysis {

namespace {

using Clock = std::chrono::steady_clock;

double quantile(const std::vector<double>& sorted, double q)
{
    const auto index = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(sorted.size() - 1, index)];
}

double millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

LatencyReport measureLatency(const graph::Graph& model, const LatencyOptions& options, const JobContext& context)
{
    ensureRuntimeInitialised();
    if (options.batch < 1)
        throwOutOfRange("batch", static_cast<double>(options.batch), "at least 1");
    if (options.runs < 1)
        throwOutOfRange("runs", options.runs, "at least 1");
    if (options.warmUp < 0)
        throwOutOfRange("warm-up", options.warmUp, "0 or more");
    if (options.layerRuns < 0)
        throwOutOfRange("layer runs", options.layerRuns, "0 or more");
    if (model.inputs().size() != 1)
        throw Error(ErrorCode::InvalidArgument, "latency is measured for models with one input, this one has "
                                                    + std::to_string(model.inputs().size()), {"input", "not one"});

    graph::Graph graph = options.fold ? passes::foldForInference(model) : model;
    if (options.channelsLast)
        passes::useChannelsLastCopies(graph); // new tensors: `model` is left as it is
    graph::Executor executor(graph);
    executor.setChannelsLast(options.channelsLast);
    std::vector<std::int64_t> shape{options.batch};
    const graph::Shape& sample = graph.value(graph.inputs().front()).shape;
    shape.insert(shape.end(), sample.begin(), sample.end());

    at::InferenceMode inference;
    const at::Tensor input = at::randn(shape);
    const int total = options.warmUp + options.runs;
    LatencyReport report;
    report.batch = options.batch;
    report.threads = threadCount();
    report.folded = options.fold;
    report.channelsLast = options.channelsLast;
    const Clock::time_point start = Clock::now();
    for (int i = 0; i < total; ++i) {
        if (context.cancelled()) {
            if (report.samplesMs.empty())
                throw JobCancelled();
            break;
        }
        const bool timed = i >= options.warmUp;
        if (timed && options.maxSeconds > 0 && report.samplesMs.size() >= 3
            && millisecondsSince(start) > 1000 * options.maxSeconds)
            break;
        const Clock::time_point forwardStart = Clock::now();
        executor.forward(input, graph::ExecMode::Eval);
        if (timed)
            report.samplesMs.push_back(millisecondsSince(forwardStart));
        const double done = i + 1;
        const double eta = millisecondsSince(start) / 1000 / done * (total - done);
        context.progress({i + 1, total, timed ? "timing" : "warming up", eta});
    }
    if (options.layerRuns > 0 && !context.cancelled()) {
        std::vector<double> nodeMs;
        executor.setNodeTimes(&nodeMs);
        int profiled = 0;
        for (; profiled < options.layerRuns && !context.cancelled(); ++profiled)
            executor.forward(input, graph::ExecMode::Eval);
        executor.setNodeTimes(nullptr);
        nodeMs.resize(graph.nodes().size());
        for (std::size_t i = 0; i < graph.nodes().size() && profiled > 0; ++i) {
            const graph::Node& node = graph.nodes()[i];
            report.layers.push_back({node.name, std::string(graph::opName(node.op)), nodeMs[i] / profiled});
        }
    }
    report.runs = static_cast<int>(report.samplesMs.size());
    std::vector<double> sorted = report.samplesMs;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t middle = sorted.size() / 2;
    report.medianMs = sorted.size() % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    report.p90Ms = quantile(sorted, 0.9);
    report.minMs = sorted.front();
    report.imagesPerSecond = report.medianMs > 0 ? 1000.0 * static_cast<double>(options.batch) / report.medianMs : 0;
    return report;
}

} // namespace slim::engine::analysis
