#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "expecterror.h"
#include "graph/executor.h"
#include "graph/fakequant.h"
#include "model.h"
#include "io/onnxexport.h"
#include "io/onnximport.h"
#include "io/slimfile.h"
#include "io/torchscriptexport.h"
#include "passes/dependencygroups.h"
#include "passes/lowrank.h"
#include "quant/observer.h"
#include "quant/quantize.h"
#include "testmodels.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::quant;
using namespace slim::engine::test::models;

namespace {

/// The formula fakequant.h states, element by element in float as ATen computes it
/// (x times the float reciprocal of the scale, rounded half to even).
float formula(float x, float scale, float zeroPoint, std::int64_t quantMin, std::int64_t quantMax)
{
    const float inverse = 1.0f / scale;
    const float q = std::clamp(zeroPoint + std::nearbyint(x * inverse), static_cast<float>(quantMin), static_cast<float>(quantMax));
    return (q - zeroPoint) * scale;
}

at::Tensor seeded(std::vector<std::int64_t> shape, std::uint64_t seed)
{
    at::Generator generator = at::detail::createCPUGenerator(seed);
    return at::randn(shape, generator);
}

double relative(const at::Tensor& expected, const at::Tensor& actual)
{
    return (expected - actual).abs().max().item<double>() / std::max(1e-12, expected.abs().max().item<double>());
}

int count(const Graph& graph, OpKind op)
{
    return static_cast<int>(std::count_if(graph.nodes().begin(), graph.nodes().end(), [&](const Node& n) { return n.op == op; }));
}

std::vector<at::Tensor> batches(const Graph& graph, int n, std::int64_t size = 8)
{
    std::vector<at::Tensor> result;
    for (int i = 0; i < n; ++i)
        result.push_back(randomInput(graph, size, 100 + static_cast<std::uint64_t>(i)));
    return result;
}

} // namespace

