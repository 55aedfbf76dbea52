#include "model.h"

#include "analysis/cost.h"
#include "core/error.h"
#include "graph/executor.h"
#include "graph/fakequant.h"
#include "graph/graph.h"
#include "graph/graphbuilder.h"
#include "io/atomicfile.h"
#include "io/onnxexport.h"
#include "io/onnximport.h"
#include "io/slimfile.h"
#include "io/torchscriptexport.h"
#include "io/torchscriptimport.h"
#include "io/zoo.h"
#include "passes/folding.h"
#include "prune/masks.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <filesystem>

namespace slim::engine {

Model::Model() = default;

Model::Model(std::shared_ptr<const graph::Graph> graph)
    : m_graph(std::move(graph))
{
}

Model Model::fromZoo(const ZooSpec& spec)
{
    return Model(std::make_shared<const graph::Graph>(io::buildZooModel(spec)));
}

Model Model::load(const std::string& path, const std::vector<std::int64_t>& inputShape)
{
    std::string extension = std::filesystem::path(path).extension().string();
    for (char& letter : extension) // MODEL.ONNX, x.PT: extensions are ASCII, matched ignoring case
        letter = letter >= 'A' && letter <= 'Z' ? static_cast<char>(letter - 'A' + 'a') : letter;
    if (extension == ".onnx")
        return Model(std::make_shared<const graph::Graph>(io::loadOnnx(path, inputShape)));
    if (extension == ".pt" || extension == ".pth")
        return Model(std::make_shared<const graph::Graph>(io::loadTorchScript(path, inputShape)));
    graph::Graph graph = io::loadSlim(path);
    if (graph.metadata().count("name") == 0)
        graph.metadata()["name"] = std::filesystem::path(path).stem().string();
    return Model(std::make_shared<const graph::Graph>(std::move(graph)));
}

Model Model::fromBytes(const std::string& bytes, const std::string& name)
{
    graph::Graph graph = io::loadSlimBytes(bytes, name);
    if (graph.metadata().count("name") == 0 || graph.metadata().count("zoo"))
        graph.metadata()["name"] = std::filesystem::path(name).stem().string();
    return Model(std::make_shared<const graph::Graph>(std::move(graph)));
}

Model Model::open(const std::string& reference, const ZooSpec& zooSpec, const std::vector<std::int64_t>& inputShape)
{
    std::error_code code;
    if (std::filesystem::exists(reference, code))
        return load(reference, inputShape);
    const auto& names = zooModelNames();
    if (std::find(names.begin(), names.end(), reference) == names.end()) {
        std::string known;
        for (const std::string& name : names)
            known += (known.empty() ? "" : ", ") + name;
        throw Error(ErrorCode::UnknownModel,
                    "'" + reference + "' is neither a model file nor a zoo model (zoo: " + known + ")", {reference, known});
    }
    ZooSpec spec = zooSpec;
    spec.model = reference;
    return fromZoo(spec);
}

void Model::save(const std::string& path) const
{
    io::saveSlim(*m_graph, path);
}

std::string Model::name() const
{
    const auto& meta = m_graph->metadata();
    const auto it = meta.find("name");
    return it == meta.end() ? std::string("model") : it->second;
}

std::vector<std::int64_t> Model::inputShape() const
{
    return m_graph->value(m_graph->inputs().front()).shape;
}

std::vector<std::int64_t> Model::outputShape() const
{
    return m_graph->value(m_graph->outputs().front()).shape;
}

std::map<std::string, std::string> Model::metadata() const
{
    return m_graph->metadata();
}

CostSummary Model::cost(const analysis::EnergySettings& energySettings) const
{
    const analysis::CostReport report = analysis::analyzeCost(*m_graph);
    // A quantized layer computes and reads its weights at its bits, not at 32, unless the
    // caller asks for other bits (a what-if at one width for all, or per layer).
    analysis::EnergySettings settings = energySettings;
    if (settings.bits == analysis::EnergySettings{}.bits) {
        for (const graph::Node& node : m_graph->nodes()) {
            if (graph::hasWeightQuantization(node))
                settings.layerBits.emplace(node.name, std::max(2, graph::weightBits(node)));
        }
    }
    const analysis::EnergyReport energy = analysis::estimateEnergy(*m_graph, settings, &report);
    CostSummary summary;
    summary.energyPj = energy.totalPj();
    summary.computeEnergyPj = energy.computePj;
    summary.weightEnergyPj = energy.weightPj;
    summary.activationEnergyPj = energy.activationPj;
    summary.params = report.params;
    summary.macs = report.macs;
    summary.activationBytes = report.activationBytes;
    summary.peakActivationBytes = report.peakActivationBytes;
    summary.nonzeroParams = report.nonzeroParams;
    summary.nonzeroMacs = report.nonzeroMacs;
    summary.parameterBytes = graph::parameterBytes(*m_graph);
    summary.pruning = prune::pruningState(*m_graph);
    summary.layers.reserve(report.nodes.size());
    for (std::size_t i = 0; i < report.nodes.size(); ++i) {
        const analysis::NodeCost& node = report.nodes[i];
        LayerCost layer;
        layer.energyPj = energy.layers[i].totalPj();
        layer.name = node.name;
        layer.op = std::string(graph::opName(node.op));
        layer.outputShape = node.outputShape;
        layer.params = node.params;
        layer.macs = node.macs;
        layer.activationBytes = node.activationBytes;
        layer.nonzeroParams = node.nonzeroParams;
        layer.nonzeroMacs = node.nonzeroMacs;
        layer.sparsity = node.weightEntries > 0 ? static_cast<double>(node.weightZeros) / static_cast<double>(node.weightEntries) : 0.0;
        summary.layers.push_back(std::move(layer));
    }
    return summary;
}

std::string Model::pruningState() const
{
    return prune::pruningState(*m_graph);
}

std::vector<prune::LayerSparsity> Model::sparsity() const
{
    return prune::weightSparsity(*m_graph);
}

std::vector<prune::LayerChannelStatistics> Model::channelStatistics() const
{
    return prune::channelStatistics(*m_graph);
}

Model Model::withMagnitudeMasks(const prune::MaskSettings& settings) const
{
    return Model(std::make_shared<const graph::Graph>(prune::applyMagnitudeMasks(*m_graph, settings)));
}

Model Model::withInputShape(const std::vector<std::int64_t>& shape) const
{
    if (shape == inputShape())
        return *this;
    for (const std::int64_t dim : shape) {
        if (dim < 1)
            throw Error(ErrorCode::InvalidArgument, "input shape " + graph::shapeToString(shape) + " has a non-positive size",
                        {"input", graph::shapeToString(shape)});
    }
    auto graph = std::make_shared<graph::Graph>(*m_graph); // tensors are shared, only shapes change
    graph->value(graph->inputs().front()).shape = shape;
    try {
        graph->inferShapes();
    } catch (const Error& error) {
        throw Error(ErrorCode::InvalidArgument,
                    name() + " cannot take a " + graph::shapeToString(shape) + " input: " + error.what(),
                    {"input", error.what()});
    }
    return Model(std::move(graph));
}

io::NpyArray Model::infer(const io::NpyArray& input) const
{
    std::vector<std::int64_t> shape = input.shape;
    if (shape.size() == inputShape().size())
        shape.insert(shape.begin(), 1);
    std::int64_t count = 1;
    for (const std::int64_t dim : shape)
        count *= dim;
    if (count != static_cast<std::int64_t>(input.data.size()))
        throw Error(ErrorCode::InvalidArgument, "input data does not match its shape", {"input", "size"});
    at::InferenceMode inference;
    const at::Tensor tensor = at::from_blob(const_cast<float*>(input.data.data()), shape, at::kFloat);
    const graph::Graph folded = passes::foldForInference(*m_graph);
    const graph::Executor executor(folded);
    const at::Tensor output = executor.forward(tensor, graph::ExecMode::Eval).contiguous();
    io::NpyArray result;
    result.shape = output.sizes().vec();
    result.data.assign(output.data_ptr<float>(), output.data_ptr<float>() + output.numel());
    return result;
}

Preprocessing Model::preprocessing() const
{
    return preprocessingFromMetadata(m_graph->metadata());
}

Model Model::withPreprocessing(const Preprocessing& preprocessing) const
{
    auto graph = std::make_shared<graph::Graph>(*m_graph); // tensors shared, metadata copied
    writePreprocessingMetadata(graph->metadata(), preprocessing);
    preprocessingFromMetadata(graph->metadata()); // validates what was written
    return Model(std::move(graph));
}

io::NpyArray Model::preprocess(const io::NpyArray& rawPixels) const
{
    const std::vector<std::int64_t> expected = inputShape();
    std::vector<std::int64_t> shape = rawPixels.shape;
    if (shape.size() == expected.size())
        shape.insert(shape.begin(), 1);
    if (shape.size() != 4 || expected.size() != 3)
        throw Error(ErrorCode::ShapeMismatch,
                    "raw pixels must be N×C×H×W or C×H×W images, got " + graph::shapeToString(rawPixels.shape),
                    {"input", graph::shapeToString(rawPixels.shape)});
    if (static_cast<std::int64_t>(rawPixels.data.size()) != graph::shapeNumel(shape))
        throw Error(ErrorCode::InvalidArgument, "input data does not match its shape", {"input", "size"});
    io::NpyArray result = rawPixels;
    applyPreprocessing(preprocessing(), shape[1], shape[2] * shape[3], result.data);
    return result;
}

Model Model::withPreprocessingBakedIn() const
{
    const Preprocessing contract = preprocessing();
    if (contract.isIdentity())
        return *this;
    auto graph = std::make_shared<graph::Graph>(*m_graph);
    const graph::ValueId input = graph->inputs().front();
    const graph::Shape sample = graph->value(input).shape;
    if (sample.empty())
        throw Error(ErrorCode::Unsupported, "the input has no channel axis to normalise", {"preprocessing on a scalar input"});
    const std::int64_t channels = sample.front();
    if (contract.normalizes() && static_cast<std::int64_t>(contract.mean.size()) != channels)
        throw Error(ErrorCode::ShapeMismatch,
                    "the model's normalisation has " + std::to_string(contract.mean.size()) + " channels but its input has "
                        + std::to_string(channels),
                    {"input", "channel count"});
    // (pixel·s − m) / σ = (pixel − m/s) / (σ/s): one Sub and one Div in pixel units, the form
    // every runtime (and RKNN's mean/std) understands.
    std::vector<std::int64_t> operandShape(sample.size(), 1);
    operandShape.front() = channels;
    std::vector<float> shift(static_cast<std::size_t>(channels), 0.0f);
    std::vector<float> divisor(static_cast<std::size_t>(channels), static_cast<float>(1.0 / contract.pixelScale));
    for (std::size_t c = 0; c < shift.size(); ++c) {
        if (contract.normalizes()) {
            shift[c] = static_cast<float>(contract.mean[c] / contract.pixelScale);
            divisor[c] = static_cast<float>(contract.std[c] / contract.pixelScale);
        }
    }
    // The new layers consume the graph input; everything that read it reads their output.
    const graph::ValueId normalized = graph->addValue(graph->uniqueNodeName("preprocess.normalized"), sample);
    for (graph::Node& node : graph->nodes()) {
        for (graph::ValueId& id : node.inputs) {
            if (id == input)
                id = normalized;
        }
    }
    graph::ValueId current = input;
    auto append = [&](graph::OpKind op, const std::string& base, const std::vector<float>& values, graph::ValueId output) {
        graph::Node node;
        node.name = graph->uniqueNodeName(base);
        node.op = op;
        node.inputs = {current};
        if (output < 0)
            output = graph->addValue(node.name, sample);
        node.outputs = {output};
        node.buffers.push_back({"operand", at::tensor(values, at::kFloat).view(operandShape).clone()});
        graph->addNode(std::move(node));
        current = output;
    };
    if (contract.normalizes())
        append(graph::OpKind::Sub, "preprocess.sub_mean", shift, -1);
    append(graph::OpKind::Div, "preprocess.div_std", divisor, normalized);
    Preprocessing raw;
    raw.pixelScale = 1.0;
    raw.channelOrder = contract.channelOrder;
    writePreprocessingMetadata(graph->metadata(), raw);
    graph->metadata()["preprocessing.baked_in"] = describePreprocessing(contract);
    graph->validate();
    return Model(std::move(graph));
}

Model Model::withFreshWeights(std::uint64_t seed) const
{
    graph::Graph graph = m_graph->clone();
    graph::reinitializeParameters(graph, seed);
    prune::enforceMasks(graph);
    for (const char* key : {"trained.top1", "trained.dataset", "trained.epochs"})
        graph.metadata().erase(key);
    return Model(std::make_shared<const graph::Graph>(std::move(graph)));
}

namespace {

/// Runs both graphs on the same seeded batch of pixels, preprocessed as the model's contract
/// says (so every model sees inputs in its own range), and returns the largest difference
/// relative to the size of the outputs (at least 1).
double maxDifferenceOnSeededInput(const Model& model, const graph::Graph& actualGraph)
{
    const graph::Graph& expectedGraph = model.graph();
    at::Generator generator = at::detail::createCPUGenerator(4321);
    std::vector<std::int64_t> shape{2};
    const graph::Shape& sample = expectedGraph.value(expectedGraph.inputs().front()).shape;
    shape.insert(shape.end(), sample.begin(), sample.end());
    at::InferenceMode inference;
    at::Tensor input = at::randint(0, 256, shape, generator, at::kFloat);
    const Preprocessing contract = model.preprocessing();
    input.mul_(contract.pixelScale);
    if (contract.normalizes() && shape.size() == 4 && static_cast<std::int64_t>(contract.mean.size()) == shape[1]) {
        const at::Tensor mean = at::tensor(contract.mean, at::kFloat).view({1, -1, 1, 1});
        const at::Tensor deviation = at::tensor(contract.std, at::kFloat).view({1, -1, 1, 1});
        input = (input - mean) / deviation;
    }
    const at::Tensor expected = graph::Executor(expectedGraph).forward(input, graph::ExecMode::Eval);
    const at::Tensor actual = graph::Executor(actualGraph).forward(input, graph::ExecMode::Eval);
    if (!actual.sizes().equals(expected.sizes()))
        throw Error(ErrorCode::ShapeMismatch,
                    "read back, it gives " + graph::shapeToString(actual.sizes().vec()) + " outputs instead of "
                        + graph::shapeToString(expected.sizes().vec()),
                    {"output", "shape"});
    const double scale = std::max(1.0, expected.abs().max().item<double>());
    return (actual - expected).abs().max().item<double>() / scale;
}

void describeContract(const Model& model, ExportReport& report)
{
    report.preprocessing = describePreprocessing(model.preprocessing());
    report.preprocessingBakedIn = model.metadata().count("preprocessing.baked_in") > 0;
}

} // namespace

ExportReport exportModelToOnnx(const Model& model, const std::string& path, int opset, const JobContext& context, bool fold,
                               bool dynamicBatch)
{
    io::OnnxExportOptions options;
    options.opset = opset;
    options.dynamicBatch = dynamicBatch;
    options.batch = dynamicBatch ? 2 : 1; // a dynamic batch is verified at more than one
    context.throwIfCancelled();
    passes::FoldReport folding;
    const io::OnnxExport exported =
        io::exportOnnx(fold ? passes::foldForInference(model.graph(), &folding) : model.graph(), options);
    context.throwIfCancelled();
    ExportReport report;
    // The bytes about to be written, read back by our own importer: the file as shipped.
    try {
        const graph::Graph reimported = io::importOnnx(exported.bytes, path);
        report.reimportMaxAbsDifference = maxDifferenceOnSeededInput(model, reimported);
        report.reimportRan = true;
    } catch (const std::exception& error) {
        report.reimportError = firstLine(error.what());
    }
    if (!report.reimportRan || !(report.reimportMaxAbsDifference <= kExportTolerance))
        throw Error(ErrorCode::InvalidGraph,
                    "the ONNX file was not written: read back, it does not reproduce the model ("
                        + (report.reimportRan ? "max |difference| " + std::to_string(report.reimportMaxAbsDifference)
                                              : report.reimportError)
                        + ")",
                    {path, "read back, it does not reproduce the model"});
    context.throwIfCancelled();
    io::writeFileAtomically(path, exported.bytes);
    report.format = "onnx";
    report.bytes = static_cast<std::int64_t>(exported.bytes.size());
    report.checkerPassed = exported.verification.checkerPassed;
    report.shapeInferencePassed = exported.verification.shapeInferencePassed;
    report.numericCheckRan = exported.verification.openCvRan;
    report.maxAbsDifference = exported.verification.maxAbsDifference;
    report.numericCheckError = exported.verification.openCvError;
    report.notes = exported.verification.openCvCaveats;
    for (const auto* lines : {&folding.foldedBatchNorms, &folding.mergedConvolutions})
        report.folded.insert(report.folded.end(), lines->begin(), lines->end());
    for (const std::string& removed : folding.removedNodes)
        report.folded.push_back(removed + " removed");
    describeContract(model, report);
    return report;
}

ExportReport exportModelToTorchScript(const Model& model, const std::string& path, const JobContext& context)
{
    context.throwIfCancelled();
    const io::TorchScriptExport exported = io::exportTorchScript(model.graph());
    if (!exported.reloaded || !(exported.maxAbsDifference <= kExportTolerance))
        throw Error(ErrorCode::InvalidGraph,
                    "the TorchScript file was not written: loaded back, it does not reproduce the model (max |difference| "
                        + std::to_string(exported.maxAbsDifference) + ")",
                    {path, "loaded back, it does not reproduce the model"});
    context.throwIfCancelled();
    io::writeFileAtomically(path, exported.bytes);
    ExportReport report;
    report.format = "torchscript";
    report.bytes = static_cast<std::int64_t>(exported.bytes.size());
    report.numericCheckRan = exported.reloaded;
    report.maxAbsDifference = exported.maxAbsDifference;
    describeContract(model, report);
    return report;
}

const std::vector<std::string>& modelFileExtensions()
{
    static const std::vector<std::string> extensions{"slim", "onnx", "pt"};
    return extensions;
}

} // namespace slim::engine
