#include "cli/cli.h"

#include "core/error.h"
#include "core/runtime.h"
#include "jobs/trainjob.h"
#include "model.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <mutex>
#include <unistd.h>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

namespace slim::app::cli {

namespace {

using engine::Model;

constexpr char kUsage[] = R"(usage: slimbench-cli COMMAND [OPTIONS]

Commands:
  info MODEL [--input CxHxW] [--classes N] [--json]
        Per-layer table (name, op, output shape, params, MACs, share of MACs) and totals.
  infer MODEL --input x.npy --output y.npy
        Runs a forward pass on a float32 .npy tensor (N×C×H×W or C×H×W) and writes the result.
  train RECIPE.json [--epochs N] [--output OUT.slim] [--device cpu|cuda:N] [--seed N]
        Trains as the recipe says, with a progress bar and ETA; writes the model and a metrics
        CSV. Ctrl-C cancels within one batch and writes nothing.
  import IN.{pt,onnx} OUT.slim [--input CxHxW]
        Reads a TorchScript or ONNX model into Slimbench's format and prints its layers.
        TorchScript files carry no input size: --input gives it.
  export MODEL --format onnx|torchscript [--opset 11..17] [--input CxHxW] -o OUT
        ONNX: opset 13 by default, static batch 1; prints the ONNX checker, strict shape
        inference, and the max-abs difference against Slimbench's own forward in OpenCV DNN.
        TorchScript: a torch.jit.load-able archive, loaded back and compared the same way.
  eval MODEL --dataset PATH [--split test|train] [--batch N] [--json]
        Top-1 and top-5 accuracy and mean loss on a data set (IDX, CIFAR or ImageFolder).

MODEL is a .slim, .onnx or TorchScript .pt file (give --input CxHxW for .pt) or a zoo name: lenet5, vgg11, vgg16, vgg19, resnet20, resnet32,
resnet56, resnet110, resnet18, mobilenetv2.

Common options:
  --threads N   intra-op threads (default: all cores)
  --help        this text
  --version     the version
)";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Parsed `--name value` options and positional arguments.
struct Arguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::vector<std::string> flags;

    bool flag(const std::string& name) const { return std::find(flags.begin(), flags.end(), name) != flags.end(); }
    std::optional<std::string> option(const std::string& name) const
    {
        const auto it = options.find(name);
        return it == options.end() ? std::nullopt : std::optional(it->second);
    }
};

Arguments parse(const std::vector<std::string>& args, const std::vector<std::string>& valueOptions,
                const std::vector<std::string>& flagOptions)
{
    Arguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            parsed.positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.erase(eq);
        }
        if (std::find(flagOptions.begin(), flagOptions.end(), name) != flagOptions.end()) {
            if (value)
                throw UsageError("--" + name + " takes no value");
            parsed.flags.push_back(name);
        } else if (std::find(valueOptions.begin(), valueOptions.end(), name) != valueOptions.end()) {
            if (!value) {
                if (i + 1 >= args.size())
                    throw UsageError("--" + name + " needs a value");
                value = args[++i];
            }
            parsed.options[name] = *value;
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
    return parsed;
}

std::int64_t parseCount(const std::string& text, const std::string& what)
{
    std::size_t used = 0;
    long long value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty() || value < 1)
        throw UsageError(what + " must be a positive whole number, got '" + text + "'");
    return value;
}

/// "3x32x32" (or "3×32×32") → {3, 32, 32}.
std::vector<std::int64_t> parseShape(const std::string& text)
{
    std::string normalised = text;
    for (const std::string times : {"×", "X", ","}) {
        for (std::size_t at = normalised.find(times); at != std::string::npos; at = normalised.find(times))
            normalised.replace(at, times.size(), "x");
    }
    std::vector<std::int64_t> shape;
    std::stringstream parts(normalised);
    std::string part;
    while (std::getline(parts, part, 'x'))
        shape.push_back(parseCount(part, "--input"));
    if (shape.size() != 3)
        throw UsageError("--input must be CxHxW, like 3x32x32; got '" + text + "'");
    return shape;
}

