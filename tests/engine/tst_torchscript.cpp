#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "expecterror.h"
#include "fixtures.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "io/npy.h"
#include "io/onnximport.h"
#include "io/torchscriptexport.h"
#include "io/torchscriptimport.h"
#include "io/zoo.h"

#include <torch/csrc/jit/api/module.h>

#include <QProcess>
#include <QTemporaryDir>

#include <fstream>
#include <random>
#include <sstream>

using namespace slim::engine;
using slim::engine::test::errorOf;
using namespace slim::engine::graph;

namespace {
std::string script(const std::string& name)
{
    return test::fixturePath("torchscript", name);
}

at::Tensor npy(const std::string& name)
{
    return test::npyTensor(test::fixturePath("onnx", name));
}

std::vector<std::int64_t> sampleShape(const at::Tensor& batch)
{
    return {batch.sizes().begin() + 1, batch.sizes().end()};
}

io::NpyArray toNpy(const at::Tensor& tensor)
{
    const at::Tensor t = tensor.contiguous();
    return {t.sizes().vec(), std::vector<float>(t.data_ptr<float>(), t.data_ptr<float>() + t.numel())};
}

/// A graph with every op the exporter writes that the zoo and the fixtures do not cover.
Graph opCoverageGraph()
{
    GraphBuilder b(3);
    const ValueId x = b.input("input", {3, 8, 8});
    Attributes gelu;
    gelu.set("approximate", std::string("tanh"));
    ValueId y = b.op(OpKind::GELU, "gelu", {b.conv2d("conv", x, 6, 3, 1, 1)}, gelu);
    Attributes pad;
    pad.set("pads", std::vector<std::int64_t>{1, 2, 2, 1});
    pad.set("mode", std::string("reflect"));
    y = b.op(OpKind::Pad, "pad", {y}, pad);
    Attributes pool;
    pool.set("kernel_size", std::vector<std::int64_t>{3, 3});
    pool.set("stride", std::vector<std::int64_t>{2, 2});
    pool.set("padding", std::vector<std::int64_t>{1, 1});
    pool.set("ceil_mode", std::int64_t{1});
    y = b.op(OpKind::AvgPool2d, "avgpool", {y}, pool);
    Attributes slice;
    slice.set("dim", std::int64_t{2});
    slice.set("start", std::int64_t{1});
    slice.set("end", std::int64_t{100});
    slice.set("step", std::int64_t{2});
    y = b.op(OpKind::Slice, "slice", {y}, slice);
    y = b.op(OpKind::Tanh, "tanh", {b.op(OpKind::LeakyReLU, "leaky", {y})});
    Attributes clamp; // hardtanh with bounds other than ReLU6's, and a one-sided clamp
    clamp.set("min", -0.25);
    clamp.set("max", 0.5);
    y = b.op(OpKind::Clamp, "hardtanh", {y}, clamp);
    Attributes floor;
    floor.set("min", -0.1);
    y = b.op(OpKind::Clamp, "floor", {y}, floor);
    return b.finish({y});
}

/// A TorchScript archive whose forward(x) returns `expression`, compiled and saved here.
std::string scriptedArchive(const std::string& expression)
{
    torch::jit::Module module("Resampler");
    module.define("def forward(self, x):\n    return " + expression + "\n");
    std::ostringstream stream;
    module.save(stream);
    return stream.str();
}

const char* const kFixtures[] = {"residual", "inverted_residual", "squeeze_excite", "fire", "linear_head",
                                 "c2f_sppf", "shufflenet_unit", "decoder", "resample"};
} // namespace

