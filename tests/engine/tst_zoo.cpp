#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "graph/executor.h"
#include "io/zoo.h"

#include <cmath>

using namespace slim::engine;
using namespace slim::engine::graph;

class TestZoo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyModelRuns_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("side");
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("convs");
        // Small inputs keep this fast; the shapes still go through every stage.
        QTest::newRow("lenet5") << "lenet5" << 1 << 28 << 10 << 2;
        QTest::newRow("vgg11") << "vgg11" << 3 << 32 << 10 << 8;
        QTest::newRow("vgg16 on 28x28") << "vgg16" << 1 << 28 << 10 << 13;
        QTest::newRow("vgg19") << "vgg19" << 3 << 32 << 100 << 16;
        QTest::newRow("resnet20") << "resnet20" << 1 << 28 << 10 << 21;
        QTest::newRow("resnet32") << "resnet32" << 3 << 32 << 10 << 33;
        QTest::newRow("resnet56") << "resnet56" << 3 << 32 << 10 << 57;
        QTest::newRow("resnet110") << "resnet110" << 3 << 16 << 10 << 111;
        QTest::newRow("resnet18") << "resnet18" << 3 << 64 << 7 << 20;
        QTest::newRow("mobilenetv2") << "mobilenetv2" << 3 << 32 << 10 << 52;
    }

    void everyModelRuns()
    {
        QFETCH(QString, model);
        QFETCH(int, channels);
        QFETCH(int, side);
        QFETCH(int, classes);
        QFETCH(int, convs);
        const Graph g = io::buildZooModel({model.toStdString(), channels, side, side, classes, 0});
        int convCount = 0;
        for (const Node& node : g.nodes())
            convCount += node.op == OpKind::Conv2d ? 1 : 0;
        QCOMPARE(convCount, convs);
        QCOMPARE(g.value(g.outputs()[0]).shape, (Shape{classes}));
        const Executor executor(g);
        at::InferenceMode inference;
        const at::Tensor out = executor.forward(at::randn({2, channels, side, side}));
        QCOMPARE(out.sizes().vec(), (std::vector<std::int64_t>{2, classes}));
        QVERIFY(at::isfinite(out).all().item<bool>());
    }

    void namesFollowPyTorchModulePaths()
    {
        const Graph g = io::buildZooModel({"resnet20", 3, 32, 32, 10, 0});
        for (const char* name : {"conv1", "bn1", "layer1.0.conv1", "layer2.0.downsample.0", "layer3.2.bn2", "fc"})
            QVERIFY2(g.findNode(name), name);
        const Graph m = io::buildZooModel({"mobilenetv2", 3, 32, 32, 10, 0});
        for (const char* name : {"features.0.0", "features.1.conv.0.0", "features.2.conv.1.0", "features.18.0", "classifier.1"})
            QVERIFY2(m.findNode(name), name);
    }

    void initialisationFollowsPyTorchDefaults()
    {
        const Graph g = io::buildZooModel({"resnet20", 3, 32, 32, 10, 0});
        const Node* conv = g.findNode("layer1.0.conv1"); // fan_in = 16·3·3
        const double bound = 1.0 / std::sqrt(16.0 * 9.0);
        const at::Tensor w = conv->tensor("weight");
        QVERIFY(w.abs().max().item<double>() <= bound);
        // U(−b, b) has standard deviation b/√3; 2304 samples put it within a few percent.
        QVERIFY(std::abs(w.std().item<double>() - bound / std::sqrt(3.0)) < 0.1 * bound);
        const Node* bn = g.findNode("bn1");
        QVERIFY(at::equal(bn->tensor("weight"), at::ones({16})));
        QVERIFY(at::equal(bn->tensor("bias"), at::zeros({16})));
        QVERIFY(at::equal(bn->tensor("running_var"), at::ones({16})));
    }

    void seedMakesItDeterministic()
    {
        const Graph a = io::buildZooModel({"lenet5", 1, 28, 28, 10, 42});
        const Graph b = io::buildZooModel({"lenet5", 1, 28, 28, 10, 42});
        const Graph c = io::buildZooModel({"lenet5", 1, 28, 28, 10, 43});
        QVERIFY(at::equal(a.nodes()[0].tensor("weight"), b.nodes()[0].tensor("weight")));
        QVERIFY(!at::equal(a.nodes()[0].tensor("weight"), c.nodes()[0].tensor("weight")));
    }

    void badRequestsGiveClearErrors()
    {
        try {
            io::buildZooModel({"resnet99", 3, 32, 32, 10, 0});
            QFAIL("unknown model must fail");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::UnknownModel));
            QVERIFY(QString(error.what()).contains("resnet99"));
            QVERIFY(QString(error.what()).contains("resnet56"));
        }
        try {
            io::buildZooModel({"lenet5", 1, 4, 4, 10, 0});
            QFAIL("a 4×4 input is too small for LeNet-5");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::InvalidArgument));
            QVERIFY2(QString(error.what()).contains("lenet5 cannot take a 1×4×4 input"), error.what());
        }
        try {
            io::buildZooModel({"resnet20", 3, 32, 32, 0, 0});
            QFAIL("zero classes must fail");
        } catch (const Error& error) {
            QVERIFY(QString(error.what()).contains("classes"));
        }
    }
};

QTEST_APPLESS_MAIN(TestZoo)
#include "tst_zoo.moc"
