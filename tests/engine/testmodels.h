#pragma once

// The models the pass tests run on: every zoo model at a small input size and every fixture
// of make_fixtures.py / make_torchvision_fixtures.py, with trained-looking BatchNorm.

#include "datasets.h"
#include "fixtures.h"
#include "graph/executor.h"
#include "io/onnximport.h"
#include "io/torchscriptimport.h"
#include "io/zoo.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QList>
#include <QString>
#include <QtTest/QtTest>

#include <utility>
#include <vector>

namespace slim::engine::test::models {

using graph::Graph;

inline ZooSpec smallZooSpec(const QString& model)
{
    ZooSpec spec = zooDefaults(model.toStdString());
    spec.classes = 10;
    spec.height = spec.width = model == "lenet5" ? 28 : model == "resnet18" || model == "mobilenetv2" ? 32 : 16;
    spec.channels = model == "lenet5" ? 1 : 3;
    spec.seed = 5;
    return spec;
}

inline Graph zooModel(const QString& model)
{
    Graph graph = io::buildZooModel(smallZooSpec(model));
    randomizeBatchNorm(graph, 11);
    return graph;
}

inline Graph fixtureModel(const QString& file, const std::vector<std::int64_t>& shape)
{
    const std::string name = file.toStdString();
    Graph graph = file.endsWith(".onnx") ? io::loadOnnx(test::fixturePath("onnx", name))
                                         : io::loadTorchScript(test::fixturePath("torchscript", name), shape);
    randomizeBatchNorm(graph, 12);
    return graph;
}

/// The fixtures of make_fixtures.py with their input sizes.
inline void addFixtureRows()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<int>>("shape");
    const std::vector<std::pair<QString, QList<int>>> fixtures{
        {"residual", {3, 12, 12}},      {"inverted_residual", {8, 10, 10}}, {"squeeze_excite", {8, 9, 9}},
        {"fire", {8, 11, 11}},          {"linear_head", {1, 28, 28}},       {"c2f_sppf", {8, 8, 8}},
        {"shufflenet_unit", {16, 6, 6}}, {"decoder", {3, 10, 10}},           {"resample", {3, 10, 10}},
    };
    for (const auto& [name, shape] : fixtures) {
        for (const QString& suffix : {QStringLiteral("_scripted.pt"), QStringLiteral("_traced.pt"), QStringLiteral("_opset13.onnx")})
            QTest::newRow(qPrintable(name + suffix)) << name + suffix << shape;
    }
    // torchvision's own MobileNetV2, ShuffleNetV2 and RegNet (make_torchvision_fixtures.py).
    for (const QString& name : {QStringLiteral("tv_mobilenetv2"), QStringLiteral("tv_shufflenetv2"), QStringLiteral("tv_regnet")})
        QTest::newRow(qPrintable(name + "_traced.pt")) << name + "_traced.pt" << QList<int>{3, 32, 32};
}

inline void addZooRows()
{
    QTest::addColumn<QString>("model");
    for (const std::string& name : zooModelNames())
        QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

/// The graph's single output in evaluation mode (batch 1 runs oneDNN's direct convolutions).
inline at::Tensor forward(const Graph& graph, const at::Tensor& input)
{
    at::InferenceMode inference;
    return graph::Executor(graph).forward(input, graph::ExecMode::Eval);
}

/// A seeded standard-normal batch of the graph's input shape.
inline at::Tensor randomInput(const Graph& graph, std::int64_t batch = 1, std::uint64_t seed = 42)
{
    at::Generator generator = at::detail::createCPUGenerator(seed);
    std::vector<std::int64_t> shape{batch};
    const graph::Shape& sample = graph.value(graph.inputs().front()).shape;
    shape.insert(shape.end(), sample.begin(), sample.end());
    return at::randn(shape, generator);
}

} // namespace slim::engine::test::models
