#include "train/trainer.h"

#include "core/error.h"
#include "core/preprocessing.h"
#include "core/runtime.h"
#include "graph/executor.h"
#include "io/slimfile.h"
#include "passes/folding.h"
#include "prune/masks.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <optional>
#include <sstream>

namespace slim::engine::train {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Moves every tensor of `graph` to `device` (no-op on the CPU).
void moveTo(graph::Graph& graph, const at::Device& device)
{
    if (device.is_cpu())
        return;
    graph.forEachTensor([&device](graph::Node&, graph::NamedTensor& named) { named.tensor = named.tensor.detach().to(device); });
}

/// The number of the top-k predictions that hit the label, for k = 1 and 5.
std::pair<std::int64_t, std::int64_t> hits(const at::Tensor& logits, const at::Tensor& labels)
{
    const std::int64_t k = std::min<std::int64_t>(5, logits.size(1));
    const at::Tensor top = std::get<1>(logits.topk(k, 1));
    const at::Tensor correct = top.eq(labels.view({-1, 1}));
    return {correct.select(1, 0).sum().item<std::int64_t>(), correct.sum().item<std::int64_t>()};
}

/// The checkpoint key that holds the state of `device`'s default random generator.
std::string generatorKey(const at::Device& device)
{
    return device.is_cuda() ? "rng.cuda" : "rng.cpu";
}

/// The state of `device`'s default generator (the one Dropout draws from) as hex text, so a
/// resumed run continues the same random stream. The data loader needs nothing saved: its
/// generators are derived from (seed, epoch, batch).
std::string generatorState(const at::Device& device)
{
    at::Generator generator = at::globalContext().defaultGenerator(device);
    at::Tensor state;
    {
        std::lock_guard<std::mutex> lock(generator.mutex());
        state = generator.get_state();
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    const auto* bytes = state.data_ptr<std::uint8_t>();
    std::string text;
    text.reserve(static_cast<std::size_t>(state.numel()) * 2);
    for (std::int64_t i = 0; i < state.numel(); ++i) {
        text += kDigits[bytes[i] >> 4];
        text += kDigits[bytes[i] & 0xF];
    }
    return text;
}

/// Restores a state written by generatorState(). Throws Error(FileCorrupt) naming `checkpoint`
/// when the text is not a state of this generator.
void restoreGeneratorState(const at::Device& device, const std::string& text, const std::string& checkpoint)
{
    const auto corrupt = [&](const std::string& what) {
        throw Error(ErrorCode::FileCorrupt, checkpoint + ": corrupt checkpoint: " + what, {checkpoint, what});
    };
    const auto nibble = [](char digit) -> int {
        if (digit >= '0' && digit <= '9')
            return digit - '0';
        if (digit >= 'a' && digit <= 'f')
            return digit - 'a' + 10;
        return -1;
    };
    if (text.size() % 2 != 0)
        corrupt("the random generator state " + generatorKey(device) + " has an odd number of hex digits");
    at::Tensor state = at::empty({static_cast<std::int64_t>(text.size() / 2)}, at::kByte);
    auto* bytes = state.data_ptr<std::uint8_t>();
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int high = nibble(text[i]);
        const int low = nibble(text[i + 1]);
        if (high < 0 || low < 0)
            corrupt("the random generator state " + generatorKey(device) + " is not hex text");
        bytes[i / 2] = static_cast<std::uint8_t>(high << 4 | low);
    }
    at::Generator generator = at::globalContext().defaultGenerator(device);
    try {
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(state);
    } catch (const c10::Error& error) {
        corrupt("the random generator state " + generatorKey(device) + " does not fit this build ("
                + firstLine(error.what_without_backtrace()) + ")");
    }
}

} // namespace

void checkDatasetFits(const graph::Graph& model, const data::ImageDataset& dataset, bool resized)
{
    const auto& input = model.value(model.inputs().front()).shape;
    const std::vector<std::int64_t> sample = dataset.sampleShape();
    if (input.size() != 3 || input[0] != sample[0] || (!resized && (input[1] != sample[1] || input[2] != sample[2])))
        throw Error(ErrorCode::ShapeMismatch,
                    "the model takes " + graph::shapeToString(input) + " inputs but the data set has "
                        + graph::shapeToString(sample) + " images",
                    {"input", graph::shapeToString(sample)});
    const auto& output = model.value(model.outputs().front()).shape;
    if (output.size() != 1)
        throw Error(ErrorCode::ShapeMismatch,
                    "the model outputs " + graph::shapeToString(output)
                        + " per image, not one score per class: only classifiers train and evaluate on a labelled data set",
                    {"output", graph::shapeToString(output)});
    const std::int64_t classes = output.back();
    if (dataset.classes > classes)
        throw Error(ErrorCode::ShapeMismatch,
                    "the model has " + std::to_string(classes) + " outputs but the data set has "
                        + std::to_string(dataset.classes) + " classes",
                    {"classes", std::to_string(dataset.classes)});
}

