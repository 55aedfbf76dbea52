#include <QtTest/QtTest>

#include "cli/cli.h"
#include "io/npy.h"
#include "model.h"

#include <nlohmann/json.hpp>

#include <sstream>

using slim::app::cli::run;

namespace {
struct Result {
    int code;
    std::string out;
    std::string err;
};

Result cli(const std::vector<std::string>& args)
{
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err);
    return {code, out.str(), err.str()};
}
} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void infoReportsResNet56Totals()
    {
        const Result r = cli({"info", "resnet56", "--input", "3x32x32"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("total: 855,770 params, 125,747,840 MACs") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("layer3.8.conv2") != std::string::npos);
        QVERIFY(r.err.empty());
    }

    void infoJsonHasLayersAndTotals()
    {
        const Result r = cli({"info", "resnet20", "--input", "1x28x28", "--classes", "10", "--json"});
        QCOMPARE(r.code, 0);
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QCOMPARE(report.at("total").at("params").get<std::int64_t>(), std::int64_t{272186});
        QCOMPARE(report.at("total").at("macs").get<std::int64_t>(), std::int64_t{31021952});
        QVERIFY(report.at("layers").is_array());
        std::int64_t macs = 0;
        for (const auto& layer : report.at("layers"))
            macs += layer.at("macs").get<std::int64_t>();
        QCOMPARE(macs, std::int64_t{31021952});
        QCOMPARE(report.at("layers").front().at("name").get<std::string>(), std::string("conv1"));
        QCOMPARE(report.at("layers").front().at("output_shape"), nlohmann::json({16, 28, 28}));
    }

    void infoAndInferOnSavedModel()
    {
        QTemporaryDir dir;
        const std::string model = dir.filePath("lenet.slim").toStdString();
        const slim::engine::Model saved = slim::engine::Model::fromZoo({"lenet5", 1, 28, 28, 10, 4});
        saved.save(model);
        Result r = cli({"info", model});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("total: 61,706 params, 416,520 MACs") != std::string::npos, r.out.c_str());

        const std::string input = dir.filePath("x.npy").toStdString();
        const std::string output = dir.filePath("y.npy").toStdString();
        slim::engine::io::NpyArray x{{2, 1, 28, 28}, std::vector<float>(2 * 28 * 28)};
        for (std::size_t i = 0; i < x.data.size(); ++i)
            x.data[i] = static_cast<float>((i * 37) % 101) / 101.0f;
        slim::engine::io::writeNpy(input, x);
        r = cli({"infer", model, "--input", input, "--output", output});
        QCOMPARE(r.code, 0);
        const slim::engine::io::NpyArray y = slim::engine::io::readNpy(output);
        const slim::engine::io::NpyArray expected = saved.infer(x);
        QCOMPARE(y.shape, (std::vector<std::int64_t>{2, 10}));
        QCOMPARE(y.data, expected.data);

        // A zoo name is built for the input's size.
        r = cli({"infer", "resnet20", "--input", input, "--output", output});
        QCOMPARE(r.code, 0);
        QCOMPARE(slim::engine::io::readNpy(output).shape, (std::vector<std::int64_t>{2, 10}));

        // A saved model refuses an input of another size, naming what it expects.
        slim::engine::io::writeNpy(input, {{1, 3, 28, 28}, std::vector<float>(3 * 28 * 28)});
        r = cli({"infer", model, "--input", input, "--output", output});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("expects N×1×28×28, got 1×3×28×28") != std::string::npos, r.err.c_str());
    }

    void trainsFromARecipeAndEvaluates()
    {
        QTemporaryDir dir;
        const QString recipe = dir.filePath(QStringLiteral("tiny.json"));
        QFile file(recipe);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Three batches of Debian's Fashion-MNIST: enough to see the whole path work.
        file.write(R"({"model": {"zoo": "lenet5"}, "epochs": 1, "batch_size": 64, "max_steps_per_epoch": 3,
                       "optimizer": {"lr": 0.05}, "output": "tiny.slim", "metrics": "tiny.csv"})");
        file.close();
        Result r = cli({"train", recipe.toStdString()});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("epoch 1/1: train loss") != std::string::npos, r.out.c_str());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("tiny.slim"))));
        QFile csv(dir.filePath(QStringLiteral("tiny.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("epoch,train_loss,train_accuracy,val_top1,val_top5,val_loss,lr,seconds"));
        QVERIFY(csv.readLine().startsWith("1,"));

        r = cli({"eval", dir.filePath(QStringLiteral("tiny.slim")).toStdString(), "--dataset",
                 "/usr/share/datasets/fashion-mnist", "--json"});
        QCOMPARE(r.code, 0);
        const nlohmann::json report = nlohmann::json::parse(r.out);
        QCOMPARE(report.at("samples").get<std::int64_t>(), std::int64_t{10000});
        for (const char* key : {"top1", "top5", "loss"})
            QVERIFY(report.contains(key));
        QVERIFY(report.at("top5").get<double>() >= report.at("top1").get<double>());

        // A recipe with a typo names the field and writes nothing.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"epochs": 1, "optimizer": {"learning_rate": 0.1}, "output": "never.slim"})");
        file.close();
        r = cli({"train", recipe.toStdString()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("optimizer.learning_rate") != std::string::npos, r.err.c_str());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("never.slim"))));
    }

    void exportsVerifiedOnnx()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("resnet20.onnx")).toStdString();
        Result r = cli({"export", "resnet20", "--format", "onnx", "--input", "1x28x28", "-o", path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("ONNX checker: passed") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("every shape as in the graph: passed") != std::string::npos);
        QVERIFY(r.out.find("(within 1e-4)") != std::string::npos);
        QVERIFY(QFileInfo(QString::fromStdString(path)).size() > 1000000); // 272k float weights
        r = cli({"export", "resnet20", "--opset", "9", "-o", path});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.find("11..17") != std::string::npos);
        r = cli({"export", "resnet20", "--format", "tflite", "-o", path});
        QCOMPARE(r.code, 2);
    }

    /// import IN.pt OUT.slim, then info on the result; export back to TorchScript.
    void importsTorchScriptAndExportsIt()
    {
        QTemporaryDir dir;
        const std::string fixture = SLIMBENCH_FIXTURES "/torchscript/c2f_sppf_scripted.pt";
        const std::string slim = dir.filePath(QStringLiteral("c2f.slim")).toStdString();
        Result r = cli({"import", fixture, slim, "--input", "8x8x8"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("34 layers") != std::string::npos && r.out.find("output 16x16x16") != std::string::npos,
                 r.out.c_str());
        r = cli({"info", slim});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.find("m.0.cv1.conv") != std::string::npos);
        r = cli({"info", fixture, "--input", "8x8x8"}); // .pt directly
        QCOMPARE(r.code, 0);
        // infer on a .pt takes its input size from the array, and matches PyTorch's output.
        const std::string output = dir.filePath(QStringLiteral("y.npy")).toStdString();
        r = cli({"infer", fixture, "--input", SLIMBENCH_FIXTURES "/onnx/c2f_sppf_input.npy", "--output", output});
        QCOMPARE(r.code, 0);
        const auto actual = slim::engine::io::readNpy(output);
        const auto expected = slim::engine::io::readNpy(SLIMBENCH_FIXTURES "/onnx/c2f_sppf_output.npy");
        QCOMPARE(actual.shape, expected.shape);
        for (std::size_t i = 0; i < actual.data.size(); ++i)
            QVERIFY(std::abs(actual.data[i] - expected.data[i]) <= 1e-4f);
        const std::string pt = dir.filePath(QStringLiteral("c2f.pt")).toStdString();
        r = cli({"export", slim, "--format", "torchscript", "-o", pt});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.find("torch::jit::load vs Slimbench") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("(within 1e-4)") != std::string::npos);
        r = cli({"import", fixture, slim}); // no --input
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.find("--input CxHxW") != std::string::npos);
        r = cli({"import", SLIMBENCH_FIXTURES "/torchscript/state_dict.pt", slim, "--input", "3x12x12"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.find("torch.jit.script") != std::string::npos);
        r = cli({"export", slim, "--format", "torchscript", "--opset", "13", "-o", pt});
        QCOMPARE(r.code, 2);
        r = cli({"import", slim, pt});
        QCOMPARE(r.code, 2);
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"frobnicate"};
        QTest::newRow("unknown option") << QStringList{"info", "resnet20", "--colour"};
        QTest::newRow("bad input shape") << QStringList{"info", "resnet20", "--input", "3x32"};
        QTest::newRow("zero classes") << QStringList{"info", "resnet20", "--classes", "0"};
        QTest::newRow("infer without output") << QStringList{"infer", "resnet20", "--input", "x.npy"};
    }

    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        std::vector<std::string> list;
        for (const QString& arg : args)
            list.push_back(arg.toStdString());
        const Result r = cli(list);
        QCOMPARE(r.code, 2);
        QVERIFY(!r.err.empty());
        QVERIFY(r.out.empty());
    }

    void failuresExitWithOneAndOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        QTest::newRow("unknown model") << QStringList{"info", "resnet99"} << "neither a model file nor a zoo model";
        QTest::newRow("impossible input") << QStringList{"info", "lenet5", "--input", "1x4x4"} << "cannot take";
        QTest::newRow("missing npy") << QStringList{"infer", "lenet5", "--input", "/nonexistent/x.npy", "--output", "/tmp/y.npy"}
                                     << "no such file";
    }

    void failuresExitWithOneAndOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        std::vector<std::string> list;
        for (const QString& arg : args)
            list.push_back(arg.toStdString());
        const Result r = cli(list);
        QCOMPARE(r.code, 1);
        QVERIFY2(QString::fromStdString(r.err).contains(needle), r.err.c_str());
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
    }

    void binaryExitCodes()
    {
        QProcess process;
        process.start(SLIMBENCH_CLI, {"info", "no-such-model"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        process.start(SLIMBENCH_CLI, {});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        process.start(SLIMBENCH_CLI, {"info", "lenet5", "--input", "1x28x28"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("total: 61,706 params"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
