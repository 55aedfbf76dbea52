// Runs the node tests of ONNX's own test data (Debian's libonnx-testdata) through Slimbench's
// ONNX importer and executor, for every op the importer claims, and prints pass counts per op
// with the reason for each failure.
//
//   onnx_conformance [--data DIR] [--check]
//
// A node test is a one-node model.onnx with test_data_set_*/input_N.pb and output_N.pb. The
// importer reads CNNs, whose weights are constants, so inputs after the first that feed a
// weight or shape slot (Conv's W, Reshape's shape, ...) are bound as initializers from the test
// data; the rest stay graph inputs.
//
// Each test ends one of three ways: it passes; it is refused (the importer, or its tensor
// reader, throws a clear engine Error: Slimbench does not read that case and says so); or it is
// wrong (the importer accepted the model and it computes other numbers or shapes than ONNX's,
// or fails while running). With --check the exit code is 1 when any test is wrong, or when a
// claimed op has no passing test and is not in the list of known gaps below. Missing test data
// is an error too (exit 2): Debian's libonnx-testdata is a test dependency.
#include "core/error.h"
#include "graph/executor.h"
#include "io/atomicfile.h"
#include "io/onnximport.h"

#include <ATen/ATen.h>
#include <onnx/onnx_pb.h>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

namespace fs = std::filesystem;
using namespace slim::engine;

namespace {

const std::set<std::string> kClaimed{
    "Conv", "ConvTranspose", "BatchNormalization", "Gemm", "MatMul", "Add", "Mul", "Sub", "Div", "Relu", "Clip",
    "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softmax", "MaxPool", "AveragePool",
    "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "Concat", "Split", "Slice", "Resize", "Upsample", "Pad",
    "ReduceMean", "Constant", "Identity", "Dropout", "Shape", "Gather", "Unsqueeze"};

/// Ops whose every node test lies outside what a CNN importer reads, with the reason.
const std::map<std::string, std::string> kKnownGaps{
    {"Upsample", "deprecated since opset 10; its tests are opset 9, below the importer's 11..17"},
    {"Shape", "its tests return the shape itself as the output; Shape is folded into reshapes instead"},
    {"Gather", "its tests gather from computed tensors; Gather is folded on constant shapes only"},
    {"Unsqueeze", "its tests reshape computed tensors at axis 0 (the batch); Unsqueeze is folded on constants only"},
    {"Constant", "its test outputs the constant itself, with no input to compute from"},
    {"GlobalAveragePool", "its tests are opset 1, below the importer's 11..17 (the op is unchanged since)"},
    {"HardSigmoid", "its tests are opset 6, below the importer's 11..17 (the op is unchanged since)"},
};

/// Input slots that carry weights or shapes, bound from the test data.
bool constantSlot(const std::string& op, int index)
{
    if (index == 0)
        return false;
    static const std::set<std::string> weighted{"Conv", "ConvTranspose", "BatchNormalization", "Gemm", "MatMul", "Clip",
                                                "Reshape", "Split", "Slice", "Resize", "Upsample", "Pad", "Gather",
                                                "Unsqueeze", "Dropout"};
    return weighted.count(op) != 0;
}

enum class Verdict { Passed, Refused, Wrong };

struct Outcome {
    Verdict verdict = Verdict::Wrong;
    std::string reason;
};

std::string readFile(const fs::path& path)
{
    return io::readWholeFile(path.string());
}

/// Reads the test data and imports the model; an engine Error thrown here is a refusal.
/// Then runs it and compares; anything that goes wrong from there on is a wrong result.
Outcome runTest(const fs::path& dir, std::string& op)
{
    onnx::ModelProto model;
    if (!model.ParseFromString(readFile(dir / "model.onnx")))
        return {Verdict::Refused, "model.onnx does not parse"};
    const onnx::GraphProto& graph = model.graph();
    op = graph.node_size() > 0 ? graph.node(0).op_type() : "";
    const fs::path data = dir / "test_data_set_0";
    std::vector<at::Tensor> inputs;
    std::vector<at::Tensor> expected;
    for (int i = 0; i < graph.input_size(); ++i)
        inputs.push_back(io::readOnnxTensor(readFile(data / ("input_" + std::to_string(i) + ".pb")), "input"));
    for (int i = 0; i < graph.output_size(); ++i)
        expected.push_back(io::readOnnxTensor(readFile(data / ("output_" + std::to_string(i) + ".pb")), "output"));

    // Bind weight and shape inputs as initializers.
    onnx::ModelProto bound = model;
    onnx::GraphProto* g = bound.mutable_graph();
    std::vector<at::Tensor> runInputs;
    g->clear_input();
    for (int i = 0; i < graph.input_size(); ++i) {
        const std::string& name = graph.input(i).name();
        int slot = -1;
        for (int k = 0; k < graph.node(0).input_size(); ++k) {
            if (graph.node(0).input(k) == name)
                slot = k;
        }
        // Graph inputs share the batch axis; a second input with another leading size (a
        // broadcast operand) is a constant operand to Slimbench.
        const at::Tensor& tensor = inputs[static_cast<std::size_t>(i)];
        const bool ownBatch = i > 0 && (tensor.dim() != inputs[0].dim() || tensor.dim() == 0 || tensor.size(0) != inputs[0].size(0));
        if (constantSlot(op, slot) || ownBatch || tensor.scalar_type() != at::kFloat) {
            onnx::TensorProto* init = g->add_initializer();
            init->ParseFromString(readFile(data / ("input_" + std::to_string(i) + ".pb")));
            init->set_name(name);
        } else {
            *g->add_input() = graph.input(i);
            runInputs.push_back(inputs[static_cast<std::size_t>(i)]);
        }
    }
    graph::Graph imported = io::importOnnx(bound.SerializeAsString(), dir.filename().string());
    std::vector<at::Tensor> actual;
    try {
        at::InferenceMode inference;
        actual = graph::Executor(imported).run(runInputs, graph::ExecMode::Eval);
    } catch (const std::exception& error) {
        return {Verdict::Wrong, "imported, but running it fails: " + std::string(error.what())};
    }
    if (actual.size() != expected.size())
        return {Verdict::Wrong, "gives " + std::to_string(actual.size()) + " outputs, expected " + std::to_string(expected.size())};
    for (std::size_t i = 0; i < actual.size(); ++i) {
        if (actual[i].sizes() != expected[i].sizes())
            return {Verdict::Wrong, "output shape " + graph::shapeToString(actual[i].sizes().vec()) + ", expected "
                                        + graph::shapeToString(expected[i].sizes().vec())};
        const at::Tensor e = expected[i].to(at::kFloat);
        const double difference = (actual[i].to(at::kFloat) - e).abs().max().item<double>();
        const double scale = std::max(1.0, e.abs().max().item<double>());
        if (!(difference <= 1e-4 * scale))
            return {Verdict::Wrong, "max |difference| " + std::to_string(difference)};
    }
    return {Verdict::Passed, {}};
}

} // namespace

