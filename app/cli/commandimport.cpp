// slimbench-cli import: reads TorchScript or ONNX into a .slim checkpoint.
#include "cli/cli.h"
#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

namespace slim::app::cli {

namespace {

struct ImportOptions {
    ModelReference model;
    std::string output;
};

int runImport(const ImportOptions& options, const Context& context)
{
    const std::string& path = options.model.reference;
    const std::string extension = lowerExtension(path);
    if (extension != ".pt" && extension != ".pth" && extension != ".onnx")
        throw UsageError("import reads .pt (TorchScript) and .onnx files, not '" + extension + "'");
    const engine::Model model = engine::Model::load(path, parseShape(options.model.shapeText));
    model.save(options.output);
    const engine::CostSummary cost = model.cost();
    context.out << "imported " << path << ": " << cost.layers.size() << " layers, " << withThousands(cost.params)
                << " parameters, " << withThousands(cost.macs) << " MACs, input " << shapeText(model.inputShape())
                << ", output " << shapeText(model.outputShape()) << '\n';
    context.out << "wrote " << options.output << '\n';
    return kExitOk;
}

} // namespace

Command addImportCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "import", "Reads a TorchScript or ONNX model into Slimbench's format and prints its layers.");
    command->footer("TorchScript files carry no input size, nor ONNX files with a dynamic one: --shape gives it.");
    auto options = std::make_shared<ImportOptions>();
    command->add_option("IN", options->model.reference, "a TorchScript .pt or an .onnx file")
        ->required()
        ->type_name("IN.{pt,onnx}");
    command->add_option("OUT", options->output, "the .slim file to write")->required()->type_name("OUT.slim");
    addShapeOptions(*command, options->model.shapeText, InputOption::AliasOfShape);
    return {command, [options](const Context& context) { return runImport(*options, context); }};
}

} // namespace slim::app::cli
