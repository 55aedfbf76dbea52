#include <QtTest/QtTest>

#include "core/error.h"
#include "expecterror.h"
#include "jobs/rknnexport.h"
#include "model.h"

#include <QTemporaryDir>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace slim::engine;

namespace {

constexpr char kFashionMnist[] = "/usr/share/datasets/fashion-mnist";
constexpr char kPython[] = "/usr/bin/python3";

Model bundledResNet20()
{
    return Model::load(SLIMBENCH_RESOURCES "/baselines/resnet20-fashion-mnist.slim");
}

/// Makes rknn.api importable for the child process (the stub under tests/fixtures), or not.
void useStubToolkit(bool enabled)
{
    if (enabled)
        qputenv("PYTHONPATH", SLIMBENCH_FIXTURES "/rknn_stub");
    else
        qunsetenv("PYTHONPATH");
    qunsetenv("RKNN_STUB_FAIL");
    qunsetenv("RKNN_STUB_SLEEP");
}

QStringList lines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

RknnBundle writeSmallBundle(const QTemporaryDir& dir, std::int64_t count = 6)
{
    RknnBundleOptions options;
    options.calibrationDataset = kFashionMnist;
    options.calibrationCount = count;
    return writeRknnBundle(bundledResNet20(), dir.filePath(QStringLiteral("bundle")).toStdString(), options);
}

} // namespace

