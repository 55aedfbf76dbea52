#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "io/onnxexport.h"
#include "io/onnximport.h"
#include "io/zoo.h"

using namespace slim::engine;
using namespace slim::engine::graph;

namespace {
void expectVerified(const io::OnnxExport& exported)
{
    QVERIFY(!exported.bytes.empty());
    QVERIFY(exported.verification.checkerPassed);
    QVERIFY(exported.verification.shapeInferencePassed);
    QVERIFY2(exported.verification.openCvRan, exported.verification.openCvError.c_str());
    QVERIFY2(exported.verification.maxAbsDifference <= 1e-4,
             qPrintable(QString::number(exported.verification.maxAbsDifference)));
}
} // namespace

class TestOnnxExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyZooModelExportsAndMatchesInOpenCv_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("opset");
        for (const std::string& name : zooModelNames()) {
            for (const int opset : {12, 13, 17})
                QTest::newRow(qPrintable(QStringLiteral("%1 opset %2").arg(QString::fromStdString(name)).arg(opset)))
                    << QString::fromStdString(name) << opset;
        }
    }

    void everyZooModelExportsAndMatchesInOpenCv()
    {
        QFETCH(QString, model);
        QFETCH(int, opset);
        // Trained-looking BatchNorm statistics, so the cross-check is not on identities.
        Graph g = io::buildZooModel({model.toStdString(), 3, 32, 32, 10, 1});
        at::Generator generator = at::detail::createCPUGenerator(5);
        g.forEachTensor([&generator](Node& node, NamedTensor& named) {
            if (node.op == OpKind::BatchNorm2d && named.name == "running_mean")
                named.tensor = at::randn(named.tensor.sizes(), generator) * 0.1;
            if (node.op == OpKind::BatchNorm2d && named.name == "running_var")
                named.tensor = at::rand(named.tensor.sizes(), generator) + 0.5;
        });
        io::OnnxExportOptions options;
        options.opset = opset;
        expectVerified(io::exportOnnx(g, options));
    }

    void rewritesAndDecompositionsStayExact()
    {
        // ReLU6 (Clip, and Relu − Relu for OpenCV), SiLU, padded AvgPool counting the padding,
        // an SE-style Mul, Concat, LeakyReLU and a reshape that is not a plain flatten.
        GraphBuilder b(3);
        const ValueId x = b.input("input", {4, 12, 12});
        const ValueId conv = b.conv2d("conv", x, 8, 3, 1, 1);
        const ValueId six = b.op(OpKind::ReLU6, "relu6", {conv});
        const ValueId silu = b.op(OpKind::SiLU, "silu", {conv});
        Attributes avg;
        avg.set("kernel_size", std::vector<std::int64_t>{3, 3});
        avg.set("stride", std::vector<std::int64_t>{1, 1});
        avg.set("padding", std::vector<std::int64_t>{1, 1});
        const ValueId pooled = b.op(OpKind::AvgPool2d, "avgpool", {silu}, avg);
        const ValueId gate = b.op(OpKind::Sigmoid, "gate", {b.adaptiveAvgPool2d("squeeze", six, 1)});
        const ValueId scaled = b.op(OpKind::Mul, "excite", {pooled, gate});
        Attributes cat;
        cat.set("dim", std::int64_t{1});
        const ValueId joined = b.op(OpKind::Concat, "cat", {scaled, six}, cat);
        Attributes leaky;
        leaky.set("negative_slope", 0.2);
        Attributes clamp; // a general clamp: Clip, and low + Relu(x − low) − Relu(x − high) for OpenCV
        clamp.set("min", -0.5);
        clamp.set("max", 0.75);
        const ValueId act = b.op(OpKind::Clamp, "clamp", {b.op(OpKind::LeakyReLU, "leaky", {joined}, leaky)}, clamp);
        Attributes reshape;
        reshape.set("shape", std::vector<std::int64_t>{16, 144});
        const ValueId flat = b.op(OpKind::Reshape, "reshape", {b.maxPool2d("pool", act, 1, 1)}, reshape);
        const ValueId summed = b.op(OpKind::Flatten, "flatten", {flat});
        const Graph g = b.finish({b.linear("fc", summed, 5)});
        for (const int opset : {11, 13, 14, 17}) {
            io::OnnxExportOptions options;
            options.opset = opset;
            expectVerified(io::exportOnnx(g, options));
        }
    }

    /// Adaptive pooling to a size that does not divide the input (windows overlap and differ in
    /// size) is written as two MatMuls with constant pooling matrices, exact in OpenCV and read back.
    void adaptivePoolingThatDoesNotDivide()
    {
        GraphBuilder b(5);
        const ValueId x = b.input("input", {3, 10, 9});
        const ValueId conv = b.conv2d("conv", x, 4, 3, 1, 1);
        const ValueId pooled = b.adaptiveAvgPool2d("pool", conv, 4); // 10 → 4 and 9 → 4: uneven windows
        QCOMPARE(b.shape(pooled), (Shape{4, 4, 4}));
        const Graph g = b.finish({b.linear("fc", b.flatten("flatten", pooled), 3)});
        const io::OnnxExport exported = io::exportOnnx(g);
        expectVerified(exported);
        const auto occurrences = [&](const std::string& text) {
            int count = 0;
            for (std::size_t at = exported.bytes.find(text); at != std::string::npos; at = exported.bytes.find(text, at + 1))
                ++count;
            return count;
        };
        QCOMPARE(occurrences("MatMul"), 2); // the op types; no node or tensor name holds the word
        QCOMPARE(occurrences("AveragePool"), 0);
        // Read back by Slimbench's importer, the file computes what the graph does.
        at::InferenceMode inference;
        const at::Tensor input = at::randn({1, 3, 10, 9});
        const at::Tensor expected = Executor(g).forward(input);
        const Graph back = io::importOnnx(exported.bytes, "pool.onnx");
        QVERIFY((Executor(back).forward(input) - expected).abs().max().item<double>() < 1e-5);
    }

    /// --dynamic-batch: the batch is a symbol on every input and output, reshapes copy it, and
    /// the file is verified at batch 3; a resize by explicit sizes cannot follow a symbol.
    void dynamicBatch()
    {
        io::OnnxExportOptions options;
        options.dynamicBatch = true;
        options.batch = 3;
        const Graph resnet = io::buildZooModel({"resnet20", 3, 16, 16, 10, 0});
        const io::OnnxExport exported = io::exportOnnx(resnet, options);
        expectVerified(exported);
        QVERIFY(exported.bytes.find("batch") != std::string::npos);
        // Read back, it runs at any batch.
        const Graph back = io::importOnnx(exported.bytes, "dynamic.onnx");
        at::InferenceMode inference;
        const at::Tensor input = at::randn({5, 3, 16, 16});
        QVERIFY((Executor(back).forward(input) - Executor(resnet).forward(input)).abs().max().item<double>() < 1e-4);

        GraphBuilder b(2);
        const ValueId x = b.input("input", {4, 6, 6});
        Attributes reshape;
        reshape.set("shape", std::vector<std::int64_t>{8, 18});
        const ValueId r = b.op(OpKind::Reshape, "reshape", {b.conv2d("conv", x, 4, 3, 1, 1)}, reshape);
        expectVerified(io::exportOnnx(b.finish({b.linear("fc", b.flatten("flatten", r), 2)}), options));

        GraphBuilder u(2);
        Attributes resize;
        resize.set("mode", std::string("nearest"));
        resize.set("size", std::vector<std::int64_t>{9, 9}); // 6 → 9: by sizes, not a whole scale
        const Graph upsample = u.finish({u.op(OpKind::Upsample, "up", {u.input("input", {2, 6, 6})}, resize)});
        expectVerified(io::exportOnnx(upsample)); // static: fine
        try {
            io::exportOnnx(upsample, options);
            QFAIL("a resize by sizes must be refused with a dynamic batch");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("dynamic batch"), error.what());
        }
    }

    void refusesWhatItCannotWrite()
    {
        GraphBuilder b;
        const ValueId x = b.input("input", {3, 4, 5});
        const Graph g = b.finish({b.linear("fc", x, 2)}); // Linear on a rank-4 tensor
        try {
            io::exportOnnx(g);
            QFAIL("a Linear on N×3×4×5 must be refused");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::Unsupported));
            QVERIFY2(QString(error.what()).contains("node 'fc' (Linear)"), error.what());
        }
        io::OnnxExportOptions options;
        options.opset = 18;
        try {
            io::exportOnnx(io::buildZooModel({"lenet5", 1, 28, 28, 10, 0}), options);
            QFAIL("opset 18 is beyond libonnx 1.12");
        } catch (const Error& error) {
            QVERIFY(QString(error.what()).contains("11..17"));
        }
    }
};

QTEST_APPLESS_MAIN(TestOnnxExport)
#include "tst_onnxexport.moc"
