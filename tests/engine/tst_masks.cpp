#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "expecterror.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "io/onnxexport.h"
#include "io/slimfile.h"
#include "io/torchscriptexport.h"
#include "io/zoo.h"
#include "model.h"
#include "prune/masks.h"
#include "prune/pruningsession.h"
#include "train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTemporaryDir>

#include <cmath>

#include "datasets.h"

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::prune;
using slim::engine::test::quadrants;

namespace {

/// Two convs (the first with BatchNorm) and a classifier, for 1×8×8 inputs.
Graph smallNet()
{
    GraphBuilder b(3);
    ValueId y = b.relu("relu1", b.batchNorm2d("bn1", b.conv2d("conv1", b.input("input", {1, 8, 8}), 8, 3, 1, 1, 1, false)));
    y = b.relu("relu2", b.conv2d("conv2", y, 8, 3, 1, 1, 1, true));
    y = b.maxPool2d("pool", y, 2, 2);
    return b.finish({b.linear("fc", b.flatten("flatten", y), 4)});
}

/// A 1×1 conv and a ConvTranspose2d, their weights chosen by hand.
Graph handWeighted()
{
    GraphBuilder b(0);
    const ValueId conv = b.conv2d("conv", b.input("input", {4, 6, 6}), 3, 1, 1, 0, 1, false);
    Graph& graph = b.graph();
    Node deconv;
    deconv.name = "deconv";
    deconv.op = OpKind::ConvTranspose2d;
    deconv.inputs = {conv};
    deconv.attrs.set("groups", std::int64_t{1});
    deconv.params.push_back({"weight", at::zeros({3, 2, 1, 1})});
    deconv.outputs = {graph.addValue("deconv", inferNodeShapes(deconv, {b.shape(conv)}).front())};
    graph.addNode(std::move(deconv));
    Graph result = b.finish({graph.nodes().back().outputs.front()});
    // conv: output channel 0 has no zeros, 1 has two of four, 2 has four of four.
    result.nodes()[0].setTensor("weight", at::tensor(std::vector<float>{1, 2, 3, 4, 0, 5, 0, 6, 0, 0, 0, 0}).view({3, 4, 1, 1}));
    return result;
}

at::Tensor randomInput(const Graph& graph, std::int64_t batch = 2)
{
    at::Generator generator = at::detail::createCPUGenerator(42);
    std::vector<std::int64_t> shape{batch};
    const Shape& sample = graph.value(graph.inputs().front()).shape;
    shape.insert(shape.end(), sample.begin(), sample.end());
    return at::randn(shape, generator);
}

at::Tensor forward(const Graph& graph, const at::Tensor& input)
{
    at::InferenceMode inference;
    return Executor(graph).forward(input, ExecMode::Eval);
}

at::Tensor maskOf(const Graph& graph, const std::string& node)
{
    for (const NamedTensor& named : graph.findNode(node)->buffers) {
        if (named.name == kWeightMaskName)
            return named.tensor;
    }
    return {};
}

std::int64_t zerosOf(const at::Tensor& tensor)
{
    return tensor.eq(0).sum().item<std::int64_t>();
}

std::int64_t countFor(double ratio, std::int64_t entries)
{
    return static_cast<std::int64_t>(std::floor(ratio * static_cast<double>(entries) + 1e-9));
}

/// Names of the nodes whose weights magnitude masks act on.
std::vector<std::string> maskableNodes(const Graph& graph)
{
    std::vector<std::string> names;
    for (const Node& node : graph.nodes()) {
        if (node.op == OpKind::Conv2d || node.op == OpKind::ConvTranspose2d || node.op == OpKind::Linear)
            names.push_back(node.name);
    }
    return names;
}

/// The optimizer's parameter index (graph.parameters() order) of each node's weight.
std::map<std::string, std::size_t> weightIndices(const Graph& graph)
{
    std::map<std::string, std::size_t> indices;
    std::size_t index = 0;
    for (const Node& node : graph.nodes()) {
        for (const NamedTensor& named : node.params) {
            if (named.name == "weight")
                indices[node.name] = index;
            ++index;
        }
    }
    return indices;
}

train::TrainParams quickParams()
{
    train::TrainParams params;
    params.epochs = 1;
    params.maxStepsPerEpoch = 6;
    params.optimizer.learningRate = 0.05;
    params.optimizer.momentum = 0.9;
    params.optimizer.weightDecay = 5e-4;
    params.loader.batchSize = 32;
    params.loader.seed = 5;
    return params;
}

} // namespace

