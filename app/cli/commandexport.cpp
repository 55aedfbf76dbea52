// slimbench-cli export: writes ONNX or TorchScript and reports how the file was verified.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/jobconsole.h"
#include "core/error.h"
#include "jobs/rknnexport.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iomanip>
#include <memory>
#include <ostream>

namespace slim::app::cli {

namespace {

// ONNX opsets the exporter writes: 11..17 with Debian's libonnx 1.12 (DESIGN.md, Export).
constexpr int kMinOpset = 11;
constexpr int kMaxOpset = 17;
constexpr int kDefaultOpset = 13;

struct ExportOptions {
    ModelReference model;
    std::string format = "onnx";
    int opset = 0;  ///< 0: not given
    std::string output;
    bool withPreprocessing = false;  ///< bake the input contract in, so the file takes raw pixels
    bool noFold = false;             ///< ONNX: write BatchNorm as it is instead of folding it
    bool dynamicBatch = false;       ///< ONNX: the batch dimension as a symbol
    // RKNN bundle
    std::string target = "rk3588";
    std::string calibration;
    std::int64_t calibrationCount = 100;
    std::string dtype = "w8a8";
    std::string algorithm = "normal";
    std::string method = "channel";
    bool noQuantize = false;
    std::string python;  ///< convert with this interpreter when given
};

/// The lowest entire-cosine layer of an RKNN accuracy analysis, the one to look at first.
const engine::RknnLayerError& worstLayer(const std::vector<engine::RknnLayerError>& layers)
{
    return *std::min_element(layers.begin(), layers.end(),
                             [](const auto& a, const auto& b) { return a.entireCosine < b.entireCosine; });
}

int runRknnExport(const ExportOptions& options, const engine::Model& model, const Context& context)
{
    engine::RknnBundleOptions bundleOptions;
    bundleOptions.target = options.target;
    bundleOptions.opset = options.opset != 0 ? options.opset : 12;
    bundleOptions.quantize = !options.noQuantize;
    bundleOptions.quantizedDtype = options.dtype;
    bundleOptions.algorithm = options.algorithm;
    bundleOptions.method = options.method;
    bundleOptions.calibrationDataset = options.calibration;
    bundleOptions.calibrationCount = options.calibrationCount;
    if (!options.python.empty()) {
        // Before anything is written: a Python without the toolkit is the usual mistake.
        if (const std::string problem = engine::checkRknnPython(options.python); !problem.empty())
            throw engine::Error(engine::ErrorCode::InvalidArgument, problem, {options.python, "no rknn-toolkit2"});
    }
    engine::RknnBundle bundle;
    {
        JobConsole console(context.err);
        bundle = engine::writeRknnBundle(model, options.output, bundleOptions, console.context());
    }
    std::ostream& out = context.out;
    out << "wrote the RKNN bundle for " << options.target << " in " << options.output << ": " << bundle.files.size()
        << " files (model.onnx opset " << bundleOptions.opset << ", " << bundle.calibrationImages
        << " calibration images, convert_rknn.py, README.md)\n"
        << "  ONNX checker: " << (bundle.onnx.checkerPassed ? "passed" : "FAILED") << ", read back by Slimbench: max |difference| "
        << std::scientific << std::setprecision(2) << bundle.onnx.reimportMaxAbsDifference << std::defaultfloat << std::setprecision(6) << '\n'
        << "  normalisation for RKNN (pixel units): mean";
    for (const double mean : bundle.meanValues)
        out << ' ' << mean;
    out << ", std";
    for (const double deviation : bundle.stdValues)
        out << ' ' << deviation;
    out << '\n';
    for (const std::string& warning : bundle.warnings)
        out << "  warning: " << warning << '\n';
    if (options.python.empty()) {
        out << "  convert it where rknn-toolkit2 is installed: <its python> " << options.output << "/convert_rknn.py\n";
        return kExitOk;
    }
    engine::RknnConversion conversion;
    {
        JobConsole console(context.err);
        conversion = engine::convertRknnBundle(options.output, options.python, console.context(),
                                               [&context](const std::string& line) { context.err << line << '\n'; });
    }
    out << "converted: " << conversion.rknnPath << '\n';
    if (!conversion.analysisProblem.empty())
        out << "  the accuracy analysis could not be read: " << conversion.analysisProblem << '\n';
    if (!conversion.layers.empty()) {
        const engine::RknnLayerError& worst = worstLayer(conversion.layers);
        out << "  accuracy analysis: " << conversion.layers.size() << " layers, lowest cosine " << std::fixed
            << std::setprecision(5) << worst.entireCosine << " at [" << worst.op << "] " << worst.name
            << std::defaultfloat << " (" << options.output << "/snapshot/error_analysis.txt)\n";
    }
    return kExitOk;
}

int runExport(const ExportOptions& options, const Context& context)
{
    if (options.format == "rknn") {
        if (options.noFold || options.withPreprocessing || options.dynamicBatch)
            throw UsageError("--no-fold, --with-preprocessing and --dynamic-batch do not apply to RKNN: it wants the "
                             "folded model, static shapes and raw pixels");
        if (options.opset != 0 && options.opset != 12 && options.opset != 13)
            throw UsageError("--opset for RKNN is 12 (default) or 13");
        return runRknnExport(options, openModel(options.model), context);
    }
    if (!options.python.empty() || !options.calibration.empty() || options.noQuantize)
        throw UsageError("--calib, --python and --no-quantize apply to --format rknn");
    const bool onnx = options.format == "onnx";
    if (!onnx && options.opset != 0)
        throw UsageError("--opset applies to ONNX only");
    if (!onnx && options.dynamicBatch)
        throw UsageError("--dynamic-batch applies to ONNX only");
    if (!onnx && options.noFold)
        throw UsageError("--no-fold applies to ONNX only (TorchScript keeps the model as trained)");
    const int opset = options.opset != 0 ? options.opset : kDefaultOpset;
    const engine::Model opened = openModel(options.model);
    const engine::Model model = options.withPreprocessing ? opened.withPreprocessingBakedIn() : opened;
    const engine::ExportReport report = onnx ? engine::exportModelToOnnx(model, options.output, opset, {}, !options.noFold, options.dynamicBatch)
                                             : engine::exportModelToTorchScript(model, options.output);
    std::ostream& out = context.out;
    out << "wrote " << options.output << " (" << withThousands(report.bytes) << " bytes, "
        << (onnx ? "opset " + std::to_string(opset) : std::string("TorchScript")) << ")\n";
    if (onnx) {
        out << "  ONNX checker: " << (report.checkerPassed ? "passed" : "FAILED") << '\n';
        out << "  strict shape inference, every shape as in the graph: " << (report.shapeInferencePassed ? "passed" : "FAILED")
            << '\n';
    }
    const char* checker = onnx ? "OpenCV DNN" : "torch::jit::load";
    if (report.reimportRan)
        out << "  the file read back by Slimbench vs Slimbench: max |difference| = " << std::scientific
            << std::setprecision(2) << report.reimportMaxAbsDifference << std::defaultfloat << '\n';
    if (report.preprocessingBakedIn)
        out << "  preprocessing baked in: the file takes raw pixels (0..255)\n";
    else
        out << "  input contract: " << report.preprocessing << '\n';
    // A quantized model's QDQ file is not run by OpenCV 4.6 (it mis-reads QuantizeLinear); the
    // read-back check, which refuses to write a file off by more than the tolerance, stands for it.
    const bool quantized = onnx && model.metadata().count("quantization") != 0;
    const bool faithful = report.numericCheckRan ? report.maxAbsDifference <= engine::kExportTolerance
                                                 : quantized && report.reimportRan
                                                       && report.reimportMaxAbsDifference <= engine::kExportTolerance;
    if (report.numericCheckRan)
        out << "  " << checker << " vs Slimbench: max |difference| = " << std::scientific << std::setprecision(2)
            << report.maxAbsDifference << std::defaultfloat << (faithful ? " (within 1e-4)" : " (ABOVE 1e-4)") << '\n';
    else
        out << "  " << checker << " could not run it: " << engine::firstLine(report.numericCheckError) << '\n';
    if (!report.folded.empty())
        out << "  folded for inference: " << report.folded.size() << " rewrites (" << report.folded.front()
            << (report.folded.size() > 1 ? ", ..." : "") << ")\n";
    for (const std::string& note : report.notes)
        out << "  note: " << note << '\n';
    return faithful ? kExitOk : kExitFailure;
}

} // namespace

Command addExportCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "export", "Writes ONNX or TorchScript, verified: the max-abs difference to Slimbench's forward; exit 1 above 1e-4.");
    command->footer("ONNX: static batch 1, BatchNorm folded into the convolutions, checked by the ONNX checker, strict "
                    "shape inference, a run in OpenCV DNN and a read-back compared with the model as trained.\n"
                    "TorchScript: a torch.jit.load-able archive of the model as trained, loaded back and run the same way.");
    auto options = std::make_shared<ExportOptions>();
    addModelOptions(*command, options->model, InputOption::AliasOfShape);
    command->add_option("--format", options->format, "onnx (default), torchscript, or rknn (a bundle folder)")
        ->check(CLI::IsMember({"onnx", "torchscript", "rknn"}))
        ->type_name("FORMAT");
    command->add_option("--opset", options->opset, "ONNX opset (default 13; 12 for older RKNN toolkits)")
        ->check(CLI::Range(kMinOpset, kMaxOpset))
        ->type_name("N");
    command->add_option("-o,--output", options->output, "the file to write")->required()->type_name("OUT");
    command->add_flag("--with-preprocessing", options->withPreprocessing,
                      "bake the model's input contract in as leading layers, so the file takes raw pixels (0..255)");
    command->add_flag("--dynamic-batch", options->dynamicBatch,
                      "ONNX: a symbolic batch dimension for runtimes that feed batches (static batch 1 by default, as "
                      "NPUs want)");
    command->add_flag("--no-fold", options->noFold,
                      "ONNX: keep BatchNorm and every layer as trained (by default BatchNorm is folded into the "
                      "convolutions, as deployment runtimes want)");
    command->add_option("--target", options->target, "RKNN: rk3588 (default), rk3576, rk3568, rk3566, rk3562, rv1106")
        ->check(CLI::IsMember(engine::rknnTargets()))
        ->type_name("PLATFORM");
    command->add_option("--calib", options->calibration, "RKNN: the data set whose training images calibrate quantization")
        ->type_name("PATH");
    command->add_option("--calib-count", options->calibrationCount, "RKNN: calibration images (default 100)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}))
        ->type_name("N");
    command->add_option("--dtype", options->dtype, "RKNN: w8a8 (default), w8a16, w16a16i")
        ->check(CLI::IsMember({"w8a8", "w8a16", "w16a16i"}))
        ->type_name("TYPE");
    command->add_option("--algorithm", options->algorithm, "RKNN: normal (default), mmse, kl_divergence")
        ->check(CLI::IsMember({"normal", "mmse", "kl_divergence"}))
        ->type_name("NAME");
    command->add_option("--quant-method", options->method, "RKNN: channel (default) or layer")
        ->check(CLI::IsMember({"channel", "layer"}))
        ->type_name("NAME");
    command->add_flag("--no-quantize", options->noQuantize, "RKNN: keep the model in floating point (no calibration)");
    command->add_option("--python", options->python,
                        "RKNN: convert right away with this Python, which must import rknn.api (rknn-toolkit2)")
        ->type_name("PATH");
    return {command, [options](const Context& context) { return runExport(*options, context); }};
}

} // namespace slim::app::cli
