// slimbench-cli export: writes ONNX or TorchScript and reports how the file was verified.
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/error.h"

#include <CLI/CLI.hpp>

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
};

int runExport(const ExportOptions& options, const Context& context)
{
    const bool onnx = options.format == "onnx";
    if (!onnx && options.opset != 0)
        throw UsageError("--opset applies to ONNX only");
    if (!onnx && options.noFold)
        throw UsageError("--no-fold applies to ONNX only (TorchScript keeps the model as trained)");
    const int opset = options.opset != 0 ? options.opset : kDefaultOpset;
    const engine::Model opened = openModel(options.model);
    const engine::Model model = options.withPreprocessing ? opened.withPreprocessingBakedIn() : opened;
    const engine::ExportReport report = onnx ? engine::exportModelToOnnx(model, options.output, opset, {}, !options.noFold)
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
    const bool faithful = report.numericCheckRan && report.maxAbsDifference <= engine::kExportTolerance;
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
    command->add_option("--format", options->format, "onnx (default) or torchscript")
        ->check(CLI::IsMember({"onnx", "torchscript"}))
        ->type_name("FORMAT");
    command->add_option("--opset", options->opset, "ONNX opset (default 13; 12 for older RKNN toolkits)")
        ->check(CLI::Range(kMinOpset, kMaxOpset))
        ->type_name("N");
    command->add_option("-o,--output", options->output, "the file to write")->required()->type_name("OUT");
    command->add_flag("--with-preprocessing", options->withPreprocessing,
                      "bake the model's input contract in as leading layers, so the file takes raw pixels (0..255)");
    command->add_flag("--no-fold", options->noFold,
                      "ONNX: keep BatchNorm and every layer as trained (by default BatchNorm is folded into the "
                      "convolutions, as deployment runtimes want)");
    return {command, [options](const Context& context) { return runExport(*options, context); }};
}

} // namespace slim::app::cli