class TestMasks : public QObject {
    Q_OBJECT
private:
    data::ImageDataset m_train = quadrants(256, 1);

private Q_SLOTS:
    void settingsAreChecked()
    {
        const Graph graph = smallNet();
        for (const double ratio : {-0.1, 1.0, std::nan("")}) {
            const QString message = test::errorOf([&] { applyMagnitudeMasks(graph, {ratio, false, {}}); }, ErrorCode::InvalidArgument);
            QVERIFY2(message.startsWith("ratio: must be at least 0 and below 1"), qPrintable(message));
        }
        const QString message =
            test::errorOf([&] { applyMagnitudeMasks(graph, {0.5, false, {"fc", "nope"}}); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("cannot protect 'nope': the model has no node of that name"), qPrintable(message));
    }

    /// Each layer loses exactly its `ratio` smallest weights, into a copy that says it is masked.
    void perLayerMasksZeroTheSmallest()
    {
        const Graph graph = smallNet();
        const Graph masked = applyMagnitudeMasks(graph, {0.5, false, {}});
        QVERIFY(!hasMasks(graph));
        QCOMPARE(pruningState(graph), std::string("none"));
        QVERIFY(hasMasks(masked));
        QCOMPARE(pruningState(masked), std::string("masked"));
        QCOMPARE(masked.metadata().at("pruning"), std::string("masked"));
        for (const std::string& name : maskableNodes(graph)) {
            const at::Tensor before = graph.findNode(name)->tensor("weight");
            const at::Tensor after = masked.findNode(name)->tensor("weight");
            const at::Tensor mask = maskOf(masked, name);
            QVERIFY(mask.defined());
            QCOMPARE(mask.scalar_type(), at::kByte);
            QCOMPARE(mask.sizes(), after.sizes());
            QCOMPARE(zerosOf(mask), countFor(0.5, before.numel()));
            QVERIFY(at::equal(after, before * mask)); // zero exactly where masked, untouched elsewhere
            const at::Tensor dropped = before.abs().masked_select(mask.eq(0));
            const at::Tensor kept = before.abs().masked_select(mask.eq(1));
            QVERIFY2(dropped.max().item<float>() <= kept.min().item<float>(), name.c_str());
            QVERIFY(before.data_ptr() != after.data_ptr());
            QCOMPARE(zerosOf(before), std::int64_t{0}); // the input graph is untouched
        }
        // Biases and BatchNorm are not masked.
        QVERIFY(at::equal(masked.findNode("conv2")->tensor("bias"), graph.findNode("conv2")->tensor("bias")));
        QVERIFY(!maskOf(masked, "bn1").defined());
    }

    /// One threshold over all layers: a layer of small weights loses more than one of large
    /// weights, every output channel keeps its largest weight, and the total count is exact.
    void globalMasksRankAllLayersTogether()
    {
        Graph graph = smallNet();
        {
            at::NoGradGuard noGrad;
            graph.findNode("conv2")->tensor("weight").mul_(1e-6);
        }
        const Graph masked = applyMagnitudeMasks(graph, {0.5, true, {}});
        std::int64_t entries = 0;
        std::int64_t zeros = 0;
        float largestDropped = 0;
        float smallestKept = std::numeric_limits<float>::infinity();
        for (const std::string& name : maskableNodes(graph)) {
            const at::Tensor before = graph.findNode(name)->tensor("weight");
            const at::Tensor mask = maskOf(masked, name);
            entries += before.numel();
            zeros += zerosOf(mask);
            const at::Tensor dropped = before.abs().masked_select(mask.eq(0));
            if (dropped.numel() > 0)
                largestDropped = std::max(largestDropped, dropped.max().item<float>());
            // The kept weights but the smallest one per output channel (at most that many are
        // spared below the threshold, as their channel's largest).
            const at::Tensor kept = before.abs().masked_select(mask.eq(1));
            smallestKept = std::min(smallestKept, kept.numel() > mask.size(0) ? std::get<0>(kept.kthvalue(mask.size(0) + 1)).item<float>()
                                                                              : std::numeric_limits<float>::infinity());
            const at::Tensor keptPerChannel = mask.reshape({mask.size(0), -1}).sum(1);
            QVERIFY2(keptPerChannel.min().item<std::int64_t>() >= 1, name.c_str());
        }
        QCOMPARE(zeros, countFor(0.5, entries));
        QVERIFY(largestDropped <= smallestKept);
        const std::vector<LayerSparsity> sparsity = weightSparsity(masked);
        QCOMPARE(sparsity[1].node, std::string("conv2"));
        // conv2's weights are 10⁶× smaller: all go but the one per channel that must stay.
        QCOMPARE(sparsity[1].zeros, sparsity[1].total - 8);
        QVERIFY(sparsity[0].sparsity < 0.5);
    }

    /// No output channel dies, a grouped ConvTranspose2d's included (its output channels are
    /// the second weight axis, per group).
    void everyOutputChannelKeepsAWeight()
    {
        GraphBuilder b(4);
        const ValueId x = b.conv2d("dw", b.input("input", {8, 6, 6}), 8, 3, 1, 1, 8, false); // 9 weights per channel
        Graph& graph = b.graph();
        Node up;
        up.name = "up";
        up.op = OpKind::ConvTranspose2d;
        up.inputs = {x};
        up.attrs.set("groups", std::int64_t{2});
        up.params.push_back({"weight", at::randn({8, 3, 2, 2})}); // 6 output channels, 4 inputs × 4 taps each
        up.outputs = {graph.addValue("up", inferNodeShapes(up, {b.shape(x)}).front())};
        graph.addNode(std::move(up));
        const Graph dense = b.finish({graph.nodes().back().outputs.front()});
        for (const bool global : {false, true}) {
            const Graph masked = applyMagnitudeMasks(dense, {0.99, global, {}});
            for (const LayerSparsity& layer : weightSparsity(masked)) {
                const double perChannel = layer.node == "dw" ? 8.0 / 9.0 : 15.0 / 16.0;
                QCOMPARE(layer.perOutputChannel.size(), std::size_t{layer.node == "dw" ? 8u : 6u});
                for (const double channel : layer.perOutputChannel)
                    QVERIFY2(std::abs(channel - perChannel) < 1e-9, qPrintable(QString::fromStdString(layer.node) + QString::number(channel)));
            }
        }
    }

    /// Masking a masked model keeps the earlier zeros; `ratio` is the sparsity it ends with.
    void masksCompose()
    {
        const Graph graph = smallNet();
        const Graph light = applyMagnitudeMasks(graph, {0.3, false, {}});
        const Graph heavy = applyMagnitudeMasks(light, {0.6, false, {}});
        const Graph lighter = applyMagnitudeMasks(heavy, {0.2, false, {"fc"}});
        for (const std::string& name : maskableNodes(graph)) {
            const at::Tensor first = maskOf(light, name);
            const at::Tensor second = maskOf(heavy, name);
            const std::int64_t entries = first.numel();
            QCOMPARE(zerosOf(second), countFor(0.6, entries));
            QVERIFY2(at::equal(second * first, second), name.c_str()); // old zeros stay zero
            QVERIFY(at::equal(maskOf(lighter, name), second));         // a lower ratio removes nothing more
            QCOMPARE(zerosOf(lighter.findNode(name)->tensor("weight")), countFor(0.6, entries));
        }
        QVERIFY(at::equal(applyMagnitudeMasks(graph, {0.0, false, {}}).findNode("fc")->tensor("weight"),
                          graph.findNode("fc")->tensor("weight")));
        QVERIFY(!hasMasks(applyMagnitudeMasks(graph, {0.0, false, {}})));
    }

    void protectedNodesStayDense()
    {
        const Graph graph = smallNet();
        const Graph masked = applyMagnitudeMasks(graph, {0.5, true, {"conv1", "fc"}});
        QVERIFY(!maskOf(masked, "conv1").defined());
        QVERIFY(!maskOf(masked, "fc").defined());
        QVERIFY(at::equal(masked.findNode("fc")->tensor("weight"), graph.findNode("fc")->tensor("weight")));
        QCOMPARE(zerosOf(maskOf(masked, "conv2")), countFor(0.5, 8 * 8 * 9));
    }

    /// Exact zeros per layer and per output channel, masked or not.
    void sparsityReport()
    {
        Graph graph = handWeighted();
        graph.findNode("deconv")->tensor("weight").copy_(at::tensor(std::vector<float>{1, 0, 0, 0, 2, 3}).view({3, 2, 1, 1}));
        const std::vector<LayerSparsity> layers = weightSparsity(graph);
        QCOMPARE(layers.size(), std::size_t{2});
        QCOMPARE(layers[0].node, std::string("conv"));
        QCOMPARE(layers[0].zeros, std::int64_t{6});
        QCOMPARE(layers[0].total, std::int64_t{12});
        QCOMPARE(layers[0].sparsity, 0.5);
        QCOMPARE(layers[0].perOutputChannel, (std::vector<double>{0.0, 0.5, 1.0}));
        // ConvTranspose2d: weight[i][j] feeds output channel j.
        QCOMPARE(layers[1].zeros, std::int64_t{3});
        QCOMPARE(layers[1].perOutputChannel, (std::vector<double>{1.0 / 3.0, 2.0 / 3.0}));
    }

    /// Training a masked model: masked weights stay exactly zero through every step, with
    /// momentum and weight decay, Adam's moments or decoupled decay; the others learn.
    void trainingKeepsMaskedWeightsAtZero_data()
    {
        QTest::addColumn<int>("optimizer");
        QTest::addColumn<bool>("channelsLast");
        QTest::newRow("sgd momentum") << int(train::OptimizerKind::Sgd) << true;
        QTest::newRow("sgd momentum nchw") << int(train::OptimizerKind::Sgd) << false;
        QTest::newRow("adam") << int(train::OptimizerKind::Adam) << true;
        QTest::newRow("adamw") << int(train::OptimizerKind::AdamW) << true;
    }

    void trainingKeepsMaskedWeightsAtZero()
    {
        QFETCH(int, optimizer);
        QFETCH(bool, channelsLast);
        const Graph masked = applyMagnitudeMasks(smallNet(), {0.5, false, {}});
        train::TrainParams params = quickParams();
        params.optimizer.kind = static_cast<train::OptimizerKind>(optimizer);
        if (params.optimizer.kind != train::OptimizerKind::Sgd)
            params.optimizer.learningRate = 0.01;
        params.channelsLast = channelsLast;
        const train::TrainResult result = train::trainModel(masked, m_train, nullptr, params, {}, {});
        QVERIFY(hasMasks(result.model));
        for (const std::string& name : maskableNodes(masked)) {
            const at::Tensor mask = maskOf(masked, name);
            QVERIFY(at::equal(maskOf(result.model, name), mask));
            const at::Tensor before = masked.findNode(name)->tensor("weight");
            const at::Tensor after = result.model.findNode(name)->tensor("weight");
            QCOMPARE(after.masked_select(mask.eq(0)).abs().max().item<float>(), 0.0f);
            const std::int64_t changed = after.ne(before).logical_and(mask.eq(1)).sum().item<std::int64_t>();
            QVERIFY2(changed > mask.sum().item<std::int64_t>() * 9 / 10, name.c_str());
        }
    }

    /// Optimizer state never holds anything at a masked entry: checkpoints save zeros there,
    /// even after resuming from a state that was non-zero everywhere.
    void optimizerStateStaysZeroWhereMasked()
    {
        QTemporaryDir dir;
        const Graph masked = applyMagnitudeMasks(smallNet(), {0.5, false, {}});
        train::TrainParams params = quickParams();
        params.epochs = 2;
        params.checkpointDir = dir.filePath(QStringLiteral("first")).toStdString();
        train::TrainParams firstEpoch = params;
        firstEpoch.epochs = 1;
        train::trainModel(masked, m_train, nullptr, firstEpoch, {}, {});
        io::TrainingState state;
        const std::string checkpoint = params.checkpointDir + "/epoch-1.slim";
        const Graph saved = io::loadSlim(checkpoint, &state);
        QCOMPARE(pruningState(saved), std::string("masked"));
        const std::map<std::string, std::size_t> indices = weightIndices(saved);
        auto checkState = [&](const io::TrainingState& checked) {
            int seen = 0;
            for (const NamedTensor& named : checked.tensors) {
                for (const std::string& name : maskableNodes(saved)) {
                    if (named.name.rfind(std::to_string(indices.at(name)) + ".", 0) != 0)
                        continue;
                    QVERIFY2(at::equal(named.tensor * maskOf(saved, name), named.tensor), named.name.c_str());
                    ++seen;
                }
            }
            QCOMPARE(seen, 3); // one momentum buffer per masked weight
        };
        checkState(state);

        // A state from elsewhere, non-zero everywhere, must not reach the masked entries.
        for (NamedTensor& named : state.tensors)
            named.tensor.fill_(1.0);
        const std::string tampered = dir.filePath(QStringLiteral("tampered.slim")).toStdString();
        io::saveSlim(saved, tampered, &state);
        train::TrainParams resume = params;
        resume.resumeFrom = tampered;
        resume.checkpointDir = dir.filePath(QStringLiteral("second")).toStdString();
        const train::TrainResult resumed = train::trainModel(masked, m_train, nullptr, resume, {}, {});
        io::TrainingState after;
        io::loadSlim(resume.checkpointDir + "/epoch-2.slim", &after);
        checkState(after);
        for (const std::string& name : maskableNodes(saved))
            QCOMPARE(zerosOf(resumed.model.findNode(name)->tensor("weight") * maskOf(saved, name).eq(0)),
                     maskOf(saved, name).numel());
    }

    /// .slim keeps the masks bit for bit (as uint8) and so the "masked" state.
    void masksSurviveSlim()
    {
        const Graph masked = applyMagnitudeMasks(smallNet(), {0.4, true, {}});
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("masked.slim")).toStdString();
        io::saveSlim(masked, path);
        const Graph loaded = io::loadSlim(path);
        QCOMPARE(pruningState(loaded), std::string("masked"));
        for (const std::string& name : maskableNodes(masked)) {
            QCOMPARE(maskOf(loaded, name).scalar_type(), at::kByte);
            QVERIFY(at::equal(maskOf(loaded, name), maskOf(masked, name)));
            QVERIFY(at::equal(loaded.findNode(name)->tensor("weight"), masked.findNode(name)->tensor("weight")));
        }
    }