class TestRknn : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { useStubToolkit(false); }

    /// The acceptance: the bundle for the bundled ResNet-20 holds a checker-valid ONNX,
    /// a dataset.txt whose files exist, and a script with the model's normalisation in pixels.
    void bundleForTheBundledResNet20()
    {
        QTemporaryDir dir;
        const RknnBundle bundle = writeSmallBundle(dir, 12);
        const QString folder = dir.filePath(QStringLiteral("bundle"));
        QVERIFY(bundle.onnx.checkerPassed);
        QVERIFY(bundle.onnx.shapeInferencePassed);
        QVERIFY(bundle.onnx.reimportRan && bundle.onnx.reimportMaxAbsDifference <= kExportTolerance);
        QVERIFY(!bundle.onnx.folded.empty()); // BatchNorm folded for the NPU
        QCOMPARE(bundle.calibrationImages, std::int64_t{12});
        const QStringList listed = lines(folder + "/dataset.txt");
        QCOMPARE(listed.size(), 12);
        for (const QString& image : listed) {
            QVERIFY2(QFileInfo(image).isAbsolute() && QFileInfo(image).size() > 0, qPrintable(image));
            QFile png(image);
            QVERIFY(png.open(QIODevice::ReadOnly));
            QCOMPARE(png.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
        }
        for (const char* file : {"model.onnx", "convert_rknn.py", "README.md"})
            QVERIFY2(QFileInfo::exists(folder + "/" + file), file);
        // (pixel/255 − m)/s = (pixel − 255·m)/(255·s): RKNN gets the model's statistics in pixels.
        const Preprocessing contract = bundledResNet20().preprocessing();
        QVERIFY(contract.normalizes());
        QCOMPARE(bundle.meanValues.size(), std::size_t{1});
        QVERIFY(std::abs(bundle.meanValues[0] - contract.mean[0] * 255) < 1e-9);
        QVERIFY(std::abs(bundle.stdValues[0] - contract.std[0] * 255) < 1e-9);
        const QString script = lines(folder + "/convert_rknn.py").join('\n');
        QVERIFY(script.contains("\"target_platform\": 'rk3588'"));
        QVERIFY(script.contains(QString("\"mean_values\": [[%1]]").arg(bundle.meanValues[0], 0, 'g', 10)));
        QVERIFY(lines(folder + "/README.md").join('\n').contains(QStringLiteral("中文")));
        // 16/32/64 channels: nothing to warn about.
        QVERIFY(bundle.warnings.empty());
    }

    /// convert_rknn.py runs against the stub toolkit: the calls in the toolkit's order with the
    /// bundle's settings, the .rknn written, and the accuracy analysis read back.
    void convertsWithTheToolkit()
    {
        QTemporaryDir dir;
        writeSmallBundle(dir);
        const std::string folder = dir.filePath(QStringLiteral("bundle")).toStdString();
        useStubToolkit(true);
        QCOMPARE(checkRknnPython(kPython), std::string());
        std::vector<std::string> logged;
        const RknnConversion conversion = convertRknnBundle(folder, kPython, {}, [&](const std::string& line) { logged.push_back(line); });
        QVERIFY(QFileInfo(QString::fromStdString(conversion.rknnPath)).size() > 0);
        QVERIFY(!logged.empty());
        QVERIFY(conversion.log.find("wrote") != std::string::npos);

        std::ifstream log(folder + "/calls.json");
        const nlohmann::json calls = nlohmann::json::parse(log);
        std::vector<std::string> names;
        for (const nlohmann::json& call : calls)
            names.push_back(call[0]);
        QCOMPARE(names, (std::vector<std::string>{"RKNN", "config", "load_onnx", "build", "export_rknn", "accuracy_analysis",
                                                  "release"}));
        QCOMPARE(calls[1][1]["target_platform"].get<std::string>(), std::string("rk3588"));
        QCOMPARE(calls[1][1]["quantized_dtype"].get<std::string>(), std::string("w8a8"));
        QVERIFY(calls[3][1]["do_quantization"].get<bool>());

        QCOMPARE(conversion.layers.size(), std::size_t{5});
        QCOMPARE(conversion.layers[2].op, std::string("Conv"));
        QCOMPARE(conversion.layers[2].name, std::string("/conv1/Conv_output_0"));
        QCOMPARE(conversion.layers[2].entireCosine, 0.99985);
        QCOMPARE(conversion.layers[2].singleEuclidean, 0.0332);
        QCOMPARE(conversion.layers[4].entireCosine, 0.99612);
    }

    void missingInterpreter()
    {
        QTemporaryDir dir;
        writeSmallBundle(dir, 2);
        const std::string python = "/nonexistent/python3";
        QVERIFY(QString::fromStdString(checkRknnPython(python)).contains("cannot run '/nonexistent/python3'"));
        QVERIFY(test::errorOf([&] { convertRknnBundle(dir.filePath("bundle").toStdString(), python); }, ErrorCode::InvalidArgument)
                    .contains("/nonexistent/python3"));
    }

    void interpreterWithoutTheToolkit()
    {
        QTemporaryDir dir;
        writeSmallBundle(dir, 2);
        useStubToolkit(false);
        QVERIFY(QString::fromStdString(checkRknnPython(kPython)).contains("cannot import rknn.api"));
        QVERIFY(test::errorOf([&] { convertRknnBundle(dir.filePath("bundle").toStdString(), kPython); }, ErrorCode::InvalidArgument)
                    .contains("rknn-toolkit2"));
        QVERIFY(!QFileInfo::exists(dir.filePath("bundle/model.rknn")));
    }

    void toolkitError()
    {
        QTemporaryDir dir;
        writeSmallBundle(dir, 2);
        // What an earlier conversion left: its model.rknn must go, other files stay.
        QDir(dir.filePath("bundle")).mkpath(QStringLiteral("snapshot"));
        for (const char* name : {"bundle/model.rknn", "bundle/snapshot/notes.txt"}) {
            QFile stale(dir.filePath(name));
            QVERIFY(stale.open(QIODevice::WriteOnly));
            stale.write("from before");
        }
        useStubToolkit(true);
        qputenv("RKNN_STUB_FAIL", "build");
        const QString message =
            test::errorOf([&] { convertRknnBundle(dir.filePath("bundle").toStdString(), kPython); }, ErrorCode::Unsupported);
        QVERIFY2(message.contains("build failed"), qPrintable(message));
        QVERIFY(!QFileInfo::exists(dir.filePath("bundle/model.rknn")));
        QVERIFY(QFileInfo::exists(dir.filePath("bundle/snapshot/notes.txt")));
        // A step that fails after earlier ones succeeded is still named.
        qputenv("RKNN_STUB_FAIL", "export_rknn");
        const QString late =
            test::errorOf([&] { convertRknnBundle(dir.filePath("bundle").toStdString(), kPython); }, ErrorCode::Unsupported);
        QVERIFY2(late.contains("export_rknn failed"), qPrintable(late));
        QVERIFY(!QFileInfo::exists(dir.filePath("bundle/model.rknn")));
        QVERIFY(!QFileInfo::exists(dir.filePath("bundle/model.rknn.part")));
    }

    /// Cancel stops the child process promptly and reports a cancelled job.
    void cancelStopsTheConversion()
    {
        QTemporaryDir dir;
        writeSmallBundle(dir, 2);
        useStubToolkit(true);
        qputenv("RKNN_STUB_SLEEP", "60");
        const auto start = std::chrono::steady_clock::now();
        JobContext context;
        context.isCancelled = [&] { return std::chrono::steady_clock::now() - start > std::chrono::milliseconds(500); };
        QVERIFY_THROWS_EXCEPTION(JobCancelled, convertRknnBundle(dir.filePath("bundle").toStdString(), kPython, context));
        QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
        QVERIFY(!QFileInfo::exists(dir.filePath("bundle/model.rknn")));
    }

    void refusals()
    {
        QTemporaryDir dir;
        const std::string folder = dir.filePath(QStringLiteral("x")).toStdString();
        RknnBundleOptions options;
        options.calibrationDataset = kFashionMnist;
        options.target = "rk9999";
        QVERIFY(test::errorOf([&] { writeRknnBundle(bundledResNet20(), folder, options); }, ErrorCode::InvalidArgument).contains("rk9999"));
        options.target = "rk3566";
        options.algorithm = "best";
        QVERIFY(test::errorOf([&] { writeRknnBundle(bundledResNet20(), folder, options); }, ErrorCode::InvalidArgument).contains("algorithm"));
        options.algorithm = "mmse";
        options.calibrationDataset.clear();
        QVERIFY(test::errorOf([&] { writeRknnBundle(bundledResNet20(), folder, options); }, ErrorCode::InvalidArgument).contains("calibration"));
        // Fashion-MNIST is 1×28×28; a 3×32×32 model cannot calibrate on it.
        options.calibrationDataset = kFashionMnist;
        const QString message = test::errorOf([&] { writeRknnBundle(Model::fromZoo({"resnet20", 3, 32, 32, 10, 0}), folder, options); },
                                              ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("1×28×28") && message.contains("3×32×32"), qPrintable(message));
        QVERIFY(!QFileInfo::exists(dir.filePath("x/model.onnx")));
    }

    /// Widths the NPU computes less well are named, with the remedy.
    void oddWidthsAreWarnedAbout()
    {
        QTemporaryDir dir;
        RknnBundleOptions options;
        options.quantize = false;
        const RknnBundle bundle = writeRknnBundle(Model::fromZoo({"lenet5", 1, 28, 28, 10, 0}), dir.filePath("b").toStdString(), options);
        QCOMPARE(bundle.calibrationImages, std::int64_t{0});
        QCOMPARE(bundle.warnings.size(), std::size_t{1});
        QVERIFY2(bundle.warnings.front().find("conv1 (6)") != std::string::npos, bundle.warnings.front().c_str());
        QVERIFY(bundle.warnings.front().find("round_to 16") != std::string::npos);
        QVERIFY(lines(dir.filePath("b/convert_rknn.py")).join('\n').contains("QUANTIZE = False"));
        QVERIFY(!lines(dir.filePath("b/convert_rknn.py")).join('\n').contains("quant_img_RGB2BGR"));

        // A model fed BGR: the RGB calibration files are swapped by RKNN, not by the model.
        Preprocessing bgr;
        bgr.channelOrder = "BGR";
        const Model model = Model::fromZoo({"resnet20", 3, 32, 32, 10, 0}).withPreprocessing(bgr);
        writeRknnBundle(model, dir.filePath("bgr").toStdString(), options);
        QVERIFY(lines(dir.filePath("bgr/convert_rknn.py")).join('\n').contains("\"quant_img_RGB2BGR\": True"));
    }

    void corruptAnalysisIsNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("error_analysis.txt");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# header\n[Conv] conv1 0.99 | 0.1 0.98 | 0.2\n[Relu] relu oops\n");
        file.close();
        const QString message = test::errorOf([&] { readRknnErrorAnalysis(path.toStdString()); }, ErrorCode::FileCorrupt);
        QVERIFY2(message.contains("error_analysis.txt:3"), qPrintable(message));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("# nothing here\n");
        file.close();
        QVERIFY(test::errorOf([&] { readRknnErrorAnalysis(path.toStdString()); }, ErrorCode::FileCorrupt).contains("no layer"));
    }
};

QTEST_GUILESS_MAIN(TestRknn)
#include "tst_rknn.moc"
