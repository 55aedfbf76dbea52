// slimbench-cli quantize: post-training quantization with calibration, the per-layer error
// and, given a data set, top-1 of the float and the quantized model.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/jobconsole.h"

#include "jobs/quantjob.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <memory>
#include <optional>
#include <ostream>

namespace slim::app::cli {

namespace {

struct QuantizeOptions {
    ModelReference model;
    std::optional<int> bits;
    std::optional<int> weightBits;
    std::optional<int> activationBits;
    bool perTensor = false;
    bool perChannel = false;
    bool symmetric = false;
    bool keepEnds = false;
    std::vector<std::string> layerBits;
    std::string observer = "minmax";
    double percentile = 99.99;
    std::string calibration;
    std::int64_t calibrationBatches = 8;
    std::int64_t batch = 64;
    std::string dataset;
    std::string output;
    bool json = false;
};

engine::QuantizeRequest requestFor(const QuantizeOptions& options)
{
    if (options.perChannel && options.perTensor)
        throw UsageError("give --per-channel or --per-tensor, not both");
    engine::QuantizeRequest request;
    engine::quant::QuantSettings& settings = request.settings;
    const int bits = options.bits.value_or(8);
    settings.weightBits = options.weightBits.value_or(bits);
    settings.activationBits = options.activationBits.value_or(bits);
    settings.perChannel = !options.perTensor;
    settings.activationSymmetric = options.symmetric;
    settings.keepEndsAt8Bits = options.keepEnds;
    settings.observer = engine::quant::observerFromName(options.observer).value();
    settings.percentile = options.percentile;
    for (const std::string& entry : options.layerBits) {
        const std::size_t equals = entry.rfind('=');
        int layer = 0;
        try {
            std::size_t used = 0;
            layer = equals == std::string::npos ? 0 : std::stoi(entry.substr(equals + 1), &used);
            if (equals == std::string::npos || used != entry.size() - equals - 1 || equals == 0)
                throw std::invalid_argument(entry);
        } catch (const std::exception&) {
            throw UsageError("--layer-bits takes NAME=BITS, not '" + entry + "'");
        }
        settings.layerBits[entry.substr(0, equals)] = layer;
    }
    request.calibration = options.calibration.empty() ? options.dataset : options.calibration;
    if (request.calibration.empty())
        throw UsageError("quantization calibrates on data: give --calib (or --dataset)");
    request.calibrationBatches = options.calibrationBatches;
    request.batchSize = options.batch;
    request.dataset = options.dataset;
    return request;
}

std::string decibels(double value)
{
    if (std::isinf(value))
        return "exact";
    std::ostringstream text;
    text << std::fixed << std::setprecision(1) << value << " dB";
    return text.str();
}

nlohmann::json jsonReport(const engine::QuantizeResult& result, const engine::QuantizeRequest& request,
                          const std::string& output)
{
    nlohmann::json layers = nlohmann::json::array();
    for (const engine::quant::LayerQuantError& layer : result.report.layers) {
        layers.push_back({{"name", layer.name},
                          {"kind", layer.weight ? "weight" : "activation"},
                          {"bits", layer.bits},
                          {"sqnr_db", std::isinf(layer.sqnrDb) ? nlohmann::json(nullptr) : nlohmann::json(layer.sqnrDb)}});
    }
    const engine::quant::QuantSettings& settings = request.settings;
    nlohmann::json report = {
        {"weight_bits", settings.weightBits},
        {"activation_bits", settings.activationBits},
        {"per_channel", settings.perChannel},
        {"symmetric_activations", settings.activationSymmetric},
        {"observer", engine::quant::observerName(settings.observer)},
        {"calibration_batches", result.calibrationBatches},
        {"calibration_ms", result.calibrationMs},
        {"folded_batchnorms", result.prepared.foldedBatchNorms.size()},
        {"size_bytes", result.report.bytes},
        {"float_bytes", result.report.floatBytes},
        {"layers", layers},
        {"output", output}};
    if (result.top1Float >= 0) {
        report["top1"] = {{"float", result.top1Float}, {"quantized", result.top1Quantized}};
        report["evaluation_samples"] = result.evaluationSamples;
    }
    return report;
}

void printText(std::ostream& out, const engine::QuantizeResult& result, const engine::QuantizeRequest& request,
               const std::string& output)
{
    const engine::quant::QuantSettings& settings = request.settings;
    out << "quantized W" << settings.weightBits << "A" << settings.activationBits << " ("
        << (settings.perChannel ? "per-channel" : "per-tensor") << " weights, "
        << (settings.activationSymmetric ? "symmetric" : "asymmetric") << " activations, observer "
        << engine::quant::observerName(settings.observer) << ") on " << result.calibrationBatches
        << " calibration batches; " << result.prepared.foldedBatchNorms.size() << " BatchNorms folded\n\n";
    out << std::left << std::setw(34) << "layer" << std::setw(12) << "tensor" << std::right << std::setw(6) << "bits"
        << std::setw(12) << "SQNR" << '\n';
    for (const engine::quant::LayerQuantError& layer : result.report.layers) {
        out << std::left << std::setw(34) << layer.name << std::setw(12) << (layer.weight ? "weight" : "activation")
            << std::right << std::setw(6) << layer.bits << std::setw(12) << decibels(layer.sqnrDb) << '\n';
    }
    out << "\nsize: " << withThousands(result.report.bytes) << " bytes at these bits ("
        << percentText(100.0 * static_cast<double>(result.report.bytes) / static_cast<double>(std::max<std::int64_t>(1, result.report.floatBytes)), 1)
        << " of " << withThousands(result.report.floatBytes) << " in float)\n";
    if (result.top1Float >= 0)
        out << "top-1: " << result.top1Float << " float, " << result.top1Quantized << " quantized ("
            << result.evaluationSamples << " test images)\n";
    out << "wrote " << output << '\n';
}

int runQuantize(const QuantizeOptions& options, const Context& context)
{
    const engine::QuantizeRequest request = requestFor(options);
    const engine::Model model = openModelForDataset(options.model, request.calibration, false);
    engine::QuantizeResult result;
    {
        JobConsole console(context.err);
        result = engine::runQuantizeJob(model, request, console.context());
    }
    result.model.save(options.output);
    if (options.json)
        context.out << jsonReport(result, request, options.output).dump(2) << '\n';
    else
        printText(context.out, result, request, options.output);
    return kExitOk;
}

} // namespace

Command addQuantizeCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "quantize", "Post-training quantization: BatchNorm folded, weights and activations simulated at 2 to 16 bits, "
                    "ranges calibrated on data.");
    command->footer("Examples:\n"
                    "  slimbench-cli quantize model.slim --bits 8 --calib /usr/share/datasets/fashion-mnist -o q8.slim\n"
                    "  slimbench-cli quantize model.slim --weight-bits 4 --act-bits 8 --observer mse --keep-ends \\\n"
                    "      --calib DIR --dataset DIR --json -o w4a8.slim\n"
                    "The result runs, trains (quantization-aware) and exports as a quantized model; export it to ONNX "
                    "for QuantizeLinear/DequantizeLinear pairs.");
    auto options = std::make_shared<QuantizeOptions>();
    addModelOptions(*command, options->model, InputOption::AliasOfShape);
    command->add_option("--bits", options->bits, "bits of weights and activations (default 8)")
        ->check(CLI::Range(2, 16))
        ->type_name("N");
    command->add_option("--weight-bits", options->weightBits, "bits of the weights (default --bits)")
        ->check(CLI::Range(2, 16))
        ->type_name("N");
    command->add_option("--act-bits", options->activationBits, "bits of the activations (default --bits)")
        ->check(CLI::Range(2, 16))
        ->type_name("N");
    command->add_flag("--per-channel", options->perChannel, "one weight scale per output channel (the default)");
    command->add_flag("--per-tensor", options->perTensor, "one weight scale per layer");
    command->add_flag("--symmetric", options->symmetric, "activations on a signed grid about 0 (default: unsigned with a zero point)");
    command->add_flag("--keep-ends", options->keepEnds, "keep the first and the last layer with weights at 8 bits");
    command->add_option("--layer-bits", options->layerBits, "that layer's weights and output at that many bits (repeatable)")
        ->type_name("NAME=BITS");
    command->add_option("--observer", options->observer,
                        "activation ranges: minmax (default), ema (moving average), percentile, mse, kl (entropy)")
        ->check(CLI::IsMember({"minmax", "ema", "percentile", "mse", "kl"}))
        ->type_name("OBSERVER");
    command->add_option("--percentile", options->percentile, "for --observer percentile (default 99.99)")
        ->check(CLI::Range(50.000001, 100.0))
        ->type_name("P");
    command->add_option("--calib", options->calibration, "the data set whose training images calibrate the ranges")
        ->type_name("PATH");
    command->add_option("--calib-batches", options->calibrationBatches, "calibration batches (default 8)")
        ->check(CLI::Range(1, 100000))
        ->type_name("N");
    command->add_option("--batch", options->batch, "images per calibration batch (default 64)")
        ->check(CLI::Range(1, 65536))
        ->type_name("N");
    command->add_option("--dataset", options->dataset, "a data set: top-1 of the float and the quantized model on its test split")
        ->type_name("PATH");
    command->add_option("-o,--output", options->output, "the .slim file to write")->required()->type_name("OUT.slim");
    command->add_flag("--json", options->json,
                      "the result as JSON: {\"weight_bits\", \"activation_bits\", \"observer\", \"size_bytes\", "
                      "\"float_bytes\", \"layers\": [{\"name\", \"kind\", \"bits\", \"sqnr_db\"}], \"top1\": {\"float\", "
                      "\"quantized\"}, ...}");
    return {command, [options](const Context& context) { return runQuantize(*options, context); }};
}

} // namespace slim::app::cli