    /// A file whose mask does not fit its weight, or holds values other than 0 and 1, is
    /// refused by name instead of silently scaling or broadcasting into the weights.
    void badMasksAreRefusedOnLoad()
    {
        const Graph masked = applyMagnitudeMasks(smallNet(), {0.4, false, {}});
        QTemporaryDir dir;
        const std::string name = maskableNodes(masked).front();
        const auto refused = [&](const at::Tensor& mask, const QString& expected) {
            Graph bad = masked.clone();
            bad.nodes()[static_cast<std::size_t>(std::find_if(bad.nodes().begin(), bad.nodes().end(),
                                                              [&](const Node& n) { return n.name == name; })
                                                 - bad.nodes().begin())]
                .setTensor(kWeightMaskName, mask);
            const std::string path = dir.filePath(QStringLiteral("bad.slim")).toStdString();
            io::saveSlim(bad, path);
            const QString message = test::errorOf([&] { io::loadSlim(path); }, ErrorCode::FileCorrupt);
            return message.contains(expected) && message.contains(QString::fromStdString(name));
        };
        const at::Tensor mask = maskOf(masked, name);
        QVERIFY(refused(mask.mul(2), QStringLiteral("values other than 0 and 1")));
        QVERIFY(refused(mask.narrow(0, 0, 1).contiguous(), QStringLiteral("does not match its weight")));
    }