at::Device parseDevice(const std::string& device)
{
    if (device.empty() || device == "cpu")
        return at::Device(at::kCPU);
    if (device.rfind("cuda", 0) == 0) {
        if (!at::hasCUDA())
            throw Error(ErrorCode::Unsupported, "device '" + device + "': this LibTorch build has no CUDA support",
                        {"device " + device});
        try {
            return at::Device(device);
        } catch (const std::exception&) {
        }
    }
    throw Error(ErrorCode::InvalidArgument, "device '" + device + "' is not 'cpu' or 'cuda:N'", {"device", device});
}

EvalResult evaluate(const graph::Graph& model, const data::ImageDataset& dataset, std::int64_t batchSize,
                    const JobContext& context, const std::string& device, const std::string& phase)
{
    ensureRuntimeInitialised();
    const at::Device target = parseDevice(device);
    data::LoaderOptions options;
    options.batchSize = batchSize;
    options.shuffle = false;
    options.augment = false;
    // The model's own input contract, exactly as every other consumer applies it.
    data::applyContract(options.transforms, preprocessingFromMetadata(model.metadata()));
    data::DataLoader loader(std::make_shared<const data::ImageDataset>(dataset), options);
    // The inference form (BatchNorm folded into the convolutions: fewer passes over memory)
    // with channels-last weights, all in new tensors, so the caller's graph (which other
    // threads may be reading) is left exactly as it is.
    graph::Graph nhwc = passes::foldForInference(model);
    passes::useChannelsLastCopies(nhwc);
    graph::Executor executor(nhwc);
    executor.setChannelsLast(true);
    at::InferenceMode inference;
    EvalResult result;
    double lossSum = 0;
    std::int64_t top1 = 0;
    std::int64_t top5 = 0;
    const std::int64_t batches = loader.batchesPerEpoch();
    const Clock::time_point start = Clock::now();
    std::int64_t done = 0;
    while (auto batch = loader.next()) {
        if (context.cancelled())
            break;
        if (!phase.empty()) {
            const double eta = done > 0 ? secondsSince(start) / static_cast<double>(done) * static_cast<double>(batches - done) : -1;
            context.progress({done, batches, phase, eta});
        }
        ++done;
        const at::Tensor logits = executor.forward(batch->images.to(target), graph::ExecMode::Eval);
        const at::Tensor labels = batch->labels.to(target);
        lossSum += at::cross_entropy_loss(logits, labels, {}, at::Reduction::Sum).item<double>();
        const auto [hit1, hit5] = hits(logits, labels);
        top1 += hit1;
        top5 += hit5;
        result.samples += labels.size(0);
    }
    if (result.samples > 0) {
        result.top1 = static_cast<double>(top1) / static_cast<double>(result.samples);
        result.top5 = static_cast<double>(top5) / static_cast<double>(result.samples);
        result.loss = lossSum / static_cast<double>(result.samples);
    }
    return result;
}

namespace {

/// Network slimming's penalty λ·Σ|γ|: its sub-gradient λ·sign(γ) on every BatchNorm scale.
void addBatchNormL1Subgradient(graph::Graph& model, double lambda)
{
    at::NoGradGuard noGrad;
    for (graph::Node& node : model.nodes()) {
        if (node.op != graph::OpKind::BatchNorm2d)
            continue;
        at::Tensor gamma = node.tensor("weight");
        if (gamma.defined() && gamma.grad().defined())
            gamma.mutable_grad().add_(gamma.sign(), lambda);
    }
}

/// |γ| of every BatchNorm, and the same as metrics ("gamma/<layer>", step = channel) at `epoch`.
BatchNormScales recordBatchNormScales(const graph::Graph& model, double epoch, const JobContext& context)
{
    BatchNormScales scales;
    for (const prune::LayerChannelStatistics& layer : prune::channelStatistics(model)) {
        if (layer.batchNormScale.empty())
            continue;
        for (std::size_t c = 0; c < layer.batchNormScale.size(); ++c)
            context.metric({"gamma/" + layer.node, static_cast<std::int64_t>(c), layer.batchNormScale[c], epoch});
        scales[layer.node] = layer.batchNormScale;
    }
    return scales;
}

} // namespace