int main(int argc, char** argv)
{
    fs::path root = "/usr/share/libonnx-testdata/data/node";
    bool check = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--data" && i + 1 < argc)
            root = argv[++i];
        else if (arg == "--check")
            check = true;
    }
    if (!fs::is_directory(root)) {
        std::cout << "error: " << root.string() << " is missing: install Debian's libonnx-testdata "
                  << "(installer/deps-test.txt)\n";
        return 2;
    }
    struct Tally {
        int passed = 0;
        int refused = 0;
        int wrong = 0;
        std::vector<std::string> refusals;
        std::vector<std::string> wrongs;
    };
    std::map<std::string, Tally> tallies;
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (entry.is_directory() && entry.path().filename().string().find("_expanded") == std::string::npos)
            dirs.push_back(entry.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& dir : dirs) {
        std::string op;
        Outcome outcome;
        try {
            outcome = runTest(dir, op);
        } catch (const Error& error) {
            outcome = {Verdict::Refused, error.what()};
        } catch (const std::exception& error) {
            // Not a clear refusal: a library error escaped the importer.
            outcome = {Verdict::Wrong, std::string("import fails without an engine error: ") + error.what()};
        }
        if (!kClaimed.count(op))
            continue;
        Tally& tally = tallies[op];
        if (outcome.verdict == Verdict::Passed) {
            ++tally.passed;
            continue;
        }
        std::string reason = outcome.reason.substr(0, outcome.reason.find('\n'));
        const std::string prefix = dir.filename().string() + ": ";
        if (reason.rfind(prefix, 0) == 0)
            reason = reason.substr(prefix.size());
        const bool refused = outcome.verdict == Verdict::Refused;
        (refused ? tally.refused : tally.wrong)++;
        (refused ? tally.refusals : tally.wrongs).push_back(dir.filename().string() + ": " + reason);
    }

    int passed = 0;
    int refused = 0;
    int wrong = 0;
    std::vector<std::string> missing;
    std::cout << std::left << std::setw(20) << "op" << std::right << std::setw(8) << "passed" << std::setw(9) << "refused"
              << std::setw(7) << "wrong" << '\n';
    for (const std::string& op : kClaimed) {
        const Tally& tally = tallies[op];
        passed += tally.passed;
        refused += tally.refused;
        wrong += tally.wrong;
        std::cout << std::left << std::setw(20) << op << std::right << std::setw(8) << tally.passed << std::setw(9)
                  << tally.refused << std::setw(7) << tally.wrong;
        if (const auto gap = kKnownGaps.find(op); gap != kKnownGaps.end())
            std::cout << "   known gap: " << gap->second;
        std::cout << '\n';
        if (tally.passed == 0 && !kKnownGaps.count(op))
            missing.push_back(op);
    }
    std::cout << "\n" << passed << " of " << passed + refused + wrong << " node tests of the claimed ops pass, " << refused
              << " are refused with an error, " << wrong << " compute wrong results.\n";
    std::cout << "\nRefused (the importer says why):\n";
    for (const auto& [op, tally] : tallies) {
        for (const std::string& refusal : tally.refusals)
            std::cout << "  [" << op << "] " << refusal << '\n';
    }
    if (wrong > 0) {
        std::cout << "\nWRONG (imported, but not what ONNX computes):\n";
        for (const auto& [op, tally] : tallies) {
            for (const std::string& failure : tally.wrongs)
                std::cout << "  [" << op << "] " << failure << '\n';
        }
    }
    int status = 0;
    if (check && wrong > 0) {
        std::cout << "\n" << wrong << " node tests compute wrong results: the importer must compute them right or refuse them\n";
        status = 1;
    }
    if (check && !missing.empty()) {
        std::cout << "\nclaimed ops without a passing test:";
        for (const std::string& op : missing)
            std::cout << ' ' << op;
        std::cout << '\n';
        status = 1;
    }
    return status;
}