    /// The weights are already zero; the masks are neither initializers nor module buffers.
    void maskedModelsExport()
    {
        const Model masked = Model::fromZoo({"lenet5", 1, 28, 28, 10, 4}).withMagnitudeMasks({0.7, false, {}});
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("masked.onnx")).toStdString();
        const ExportReport report = exportModelToOnnx(masked, path);
        QVERIFY(report.checkerPassed);
        QVERIFY(report.shapeInferencePassed);
        QVERIFY(report.reimportRan);
        QVERIFY2(report.numericCheckRan && report.maxAbsDifference <= kExportTolerance, report.numericCheckError.c_str());
        QFile onnx(QString::fromStdString(path));
        QVERIFY(onnx.open(QIODevice::ReadOnly));
        const QByteArray bytes = onnx.readAll();
        QVERIFY(bytes.contains("conv1.weight"));
        QVERIFY(!bytes.contains(kWeightMaskName));

        const io::TorchScriptExport script = io::exportTorchScript(masked.graph());
        QVERIFY(script.reloaded);
        QVERIFY2(script.maxAbsDifference <= kExportTolerance, qPrintable(QString::number(script.maxAbsDifference)));
        QVERIFY(script.bytes.find("conv1_weight") != std::string::npos);
        QVERIFY(script.bytes.find(kWeightMaskName) == std::string::npos);
    }

    /// Structural removal slices every mask as its weight; the result still computes, keeps
    /// its zeros and reports "masked" (the masks win over "structural").
    void structuralRemovalOfAMaskedModel()
    {
        const Graph dense = io::buildZooModel({"resnet20", 3, 16, 16, 10, 0});
        const Graph masked = applyMagnitudeMasks(dense, {0.5, false, {}});
        PruningSession session(std::make_shared<const Graph>(masked.clone()));
        PruneSettings settings;
        settings.importance.criterion = Criterion::L1;
        settings.selection.ratio = 0.5;
        const Graph pruned = session.prune(settings);
        QCOMPARE(pruned.metadata().at("pruning"), std::string("structural"));
        QCOMPARE(pruningState(pruned), std::string("masked"));
        int checked = 0;
        for (const Node& node : pruned.nodes()) {
            const at::Tensor mask = maskOf(pruned, node.name);
            if (!mask.defined())
                continue;
            const at::Tensor weight = node.tensor("weight");
            QVERIFY2(mask.sizes() == weight.sizes(), node.name.c_str());
            QVERIFY2(at::equal(weight * mask, weight), node.name.c_str());
            ++checked;
        }
        QCOMPARE(checked, static_cast<int>(maskableNodes(dense).size()));
        QVERIFY(pruned.findNode("layer1.0.conv1")->tensor("weight").size(0) < dense.findNode("layer1.0.conv1")->tensor("weight").size(0));
        const at::Tensor output = forward(pruned, randomInput(pruned));
        QCOMPARE(output.sizes().vec(), (std::vector<std::int64_t>{2, 10}));

        // The other order: masking a structurally pruned model keeps the history in metadata.
        PruningSession denseSession(std::make_shared<const Graph>(dense.clone()));
        const Graph remasked = applyMagnitudeMasks(denseSession.prune(settings), {0.5, false, {}});
        QCOMPARE(remasked.metadata().at("pruning"), std::string("structural"));
        QCOMPARE(pruningState(remasked), std::string("masked"));
        QCOMPARE(pruningState(denseSession.prune(settings)), std::string("structural"));
    }

    /// The facade: masks, their sparsity and non-zero cost, and fresh weights that stay masked.
    void modelFacade()
    {
        const Model dense = Model::fromZoo({"lenet5", 1, 28, 28, 10, 4});
        QCOMPARE(dense.pruningState(), std::string("none"));
        const Model masked = dense.withMagnitudeMasks({0.5, false, {"fc3"}});
        QCOMPARE(masked.pruningState(), std::string("masked"));
        const CostSummary cost = masked.cost();
        QCOMPARE(cost.pruning, std::string("masked"));
        QCOMPARE(cost.params, dense.cost().params);
        std::int64_t zeros = 0;
        for (const LayerSparsity& layer : masked.sparsity())
            zeros += layer.zeros;
        QCOMPARE(cost.nonzeroParams, cost.params - zeros);
        QVERIFY(cost.nonzeroMacs < cost.macs);
        for (const LayerCost& layer : cost.layers) {
            if (layer.name == "fc3")
                QCOMPARE(layer.sparsity, 0.0);
            else if (layer.op == "Conv2d" || layer.op == "Linear")
                QVERIFY2(std::abs(layer.sparsity - 0.5) < 0.01, layer.name.c_str());
        }
        const Model fresh = masked.withFreshWeights(9);
        QCOMPARE(fresh.pruningState(), std::string("masked"));
        for (const std::string& name : maskableNodes(masked.graph())) {
            if (name == "fc3")
                continue;
            const at::Tensor weight = fresh.graph().findNode(name)->tensor("weight");
            QVERIFY(at::equal(weight * maskOf(masked.graph(), name), weight));
            QVERIFY(!at::equal(weight, masked.graph().findNode(name)->tensor("weight")));
        }
    }

    void channelStatisticsPerLayer()
    {
        Graph graph = slim::engine::io::buildZooModel({"resnet20", 3, 16, 16, 10, 0});
        // γ of every BatchNorm different from its β and running statistics, and one filter
        // of the first conv zeroed, so each statistic comes from its own tensor.
        slim::engine::test::randomizeBatchNorm(graph, 7);
        graph.nodes().front().tensor("weight").detach()[0].zero_();
        const Model model(std::make_shared<const Graph>(std::move(graph)));
        const std::vector<LayerChannelStatistics> layers = model.channelStatistics();
        int convs = 0;
        int norms = 0;
        for (const LayerChannelStatistics& layer : layers) {
            const Node& node = *model.graph().findNode(layer.node);
            const at::Tensor weight = node.tensor("weight").detach();
            if (layer.op == "BatchNorm2d") {
                ++norms;
                QVERIFY(layer.l1Norm.empty());
                QCOMPARE(static_cast<std::int64_t>(layer.batchNormScale.size()), weight.numel());
                QCOMPARE(layer.batchNormScale[1], std::abs(weight[1].item<double>()));
                QVERIFY(layer.batchNormScale[1] != 1.0);
                continue;
            }
            ++convs;
            QCOMPARE(static_cast<std::int64_t>(layer.l1Norm.size()), weight.size(0));
            QCOMPARE(layer.sparsity.size(), layer.l1Norm.size());
            const std::int64_t last = weight.size(0) - 1;
            QVERIFY(std::abs(layer.l1Norm[last] - weight[last].abs().sum().item<double>()) < 1e-4);
            QVERIFY(std::abs(layer.l2Norm[last] - weight[last].norm().item<double>()) < 1e-5);
            QCOMPARE(layer.sparsity[last], 0.0);
            if (layer.node == model.graph().nodes().front().name) {
                QCOMPARE(layer.sparsity[0], 1.0);
                QCOMPARE(layer.l1Norm[0], 0.0);
            }
        }
        QCOMPARE(convs, 19 + 2 + 1);  // 19 3x3 convs, two 1x1 downsampling shortcuts, the fc
        QCOMPARE(norms, 19 + 2);

        // Masks show as zeros: half of the stem's weights masked per layer.
        MaskSettings settings;
        settings.ratio = 0.5;
        const std::vector<LayerChannelStatistics> masked = model.withMagnitudeMasks(settings).channelStatistics();
        double zeros = 0;
        for (const double share : masked.front().sparsity)
            zeros += share;
        QVERIFY(std::abs(zeros / double(masked.front().sparsity.size()) - 0.5) < 0.02);
    }
};

QTEST_APPLESS_MAIN(TestMasks)
#include "tst_masks.moc"
