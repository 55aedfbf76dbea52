#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "analysis/cost.h"
#include "core/error.h"
#include "datasets.h"
#include "expecterror.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "io/onnxexport.h"
#include "passes/lowrank.h"
#include "prune/masks.h"
#include "testmodels.h"

#include <ATen/CPUGeneratorImpl.h>

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::passes;
using namespace slim::engine::test::models;

namespace {

constexpr double kExactness = 1e-5;

double relativeDifference(const Graph& a, const Graph& b, std::int64_t batch = 2)
{
    const at::Tensor input = randomInput(a, batch, 9);
    const at::Tensor expected = forward(a, input);
    return (expected - forward(b, input)).abs().max().item<double>() / std::max(1.0, expected.abs().max().item<double>());
}

int factored(const LowRankReport& report)
{
    return static_cast<int>(std::count_if(report.layers.begin(), report.layers.end(),
                                          [](const LayerFactorization& layer) { return !layer.method.empty(); }));
}

/// The report's per-layer MACs add up to what cost analysis counts on the result.
void checkReportedMacs(const LowRankReport& report, const Graph& result)
{
    std::int64_t saved = 0;
    for (const LayerFactorization& layer : report.layers)
        saved += layer.macsBefore - layer.macsAfter;
    QCOMPARE(report.macsAfter, analysis::analyzeCost(result).macs);
    QCOMPARE(report.macsBefore - saved, report.macsAfter);
}

/// A small net with a 3×3 conv (stride 2, padding 1), a 1×1 conv, a depthwise conv and a Linear.
Graph smallNet()
{
    GraphBuilder b(4);
    ValueId x = b.input("input", {3, 12, 10});
    x = b.relu("relu1", b.conv2d("conv1", x, 16, 3, 2, 1));
    x = b.relu("relu2", b.conv2d("pointwise", x, 24, 1));
    x = b.conv2d("depthwise", x, 24, 3, 1, 1, /*groups=*/24);
    x = b.flatten("flatten", b.adaptiveAvgPool2d("pool", x));
    return b.finish({b.linear("fc", x, 10)});
}

} // namespace

