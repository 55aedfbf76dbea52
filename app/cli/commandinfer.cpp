// slimbench-cli infer: one forward pass on a .npy tensor, written as .npy.
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/error.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

namespace slim::app::cli {

namespace {

struct InferOptions {
    ModelReference model;
    std::string inputPath;
    std::string outputPath;
    bool raw = false;  ///< the .npy holds raw pixels (0..255): apply the model's input contract first
};

int runInfer(const InferOptions& options, const Context& context)
{
    const engine::io::NpyArray input = engine::io::readNpy(options.inputPath);
    // Without --shape, a zoo model is built for the input's own size, and a TorchScript file
    // (which carries none) or a dynamic ONNX file takes it; other files keep their size.
    std::vector<std::int64_t> arraySize;
    if (input.shape.size() >= 3)
        arraySize.assign(input.shape.end() - 3, input.shape.end());
    const engine::Model model = openModel(options.model, arraySize);
    engine::io::NpyArray output;
    try {
        output = model.infer(options.raw ? model.preprocess(input) : input);
    } catch (const engine::Error& error) {
        // The engine names the model's input; the user needs to know which file does not fit it.
        if (error.code() != engine::ErrorCode::ShapeMismatch && error.code() != engine::ErrorCode::InvalidArgument)
            throw;
        throw engine::Error(error.code(), options.inputPath + ": " + error.what(), error.args());
    }
    engine::io::writeNpy(options.outputPath, output);
    context.out << "wrote " << options.outputPath << " (" << shapeText(output.shape) << ")\n";
    return kExitOk;
}

} // namespace

Command addInferCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "infer", "Runs a forward pass on a .npy tensor (N×C×H×W or C×H×W) and writes the result.");
    command->footer("Without --raw the tensor is taken as the model's input as it stands (already scaled and "
                    "normalised); with --raw it holds pixels 0..255, and the model's input contract (see info) is "
                    "applied first, as eval does.");
    auto options = std::make_shared<InferOptions>();
    addModelPositional(*command, options->model.reference);
    command->add_option("--input", options->inputPath, "the input tensor")->required()->type_name("x.npy");
    command->add_option("--output", options->outputPath, "where to write the output tensor")->required()->type_name("y.npy");
    command->add_flag("--raw", options->raw, "the tensor holds raw pixels (0..255): preprocess them as the model says");
    addShapeOptions(*command, options->model.shapeText, InputOption::NotAdded);
    addClassesOption(*command, options->model.classes);
    return {command, [options](const Context& context) { return runInfer(*options, context); }};
}

} // namespace slim::app::cli
