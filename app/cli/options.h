#pragma once

// What every slimbench-cli command shares: the command contract, how MODEL opens with the
// options that size it, option ranges, text helpers, and how an error becomes an exit code.

#include "model.h"

#include <cstdint>
#include <exception>
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace slim::app::cli {

// Ranges of options that several commands take; a value outside is a usage error (exit 2).
constexpr int kMaxThreads = 1024;             ///< threads; the most a recipe allows (engine/jobs/recipe.cpp)
constexpr std::int64_t kMaxClasses = 100000;  ///< classes; the most the zoo builds (engine/io/zoo.cpp)
constexpr std::int64_t kMaxShapeSize = 4096;  ///< channels or pixels per side; the zoo's and recipes' side limit

/// What a command runs with once its options are parsed.
struct Context {
    std::ostream& out;     ///< results
    std::ostream& err;     ///< progress, warnings and errors
    int threads = 0;       ///< --threads; 0 when not given. Already in force when the command runs.
    bool verbose = false;  ///< --verbose: errors keep their whole text
};

/// Runs a parsed command and returns its exit code. Throws for errors (see exitCodeFor()).
using CommandAction = std::function<int(const Context&)>;

/// A registered command: its CLI11 subcommand and what runs it.
struct Command {
    CLI::App* app = nullptr;
    CommandAction run;
};

/// Adds one subcommand and its options to `parent` and returns it with its action, which owns
/// the parsed values.
using CommandSetup = Command (*)(CLI::App& parent);

/// A mistake in how a command was called that only shows after parsing (exit 2).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// MODEL and the options that size it.
struct ModelReference {
    std::string reference;     ///< a model file or a zoo name
    std::string shapeText;     ///< --shape CxHxW (or --input where it means the size); empty when not given
    std::int64_t classes = 0;  ///< --classes; 0 when not given
};

/// Whether --input is added as the older name of --shape (info, import, export took the size
/// as --input), or not at all (infer's --input is its .npy; eval never had one).
enum class InputOption { AliasOfShape, NotAdded };

/// Adds the MODEL positional, --shape CxHxW (and --input CxHxW where `input` says so) and
/// --classes N.
void addModelOptions(CLI::App& command, ModelReference& model, InputOption input);

/// Adds the MODEL positional, bound to `reference`.
CLI::Option* addModelPositional(CLI::App& command, std::string& reference);

/// Adds --shape CxHxW bound to `text`, and --input CxHxW, its older name, where `input` says so.
void addShapeOptions(CLI::App& command, std::string& text, InputOption input);

/// Adds MODEL's --classes N.
CLI::Option* addClassesOption(CLI::App& command, std::int64_t& classes);

/// Adds --device, "cpu" or "cuda:N", bound to `device`.
CLI::Option* addDeviceOption(CLI::App& command, std::string& device);

/// Opens MODEL. The size is --shape, else `sizeHint` (a command's own idea of the input: the
/// .npy's, the data set's), else the model's own:
/// - a zoo name is built at that size (its usual one without either), with --classes, else
///   `classesHint`, else its usual classes;
/// - a TorchScript `.pt` takes --shape, else `sizeHint`;
/// - an ONNX file takes --shape, and `sizeHint` only when its input size is dynamic;
/// - a file that fixes its size and is given --shape is re-shaped to it.
/// Throws UsageError for --classes on a file, engine::Error for what the engine refuses.
engine::Model openModel(const ModelReference& model, const std::vector<std::int64_t>& sizeHint = {},
                        std::int64_t classesHint = 0);

/// Opens MODEL for the images of the data set at `datasetPath`: a zoo model is built for its
/// image size and classes, and a file that carries no input size (TorchScript, ONNX with
/// dynamic axes) takes its images' size unless --shape gives one. `testSplit` says which
/// split's images size it (they are the same size in every format Slimbench reads).
engine::Model openModelForDataset(const ModelReference& model, const std::string& datasetPath, bool testSplit = true);

/// Whether `reference` names a zoo model.
bool isZooName(const std::string& reference);

/// The extension of `path` in lower case, with its dot: ".onnx" for "MODEL.ONNX".
std::string lowerExtension(const std::string& path);

/// "3x32x32" (also "3×32×32", "3X32X32" or "3,32,32") as {3, 32, 32}; empty text gives {}.
/// Throws UsageError unless it is three sizes in 1..kMaxShapeSize.
std::vector<std::int64_t> parseShape(const std::string& text);

/// {3, 32, 32} as "3x32x32".
std::string shapeText(const std::vector<std::int64_t>& shape);

/// 12.345 as "12.35 %" (with `decimals` 2).
std::string percentText(double percent, int decimals);

/// 1234567 as "1,234,567".
std::string withThousands(std::int64_t value);

/// The message of `error` as one line: its first line that is not blank. LibTorch's errors
/// (c10::Error) append a backtrace to their message; engine::firstLine() cuts it.
std::string errorLine(const std::exception& error);

/// The exit code for an exception a command threw: 2 for UsageError, 1 for anything else.
int exitCodeFor(const std::exception& error);

} // namespace slim::app::cli