class TestQuant : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { at::manual_seed(0); }

    void rangesOfBits()
    {
        QCOMPARE(quantRange(8, true), (std::pair<std::int64_t, std::int64_t>{-128, 127}));
        QCOMPARE(quantRange(8, false), (std::pair<std::int64_t, std::int64_t>{0, 255}));
        QCOMPARE(quantRange(4, true), (std::pair<std::int64_t, std::int64_t>{-8, 7}));
        QCOMPARE(quantRange(16, false), (std::pair<std::int64_t, std::int64_t>{0, 65535}));
        QCOMPARE(quantBits(-8, 7), 4);
        QCOMPARE(quantBits(0, 255), 8);
        QVERIFY(test::errorOf([] { quantRange(1, true); }, ErrorCode::InvalidArgument).contains("2 to 16 bits"));
        QVERIFY(test::errorOf([] { quantRange(17, true); }, ErrorCode::InvalidArgument).contains("2 to 16 bits"));
    }

    void paramsOfKnownRanges()
    {
        // asymmetric [−1, 3] on 0..255: scale 4/255, zero point 255/4 rounded
        auto [scale, zero] = quantParams(at::tensor({-1.0f}), at::tensor({3.0f}), 0, 255, false);
        QCOMPARE(scale.item<float>(), 4.0f / 255);
        QCOMPARE(zero.item<float>(), 64.0f);
        // a range not containing 0 is widened to it
        std::tie(scale, zero) = quantParams(at::tensor({1.0f}), at::tensor({2.0f}), 0, 255, false);
        QCOMPARE(zero.item<float>(), 0.0f);
        QCOMPARE(scale.item<float>(), 2.0f / 255);
        // symmetric on −128..127: ±max|x| over 127.5 steps, zero point 0
        std::tie(scale, zero) = quantParams(at::tensor({-3.0f, -0.5f}), at::tensor({1.0f, 2.0f}), -128, 127, true);
        QCOMPARE(scale[0].item<float>(), 3.0f / 127.5f);
        QCOMPARE(scale[1].item<float>(), 2.0f / 127.5f);
        QCOMPARE(zero.abs().sum().item<float>(), 0.0f);
        // a tensor of zeros still gets a usable scale
        std::tie(scale, zero) = quantParams(at::zeros({1}), at::zeros({1}), 0, 15, false);
        QVERIFY(scale.item<float>() > 0);
    }

    void forwardIsTheFormula_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("perChannel");
        QTest::newRow("4-bit per tensor") << 4 << false;
        QTest::newRow("8-bit per tensor") << 8 << false;
        QTest::newRow("3-bit per channel") << 3 << true;
        QTest::newRow("8-bit per channel") << 8 << true;
    }
    void forwardIsTheFormula()
    {
        QFETCH(int, bits);
        QFETCH(bool, perChannel);
        const at::Tensor x = seeded({2, 3, 5, 5}, 1) * 2;
        const auto [quantMin, quantMax] = quantRange(bits, false);
        const at::Tensor scale = perChannel ? at::tensor({0.05f, 0.2f, 0.5f}) : at::tensor({0.1f});
        const at::Tensor zero = perChannel ? at::tensor({1.0f, 3.0f, 0.0f}) : at::tensor({2.0f});
        const at::Tensor y = fakeQuantize(x, scale, zero, perChannel ? 1 : -1, quantMin, quantMax);
        const at::Tensor flat = x.contiguous();
        int mismatches = 0;
        for (std::int64_t n = 0; n < 2; ++n) {
            for (std::int64_t c = 0; c < 3; ++c) {
                const float s = scale[perChannel ? c : 0].item<float>();
                const float z = zero[perChannel ? c : 0].item<float>();
                for (std::int64_t i = 0; i < 25; ++i) {
                    const float value = flat[n][c].reshape({-1})[i].item<float>();
                    const float expected = formula(value, s, z, quantMin, quantMax);
                    mismatches += std::abs(y[n][c].reshape({-1})[i].item<float>() - expected) > 1e-6f;
                }
            }
        }
        QCOMPARE(mismatches, 0);
        // every output lies on its grid
        const at::Tensor steps = (y / scale.view(perChannel ? std::vector<std::int64_t>{1, 3, 1, 1} : std::vector<std::int64_t>{1}));
        QVERIFY((steps - steps.round()).abs().max().item<double>() < 1e-3);
    }

    void gradientIsStraightThrough()
    {
        const at::Tensor x = (seeded({200}, 2) * 3).requires_grad_(true);
        const at::Tensor scale = at::tensor({0.1f});
        const at::Tensor zero = at::tensor({8.0f});
        fakeQuantize(x, scale, zero, -1, 0, 15).sum().backward();
        // passes where zp + round(x/s) lies in [0, 15], i.e. x in [−0.8, 0.7] up to rounding; zero elsewhere
        const at::Tensor q = at::round(x.detach() * (1.0f / 0.1f)) + 8;
        const at::Tensor inside = (q >= 0).logical_and(q <= 15).to(at::kFloat);
        QVERIFY(inside.sum().item<double>() > 20);
        QVERIFY(inside.sum().item<double>() < 180);
        QCOMPARE((x.grad() - inside).abs().max().item<double>(), 0.0);
    }

    void minMaxAndMovingAverage()
    {
        Observer minMax(ObserverKind::MinMax);
        minMax.observe(at::tensor({-1.0f, 0.5f}));
        minMax.observe(at::tensor({0.0f, 3.0f}));
        QCOMPARE(minMax.range(0, 255, false), (std::pair<double, double>{-1.0, 3.0}));

        Observer average(ObserverKind::MovingAverage, 99.99, 0.5);
        average.observe(at::tensor({0.0f, 1.0f}));
        average.observe(at::tensor({-2.0f, 3.0f}));
        QCOMPARE(average.range(0, 255, false), (std::pair<double, double>{-1.0, 2.0}));
        QVERIFY(!average.needsHistogram());
    }

    void percentileDropsOutliers()
    {
        // 0 … 9999 and one outlier at 10⁶: the 99.9th percentile lies near 9990, not 10⁶.
        const at::Tensor values = at::cat({at::arange(10000, at::kFloat), at::tensor({1e6f})});
        Observer observer(ObserverKind::Percentile, 99.9);
        observer.observe(values);
        QVERIFY(observer.needsHistogram());
        observer.observeHistogram(values);
        const auto [low, high] = observer.range(0, 255, false);
        const double bin = 1e6 / 2048;
        QVERIFY2(std::abs(high - 9990) < bin, qPrintable(QString::number(high)));
        QVERIFY(low < bin);
        QCOMPARE(observer.observedRange().second, 1e6);
    }

    void mseAndKlClipLongTails()
    {
        // Laplace-like data (heavy tails): both clip well inside the observed maximum at 4 bits,
        // and clipping lowers the error the MSE observer minimises.
        const at::Tensor normal = seeded({200000}, 3);
        const at::Tensor values = normal * normal.abs() * 2; // heavy-tailed, symmetric
        const double absMax = values.abs().max().item<double>();
        for (const ObserverKind kind : {ObserverKind::Mse, ObserverKind::Kl}) {
            Observer observer(kind);
            observer.observe(values);
            observer.observeHistogram(values);
            const auto [low, high] = observer.range(-8, 7, true);
            QVERIFY2(high < 0.8 * absMax && high > 0.05 * absMax,
                     qPrintable(QString::fromStdString(observerName(kind)) + " " + QString::number(high) + " of " + QString::number(absMax)));
            QVERIFY(low < 0);
            const auto quantError = [&](double bound) {
                const auto [scale, zero] = quantParams(at::tensor({static_cast<float>(-bound)}), at::tensor({static_cast<float>(bound)}), -8, 7, true);
                return (values - fakeQuantize(values, scale, zero, -1, -8, 7)).square().mean().item<double>();
            };
            if (kind == ObserverKind::Mse)
                QVERIFY(quantError(std::max(-low, high)) < quantError(absMax));
        }
        // Uniform data has no tail to clip: MSE keeps nearly all of it at 8 bits.
        const at::Tensor uniform = at::rand({100000}, at::detail::createCPUGenerator(4));
        Observer observer(ObserverKind::Mse);
        observer.observe(uniform);
        observer.observeHistogram(uniform);
        QVERIFY(observer.range(0, 255, false).second > 0.95);
        QCOMPARE(observerFromName("kl").value(), ObserverKind::Kl);
        QVERIFY(!observerFromName("median"));
    }

    void prepareFoldsAndQuantizesEveryLayer()
    {
        const Graph model = zooModel("resnet20");
        PrepareReport report;
        QuantSettings settings;
        settings.weightBits = 16;
        settings.activationBits = 16;
        Graph quantized = prepareQuantization(model, settings, &report);
        QCOMPARE(count(quantized, OpKind::BatchNorm2d), 0);
        QCOMPARE(static_cast<int>(report.foldedBatchNorms.size()), count(model, OpKind::BatchNorm2d));
        QCOMPARE(static_cast<int>(report.weightLayers.size()), count(model, OpKind::Conv2d) + count(model, OpKind::Linear));
        for (const Node& node : quantized.nodes()) {
            if (node.op == OpKind::Conv2d || node.op == OpKind::Linear)
                QVERIFY2(hasWeightQuantization(node), node.name.c_str());
        }
        // input, every conv+ReLU and every residual sum+ReLU, and the pooled features
        QVERIFY(count(quantized, OpKind::FakeQuantize) >= count(model, OpKind::Conv2d));
        QCOMPARE(count(quantized, OpKind::FakeQuantize), static_cast<int>(report.activationPoints.size()));
        // the logits stay in floating point
        QVERIFY(quantized.producerOf(quantized.outputs().front()) >= 0);
        QVERIFY(quantized.nodes()[static_cast<std::size_t>(quantized.producerOf(quantized.outputs().front()))].op != OpKind::FakeQuantize);
        QVERIFY(isQuantized(quantized));
        QVERIFY(!isQuantized(model));

        // At 16 bits, calibrated on what it is then given, the quantized model computes what
        // the float one does.
        const at::Tensor input = randomInput(model, 4, 9);
        calibrate(quantized, {input}, settings);
        QVERIFY2(relative(forward(model, input), forward(quantized, input)) < 1e-3,
                 qPrintable(QString::number(relative(forward(model, input), forward(quantized, input)))));
        // The model is not touched: every tensor as it was.
        const Graph fresh = zooModel("resnet20");
        QCOMPARE(model.nodes().size(), fresh.nodes().size());
        for (std::size_t i = 0; i < model.nodes().size(); ++i) {
            QCOMPARE(model.nodes()[i].params.size() + model.nodes()[i].buffers.size(),
                     fresh.nodes()[i].params.size() + fresh.nodes()[i].buffers.size());
            for (std::size_t j = 0; j < model.nodes()[i].params.size(); ++j)
                QVERIFY(at::equal(model.nodes()[i].params[j].tensor, fresh.nodes()[i].params[j].tensor));
            for (std::size_t j = 0; j < model.nodes()[i].buffers.size(); ++j)
                QVERIFY(at::equal(model.nodes()[i].buffers[j].tensor, fresh.nodes()[i].buffers[j].tensor));
        }
    }

    void eightBitsStayClose_data()
    {
        QTest::addColumn<QString>("observer");
        for (const ObserverKind kind : allObservers())
            QTest::newRow(observerName(kind).c_str()) << QString::fromStdString(observerName(kind));
    }
    void eightBitsStayClose()
    {
        QFETCH(QString, observer);
        const Graph model = zooModel("resnet20");
        QuantSettings settings;
        settings.observer = observerFromName(observer.toStdString()).value();
        Graph quantized = prepareQuantization(model, settings);
        calibrate(quantized, batches(model, 3), settings);
        for (const Node& node : quantized.nodes()) {
            if (node.op == OpKind::FakeQuantize)
                QVERIFY2(node.tensor("max_val").item<double>() > node.tensor("min_val").item<double>(), node.name.c_str());
        }
        const at::Tensor input = randomInput(model, 16, 7);
        const at::Tensor expected = forward(model, input);
        const at::Tensor actual = forward(quantized, input);
        QVERIFY2(relative(expected, actual) < 0.1, qPrintable(QString::number(relative(expected, actual))));
        const QuantReport report = quantizationReport(quantized, input);
        for (const LayerQuantError& layer : report.layers) {
            QCOMPARE(layer.bits, 8);
            // KL and percentile clip activations' tails on purpose, which costs local SQNR
            const bool clips = observer == "kl" || observer == "percentile";
            QVERIFY2(layer.sqnrDb > (layer.weight ? 30 : clips ? 12 : 20), qPrintable(QString::fromStdString(layer.name) + " " + QString::number(layer.sqnrDb)));
        }
        // 8-bit weights: about a quarter of the float size
        QVERIFY(report.bytes < report.floatBytes * 0.3);
        QVERIFY(report.bytes > report.floatBytes * 0.25);
    }

    /// The model's cost knows its bits: the size of its parameters as stored, and arithmetic at
    /// the weights' bits in the energy estimate.
    void costCountsQuantizedBits()
    {
        const Graph model = zooModel("resnet20");
        const slim::engine::CostSummary floatCost = slim::engine::Model(std::make_shared<Graph>(model)).cost();
        QCOMPARE(floatCost.parameterBytes, floatCost.params * 4);
        QuantSettings settings;
        Graph quantized = prepareQuantization(model, settings);
        calibrate(quantized, batches(model, 1), settings);
        const slim::engine::CostSummary cost = slim::engine::Model(std::make_shared<Graph>(quantized)).cost();
        // Counted here on its own: 8-bit weights of the quantized layers, 32-bit everything else,
        // and the quantizers' float scales and zero points.
        std::int64_t expected = 0;
        for (const Node& node : quantized.nodes()) {
            for (const NamedTensor& param : node.params)
                expected += param.tensor.numel() * (param.name == "weight" && hasWeightQuantization(node) ? 1 : 4);
            for (const NamedTensor& buffer : node.buffers)
                if (buffer.name == "weight_scale" || buffer.name == "weight_zero_point" || buffer.name == "scale"
                    || buffer.name == "zero_point")
                    expected += buffer.tensor.numel() * 4;
        }
        QCOMPARE(cost.parameterBytes, expected);
        QCOMPARE(quantizationReport(quantized, {}).bytes, expected);
        QVERIFY2(cost.parameterBytes < floatCost.parameterBytes * 0.3, qPrintable(QString::number(cost.parameterBytes)));
        QVERIFY2(cost.computeEnergyPj < floatCost.computeEnergyPj * 0.2,
                 qPrintable(QString::number(cost.computeEnergyPj) + " vs " + QString::number(floatCost.computeEnergyPj)));
        // Bits asked for explicitly still win over the weights' own.
        slim::engine::analysis::EnergySettings at32;
        for (const Node& node : quantized.nodes())
            if (hasWeightQuantization(node))
                at32.layerBits[node.name] = 32;
        const double asFloat = slim::engine::Model(std::make_shared<Graph>(quantized)).cost(at32).computeEnergyPj;
        QVERIFY(asFloat > cost.computeEnergyPj * 5);
    }

    void fewerBitsMoreError()
    {
        const Graph model = zooModel("resnet20");
        const at::Tensor input = randomInput(model, 8, 3);
        double previous = 0;
        for (const int bits : {8, 6, 4, 3}) {
            QuantSettings settings;
            settings.weightBits = settings.activationBits = bits;
            Graph quantized = prepareQuantization(model, settings);
            calibrate(quantized, batches(model, 2), settings);
            const double error = relative(forward(model, input), forward(quantized, input));
            QVERIFY2(error > previous, qPrintable(QString::number(bits) + ": " + QString::number(error)));
            previous = error;
        }
    }

    void firstAndLastStayAtEightBits()
    {
        const Graph model = zooModel("resnet20");
        QuantSettings settings;
        settings.weightBits = settings.activationBits = 4;
        settings.keepEndsAt8Bits = true;
        settings.layerBits["layer2.0.conv1"] = 6;
        Graph quantized = prepareQuantization(model, settings);
        const auto bitsOf = [&](const std::string& name) {
            const Node* node = quantized.findNode(name);
            return quantBits(node->attrs.getInt("weight_quant_min"), node->attrs.getInt("weight_quant_max"));
        };
        QCOMPARE(bitsOf("conv1"), 8);
        QCOMPARE(bitsOf("fc"), 8);
        QCOMPARE(bitsOf("layer2.0.conv1"), 6);
        QCOMPARE(bitsOf("layer1.0.conv1"), 4);
        QCOMPARE(dominantBits(quantized), (std::pair<int, int>{4, 4}));

        // a schedule step moves what no rule pinned
        calibrate(quantized, batches(model, 1), settings);
        setBits(quantized, 2, 3);
        QCOMPARE(bitsOf("conv1"), 8);
        QCOMPARE(bitsOf("layer2.0.conv1"), 6);
        QCOMPARE(bitsOf("layer1.0.conv1"), 2);
        QCOMPARE(dominantBits(quantized).second, 3);
        quantized.validate();
    }

    void badSettingsAreNamed()
    {
        const Graph model = zooModel("resnet20");
        QuantSettings settings;
        settings.weightBits = 1;
        QVERIFY(test::errorOf([&] { prepareQuantization(model, settings); }, ErrorCode::InvalidArgument).contains("weight_bits"));
        settings.weightBits = 8;
        settings.activationBits = 17;
        QVERIFY(test::errorOf([&] { prepareQuantization(model, settings); }, ErrorCode::InvalidArgument).contains("activation_bits"));
        settings.activationBits = 8;
        settings.layerBits["no.such.layer"] = 4;
        QVERIFY(test::errorOf([&] { prepareQuantization(model, settings); }, ErrorCode::InvalidArgument).contains("no.such.layer"));
        settings.layerBits.clear();
        settings.percentile = 20;
        QVERIFY(test::errorOf([&] { prepareQuantization(model, settings); }, ErrorCode::InvalidArgument).contains("percentile"));
        settings.percentile = 99.9;
        const Graph quantized = prepareQuantization(model, settings);
        QVERIFY(test::errorOf([&] { prepareQuantization(quantized, settings); }, ErrorCode::Unsupported).contains("quantized already"));
        QVERIFY(test::errorOf([&] { setBits(const_cast<Graph&>(quantized), 8, 1); }, ErrorCode::InvalidArgument).contains("activation_bits"));
        // a corrupt range is a shape-inference error naming the node, not a crash
        Graph broken = quantized.clone();
        for (Node& node : broken.nodes()) {
            if (node.op == OpKind::FakeQuantize) {
                node.attrs.set("quant_max", std::int64_t{-5});
                QVERIFY(test::errorOf([&] { broken.validate(); }, ErrorCode::ShapeMismatch).contains(QString::fromStdString(node.name)));
                break;
            }
        }
    }

    void trainingMovesRangesAndReachesWeights()
    {
        const Graph model = zooModel("resnet20");
        QuantSettings settings;
        settings.averaging = 0.5;
        Graph quantized = prepareQuantization(model, settings);
        calibrate(quantized, batches(model, 1), settings);
        Node* point = nullptr;
        for (Node& node : quantized.nodes()) {
            if (node.op == OpKind::FakeQuantize && node.inputs.front() != quantized.inputs().front()) {
                point = &node;
                break;
            }
        }
        QVERIFY(point);
        const double before = point->tensor("max_val").item<double>();
        for (const at::Tensor& weight : quantized.parameters())
            weight.requires_grad_(true);
        const Executor executor(quantized);
        const at::Tensor output = executor.forward(randomInput(model, 8, 50) * 10, ExecMode::Train);
        output.square().mean().backward();
        // ten times the input scale: the averaged maximum moved halfway toward a larger one
        QVERIFY2(point->tensor("max_val").item<double>() > before * 2, qPrintable(QString::number(before)));
        for (const Node& node : quantized.nodes()) {
            if (hasWeightQuantization(node))
                QVERIFY2(node.tensor("weight").grad().defined() && node.tensor("weight").grad().abs().sum().item<double>() > 0,
                         node.name.c_str());
        }
    }

    void quantizedModelsSaveAndExport()
    {
        const Graph model = zooModel("resnet20");
        QuantSettings settings;
        settings.weightBits = 4;
        settings.perChannel = true;
        Graph quantized = prepareQuantization(model, settings);
        calibrate(quantized, batches(model, 2), settings);
        const at::Tensor input = randomInput(model, 2, 5);
        const at::Tensor expected = forward(quantized, input);

        QTemporaryDir dir;
        const std::string path = dir.filePath("q.slim").toStdString();
        io::saveSlim(quantized, path);
        const Graph reloaded = io::loadSlim(path);
        QVERIFY(isQuantized(reloaded));
        QCOMPARE((forward(reloaded, input) - expected).abs().max().item<double>(), 0.0);

        const io::TorchScriptExport exported = io::exportTorchScript(quantized);
        QVERIFY(exported.reloaded);
        QVERIFY(exported.source.find("fake_quantize_per_channel_affine") != std::string::npos);
        QVERIFY(exported.source.find("fake_quantize_per_tensor_affine") != std::string::npos);
        QVERIFY2(exported.maxAbsDifference < 1e-5, qPrintable(QString::number(exported.maxAbsDifference)));

        // quantized layers are not pruned, decomposed or merged
        const passes::DependencyGroups groups = passes::findDependencyGroups(quantized);
        QCOMPARE(groups.prunableCount(), 0);
        passes::LowRankReport lowRank;
        passes::LowRankSettings lowRankSettings;
        lowRankSettings.energy = 0.5;
        const Graph decomposed = passes::decomposeLowRank(quantized, lowRankSettings, &lowRank);
        QCOMPARE(decomposed.nodes().size(), quantized.nodes().size());
        for (const passes::LayerFactorization& layer : lowRank.layers)
            QVERIFY2(layer.method.empty() && layer.reason.find("quantized") != std::string::npos, layer.name.c_str());
    }

    void qdqExportReimportsEqual_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("weightBits");
        QTest::addColumn<int>("activationBits");
        QTest::addColumn<bool>("perChannel");
        QTest::addColumn<bool>("symmetric");
        QTest::newRow("resnet20 W8A8 per-channel") << "resnet20" << 8 << 8 << true << false;
        QTest::newRow("resnet20 W4A4 per-channel (Clip)") << "resnet20" << 4 << 4 << true << false;
        QTest::newRow("resnet20 W8A8 per-tensor symmetric") << "resnet20" << 8 << 8 << false << true;
        QTest::newRow("mobilenetv2 W8A8") << "mobilenetv2" << 8 << 8 << true << false;
        QTest::newRow("lenet5 W6A5") << "lenet5" << 6 << 5 << true << false;
    }
    void qdqExportReimportsEqual()
    {
        QFETCH(QString, model);
        QFETCH(int, weightBits);
        QFETCH(int, activationBits);
        QFETCH(bool, perChannel);
        QFETCH(bool, symmetric);
        const Graph original = zooModel(model);
        QuantSettings settings;
        settings.weightBits = weightBits;
        settings.activationBits = activationBits;
        settings.perChannel = perChannel;
        settings.activationSymmetric = symmetric;
        Graph quantized = prepareQuantization(original, settings);
        calibrate(quantized, batches(original, 2), settings);

        const io::OnnxExport exported = io::exportOnnx(quantized);
        QVERIFY(exported.verification.checkerPassed);
        QVERIFY(exported.verification.shapeInferencePassed);
        QVERIFY(!exported.verification.openCvRan);
        QVERIFY(exported.bytes.find("QuantizeLinear") != std::string::npos);
        QVERIFY(exported.bytes.find("DequantizeLinear") != std::string::npos);
        QCOMPARE(exported.bytes.find(".clip_min") != std::string::npos, activationBits < 8); // the narrow grid's Clip

        const Graph reread = io::importOnnx(exported.bytes, "qdq.onnx");
        QCOMPARE(count(reread, OpKind::FakeQuantize), count(quantized, OpKind::FakeQuantize));
        int quantizedWeights = 0;
        for (const Node& node : reread.nodes())
            quantizedWeights += hasWeightQuantization(node);
        QCOMPARE(quantizedWeights, static_cast<int>(std::count_if(quantized.nodes().begin(), quantized.nodes().end(),
                                                                   [](const Node& n) { return hasWeightQuantization(n); })));
        const at::Tensor input = randomInput(original, 4, 21);
        const at::Tensor expected = forward(quantized, input);
        const double difference = (forward(reread, input) - expected).abs().max().item<double>();
        QVERIFY2(difference <= 1e-5, qPrintable(QString::number(difference)));
        // the grids keep their bits: a 4-bit weight stored in int8, a 4-bit activation as Clip + 8-bit QDQ
        QCOMPARE(dominantBits(reread), dominantBits(quantized));
        // and a schedule can move an imported model's bits (ranges from the old grids)
        Graph stepped = reread.clone();
        setBits(stepped, 8, 8);
        QCOMPARE(dominantBits(stepped), (std::pair<int, int>{8, 8}));
        const double moved = relative(forward(reread, input), forward(stepped, input));
        QVERIFY2(moved < 0.5, qPrintable(QString::number(moved)));

        // the weights are stored as 8-bit integers: the file is about a quarter of a float one
        const io::OnnxExport floatExport = io::exportOnnx(original);
        QVERIFY2(exported.bytes.size() < floatExport.bytes.size() * 0.4,
                 qPrintable(QString::number(exported.bytes.size()) + " vs " + QString::number(floatExport.bytes.size())));
    }

    void qdqExportRefusesWideGrids()
    {
        const Graph original = zooModel("resnet20");
        QuantSettings settings;
        settings.weightBits = 16;
        Graph quantized = prepareQuantization(original, settings);
        calibrate(quantized, batches(original, 1), settings);
        QVERIFY(test::errorOf([&] { io::exportOnnx(quantized); }, ErrorCode::Unsupported).contains("16 bits"));
        settings.weightBits = 8;
        quantized = prepareQuantization(original, settings);
        io::OnnxExportOptions old;
        old.opset = 12;
        QVERIFY(test::errorOf([&] { io::exportOnnx(quantized, old); }, ErrorCode::Unsupported).contains("opset 13"));
    }
};

QTEST_GUILESS_MAIN(TestQuant)
#include "tst_quant.moc"
