#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "core/runtime.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "io/zoo.h"

#include <thread>

using namespace slim::engine;
using namespace slim::engine::graph;

namespace {
/// input 3×8×8 → conv(4, 3×3, pad 1) → bn → relu → gap → flatten → linear(5)
Graph smallNet()
{
    GraphBuilder b(7);
    const ValueId x = b.input("input", {3, 8, 8});
    ValueId y = b.conv2d("conv", x, 4, 3, 1, 1);
    y = b.batchNorm2d("bn", y);
    y = b.relu("relu", y);
    y = b.flatten("flatten", b.adaptiveAvgPool2d("gap", y, 1));
    y = b.linear("fc", y, 5);
    return b.finish({y});
}
} // namespace

class TestExecutor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void evalMatchesHandWrittenAten()
    {
        Graph g = smallNet();
        // Non-trivial running statistics so eval-mode BN is really exercised.
        g.nodes()[1].setTensor("running_mean", at::randn({4}));
        g.nodes()[1].setTensor("running_var", at::rand({4}) + 0.5);
        const Executor executor(g);
        const at::Tensor input = at::randn({2, 3, 8, 8});
        const at::Tensor actual = executor.forward(input);

        const Node& conv = g.nodes()[0];
        const Node& bn = g.nodes()[1];
        const Node& fc = g.nodes()[5];
        at::Tensor expected = at::conv2d(input, conv.tensor("weight"), conv.tensor("bias"), 1, 1);
        expected = (expected - bn.tensor("running_mean").view({1, 4, 1, 1}))
                   / at::sqrt(bn.tensor("running_var").view({1, 4, 1, 1}) + 1e-5) * bn.tensor("weight").view({1, 4, 1, 1})
                   + bn.tensor("bias").view({1, 4, 1, 1});
        expected = at::relu(expected).mean({2, 3});
        expected = at::matmul(expected, fc.tensor("weight").t()) + fc.tensor("bias");
        QCOMPARE(actual.sizes().vec(), (std::vector<std::int64_t>{2, 5}));
        QVERIFY(at::allclose(actual, expected, 1e-5, 1e-5));
    }

    void trainModeUpdatesBatchNormStatistics()
    {
        Graph g = smallNet();
        const Executor executor(g);
        const at::Tensor before = g.nodes()[1].tensor("running_mean").clone();
        executor.run({at::randn({4, 3, 8, 8}) + 3.0}, ExecMode::Train);
        QVERIFY(!at::equal(before, g.nodes()[1].tensor("running_mean")));
        QCOMPARE(g.nodes()[1].tensor("num_batches_tracked").item<std::int64_t>(), std::int64_t{1});
        const at::Tensor afterTrain = g.nodes()[1].tensor("running_mean").clone();
        executor.run({at::randn({4, 3, 8, 8})}, ExecMode::Eval);
        QVERIFY(at::equal(afterTrain, g.nodes()[1].tensor("running_mean")));
    }

    void gradientsReachEveryParameter()
    {
        Graph g = smallNet();
        for (at::Tensor& p : g.parameters())
            p.requires_grad_(true);
        const Executor executor(g);
        const at::Tensor out = executor.run({at::randn({3, 3, 8, 8})}, ExecMode::Train).front();
        out.pow(2).sum().backward();
        const std::vector<at::Tensor> params = g.parameters();
        QCOMPARE(params.size(), std::size_t{6}); // conv w/b, bn γ/β, fc w/b
        for (const at::Tensor& p : params) {
            QVERIFY(p.grad().defined());
            QVERIFY(p.grad().abs().sum().item<double>() > 0);
        }
    }

    void inPlaceReluGivesTheSameGradients()
    {
        // ResNet-20 has ReLU after BN (in place) and after Add (in place); compare with the
        // plain path, forward and every gradient.
        Graph g = io::buildZooModel({"resnet20", 1, 12, 12, 10, 2});
        for (at::Tensor& p : g.parameters())
            p.requires_grad_(true);
        const at::Tensor input = at::randn({4, 1, 12, 12});
        std::vector<std::vector<at::Tensor>> grads;
        std::vector<at::Tensor> outputs;
        for (const bool inPlace : {false, true}) {
            Graph copy = g.clone();
            Executor executor(copy);
            executor.setInPlaceActivations(inPlace);
            const at::Tensor out = executor.run({input}, ExecMode::Train).front();
            out.pow(2).sum().backward();
            outputs.push_back(out.detach());
            std::vector<at::Tensor> list;
            for (const at::Tensor& p : copy.parameters())
                list.push_back(p.grad());
            grads.push_back(list);
        }
        QVERIFY(at::equal(outputs[0], outputs[1]));
        QCOMPARE(grads[0].size(), grads[1].size());
        for (std::size_t i = 0; i < grads[0].size(); ++i)
            QVERIFY(at::allclose(grads[0][i], grads[1][i], 1e-5, 1e-6));
    }

    void inPlaceNeverTouchesTappedOrSharedValues()
    {
        // A BN output read by two ReLUs must not be overwritten; a tapped one neither.
        GraphBuilder b;
        const ValueId x = b.input("input", {2, 4, 4});
        const ValueId bn = b.batchNorm2d("bn", x);
        const ValueId r1 = b.relu("relu1", bn);
        const ValueId r2 = b.relu("relu2", bn);
        const ValueId bn2 = b.batchNorm2d("bn2", b.add("sum", r1, r2));
        const ValueId out = b.relu("relu3", bn2);
        Graph g = b.finish({out});
        g.nodes()[4].setTensor("bias", at::full({2}, -1.0f)); // bn2 now has negative outputs
        const Executor executor(g);
        std::map<std::string, at::Tensor> taps;
        const at::Tensor input = at::randn({1, 2, 4, 4});
        const at::Tensor result = executor.run({input}, ExecMode::Eval, {"bn2"}, &taps).front();
        QVERIFY(taps.at("bn2").min().item<float>() < 0.0f); // still the BN output, not its ReLU
        QVERIFY(at::allclose(result, at::relu(taps.at("bn2"))));
    }

    void channelsLastComputesTheSame_data()
    {
        // MobileNetV2 covers 1×1, depthwise and 3×3 convolutions; ResNet-20 in training mode
        // covers batch-statistics BatchNorm. (MobileNetV2 in training mode at a tiny batch
        // normalises 1×1 maps over two values, which turns rounding noise into large
        // differences, so it is compared with running statistics.)
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("batch");
        QTest::newRow("mobilenetv2, eval") << "mobilenetv2" << int(ExecMode::Eval) << 2;
        QTest::newRow("resnet20, train") << "resnet20" << int(ExecMode::Train) << 8;
    }

    void channelsLastComputesTheSame()
    {
        QFETCH(QString, model);
        QFETCH(int, mode);
        QFETCH(int, batch);
        Graph g = io::buildZooModel({model.toStdString(), 3, 32, 32, 10, 4});
        for (at::Tensor& p : g.parameters())
            p.requires_grad_(true);
        Graph nhwc = g.clone();
        convertToChannelsLast(nhwc);
        // Compare strides, not is_contiguous(ChannelsLast): that is also true of NCHW 1×1 and
        // single-input-channel (depthwise) weights, whose size-1 axes make both layouts match.
        for (const Node& node : nhwc.nodes()) {
            if (node.op != OpKind::Conv2d)
                continue;
            const at::Tensor weight = node.tensor("weight");
            const std::int64_t in = weight.size(1);
            const std::int64_t height = weight.size(2);
            const std::int64_t width = weight.size(3);
            const std::vector<std::int64_t> nhwcStrides{height * width * in, 1, width * in, in};
            QVERIFY2(weight.strides().vec() == nhwcStrides,
                     qPrintable(QStringLiteral("%1: weight %2 has strides %3, NHWC is %4")
                                    .arg(QString::fromStdString(node.name), QString::fromStdString(shapeToString(weight.sizes().vec())),
                                         QString::fromStdString(shapeToString(weight.strides().vec())),
                                         QString::fromStdString(shapeToString(nhwcStrides)))));
        }
        at::manual_seed(7);
        const at::Tensor input = at::randn({batch, 3, 32, 32});
        Executor plain(g);
        Executor fast(nhwc);
        fast.setChannelsLast(true);
        const at::Tensor a = plain.run({input}, static_cast<ExecMode>(mode)).front();
        const at::Tensor b = fast.run({input}, static_cast<ExecMode>(mode)).front();
        QVERIFY2(at::allclose(a, b, 1e-4, 1e-5), qPrintable(QString::number((a - b).abs().max().item<double>())));
        a.pow(2).sum().backward();
        b.pow(2).sum().backward();
        const auto ga = g.parameters();
        const auto gb = nhwc.parameters();
        for (std::size_t i = 0; i < ga.size(); ++i) {
            const double scale = ga[i].grad().abs().max().item<double>();
            const double difference = (ga[i].grad() - gb[i].grad()).abs().max().item<double>();
            // Gradients flow back through up to 19 batch-statistics BatchNorms, each of which
            // amplifies the different summation order of the NHWC kernels: 1 % of the tensor's
            // scale still catches a wrong layout, which is off by the gradient's own size.
            QVERIFY2(difference <= 1e-2 * scale + 1e-5,
                     qPrintable(QStringLiteral("parameter %1: difference %2, largest gradient %3").arg(i).arg(difference).arg(scale)));
        }
    }

    void tapsReturnNamedIntermediates()
    {
        const Graph g = smallNet();
        const Executor executor(g);
        std::map<std::string, at::Tensor> taps;
        const at::Tensor input = at::randn({1, 3, 8, 8});
        executor.run({input}, ExecMode::Eval, {"relu", "input"}, &taps);
        QCOMPARE(taps.size(), std::size_t{2});
        QCOMPARE(taps.at("relu").sizes().vec(), (std::vector<std::int64_t>{1, 4, 8, 8}));
        QVERIFY(taps.at("relu").min().item<float>() >= 0.0f);
        QVERIFY(at::equal(taps.at("input"), input));
        try {
            executor.run({input}, ExecMode::Eval, {"nope"}, &taps);
            QFAIL("tapping an unknown value must fail");
        } catch (const Error& error) {
            QVERIFY(QString(error.what()).contains("nope"));
        }
    }

    void batchOneOneDnnPathMatchesDefault()
    {
        const Graph g = io::buildZooModel({"resnet20", 1, 28, 28, 10, 3});
        Executor direct(g);
        Executor plain(g);
        plain.setDirectOneDnn(false);
        at::InferenceMode inference;
        const at::Tensor input = at::randn({1, 1, 28, 28});
        QVERIFY(at::allclose(direct.forward(input), plain.forward(input), 1e-4, 1e-5));
    }

    void channelsLastInferenceBatchNorm_data()
    {
        // The executor runs inference BatchNorm on NHWC maps itself (ATen 1.13 is slow at widths
        // that are not multiples of 8, what pruning leaves): odd widths, a multiple of 8, and an
        // odd pixel count (one pixel per row) cover its branches.
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("size");
        QTest::newRow("5 channels") << 5 << 4 << 8;
        QTest::newRow("12 channels, 1x3x3: odd pixel count") << 12 << 1 << 3;
        QTest::newRow("23 channels") << 23 << 2 << 6;
        QTest::newRow("64 channels") << 64 << 3 << 4;
    }

    void channelsLastInferenceBatchNorm()
    {
        QFETCH(int, channels);
        QFETCH(int, batch);
        QFETCH(int, size);
        GraphBuilder b(5);
        const ValueId x = b.input("input", {channels, size, size});
        Graph g = b.finish({b.batchNorm2d("bn", x, 1e-3)});
        Node& bn = g.nodes()[0];
        bn.setTensor("weight", at::randn({channels}));
        bn.setTensor("bias", at::randn({channels}));
        bn.setTensor("running_mean", at::randn({channels}));
        bn.setTensor("running_var", at::rand({channels}) + 0.5);
        Executor executor(g);
        executor.setChannelsLast(true);
        const at::Tensor input = at::randn({batch, channels, size, size});

        at::InferenceMode inference;
        const at::Tensor actual = executor.forward(input);
        const auto perChannel = [&](const char* name) { return bn.tensor(name).view({1, channels, 1, 1}); };
        const at::Tensor expected = (input - perChannel("running_mean")) / at::sqrt(perChannel("running_var") + 1e-3)
                                        * perChannel("weight")
                                    + perChannel("bias");
        QCOMPARE(actual.sizes().vec(), input.sizes().vec());
        QVERIFY2(at::allclose(actual, expected, 1e-5, 1e-5), qPrintable(QString::number((actual - expected).abs().max().item<double>())));
        // The next convolution gets NHWC memory as it would from ATen, so oneDNN needs no reorder.
        const std::vector<std::int64_t> nhwcStrides{size * size * channels, 1, size * channels, channels};
        QCOMPARE(actual.strides().vec(), nhwcStrides);
    }

    void wrongInputShapeIsNamed()
    {
        const Graph g = smallNet();
        const Executor executor(g);
        try {
            executor.forward(at::randn({2, 1, 8, 8}));
            QFAIL("wrong shape must fail");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::ShapeMismatch));
            QVERIFY2(QString(error.what()).contains("input 'input' expects N×3×8×8, got 2×1×8×8"), error.what());
        }
    }

    void threadCountDefaultsToAllCores()
    {
        const Graph g = smallNet();
        const Executor executor(g);
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        QCOMPARE(threadCount(), cores);
        setThreadCount(1);
        QCOMPARE(threadCount(), 1);
        setThreadCount(0);
        QCOMPARE(threadCount(), cores);
    }
};

QTEST_APPLESS_MAIN(TestExecutor)
#include "tst_executor.moc"