std::string withThousands(std::int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return value < 0 ? "-" + digits : digits;
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string text;
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? "x" : "") + std::to_string(shape[i]);
    return text;
}

/// Opens MODEL with the zoo options; `--input` on a file re-shapes it.
Model openModel(const std::string& reference, const Arguments& args)
{
    std::optional<std::vector<std::int64_t>> input;
    if (const auto text = args.option("input"))
        input = parseShape(*text);
    engine::ZooSpec spec;
    bool isZoo = false;
    for (const std::string& name : engine::zooModelNames())
        isZoo = isZoo || name == reference;
    if (isZoo) {
        spec = engine::zooDefaults(reference);
        if (input) {
            spec.channels = (*input)[0];
            spec.height = (*input)[1];
            spec.width = (*input)[2];
        }
    }
    if (const auto classes = args.option("classes")) {
        if (!isZoo)
            throw UsageError("--classes applies to zoo models only");
        spec.classes = parseCount(*classes, "--classes");
    }
    const std::string extension = std::filesystem::path(reference).extension().string();
    const bool takesShape = extension == ".pt" || extension == ".pth" || extension == ".onnx";
    Model model = Model::open(reference, spec, input && takesShape ? *input : std::vector<std::int64_t>{});
    if (input && !isZoo && model.inputShape() != *input)
        model = model.withInputShape(*input);
    return model;
}

int commandInfo(const std::vector<std::string>& rest, std::ostream& out)
{
    const Arguments args = parse(rest, {"input", "classes", "threads"}, {"json"});
    if (args.positional.size() != 1)
        throw UsageError("info takes one MODEL");
    const Model model = openModel(args.positional[0], args);
    const engine::CostSummary cost = model.cost();
    auto share = [&cost](std::int64_t macs) {
        return cost.macs == 0 ? 0.0 : 100.0 * static_cast<double>(macs) / static_cast<double>(cost.macs);
    };

    if (args.flag("json")) {
        nlohmann::json layers = nlohmann::json::array();
        for (const engine::LayerCost& layer : cost.layers) {
            layers.push_back({{"name", layer.name},
                              {"op", layer.op},
                              {"output_shape", layer.outputShape},
                              {"params", layer.params},
                              {"macs", layer.macs},
                              {"activation_bytes", layer.activationBytes},
                              {"macs_share", share(layer.macs) / 100.0}});
        }
        const nlohmann::json report = {
            {"model", model.name()},
            {"input", model.inputShape()},
            {"output", model.outputShape()},
            {"layers", layers},
            {"total",
             {{"params", cost.params},
              {"macs", cost.macs},
              {"flops", 2 * cost.macs},
              {"activation_bytes", cost.activationBytes},
              {"peak_activation_bytes", cost.peakActivationBytes}}}};
        out << report.dump(2) << '\n';
        return kExitOk;
    }

    std::size_t nameWidth = 4;
    for (const engine::LayerCost& layer : cost.layers)
        nameWidth = std::max(nameWidth, layer.name.size());
    out << "model " << model.name() << ", input " << shapeText(model.inputShape()) << ", output "
        << shapeText(model.outputShape()) << "\n\n";
    out << std::left << std::setw(static_cast<int>(nameWidth) + 2) << "name" << std::setw(19) << "op" << std::setw(14)
        << "output" << std::right << std::setw(13) << "params" << std::setw(17) << "MACs" << std::setw(9) << "share"
        << '\n';
    for (const engine::LayerCost& layer : cost.layers) {
        std::ostringstream percent;
        percent << std::fixed << std::setprecision(2) << share(layer.macs) << " %";
        out << std::left << std::setw(static_cast<int>(nameWidth) + 2) << layer.name << std::setw(19) << layer.op
            << std::setw(14) << shapeText(layer.outputShape) << std::right << std::setw(13) << withThousands(layer.params)
            << std::setw(17) << withThousands(layer.macs) << std::setw(9) << percent.str() << '\n';
    }
    out << "\ntotal: " << withThousands(cost.params) << " params, " << withThousands(cost.macs) << " MACs ("
        << withThousands(2 * cost.macs) << " FLOPs), " << cost.layers.size() << " layers, activations "
        << withThousands(cost.activationBytes) << " bytes per sample (peak " << withThousands(cost.peakActivationBytes)
        << ")\n";
    return kExitOk;
}