class TestLowRank : public QObject {
    Q_OBJECT

private Q_SLOTS:
    /// At energy 1 every factorization keeps the full rank and reproduces its layer, with each
    /// method: the "reconstructs a full-rank layer exactly at energy 1.0".
    void fullEnergyIsExact_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("method");
        for (const QString& model : {QStringLiteral("small"), QStringLiteral("resnet20"), QStringLiteral("vgg11"),
                                     QStringLiteral("mobilenetv2"), QStringLiteral("lenet5")}) {
            QTest::newRow(qPrintable(model + "/tucker2")) << model << int(ConvFactorization::Tucker2);
            QTest::newRow(qPrintable(model + "/spatial")) << model << int(ConvFactorization::SpatialSvd);
        }
    }
    void fullEnergyIsExact()
    {
        QFETCH(QString, model);
        QFETCH(int, method);
        const Graph graph = model == "small" ? smallNet() : zooModel(model);
        LowRankSettings settings;
        settings.energy = 1.0;
        settings.conv = static_cast<ConvFactorization>(method);
        settings.requireFewerMacs = false;
        LowRankReport report;
        const Graph result = decomposeLowRank(graph, settings, &report);
        QVERIFY(factored(report) > 0);
        for (const LayerFactorization& layer : report.layers) {
            if (layer.method.empty()) {
                QVERIFY2(!layer.reason.empty(), layer.name.c_str());
                continue;
            }
            QCOMPARE(layer.ranks, layer.fullRanks);
            QVERIFY(std::abs(layer.keptEnergy - 1) < 1e-9);
        }
        const double difference = relativeDifference(graph, result);
        QVERIFY2(difference <= kExactness, qPrintable(QString::number(difference)));
        checkReportedMacs(report, result);
    }

    /// What gets factored and how, by hand on the small net.
    void factorsEachKindOfLayer()
    {
        const Graph graph = smallNet();
        LowRankSettings settings;
        settings.energy = 1.0;
        settings.requireFewerMacs = false;
        settings.conv = ConvFactorization::SpatialSvd;
        LowRankReport report;
        const Graph result = decomposeLowRank(graph, settings, &report);
        QCOMPARE(report.layers.size(), std::size_t{4});
        QCOMPARE(report.layers[0].method, std::string("spatial-svd"));
        QCOMPARE(report.layers[0].fullRanks, (std::vector<std::int64_t>{9})); // min(3·3, 16·3)
        QCOMPARE(report.layers[1].method, std::string("svd"));
        QCOMPARE(report.layers[1].fullRanks, (std::vector<std::int64_t>{16}));
        QCOMPARE(report.layers[2].method, std::string());
        QCOMPARE(report.layers[2].reason, std::string("grouped convolution"));
        QCOMPARE(report.layers[3].method, std::string("svd"));
        // conv1 became a 3×1 conv with the vertical stride and padding, then a 1×3 with the horizontal.
        const Node* vertical = result.findNode("conv1.vertical");
        const Node* horizontal = result.findNode("conv1.horizontal");
        QVERIFY(vertical && horizontal);
        QCOMPARE(vertical->tensor("weight").sizes().vec(), (std::vector<std::int64_t>{9, 3, 3, 1}));
        QCOMPARE(horizontal->tensor("weight").sizes().vec(), (std::vector<std::int64_t>{16, 9, 1, 3}));
        QCOMPARE(vertical->attrs.getInts("stride"), (std::vector<std::int64_t>{2, 1}));
        QCOMPARE(horizontal->attrs.getInts("padding"), (std::vector<std::int64_t>{0, 1}));
        QVERIFY(!vertical->tensor("bias").defined());
        QVERIFY(horizontal->tensor("bias").defined());
        QVERIFY(result.findNode("fc.reduce") && result.findNode("fc.restore"));
        QVERIFY(result.findNode("depthwise"));

        settings.conv = ConvFactorization::Tucker2;
        const Graph tucker = decomposeLowRank(graph, settings, &report);
        QCOMPARE(report.layers[0].method, std::string("tucker2"));
        QCOMPARE(report.layers[0].fullRanks, (std::vector<std::int64_t>{3, 16}));
        QCOMPARE(tucker.findNode("conv1.core")->tensor("weight").sizes().vec(), (std::vector<std::int64_t>{16, 3, 3, 3}));
        QCOMPARE(tucker.findNode("conv1.core")->attrs.getInts("stride"), (std::vector<std::int64_t>{2, 2}));
    }

    /// A layer of low rank is reproduced by few factors; lower energy keeps fewer ranks and
    /// fewer MACs, as reported.
    void lowRankLayersShrink()
    {
        GraphBuilder b(2);
        ValueId x = b.input("input", {64});
        x = b.linear("fc", x, 48);
        Graph graph = b.finish({x});
        // fc's weight of rank 3: 48·64 MACs exact in 3·(64 + 48).
        at::Generator generator = at::detail::createCPUGenerator(3);
        graph.nodes()[0].setTensor("weight", at::randn({48, 3}, generator).mm(at::randn({3, 64}, generator)));
        LowRankSettings settings;
        settings.energy = 0.999999;
        LowRankReport report;
        const Graph result = decomposeLowRank(graph, settings, &report);
        QCOMPARE(report.layers[0].ranks, (std::vector<std::int64_t>{3}));
        QCOMPARE(report.layers[0].macsAfter, std::int64_t{3 * (64 + 48)});
        QVERIFY(relativeDifference(graph, result) <= kExactness);
        checkReportedMacs(report, result);

        // On ResNet-20 a lower energy keeps fewer ranks, so fewer MACs (its random weights have flat
        // spectra: above about half the energy no factorization is cheaper).
        const Graph resnet = zooModel("resnet20");
        std::int64_t previous = analysis::analyzeCost(resnet).macs;
        for (const double energy : {0.45, 0.3, 0.15}) {
            settings.energy = energy;
            const Graph smaller = decomposeLowRank(resnet, settings, &report);
            checkReportedMacs(report, smaller);
            QVERIFY2(report.macsAfter < previous, qPrintable(QString::number(energy)));
            for (const LayerFactorization& layer : report.layers) {
                if (!layer.method.empty())
                    QVERIFY(layer.keptEnergy >= energy - 1e-9 && layer.macsAfter < layer.macsBefore);
            }
            previous = report.macsAfter;
        }
    }

    /// A MACs target picks the energy: the result meets it, and the energy found is the largest
    /// that does (a bit more would not).
    void targetMacsPicksTheEnergy()
    {
        const Graph graph = zooModel("resnet20");
        LowRankSettings settings;
        settings.targetMacs = 0.6;
        LowRankReport report;
        const Graph result = decomposeLowRank(graph, settings, &report);
        QVERIFY(report.macsAfter <= static_cast<std::int64_t>(0.6 * static_cast<double>(report.macsBefore)));
        QVERIFY(report.energy > 0 && report.energy < 1);
        checkReportedMacs(report, result);
        LowRankSettings higher;
        higher.energy = std::min(1.0, report.energy + 1e-3);
        LowRankReport above;
        decomposeLowRank(graph, higher, &above);
        QVERIFY(above.macsAfter > static_cast<std::int64_t>(0.6 * static_cast<double>(above.macsBefore)));
    }

    /// The factored model trains (gradients reach every factor) and exports to verified ONNX.
    void factoredModelTrainsAndExports()
    {
        const Graph graph = zooModel("resnet20");
        for (const at::Tensor& parameter : graph.parameters())
            parameter.requires_grad_(true);
        LowRankSettings settings;
        settings.energy = 0.7;
        LowRankReport report;
        const Graph result = decomposeLowRank(graph, settings, &report);
        QVERIFY(factored(report) > 0);
        std::vector<at::Tensor> before;
        for (const at::Tensor& parameter : graph.parameters())
            before.push_back(parameter.detach().clone());
        const at::Tensor loss = Executor(result).forward(randomInput(result, 4), ExecMode::Train).square().mean();
        loss.backward();
        {
            at::NoGradGuard noGrad;
            for (const at::Tensor& parameter : result.parameters()) {
                QVERIFY(parameter.grad().defined());
                parameter.sub_(parameter.grad()); // a step of fine-tuning
            }
        }
        // The source model shares nothing with the factored one: its tensors did not move.
        const std::vector<at::Tensor> after = graph.parameters();
        for (std::size_t i = 0; i < before.size(); ++i)
            QVERIFY(at::equal(before[i], after[i].detach()));
        const io::OnnxExport exported = io::exportOnnx(result);
        QVERIFY(exported.verification.openCvRan);
        QVERIFY2(exported.verification.maxAbsDifference <= 1e-4, qPrintable(QString::number(exported.verification.maxAbsDifference)));
    }

    void refusals()
    {
        Graph graph = smallNet();
        LowRankSettings settings;
        for (const double energy : {0.0, -0.5, 1.5}) {
            settings.energy = energy;
            QVERIFY(test::errorOf([&] { decomposeLowRank(graph, settings); }, ErrorCode::InvalidArgument).contains("energy"));
        }
        settings.energy = 0.9;
        settings.targetMacs = 1.0;
        QVERIFY(test::errorOf([&] { decomposeLowRank(graph, settings); }, ErrorCode::InvalidArgument).contains("target MACs"));
        settings.targetMacs = 0.01; // the depthwise conv and the pooling alone are more than that
        QVERIFY(test::errorOf([&] { decomposeLowRank(graph, settings); }, ErrorCode::InvalidArgument).contains("at the least"));
        settings.targetMacs = 0;
        settings.protectedNodes = {"conv9"};
        QVERIFY(test::errorOf([&] { decomposeLowRank(graph, settings); }, ErrorCode::InvalidArgument).contains("'conv9'"));

        // Protected and masked layers stay whole, and say so.
        settings.protectedNodes = {"fc"};
        settings.requireFewerMacs = false;
        const Graph masked = prune::applyMagnitudeMasks(graph, {0.5, false, {"fc", "conv1", "depthwise"}});
        LowRankReport report;
        const Graph result = decomposeLowRank(masked, settings, &report);
        QCOMPARE(report.layers[1].name, std::string("pointwise"));
        QVERIFY(report.layers[1].reason.rfind("masked", 0) == 0);
        QCOMPARE(report.layers[3].reason, std::string("protected"));
        QVERIFY(result.findNode("fc") && result.findNode("pointwise"));
    }
};

QTEST_GUILESS_MAIN(TestLowRank)
#include "tst_lowrank.moc"