Preprocessing trainingContract(const graph::Graph& model, const data::ImageDataset& trainSet, bool normalize)
{
    Preprocessing contract = preprocessingFromMetadata(model.metadata());
    const bool bakedIn = model.metadata().count("preprocessing.baked_in") > 0; // its first layers normalise
    if (!normalize) {
        contract.mean.clear();
        contract.std.clear();
    } else if (!contract.normalizes() && !bakedIn) {
        // The data set's statistics are of pixel/255; the contract's of pixel·scale.
        const double unit = 255.0 * contract.pixelScale;
        for (const double mean : trainSet.normalization.mean)
            contract.mean.push_back(mean * unit);
        for (const double deviation : trainSet.normalization.std)
            contract.std.push_back(deviation * unit);
    }
    const std::vector<std::int64_t> sample = trainSet.sampleShape();
    if (contract.channelOrder.empty() && !sample.empty())
        contract.channelOrder = sample[0] == 1 ? "GRAY" : sample[0] == 3 ? "RGB" : "";
    // As read back from metadata, so a resumed run normalises with the very same numbers.
    std::map<std::string, std::string> metadata = model.metadata();
    writePreprocessingMetadata(metadata, contract);
    return preprocessingFromMetadata(metadata);
}

TrainHooks combineHooks(TrainHooks first, TrainHooks second)
{
    TrainHooks both;
    both.taps = first.taps;
    both.taps.insert(both.taps.end(), second.taps.begin(), second.taps.end());
    const auto chain = [](auto a, auto b) -> decltype(a) {
        if (!a)
            return b;
        if (!b)
            return a;
        return [a, b](auto&&... args) {
            a(args...);
            b(args...);
        };
    };
    both.onStart = chain(first.onStart, second.onStart);
    both.beforeOptimizerStep = chain(first.beforeOptimizerStep, second.beforeOptimizerStep);
    both.afterOptimizerStep = chain(first.afterOptimizerStep, second.afterOptimizerStep);
    both.onEpochEnd = chain(first.onEpochEnd, second.onEpochEnd);
    if (first.extraLoss && second.extraLoss)
        both.extraLoss = [a = first.extraLoss, b = second.extraLoss](const StepView& view) { return a(view) + b(view); };
    else
        both.extraLoss = first.extraLoss ? first.extraLoss : second.extraLoss;
    both.labelLossWeight = first.labelLossWeight * second.labelLossWeight;
    both.extraParameters = first.extraParameters;
    both.extraParameters.insert(both.extraParameters.end(), second.extraParameters.begin(), second.extraParameters.end());
    if (first.epochMetrics && second.epochMetrics) {
        both.epochMetrics = [a = first.epochMetrics, b = second.epochMetrics] {
            std::map<std::string, double> metrics = a();
            for (const auto& [name, value] : b())
                metrics[name] = value;
            return metrics;
        };
    } else {
        both.epochMetrics = first.epochMetrics ? first.epochMetrics : second.epochMetrics;
    }
    both.managesMasks = first.managesMasks || second.managesMasks;
    return both;
}

