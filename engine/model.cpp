#include "model.h"

#include "analysis/cost.h"
#include "core/error.h"
#include "graph/executor.h"
#include "graph/graph.h"
#include "io/atomicfile.h"
#include "io/onnxexport.h"
#include "io/onnximport.h"
#include "io/slimfile.h"
#include "io/torchscriptexport.h"
#include "io/torchscriptimport.h"
#include "io/zoo.h"

#include <ATen/ATen.h>

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
    const std::string extension = std::filesystem::path(path).extension().string();
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

CostSummary Model::cost() const
{
    const analysis::CostReport report = analysis::analyzeCost(*m_graph);
    CostSummary summary;
    summary.params = report.params;
    summary.macs = report.macs;
    summary.activationBytes = report.activationBytes;
    summary.peakActivationBytes = report.peakActivationBytes;
    summary.layers.reserve(report.nodes.size());
    for (const analysis::NodeCost& node : report.nodes) {
        summary.layers.push_back({node.name, std::string(graph::opName(node.op)), node.outputShape, node.params,
                                  node.macs, node.activationBytes});
    }
    return summary;
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
    const graph::Executor executor(*m_graph);
    const at::Tensor output = executor.forward(tensor, graph::ExecMode::Eval).contiguous();
    io::NpyArray result;
    result.shape = output.sizes().vec();
    result.data.assign(output.data_ptr<float>(), output.data_ptr<float>() + output.numel());
    return result;
}

ExportReport exportModelToOnnx(const Model& model, const std::string& path, int opset)
{
    io::OnnxExportOptions options;
    options.opset = opset;
    const io::OnnxExport exported = io::exportOnnx(model.graph(), options);
    io::writeFileAtomically(path, exported.bytes);
    ExportReport report;
    report.format = "onnx";
    report.bytes = static_cast<std::int64_t>(exported.bytes.size());
    report.checkerPassed = exported.verification.checkerPassed;
    report.shapeInferencePassed = exported.verification.shapeInferencePassed;
    report.numericCheckRan = exported.verification.openCvRan;
    report.maxAbsDifference = exported.verification.maxAbsDifference;
    report.numericCheckError = exported.verification.openCvError;
    report.notes = exported.verification.openCvCaveats;
    return report;
}

ExportReport exportModelToTorchScript(const Model& model, const std::string& path)
{
    const io::TorchScriptExport exported = io::exportTorchScript(model.graph());
    io::writeFileAtomically(path, exported.bytes);
    ExportReport report;
    report.format = "torchscript";
    report.bytes = static_cast<std::int64_t>(exported.bytes.size());
    report.numericCheckRan = exported.reloaded;
    report.maxAbsDifference = exported.maxAbsDifference;
    return report;
}

const std::vector<std::string>& modelFileExtensions()
{
    static const std::vector<std::string> extensions{"slim", "onnx", "pt"};
    return extensions;
}

} // namespace slim::engine