int commandInfer(const std::vector<std::string>& rest, std::ostream& out)
{
    const Arguments args = parse(rest, {"input", "output", "threads", "classes"}, {});
    if (args.positional.size() != 1)
        throw UsageError("infer takes one MODEL");
    const auto inputPath = args.option("input");
    const auto outputPath = args.option("output");
    if (!inputPath || !outputPath)
        throw UsageError("infer needs --input x.npy and --output y.npy");
    const engine::io::NpyArray input = engine::io::readNpy(*inputPath);
    engine::ZooSpec spec;
    for (const std::string& name : engine::zooModelNames()) {
        if (name == args.positional[0])
            spec = engine::zooDefaults(name);
    }
    // A zoo model is built for the input's own size; a file keeps the size it was saved with.
    if (input.shape.size() >= 3) {
        spec.channels = input.shape[input.shape.size() - 3];
        spec.height = input.shape[input.shape.size() - 2];
        spec.width = input.shape[input.shape.size() - 1];
    }
    if (const auto classes = args.option("classes"))
        spec.classes = parseCount(*classes, "--classes");
    // TorchScript carries no input size: the input array gives it.
    std::vector<std::int64_t> fileShape;
    const std::string extension = std::filesystem::path(args.positional[0]).extension().string();
    if ((extension == ".pt" || extension == ".pth") && input.shape.size() >= 3)
        fileShape.assign(input.shape.end() - 3, input.shape.end());
    const Model model = Model::open(args.positional[0], spec, fileShape);
    const engine::io::NpyArray output = model.infer(input);
    engine::io::writeNpy(*outputPath, output);
    out << "wrote " << *outputPath << " (" << shapeText(output.shape) << ")\n";
    return kExitOk;
}

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

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

