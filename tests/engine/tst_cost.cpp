#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "analysis/cost.h"
#include "analysis/energy.h"
#include "analysis/latency.h"
#include "expecterror.h"
#include "graph/graphbuilder.h"
#include "io/zoo.h"
#include "prune/masks.h"

#include <algorithm>

using namespace slim::engine;
using namespace slim::engine::graph;

class TestCost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    /// Every row of shared/REFERENCE.md's cost table, exactly.
    void referenceTable_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("side");
        QTest::addColumn<int>("classes");
        QTest::addColumn<qint64>("params");
        QTest::addColumn<qint64>("macs");
        QTest::newRow("ResNet-20 3x32x32") << "resnet20" << 3 << 32 << 10 << 272474LL << 40813184LL;
        QTest::newRow("ResNet-56 3x32x32") << "resnet56" << 3 << 32 << 10 << 855770LL << 125747840LL;
        QTest::newRow("ResNet-110 3x32x32") << "resnet110" << 3 << 32 << 10 << 1730714LL << 253149824LL;
        QTest::newRow("ResNet-20 1x28x28") << "resnet20" << 1 << 28 << 10 << 272186LL << 31021952LL;
        QTest::newRow("VGG-16-BN 3x32x32") << "vgg16" << 3 << 32 << 10 << 14728266LL << 313201664LL;
        QTest::newRow("VGG-19-BN 3x32x32") << "vgg19" << 3 << 32 << 10 << 20040522LL << 398136320LL;
        QTest::newRow("ResNet-18 3x224x224") << "resnet18" << 3 << 224 << 1000 << 11689512LL << 1814073344LL;
        QTest::newRow("MobileNetV2 3x224x224") << "mobilenetv2" << 3 << 224 << 1000 << 3504872LL << 300774272LL;
    }

    void referenceTable()
    {
        QFETCH(QString, model);
        QFETCH(int, channels);
        QFETCH(int, side);
        QFETCH(int, classes);
        QFETCH(qint64, params);
        QFETCH(qint64, macs);
        const Graph graph = io::buildZooModel({model.toStdString(), channels, side, side, classes, 0});
        const analysis::CostReport report = analysis::analyzeCost(graph);
        QCOMPARE(report.params, params);
        QCOMPARE(report.macs, macs);
        qint64 summedParams = 0;
        qint64 summedMacs = 0;
        for (const analysis::NodeCost& node : report.nodes) {
            summedParams += node.params;
            summedMacs += node.macs;
        }
        QCOMPARE(summedParams, params);
        QCOMPARE(summedMacs, macs);
        // A dense model's non-zero counts are its counts less its exactly-zero weights (VGG-19's
        // 20 M uniform draws hold one).
        std::int64_t zeroWeights = 0;
        for (const Node& node : graph.nodes()) {
            if (node.op == OpKind::Conv2d || node.op == OpKind::Linear)
                zeroWeights += node.tensor("weight").eq(0).sum().item<std::int64_t>();
        }
        QVERIFY(zeroWeights <= 1);
        QCOMPARE(report.nonzeroParams, params - zeroWeights);
        if (zeroWeights == 0)
            QCOMPARE(report.nonzeroMacs, macs);
        else
            QVERIFY(report.nonzeroMacs < macs);
    }

    void perNodeCountsByHand()
    {
        GraphBuilder b;
        const ValueId x = b.input("input", {8, 10, 10});
        const ValueId conv = b.conv2d("conv", x, 16, 3, 1, 1, 1, true);      // 16·10·10 outputs × 8·9
        const ValueId dw = b.conv2d("dw", conv, 16, 3, 2, 1, 16, false);     // depthwise: 16·5·5 × 9
        const ValueId bn = b.batchNorm2d("bn", dw);
        const ValueId fc = b.linear("fc", b.flatten("flat", bn), 3);          // 400 × 3
        const analysis::CostReport report = analysis::analyzeCost(b.finish({fc}));
        QCOMPARE(report.nodes.size(), std::size_t{5});
        QCOMPARE(report.nodes[0].macs, std::int64_t{16 * 100 * 72});
        QCOMPARE(report.nodes[0].params, std::int64_t{16 * 72 + 16});
        QCOMPARE(report.nodes[1].macs, std::int64_t{16 * 25 * 9});
        QCOMPARE(report.nodes[1].params, std::int64_t{16 * 9});
        QCOMPARE(report.nodes[2].macs, std::int64_t{0});
        QCOMPARE(report.nodes[2].params, std::int64_t{32}); // γ and β; running stats are buffers
        QCOMPARE(report.nodes[4].macs, std::int64_t{400 * 3});
        QCOMPARE(report.nodes[0].activationBytes, std::int64_t{16 * 100 * 4});
        QCOMPARE(report.activationBytes, std::int64_t{(1600 + 400 + 400 + 400 + 3) * 4});
        // Peak: while conv's 1600 floats are alive with the 800-float input, then dw's output.
        QCOMPARE(report.peakActivationBytes, std::int64_t{(800 + 1600) * 4});
    }

    /// Zero weights cost nothing in the non-zero counts: each conv weight entry does one MAC
    /// per output position, each ConvTranspose entry one per input position, each Linear entry
    /// one; biases and BatchNorm count in full (β = 0 included).
    void nonzeroCountsByHand()
    {
        GraphBuilder b;
        const ValueId conv = b.conv2d("conv", b.input("input", {8, 10, 10}), 16, 3, 1, 1, 1, true); // 1152 weights
        const ValueId bn = b.batchNorm2d("bn", conv);
        const ValueId fc = b.linear("fc", b.flatten("flat", bn), 3);                                 // 4800 weights
        Node up;
        up.name = "up";
        up.op = OpKind::ConvTranspose2d;
        up.inputs = {bn};
        up.attrs.set("stride", std::vector<std::int64_t>{2, 2});
        up.params.push_back({"weight", at::ones({16, 4, 2, 2})});                                   // 256 weights
        up.outputs = {b.graph().addValue("up", inferNodeShapes(up, {b.shape(bn)}).front())};
        b.graph().addNode(std::move(up));
        Graph graph = b.finish({fc, b.graph().nodes().back().outputs.front()});
        {
            at::NoGradGuard noGrad;
            graph.findNode("conv")->tensor("weight").view({-1}).slice(0, 0, 1000, 10).zero_(); // no channel all zero
            graph.findNode("fc")->tensor("weight").view({-1}).narrow(0, 1000, 800).zero_();
            graph.findNode("up")->tensor("weight").view({-1}).narrow(0, 0, 56).zero_();
        }
        const analysis::CostReport report = analysis::analyzeCost(graph);
        const auto node = [&report](const std::string& name) {
            return *std::find_if(report.nodes.begin(), report.nodes.end(), [&](const auto& n) { return n.name == name; });
        };
        QCOMPARE(node("conv").macs, std::int64_t{1152 * 100});
        QCOMPARE(node("conv").nonzeroMacs, std::int64_t{(1152 - 100) * 100});
        QCOMPARE(node("conv").nonzeroParams, std::int64_t{1152 - 100 + 16});
        QCOMPARE(node("bn").nonzeroParams, std::int64_t{32});
        QCOMPARE(node("fc").nonzeroMacs, std::int64_t{4800 - 800});
        QCOMPARE(node("fc").nonzeroParams, std::int64_t{4800 - 800 + 3});
        QCOMPARE(node("up").macs, std::int64_t{256 * 100});
        QCOMPARE(node("up").nonzeroMacs, std::int64_t{(256 - 56) * 100});
        QCOMPARE(report.nonzeroMacs, std::int64_t{(1152 - 100) * 100 + 4800 - 800 + (256 - 56) * 100});
        QCOMPARE(report.nonzeroParams, report.params - 100 - 800 - 56);

        // A magnitude mask of a quarter of the conv's weights (the ones zeroed above among them).
        const Graph masked = prune::applyMagnitudeMasks(graph, {0.25, false, {"fc", "up"}});
        const analysis::CostReport maskedReport = analysis::analyzeCost(masked);
        QCOMPARE(maskedReport.nodes.front().nonzeroMacs, std::int64_t{(1152 - 288) * 100});
        QCOMPARE(maskedReport.macs, report.macs);
    }

    /// The energy estimate by its formula on a small net, totals as the sums of the layers, and
    /// the bit-width scaling arithmetic and memory traffic as configured.
    void energyFollowsItsModel()
    {
        GraphBuilder b(0);
        ValueId x = b.input("input", {3, 8, 8});
        x = b.conv2d("conv", x, 4, 3, 1, 1, 1, /*bias=*/false); // 4·3·9 = 108 weights, 108·64 MACs
        x = b.relu("relu", x);
        x = b.flatten("flatten", x);
        x = b.linear("fc", x, 2); // 256·2 MACs, 512 + 2 params
        const Graph graph = b.finish({x});

        const analysis::EnergyReport energy = analysis::estimateEnergy(graph);
        QCOMPARE(energy.layers.size(), std::size_t{4});
        const analysis::LayerEnergy& conv = energy.layers[0];
        QCOMPARE(conv.name, std::string("conv"));
        QCOMPARE(conv.computePj, 108.0 * 64 * 4.6);
        QCOMPARE(conv.weightPj, 108.0 * 640);
        QCOMPARE(conv.activationPj, (3.0 * 64 + 4 * 64) * 5);
        const analysis::LayerEnergy& relu = energy.layers[1];
        QCOMPARE(relu.computePj, 0.0);
        QCOMPARE(relu.weightPj, 0.0);
        QCOMPARE(relu.activationPj, 2.0 * 256 * 5);
        QCOMPARE(energy.layers[3].computePj, 512.0 * 4.6);
        QCOMPARE(energy.layers[3].weightPj, 514.0 * 640);
        double compute = 0, weights = 0, activations = 0;
        for (const analysis::LayerEnergy& layer : energy.layers) {
            compute += layer.computePj;
            weights += layer.weightPj;
            activations += layer.activationPj;
        }
        QCOMPARE(energy.computePj, compute);
        QCOMPARE(energy.weightPj, weights);
        QCOMPARE(energy.activationPj, activations);
        QCOMPARE(energy.totalPj(), compute + weights + activations);

        // 8 bits: 0.23 pJ per MAC and a quarter of the traffic; one layer kept at 16 bits.
        analysis::EnergySettings settings;
        settings.bits = 8;
        settings.layerBits["fc"] = 16;
        const analysis::EnergyReport eight = analysis::estimateEnergy(graph, settings);
        QCOMPARE(eight.layers[0].bits, 8);
        QCOMPARE(eight.layers[0].computePj, 108.0 * 64 * 0.23);
        QCOMPARE(eight.layers[0].weightPj, 108.0 * 640 / 4);
        QCOMPARE(eight.layers[0].activationPj, conv.activationPj / 4);
        QCOMPARE(eight.layers[3].bits, 16);
        QCOMPARE(eight.layers[3].computePj, 512.0 * 1.5);
        QCOMPARE(eight.layers[3].weightPj, 514.0 * 640 / 2);
        QVERIFY(eight.totalPj() < energy.totalPj());

        // The per-MAC figure: the table at 32/16/8, linear between, quadratic below 8; edited figures count.
        QCOMPARE(analysis::macEnergyPj(24, {}), (1.5 + 4.6) / 2);
        QCOMPARE(analysis::macEnergyPj(12, {}), (0.23 + 1.5) / 2);
        QCOMPARE(analysis::macEnergyPj(4, {}), 0.23 / 4);
        analysis::EnergySettings edited;
        edited.macPj32 = 1.0;
        edited.dramPjPer32Bits = 0;
        QCOMPARE(analysis::estimateEnergy(graph, edited).layers[0].computePj, 108.0 * 64);
        QCOMPARE(analysis::estimateEnergy(graph, edited).weightPj, 0.0);
    }

    void energyRefusesImpossibleSettings()
    {
        GraphBuilder b(0);
        const Graph graph = b.finish({b.conv2d("conv", b.input("input", {1, 4, 4}), 2, 3)});
        analysis::EnergySettings settings;
        settings.bits = 1;
        QVERIFY(test::errorOf([&] { analysis::estimateEnergy(graph, settings); }, ErrorCode::InvalidArgument).contains("bits"));
        settings.bits = 33;
        QVERIFY(test::errorOf([&] { analysis::estimateEnergy(graph, settings); }, ErrorCode::InvalidArgument).contains("bits"));
        settings.bits = 8;
        settings.layerBits["fc"] = 8;
        QVERIFY(test::errorOf([&] { analysis::estimateEnergy(graph, settings); }, ErrorCode::InvalidArgument).contains("'fc'"));
        settings.layerBits = {{"conv", 64}};
        QVERIFY(test::errorOf([&] { analysis::estimateEnergy(graph, settings); }, ErrorCode::InvalidArgument).contains("conv"));
        settings.layerBits.clear();
        settings.sramPjPer32Bits = -1;
        QVERIFY(test::errorOf([&] { analysis::estimateEnergy(graph, settings); }, ErrorCode::InvalidArgument).contains("sramPjPer32Bits"));
    }

    /// measureLatency() times exactly the runs asked for, after the warm-up, and its figures
    /// agree with its samples; per-layer times cover every node of the graph it ran.
    void latencyTimesTheRunsAskedFor()
    {
        const Graph graph = io::buildZooModel({"resnet20", 3, 16, 16, 10, 0});
        analysis::LatencyOptions options;
        options.runs = 5;
        options.warmUp = 2;
        options.layerRuns = 2;
        int progressCalls = 0;
        JobContext context;
        context.reportProgress = [&](const Progress& progress) {
            ++progressCalls;
            QCOMPARE(progress.total, std::int64_t{7});
        };
        const analysis::LatencyReport report = analysis::measureLatency(graph, options, context);
        QCOMPARE(report.runs, 5);
        QCOMPARE(report.samplesMs.size(), std::size_t{5});
        QCOMPARE(progressCalls, 7);
        std::vector<double> sorted = report.samplesMs;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(report.medianMs, sorted[2]);
        QCOMPARE(report.minMs, sorted.front());
        QVERIFY(report.p90Ms >= report.medianMs);
        QCOMPARE(report.imagesPerSecond, 1000.0 / report.medianMs);
        // Folded: every BatchNorm of ResNet-20 went into its convolution.
        const auto norms = std::count_if(graph.nodes().begin(), graph.nodes().end(),
                                         [](const Node& node) { return node.op == OpKind::BatchNorm2d; });
        QVERIFY(norms >= 19);
        QCOMPARE(report.layers.size(), graph.nodes().size() - static_cast<std::size_t>(norms));
        QVERIFY(std::none_of(report.layers.begin(), report.layers.end(),
                             [](const analysis::LayerLatency& layer) { return layer.op == "BatchNorm2d"; }));
        QVERIFY(std::any_of(report.layers.begin(), report.layers.end(),
                            [](const analysis::LayerLatency& layer) { return layer.meanMs > 0; }));
    }

    /// A cancel keeps the runs already timed; before the first it cancels the job. Impossible
    /// settings are refused by name.
    void latencyCancelsAndRefuses()
    {
        const Graph graph = io::buildZooModel({"lenet5", 1, 28, 28, 10, 0});
        analysis::LatencyOptions options;
        options.runs = 50;
        options.warmUp = 0;
        int forwards = 0;
        JobContext context;
        context.reportProgress = [&](const Progress&) { ++forwards; };
        context.isCancelled = [&] { return forwards >= 3; };
        QCOMPARE(analysis::measureLatency(graph, options, context).runs, 3);

        context.isCancelled = [] { return true; };
        QVERIFY_THROWS_EXCEPTION(JobCancelled, analysis::measureLatency(graph, options, context));

        options.batch = 0;
        QVERIFY(test::errorOf([&] { analysis::measureLatency(graph, options); }, ErrorCode::InvalidArgument).contains("batch"));
        options.batch = 1;
        options.warmUp = -1;
        QVERIFY(test::errorOf([&] { analysis::measureLatency(graph, options); }, ErrorCode::InvalidArgument).contains("warm-up"));
        options.warmUp = 0;
        options.runs = 0;
        QVERIFY(test::errorOf([&] { analysis::measureLatency(graph, options); }, ErrorCode::InvalidArgument).contains("runs"));
    }
};

QTEST_APPLESS_MAIN(TestCost)
#include "tst_cost.moc"
