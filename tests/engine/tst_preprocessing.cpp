#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "core/preprocessing.h"
#include "data/dataset.h"
#include "expecterror.h"
#include "graph/graph.h"
#include "jobs/trainjob.h"
#include "model.h"
#include "train/trainer.h"

#include <opencv2/dnn.hpp>

#include <fstream>
#include <iterator>

using namespace slim::engine;

namespace {

constexpr char kFashionMnist[] = "/usr/share/datasets/fashion-mnist";

Preprocessing grayContract()
{
    Preprocessing contract;
    contract.mean = {0.2860};
    contract.std = {0.3530};
    contract.channelOrder = "GRAY";
    return contract;
}

/// Seeded raw pixels 0..255 (whole numbers, as images have), N×C×H×W.
io::NpyArray rawPixels(std::int64_t count, const std::vector<std::int64_t>& sample)
{
    at::Generator generator = at::detail::createCPUGenerator(11);
    std::vector<std::int64_t> shape{count};
    shape.insert(shape.end(), sample.begin(), sample.end());
    const at::Tensor pixels = at::randint(0, 256, shape, generator, at::kFloat).contiguous();
    return {shape, std::vector<float>(pixels.data_ptr<float>(), pixels.data_ptr<float>() + pixels.numel())};
}

double maxDifference(const io::NpyArray& a, const io::NpyArray& b)
{
    if (a.shape != b.shape || a.data.size() != b.data.size())
        return 1e30;
    double worst = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i)
        worst = std::max(worst, static_cast<double>(std::abs(a.data[i] - b.data[i])));
    return worst;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

class TestPreprocessing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void metadataRoundTripsAndDescribes()
    {
        std::map<std::string, std::string> metadata;
        Preprocessing contract;
        contract.mean = {0.4914, 0.4822, 0.4465};
        contract.std = {0.247, 0.2435, 0.2616};
        contract.channelOrder = "RGB";
        writePreprocessingMetadata(metadata, contract);
        QVERIFY(preprocessingFromMetadata(metadata) == contract);
        QCOMPARE(QString::fromStdString(describePreprocessing(contract)),
                 QStringLiteral("pixels × 1/255, mean [0.4914, 0.4822, 0.4465], std [0.247, 0.2435, 0.2616], RGB"));

        // No normalisation removes the keys; a model without any takes pixels scaled to 0..1.
        contract.mean.clear();
        contract.std.clear();
        writePreprocessingMetadata(metadata, contract);
        QVERIFY(metadata.count("normalization.mean") == 0);
        QVERIFY(preprocessingFromMetadata(metadata) == contract);
        const Preprocessing none = preprocessingFromMetadata({});
        QCOMPARE(none.pixelScale, 1.0 / 255.0);
        QVERIFY(!none.normalizes());
    }