int commandTrain(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err)
{
    const Arguments args = parse(rest, {"epochs", "output", "device", "seed", "threads", "metrics"}, {});
    if (args.positional.size() != 1)
        throw UsageError("train takes one RECIPE.json");
    engine::TrainRecipe recipe = engine::loadTrainRecipe(args.positional[0]);
    if (const auto epochs = args.option("epochs"))
        recipe.epochs = parseCount(*epochs, "--epochs");
    if (const auto output = args.option("output"))
        recipe.output = *output;
    if (const auto metrics = args.option("metrics"))
        recipe.metrics = *metrics;
    if (const auto device = args.option("device"))
        recipe.device = *device;
    if (const auto seed = args.option("seed"))
        recipe.seed = static_cast<std::uint64_t>(parseCount(*seed, "--seed"));
    if (const auto threads = args.option("threads"))
        recipe.threads = static_cast<int>(parseCount(*threads, "--threads"));

    const bool live = ::isatty(STDERR_FILENO) != 0;
    std::mutex outputMutex;
    double lastLoss = 0;
    double lastAccuracy = 0;
    auto lastDraw = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    engine::JobContext context;
    context.isCancelled = [] { return g_interrupted.load(); };
    context.reportMetric = [&](const engine::MetricSample& sample) {
        std::lock_guard lock(outputMutex);
        if (sample.series == "train/loss")
            lastLoss = sample.value;
        else if (sample.series == "train/accuracy")
            lastAccuracy = sample.value;
    };
    context.reportProgress = [&](const engine::Progress& progress) {
        if (!live)
            return;
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(outputMutex);
        if (now - lastDraw < std::chrono::milliseconds(200) && progress.done != progress.total)
            return;
        lastDraw = now;
        constexpr int kWidth = 30; // characters in the bar
        const double fraction = progress.total > 0 ? static_cast<double>(progress.done) / static_cast<double>(progress.total) : 0;
        const int filled = static_cast<int>(fraction * kWidth);
        char line[256];
        std::snprintf(line, sizeof line, "\r[%s%s] %3d%% %s  loss %.4f  acc %.3f  ETA %s   ",
                      std::string(static_cast<std::size_t>(filled), '#').c_str(),
                      std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), static_cast<int>(fraction * 100),
                      progress.phase.c_str(), lastLoss, lastAccuracy, clockText(progress.etaSeconds).c_str());
        err << line << std::flush;
    };

    g_interrupted = false;
    const auto previous = std::signal(SIGINT, onInterrupt);
    engine::TrainJobResult result;
    try {
        result = engine::runTrainJob(recipe, context);
    } catch (...) {
        std::signal(SIGINT, previous);
        if (live)
            err << '\n';
        throw;
    }
    std::signal(SIGINT, previous);
    if (live)
        err << '\n';
    for (const engine::EpochRecord& e : result.history) {
        out << "epoch " << e.epoch << "/" << recipe.epochs << ": train loss " << std::fixed << std::setprecision(4)
            << e.trainLoss << " acc " << e.trainAccuracy;
        if (e.validationTop1 >= 0)
            out << ", val top1 " << e.validationTop1 << " top5 " << e.validationTop5 << " loss " << e.validationLoss;
        out << ", lr " << std::setprecision(6) << e.learningRate << ", " << std::setprecision(1) << e.seconds << " s\n";
    }
    if (result.skippedFiles > 0)
        out << "skipped " << result.skippedFiles << " unreadable image files\n";
    if (result.cancelled) {
        err << "slimbench-cli: training cancelled; nothing was written\n";
        return kExitFailure;
    }
    out << "wrote " << recipe.output;
    if (!recipe.metrics.empty())
        out << " and " << recipe.metrics;
    out << '\n';
    return kExitOk;
}

int commandExport(const std::vector<std::string>& rest, std::ostream& out)
{
    std::vector<std::string> args = rest;
    for (std::string& arg : args) {
        if (arg == "-o")
            arg = "--output";
    }
    const Arguments parsed = parse(args, {"format", "opset", "input", "classes", "output", "threads"}, {});
    if (parsed.positional.size() != 1)
        throw UsageError("export takes one MODEL");
    const std::string format = parsed.option("format").value_or("onnx");
    if (format != "onnx" && format != "torchscript")
        throw UsageError("--format must be onnx or torchscript, got '" + format + "'");
    const auto output = parsed.option("output");
    if (!output)
        throw UsageError("export needs -o OUT");
    if (format == "torchscript" && parsed.option("opset"))
        throw UsageError("--opset applies to ONNX only");
    const int opset = parsed.option("opset") ? static_cast<int>(parseCount(*parsed.option("opset"), "--opset")) : 13;
    const Model model = openModel(parsed.positional[0], parsed);
    const engine::ExportReport report =
        format == "onnx" ? engine::exportModelToOnnx(model, *output, opset) : engine::exportModelToTorchScript(model, *output);
    out << "wrote " << *output << " (" << withThousands(report.bytes) << " bytes, "
        << (format == "onnx" ? "opset " + std::to_string(opset) : std::string("TorchScript")) << ")\n";
    if (format == "onnx") {
        out << "  ONNX checker: " << (report.checkerPassed ? "passed" : "FAILED") << '\n';
        out << "  strict shape inference, every shape as in the graph: " << (report.shapeInferencePassed ? "passed" : "FAILED")
            << '\n';
    }
    const char* checker = format == "onnx" ? "OpenCV DNN" : "torch::jit::load";
    if (report.numericCheckRan)
        out << "  " << checker << " vs Slimbench: max |difference| = " << std::scientific << std::setprecision(2)
            << report.maxAbsDifference << std::defaultfloat << (report.maxAbsDifference <= 1e-4 ? " (within 1e-4)" : " (ABOVE 1e-4)")
            << '\n';
    else
        out << "  " << checker << " could not run it: " << report.numericCheckError << '\n';
    for (const std::string& note : report.notes)
        out << "  note: " << note << '\n';
    return report.numericCheckRan && report.maxAbsDifference <= 1e-4 ? kExitOk : kExitFailure;
}