TrainResult trainModel(const graph::Graph& initial, const data::ImageDataset& trainSet,
                       const data::ImageDataset* validationSet, const TrainParams& params, const TrainHooks& hooks,
                       const JobContext& context)
{
    ensureRuntimeInitialised();
    if (params.epochs < 1)
        throw Error(ErrorCode::InvalidArgument, "epochs must be at least 1", {"epochs", std::to_string(params.epochs)});
    const at::Device device = parseDevice(params.device);
    // Dropout draws from the global generator: seed it so runs repeat (a resumed run then
    // restores the generator state its checkpoint saved).
    at::manual_seed(params.loader.seed);

    TrainResult result;
    io::TrainingState resumed;
    std::int64_t firstEpoch = 0;
    if (!params.resumeFrom.empty()) {
        result.model = io::loadSlim(params.resumeFrom, &resumed);
        if (!resumed.values.count("epoch"))
            throw Error(ErrorCode::InvalidArgument, params.resumeFrom + " is a model, not a training checkpoint",
                        {"resume", params.resumeFrom});
        firstEpoch = std::stoll(resumed.values.at("epoch"));
        // Checkpoints written before the generator state was saved resume from the seed.
        std::vector<at::Device> generators{at::Device(at::kCPU)};
        if (device.is_cuda())
            generators.push_back(device);
        for (const at::Device& generatorDevice : generators) {
            const auto saved = resumed.values.find(generatorKey(generatorDevice));
            if (saved != resumed.values.end())
                restoreGeneratorState(generatorDevice, saved->second, params.resumeFrom);
        }
    } else {
        result.model = initial.clone();
    }
    graph::Graph& model = result.model;
    moveTo(model, device);
    const std::vector<std::int64_t> sample = trainSet.sampleShape();
    checkDatasetFits(model, trainSet, params.loader.transforms.resizeHeight > 0);

    std::vector<at::Tensor> parameters = model.parameters();
    for (at::Tensor& p : parameters)
        p.requires_grad_(true);
    Optimizer optimizer(parameters, params.optimizer);
    std::vector<at::Tensor> extraParameters = hooks.extraParameters;
    for (at::Tensor& p : extraParameters)
        p.requires_grad_(true);
    std::optional<Optimizer> extraOptimizer;
    if (!extraParameters.empty())
        extraOptimizer.emplace(extraParameters, params.optimizer);
    if (!resumed.tensors.empty() || resumed.values.count("optimizer_steps"))
        optimizer.setState(resumed.tensors, std::stoll(resumed.values.at("optimizer_steps")));

    data::LoaderOptions loaderOptions = params.loader;
    // The input contract the model is trained with, written into it so that evaluation,
    // validation, `infer --raw` and export apply the same. A model that already carries a
    // normalisation keeps it (fine-tuning must feed what it learnt on); otherwise the data
    // set's statistics when the recipe normalises, none when it does not.
    const Preprocessing contract = trainingContract(model, trainSet, params.loader.transforms.normalize);
    writePreprocessingMetadata(model.metadata(), contract);
    data::applyContract(loaderOptions.transforms, contract);
    data::DataLoader loader(std::make_shared<const data::ImageDataset>(trainSet), loaderOptions);

    if (params.channelsLast)
        graph::convertToChannelsLast(model);
    // A masked model stays masked: its zeros carry no gradient, no step and no optimizer state
    // (a resumed state included). The masks moved and went channels-last with the weights.
    const bool masked = !hooks.managesMasks && prune::hasMasks(model);
    if (masked)
        prune::enforceMasks(model, optimizer);
    graph::Executor executor(model);
    executor.setChannelsLast(params.channelsLast);
    const std::int64_t stepsPerEpoch = params.maxStepsPerEpoch > 0
                                           ? std::min(params.maxStepsPerEpoch, loader.batchesPerEpoch())
                                           : loader.batchesPerEpoch();
    const std::int64_t totalSteps = stepsPerEpoch * params.epochs;
    std::int64_t globalStep = firstEpoch * stepsPerEpoch;
    const Clock::time_point start = Clock::now();
    const std::int64_t startStep = globalStep;

    if (params.batchNormL1 > 0)
        result.batchNormScales.push_back(recordBatchNormScales(model, static_cast<double>(firstEpoch), context));
    if (hooks.onStart)
        hooks.onStart(model, stepsPerEpoch);
    for (std::int64_t epoch = firstEpoch; epoch < params.epochs; ++epoch) {
        const Clock::time_point epochStart = Clock::now();
        loader.startEpoch(epoch);
        double lossSum = 0;
        std::int64_t correct = 0;
        std::int64_t seen = 0;
        double learningRate = params.optimizer.learningRate;
        for (std::int64_t step = 0; step < stepsPerEpoch; ++step) {
            if (context.cancelled()) {
                result.cancelled = true;
                return result;
            }
            const std::optional<data::Batch> batch = loader.next();
            if (!batch)
                break;
            const at::Tensor images = batch->images.to(device);
            const at::Tensor labels = batch->labels.to(device);
            std::map<std::string, at::Tensor> taps;
            const at::Tensor logits = executor.run({images}, graph::ExecMode::Train, hooks.taps, &taps).front();
            at::Tensor loss = at::cross_entropy_loss(logits, labels, {}, at::Reduction::Mean, -100, params.labelSmoothing);
            if (hooks.labelLossWeight != 1.0)
                loss = loss * hooks.labelLossWeight;
            if (hooks.extraLoss)
                loss = loss + hooks.extraLoss(StepView{logits, labels, taps, epoch, globalStep, images});
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue))
                throw Error(ErrorCode::Diverged,
                            "training diverged: the loss became " + std::string(std::isnan(lossValue) ? "NaN" : "infinite")
                                + " at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(step + 1)
                                + "; try a lower learning rate",
                            {std::to_string(epoch + 1), std::to_string(step + 1), std::isnan(lossValue) ? "nan" : "inf"});
            optimizer.zeroGrad();
            if (extraOptimizer)
                extraOptimizer->zeroGrad();
            loss.backward();
            if (masked)
                prune::maskGradients(model);
            if (params.batchNormL1 > 0)
                addBatchNormL1Subgradient(model, params.batchNormL1);
            if (hooks.beforeOptimizerStep)
                hooks.beforeOptimizerStep(model, globalStep);
            learningRate = learningRateAt(params.schedule, params.optimizer.learningRate, epoch, params.epochs, step,
                                          stepsPerEpoch);
            optimizer.step(learningRate);
            if (extraOptimizer)
                extraOptimizer->step(learningRate);
            if (masked)
                prune::enforceMasks(model, optimizer);
            if (hooks.afterOptimizerStep)
                hooks.afterOptimizerStep(model, globalStep);

            const std::int64_t batchCorrect = logits.argmax(1).eq(labels).sum().item<std::int64_t>();
            const std::int64_t batchSize = labels.size(0);
            lossSum += lossValue * static_cast<double>(batchSize);
            correct += batchCorrect;
            seen += batchSize;
            ++globalStep;
            const double atEpoch = static_cast<double>(epoch) + static_cast<double>(step + 1) / static_cast<double>(stepsPerEpoch);
            context.metric({"train/loss", globalStep, lossValue, atEpoch});
            context.metric({"train/accuracy", globalStep, static_cast<double>(batchCorrect) / static_cast<double>(batchSize), atEpoch});
            const double elapsed = secondsSince(start);
            const std::int64_t doneHere = globalStep - startStep;
            Progress progress;
            progress.done = globalStep;
            progress.total = totalSteps;
            progress.phase = "epoch " + std::to_string(epoch + 1) + "/" + std::to_string(params.epochs);
            progress.etaSeconds = doneHere > 0 ? elapsed / static_cast<double>(doneHere) * static_cast<double>(totalSteps - globalStep) : -1;
            context.progress(progress);
        }

        EpochSummary summary;
        summary.epoch = epoch + 1;
        summary.trainLoss = seen > 0 ? lossSum / static_cast<double>(seen) : 0;
        summary.trainAccuracy = seen > 0 ? static_cast<double>(correct) / static_cast<double>(seen) : 0;
        summary.learningRate = learningRate;
        if (validationSet && validationSet->size() > 0) {
            context.progress({globalStep, totalSteps, "evaluating epoch " + std::to_string(epoch + 1), -1});
            summary.validation = evaluate(model, *validationSet, params.evalBatchSize, context, params.device);
            if (context.cancelled()) {
                result.cancelled = true;
                return result;
            }
            const auto epochs = static_cast<double>(epoch + 1);
            context.metric({"val/top1", epoch + 1, summary.validation.top1, epochs});
            context.metric({"val/top5", epoch + 1, summary.validation.top5, epochs});
            context.metric({"val/loss", epoch + 1, summary.validation.loss, epochs});
        }
        context.metric({"lr", epoch + 1, learningRate, static_cast<double>(epoch + 1)});
        if (hooks.epochMetrics) {
            for (const auto& [name, value] : hooks.epochMetrics())
                context.metric({name, epoch + 1, value, static_cast<double>(epoch + 1)});
        }
        summary.seconds = secondsSince(epochStart);
        result.history.push_back(summary);
        if (params.batchNormL1 > 0)
            result.batchNormScales.push_back(recordBatchNormScales(model, static_cast<double>(epoch + 1), context));
        if (hooks.onEpochEnd)
            hooks.onEpochEnd(model, summary);

        if (!params.checkpointDir.empty()) {
            std::filesystem::create_directories(params.checkpointDir);
            io::TrainingState state;
            state.values["epoch"] = std::to_string(epoch + 1);
            state.values["optimizer_steps"] = std::to_string(optimizer.steps());
            state.tensors = optimizer.state();
            state.values[generatorKey(at::kCPU)] = generatorState(at::kCPU);
            if (device.is_cuda())
                state.values[generatorKey(device)] = generatorState(device);
            io::saveSlim(model, (std::filesystem::path(params.checkpointDir) / ("epoch-" + std::to_string(epoch + 1) + ".slim")).string(),
                         &state);
        }
    }
    for (at::Tensor& p : model.parameters())
        p.requires_grad_(false);
    model.forEachTensor([](graph::Node&, graph::NamedTensor& named) { named.tensor.set_data(named.tensor.detach().contiguous()); });
    return result;
}

} // namespace slim::engine::train