    void damagedMetadataIsNamed_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("not a number") << "normalization.mean" << "0.5,abc" << "normalization.mean";
        QTest::newRow("zero deviation") << "normalization.std" << "0" << "normalization.std";
        QTest::newRow("negative scale") << "preprocessing.pixel_scale" << "-1" << "preprocessing.pixel_scale";
        QTest::newRow("lengths differ") << "normalization.std" << "0.2,0.3" << "standard deviations";
    }

    void damagedMetadataIsNamed()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, named);
        std::map<std::string, std::string> metadata{{"normalization.mean", "0.5"}, {"normalization.std", "0.25"}};
        metadata[key.toStdString()] = value.toStdString();
        const QString message = test::errorOf([&] { preprocessingFromMetadata(metadata); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains(named), qPrintable(message));
    }

    void preprocessAppliesTheContract()
    {
        const Model model = Model::fromZoo({"resnet20", 3, 8, 8, 10, 0});
        Preprocessing contract;
        contract.mean = {0.5, 0.25, 0.0};
        contract.std = {0.5, 0.25, 2.0};
        const Model normalized = model.withPreprocessing(contract);
        io::NpyArray raw{{1, 3, 1, 2}, {0, 255, 51, 102, 255, 0}};
        const io::NpyArray input = normalized.withInputShape({3, 1, 2}).preprocess(raw);
        const std::vector<float> expected{-1.0f, 1.0f, -0.2f, 0.6f, 0.5f, 0.0f};
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(std::abs(input.data[i] - expected[i]) < 1e-6, qPrintable(QString::number(input.data[i])));
        // The wrong channel count is refused, naming the counts.
        io::NpyArray gray{{1, 1, 1, 2}, {0, 255}};
        const QString message = test::errorOf([&] { normalized.preprocess(gray); }, ErrorCode::ShapeMismatch);
        QVERIFY2(message.contains("3 channels") || message.contains("channel"), qPrintable(message));
    }

    void bakedInModelTakesRawPixels_data()
    {
        QTest::addColumn<QString>("zoo");
        QTest::addColumn<int>("channels");
        QTest::newRow("lenet5 gray") << "lenet5" << 1;
        QTest::newRow("resnet20 rgb") << "resnet20" << 3;
    }

    void bakedInModelTakesRawPixels()
    {
        QFETCH(QString, zoo);
        QFETCH(int, channels);
        Preprocessing contract;
        for (int c = 0; c < channels; ++c) {
            contract.mean.push_back(0.2 + 0.1 * c);
            contract.std.push_back(0.3 + 0.05 * c);
        }
        const Model model = Model::fromZoo({zoo.toStdString(), channels, 28, 28, 10, 3}).withPreprocessing(contract);
        const Model baked = model.withPreprocessingBakedIn();
        QVERIFY(baked.preprocessing().isIdentity());
        QVERIFY(baked.metadata().count("preprocessing.baked_in"));
        QCOMPARE(baked.graph().nodes().size(), model.graph().nodes().size() + 2);
        const io::NpyArray raw = rawPixels(3, model.inputShape());
        const double difference = maxDifference(model.infer(model.preprocess(raw)), baked.infer(raw));
        QVERIFY2(difference <= 1e-5, qPrintable(QString::number(difference)));
        // Without a normalisation only the scale is baked in (one Div by 255).
        const Model scaleOnly = Model::fromZoo({zoo.toStdString(), channels, 28, 28, 10, 3});
        const Model bakedScale = scaleOnly.withPreprocessingBakedIn();
        QCOMPARE(bakedScale.graph().nodes().size(), scaleOnly.graph().nodes().size() + 1);
        QVERIFY(maxDifference(scaleOnly.infer(scaleOnly.preprocess(raw)), bakedScale.infer(raw)) <= 1e-5);
        // Baking a model that already takes raw pixels changes nothing.
        QCOMPARE(baked.withPreprocessingBakedIn().sharedGraph(), baked.sharedGraph());
    }

    void onnxCarriesTheContract()
    {
        QTemporaryDir dir;
        const Model model = Model::fromZoo({"lenet5", 1, 28, 28, 10, 0}).withPreprocessing(grayContract());
        const std::string path = dir.filePath("lenet5.onnx").toStdString();
        const ExportReport report = exportModelToOnnx(model, path);
        QVERIFY(report.reimportRan);
        QVERIFY2(report.reimportMaxAbsDifference <= 1e-5, qPrintable(QString::number(report.reimportMaxAbsDifference)));
        QCOMPARE(QString::fromStdString(report.preprocessing), QStringLiteral("pixels × 1/255, mean [0.286], std [0.353], GRAY"));
        const std::string bytes = readFile(path);
        QVERIFY(bytes.find("preprocessing.mean") != std::string::npos);
        QVERIFY(bytes.find("0.286") != std::string::npos);
        // Read back, the model carries the same contract.
        QVERIFY(Model::load(path).preprocessing() == grayContract());

        // --with-preprocessing: the file takes raw pixels and says so.
        const std::string rawPath = dir.filePath("lenet5-raw.onnx").toStdString();
        const ExportReport rawReport = exportModelToOnnx(model.withPreprocessingBakedIn(), rawPath);
        QVERIFY(rawReport.preprocessingBakedIn);
        const Model reread = Model::load(rawPath);
        QCOMPARE(reread.preprocessing().pixelScale, 1.0);
        QVERIFY(!reread.preprocessing().normalizes());
        const io::NpyArray raw = rawPixels(2, model.inputShape());
        QVERIFY(maxDifference(model.infer(model.preprocess(raw)), reread.infer(raw)) <= 1e-5);
    }

    void freshWeightsAreTheZoosInitialisation()
    {
        const Model seven = Model::fromZoo({"resnet20", 3, 32, 32, 10, 7});
        const Model trained = Model::fromZoo({"resnet20", 3, 32, 32, 10, 0}).withPreprocessing(grayContract());
        const Model fresh = trained.withFreshWeights(7);
        const auto& a = seven.graph().nodes();
        const auto& b = fresh.graph().nodes();
        QCOMPARE(a.size(), b.size());
        bool differsFromBefore = false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            for (std::size_t t = 0; t < a[i].params.size(); ++t) {
                QVERIFY2(at::equal(a[i].params[t].tensor, b[i].params[t].tensor), a[i].name.c_str());
                differsFromBefore |= !at::equal(trained.graph().nodes()[i].params[t].tensor, b[i].params[t].tensor);
            }
        }
        QVERIFY(differsFromBefore);
        QVERIFY(fresh.preprocessing() == grayContract()); // the input contract stays
    }

    void cancelledExportWritesNothing()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.onnx").toStdString();
        std::ofstream(path) << "the user's previous file";
        JobContext cancelled;
        cancelled.isCancelled = [] { return true; };
        const Model model = Model::fromZoo({"lenet5", 1, 28, 28, 10, 0});
        QVERIFY_THROWS_EXCEPTION(JobCancelled, exportModelToOnnx(model, path, 13, cancelled));
        QVERIFY_THROWS_EXCEPTION(JobCancelled, exportModelToTorchScript(model, path, cancelled));
        QCOMPARE(readFile(path), std::string("the user's previous file"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary left behind

        // An export that fails its checks leaves the previous file as it was, too.
        graph::Graph unwritable = model.graph().clone();
        unwritable.metadata()["normalization.mean"] = "0.5";
        unwritable.metadata()["normalization.std"] = "-1"; // an impossible contract
        const Model broken(std::make_shared<const graph::Graph>(std::move(unwritable)));
        QVERIFY_THROWS_EXCEPTION(Error, exportModelToOnnx(broken, path));
        QCOMPARE(readFile(path), std::string("the user's previous file"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void bakedOnnxInOpenCvMatchesEvaluationOnRawPixels()
    {
        if (!QFileInfo::exists(QString::fromLatin1(kFashionMnist)))
            QFAIL("Fashion-MNIST is missing: install Debian's dataset-fashion-mnist");
        // The bundled LeNet-5 carries Fashion-MNIST's normalisation. Exported with it baked in,
        // OpenCV fed raw test pixels must classify as the engine's evaluation does.
        const Model model = Model::load(SLIMBENCH_RESOURCES "/baselines/lenet5-fashion-mnist.slim");
        QVERIFY(model.preprocessing().normalizes());
        const EvalSummary evaluated = evaluateModel(model, kFashionMnist, "test", 500, {});
        QTemporaryDir dir;
        const std::string path = dir.filePath("lenet5-raw.onnx").toStdString();
        exportModelToOnnx(model.withPreprocessingBakedIn(), path);
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
        const data::ImageDataset test = data::openDataset(kFashionMnist, data::Split::Test);
        const at::Tensor pixels = test.images.to(at::kFloat).contiguous();
        std::int64_t correct = 0;
        int dims[] = {1, 1, 28, 28};
        for (std::int64_t i = 0; i < test.size(); ++i) {
            cv::Mat blob(4, dims, CV_32F, pixels[i].data_ptr<float>());
            net.setInput(blob);
            const cv::Mat logits = net.forward();
            cv::Point best;
            cv::minMaxLoc(logits.reshape(1, 1), nullptr, nullptr, nullptr, &best);
            correct += best.x == test.labels[i].item<std::int64_t>();
        }
        const double openCvTop1 = static_cast<double>(correct) / static_cast<double>(test.size());
        qInfo("top-1 on the raw test images: OpenCV on the baked ONNX %.4f, Slimbench eval %.4f", openCvTop1, evaluated.top1);
        QCOMPARE(openCvTop1, evaluated.top1);
    }

    void evaluationAppliesTheModelsContractOnly()
    {
        if (!QFileInfo::exists(QString::fromLatin1(kFashionMnist)))
            QFAIL("Fashion-MNIST is missing: install Debian's dataset-fashion-mnist");
        // Training with "normalize": false writes no normalisation, and evaluation then applies
        // none: the model's evaluated accuracy equals running it on pixels/255 by hand.
        TrainRecipe recipe;
        recipe.modelZoo = "lenet5";
        recipe.dataset = kFashionMnist;
        recipe.validation = "none";
        recipe.epochs = 1;
        recipe.maxStepsPerEpoch = 3;
        recipe.batchSize = 32;
        recipe.normalize = false;
        const TrainJobResult plain = runTrainJob(recipe, {}, nullptr, false);
        QVERIFY(!plain.model.preprocessing().normalizes());
        QCOMPARE(plain.model.metadata().count("normalization.mean"), std::size_t{0});

        recipe.normalize = true;
        const TrainJobResult normalized = runTrainJob(recipe, {}, nullptr, false);
        QVERIFY(normalized.model.preprocessing().normalizes());
        QCOMPARE(normalized.model.preprocessing().channelOrder, std::string("GRAY"));

        // Fine-tuning a normalised model keeps its statistics even when the data differ.
        recipe.normalize = true;
        const Model custom = plain.model.withPreprocessing(grayContract());
        const TrainJobResult tuned = runTrainJob(recipe, {}, &custom, false);
        QVERIFY(tuned.model.preprocessing() == grayContract());

        // Evaluation applies each model's own contract: the same weights under two contracts
        // evaluate differently, and under its own each matches a hand-made forward.
        const data::ImageDataset test = data::openDataset(kFashionMnist, data::Split::Test);
        const std::int64_t count = 512;
        const at::Tensor pixels = test.images.narrow(0, 0, count).to(at::kFloat);
        const at::Tensor labels = test.labels.narrow(0, 0, count);
        for (const Model& model : {plain.model, custom}) {
            const io::NpyArray raw{pixels.sizes().vec(), std::vector<float>(pixels.data_ptr<float>(), pixels.data_ptr<float>() + pixels.numel())};
            const io::NpyArray logits = model.infer(model.preprocess(raw));
            const at::Tensor predicted = at::from_blob(const_cast<float*>(logits.data.data()), logits.shape, at::kFloat).argmax(1);
            const double expected = predicted.eq(labels).sum().item<double>() / static_cast<double>(count);
            data::ImageDataset subset = test;
            subset.images = test.images.narrow(0, 0, count);
            subset.labels = labels;
            const train::EvalResult summary = train::evaluate(model.graph(), subset, 128, {}, "cpu");
            QCOMPARE(summary.top1, expected);
        }
    }
};

QTEST_APPLESS_MAIN(TestPreprocessing)
#include "tst_preprocessing.moc"