int commandImport(const std::vector<std::string>& rest, std::ostream& out)
{
    const Arguments args = parse(rest, {"input", "threads"}, {});
    if (args.positional.size() != 2)
        throw UsageError("import takes IN.{pt,onnx} and OUT.slim");
    const std::string extension = std::filesystem::path(args.positional[0]).extension().string();
    if (extension != ".pt" && extension != ".pth" && extension != ".onnx")
        throw UsageError("import reads .pt (TorchScript) and .onnx files, not '" + extension + "'");
    std::vector<std::int64_t> input;
    if (const auto text = args.option("input"))
        input = parseShape(*text);
    const Model model = Model::load(args.positional[0], input);
    model.save(args.positional[1]);
    const engine::CostSummary cost = model.cost();
    out << "imported " << args.positional[0] << ": " << cost.layers.size() << " layers, " << withThousands(cost.params)
        << " parameters, " << withThousands(cost.macs) << " MACs, input " << shapeText(model.inputShape()) << ", output "
        << shapeText(model.outputShape()) << '\n';
    out << "wrote " << args.positional[1] << '\n';
    return kExitOk;
}

int commandEval(const std::vector<std::string>& rest, std::ostream& out)
{
    const Arguments args = parse(rest, {"dataset", "split", "batch", "threads", "device"}, {"json"});
    if (args.positional.size() != 1)
        throw UsageError("eval takes one MODEL");
    const auto dataset = args.option("dataset");
    if (!dataset)
        throw UsageError("eval needs --dataset PATH");
    const std::int64_t batch = args.option("batch") ? parseCount(*args.option("batch"), "--batch") : 256;
    const Model model = Model::open(args.positional[0], engine::zooDefaults("lenet5"));
    const engine::EvalSummary result = engine::evaluateModel(model, *dataset, args.option("split").value_or("test"), batch,
                                                             {}, args.option("device").value_or("cpu"));
    if (args.flag("json")) {
        out << nlohmann::json{{"top1", result.top1}, {"top5", result.top5}, {"loss", result.loss}, {"samples", result.samples}}
                   .dump(2)
            << '\n';
    } else {
        out << std::fixed << std::setprecision(4) << "top-1 " << result.top1 << ", top-5 " << result.top5 << ", loss "
            << result.loss << " on " << result.samples << " samples\n";
    }
    return kExitOk;
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    if (args.empty()) {
        err << kUsage;
        return kExitUsage;
    }
    const std::string& command = args[0];
    if (command == "--help" || command == "-h" || command == "help") {
        out << kUsage;
        return kExitOk;
    }
    if (command == "--version") {
        out << "slimbench-cli " << SLIMBENCH_VERSION << '\n';
        return kExitOk;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        for (std::size_t i = 0; i + 1 < rest.size(); ++i) {
            if (rest[i] == "--threads")
                engine::setThreadCount(static_cast<int>(parseCount(rest[i + 1], "--threads")));
        }
        if (command == "info")
            return commandInfo(rest, out);
        if (command == "infer")
            return commandInfer(rest, out);
        if (command == "train")
            return commandTrain(rest, out, err);
        if (command == "eval")
            return commandEval(rest, out);
        if (command == "export")
            return commandExport(rest, out);
        if (command == "import")
            return commandImport(rest, out);
        throw UsageError("unknown command '" + command + "'");
    } catch (const UsageError& error) {
        err << "slimbench-cli: " << error.what() << " (see slimbench-cli --help)\n";
        return kExitUsage;
    } catch (const engine::Error& error) {
        err << "slimbench-cli: " << error.what() << '\n';
        return kExitFailure;
    } catch (const std::exception& error) {
        err << "slimbench-cli: " << error.what() << '\n';
        return kExitFailure;
    }
}

} // namespace slim::app::cli