class TestTorchScript : public QObject {
    Q_OBJECT
private Q_SLOTS:
    /// Scripted and traced archives written by real PyTorch match PyTorch's output.
    void pytorchFixturesMatch_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        for (const char* name : kFixtures) {
            for (const char* how : {"scripted", "traced"}) {
                const QString file = QStringLiteral("%1_%2.pt").arg(QLatin1String(name), QLatin1String(how));
                QTest::newRow(qPrintable(file)) << file << QString::fromLatin1(name);
            }
        }
    }

    void pytorchFixturesMatch()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        const at::Tensor input = npy(name.toStdString() + "_input.npy");
        const at::Tensor expected = npy(name.toStdString() + "_output.npy");
        const Graph g = io::loadTorchScript(script(file.toStdString()), sampleShape(input));
        at::InferenceMode inference;
        const at::Tensor actual = Executor(g).forward(input);
        QCOMPARE(actual.sizes(), expected.sizes());
        const double difference = (actual - expected).abs().max().item<double>();
        QVERIFY2(difference <= 1e-4, qPrintable(QString::number(difference)));
        // A batch of distinct samples gives each sample the result it gets alone: no batch size
        // was baked in and nothing mixes the samples.
        const std::vector<at::Tensor> samples{input, input.flip({3}) * 0.5, 0.25 - input};
        const at::Tensor batch = Executor(g).forward(at::cat(samples));
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const at::Tensor alone = Executor(g).forward(samples[i]);
            const auto row = static_cast<std::int64_t>(i);
            const double batchDifference = (batch.slice(0, row, row + 1) - alone).abs().max().item<double>();
            QVERIFY2(batchDifference <= 1e-5, qPrintable(QStringLiteral("sample %1: %2").arg(i).arg(batchDifference)));
            if (i > 0) // distinct samples, distinct results: the comparison above can see a mix-up
                QVERIFY2(!at::allclose(alone, batch.slice(0, 0, 1), 1e-4, 1e-5), qPrintable(QString::number(i)));
        }
    }

    /// Nodes are named by their module path, as in PyTorch's state_dict.
    void nodesCarryModulePaths()
    {
        for (const char* how : {"scripted", "traced"}) {
            const Graph g = io::loadTorchScript(script(std::string("c2f_sppf_") + how + ".pt"), {8, 8, 8});
            std::string names;
            for (const Node& node : g.nodes())
                names += " " + node.name;
            for (const char* name : {"cv1.conv", "cv1.bn", "m.0.cv1.conv", "m.1.cv2.bn", "sppf_cv2.act"})
                QVERIFY2(g.findNode(name) != nullptr, (std::string(how) + ": no node " + name + " among" + names).c_str());
            const Node* conv = g.findNode("m.0.cv1.conv");
            QCOMPARE(static_cast<int>(conv->op), static_cast<int>(OpKind::Conv2d));
            const Node* bn = g.findNode("cv1.bn");
            QCOMPARE(static_cast<int>(bn->op), static_cast<int>(OpKind::BatchNorm2d)); // kept, not folded
        }
    }

    /// Exported archives load back (in C++ here) and match the engine; importing them again
    /// gives the same outputs.
    void exportRoundTrips()
    {
        std::vector<Graph> graphs;
        graphs.push_back(io::buildZooModel({"resnet20", 1, 16, 16, 10, 1}));
        graphs.push_back(io::buildZooModel({"mobilenetv2", 3, 32, 32, 10, 1}));
        graphs.push_back(opCoverageGraph());
        for (const char* name : kFixtures)
            graphs.push_back(io::loadOnnx(std::string(SLIMBENCH_FIXTURES) + "/onnx/" + name + "_opset13.onnx"));
        for (const Graph& g : graphs) {
            const io::TorchScriptExport exported = io::exportTorchScript(g);
            QVERIFY(exported.reloaded);
            QVERIFY2(exported.maxAbsDifference <= 1e-5, exported.source.c_str());
            const Graph back = io::importTorchScript(exported.bytes, "roundtrip.pt", g.value(g.inputs().front()).shape);
            std::vector<std::int64_t> shape{2};
            const Shape& sample = g.value(g.inputs().front()).shape;
            shape.insert(shape.end(), sample.begin(), sample.end());
            const at::Tensor input = at::randn(shape);
            at::InferenceMode inference;
            QVERIFY(at::allclose(Executor(g).forward(input), Executor(back).forward(input), 1e-5, 1e-6));
            QCOMPARE(back.parameters().size(), g.parameters().size());
        }
    }

    /// Python's torch.jit.load reads what Slimbench wrote and computes the same outputs.
    void exportLoadsInPython()
    {
        // Python and PyTorch are test dependencies (installer/deps-test.txt): missing is a failure.
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
            QFAIL("/usr/bin/python3 is missing: install Debian's python3-torch and python3-numpy (installer/deps-test.txt)");
        QTemporaryDir dir;
        const std::string base = dir.path().toStdString();
        const Graph g = io::loadOnnx(std::string(SLIMBENCH_FIXTURES) + "/onnx/c2f_sppf_opset13.onnx");
        const at::Tensor input = at::randn({3, 8, 8, 8});
        at::Tensor expected;
        {
            at::InferenceMode inference;
            expected = Executor(g).forward(input);
        }
        const io::TorchScriptExport exported = io::exportTorchScript(g);
        {
            std::ofstream out(base + "/model.pt", std::ios::binary);
            out.write(exported.bytes.data(), static_cast<std::streamsize>(exported.bytes.size()));
        }
        io::writeNpy(base + "/input.npy", toNpy(input));
        io::writeNpy(base + "/expected.npy", toNpy(expected));
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(SLIMBENCH_FIXTURES "/check_torchscript.py"), dir.filePath(QStringLiteral("model.pt")),
                      dir.filePath(QStringLiteral("input.npy")), dir.filePath(QStringLiteral("expected.npy"))});
        QVERIFY2(python.waitForFinished(120000), "check_torchscript.py did not finish within 2 minutes");
        const QString output = QString::fromUtf8(python.readAllStandardOutput() + python.readAllStandardError());
        if (python.exitCode() == 3) // the script cannot import torch or numpy
            QFAIL(qPrintable(QStringLiteral("install Debian's python3-torch and python3-numpy (installer/deps-test.txt): ")
                             + output.trimmed()));
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, qPrintable(output));
        qInfo("torch.jit.load in Python: %s", qPrintable(output.trimmed()));
    }

    void needsAnInputShape()
    {
        QVERIFY(errorOf([] { io::loadTorchScript(script("residual_scripted.pt"), {}); }, ErrorCode::InvalidArgument)
                    .contains("give the input size (--input CxHxW)"));
    }

    void wrongInputShapeNamesTheLayer()
    {
        const QString message =
            errorOf([] { io::loadTorchScript(script("residual_scripted.pt"), {5, 12, 12}); }, ErrorCode::ShapeMismatch);
        QVERIFY2(message.contains("input channels"), qPrintable(message));
    }

    void stateDictSaysHowToMakeTorchScript()
    {
        const QString message = errorOf([] { io::loadTorchScript(script("state_dict.pt"), {3, 12, 12}); }, ErrorCode::ForeignFile);
        QVERIFY2(message.contains("state_dict") && message.contains("torch.jit.script(model).save"), qPrintable(message));
    }

    void damagedArchivesAreRefused()
    {
        QVERIFY(errorOf([] { io::loadTorchScript(script("truncated.pt"), {3, 12, 12}); }, ErrorCode::FileCorrupt)
                    .contains("truncated.pt"));
        QVERIFY(errorOf([] { io::importTorchScript("", "empty.pt", {3, 12, 12}); }, ErrorCode::FileEmpty).contains("empty"));
        std::mt19937 random(7);
        std::string noise(4096, '\0');
        for (char& c : noise)
            c = static_cast<char>(random());
        QVERIFY(errorOf([&] { io::importTorchScript(noise, "noise.pt", {3, 12, 12}); }, ErrorCode::FileCorrupt)
                    .contains("not a readable TorchScript archive"));
        // A zip archive whose members are corrupted: flip bytes in the middle of a real file.
        std::ifstream in(script("residual_scripted.pt"), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i)
            bytes[i] = static_cast<char>(~bytes[i]);
        // The zip directory is intact, so the archive opens; reading the damaged member fails its
        // checksum, and that reason is passed on.
        const QString flipped = errorOf([&] { io::importTorchScript(bytes, "flipped.pt", {3, 12, 12}); }, ErrorCode::FileCorrupt);
        QVERIFY2(flipped.startsWith("flipped.pt: not a readable TorchScript archive (") && flipped.contains("corrupted"),
                 qPrintable(flipped));
    }

    /// Upsampling is bounded as ONNX Resize is (each output side 1..2^20): a huge scale factor
    /// is refused at import instead of overflowing floor(side × scale) or allocating terabytes.
    void upsampleSizeIsBounded_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        QTest::newRow("nearest, scale 1e6") << "torch.upsample_nearest2d(x, None, [1000000.0, 1000000.0])"
                                            << "scales 8×8 by 1e+06×1e+06 (each output side must be 1..1048576)";
        QTest::newRow("nearest, scale 1e30") << "torch.upsample_nearest2d(x, None, [2.0, 1e30])"
                                             << "scales 8×8 by 2×1e+30 (each output side must be 1..1048576)";
        QTest::newRow("bilinear, scale 1e30") << "torch.upsample_bilinear2d(x, None, False, [1e30, 1e30])"
                                              << "scales 8×8 by 1e+30×1e+30 (each output side must be 1..1048576)";
        QTest::newRow("nearest, scale 0") << "torch.upsample_nearest2d(x, None, [0.0, 2.0])"
                                          << "scales 8×8 by 0×2 (each output side must be 1..1048576)";
        QTest::newRow("nearest, size 2^21") << "torch.upsample_nearest2d(x, [2097152, 8], None)"
                                            << "output size 2097152×8 (each side must be 1..1048576)";
    }

    void upsampleSizeIsBounded()
    {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        const std::string bytes = scriptedArchive(expression.toStdString());
        const QString error = errorOf([&] { io::importTorchScript(bytes, "huge.pt", {3, 8, 8}); }, ErrorCode::Unsupported);
        QVERIFY2(error.startsWith(QStringLiteral("huge.pt: aten::upsample_")) && error.endsWith(message), qPrintable(error));
    }

    void upsampleWithinTheBoundImports()
    {
        const Graph g = io::importTorchScript(scriptedArchive("torch.upsample_bilinear2d(x, None, False, [2.0, 1.5])"),
                                              "fine.pt", {3, 8, 8});
        const at::Tensor input = at::randn({2, 3, 8, 8});
        at::InferenceMode inference;
        const at::Tensor expected = at::upsample_bilinear2d(input, {16, 12}, false, 2.0, 1.5);
        QVERIFY(at::allclose(Executor(g).forward(input), expected));
    }

    /// Archives the fuzzer (tests/fuzz) found: each gives a clear Error, not a crash.
    void fuzzFindingsGiveErrors()
    {
        const QString problem = test::firstMisbehavingFuzzFinding(
            QStringLiteral("torchscript_*"), [](const std::string& path) { io::loadTorchScript(path, {3, 8, 8}); });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void unsupportedOpNamesOpAndLine()
    {
        const QString message = errorOf([] { io::loadTorchScript(script("unsupported_op.pt"), {3, 8, 8}); }, ErrorCode::Unsupported);
        QVERIFY2(message.contains("aten::cumsum") && message.contains(".py:") && message.contains("torch.cumsum"),
                 qPrintable(message));
    }

    void dataDependentBranchIsRefused()
    {
        const QString message = errorOf([] { io::loadTorchScript(script("data_dependent.pt"), {3, 8, 8}); }, ErrorCode::Unsupported);
        QVERIFY2(message.contains("prim::If") && message.contains("depends on the input's values"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestTorchScript)
#include "tst_torchscript.moc"
