#include <QtTest/QtTest>

#include <QFileInfo>

#include "jobs/trainjob.h"
#include "model.h"

using namespace slim::engine;

/// The trained models shipped in resources/baselines reach their accuracy targets on the
/// Fashion-MNIST test set and carry their training normalisation.
class TestBaselines : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reachTheirTargets_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("target");
        QTest::newRow("LeNet-5") << "lenet5-fashion-mnist.slim" << 0.89;
        QTest::newRow("ResNet-20") << "resnet20-fashion-mnist.slim" << 0.92;
    }

    void reachTheirTargets()
    {
        QFETCH(QString, file);
        QFETCH(double, target);
        const Model model = Model::load(std::string(SLIMBENCH_RESOURCES) + "/baselines/" + file.toStdString());
        QVERIFY(model.metadata().count("normalization.mean"));
        QCOMPARE(model.inputShape(), (std::vector<std::int64_t>{1, 28, 28}));
        // The embedded default data set is a dependency (installer/deps.txt): missing is a failure.
        const std::string fashionMnist = "/usr/share/datasets/fashion-mnist";
        QVERIFY2(QFileInfo::exists(QString::fromStdString(fashionMnist + "/t10k-images-idx3-ubyte.gz")),
                 "Fashion-MNIST is missing: install Debian's dataset-fashion-mnist (installer/deps.txt)");
        const EvalSummary result = evaluateModel(model, fashionMnist, "test", 500, {});
        qInfo("%s: top-1 %.4f, top-5 %.4f, loss %.4f on %lld test images", qPrintable(file), result.top1, result.top5,
              result.loss, static_cast<long long>(result.samples));
        QCOMPARE(result.samples, std::int64_t{10000});
        QVERIFY2(result.top1 >= target, qPrintable(QString::number(result.top1)));
    }
};

QTEST_APPLESS_MAIN(TestBaselines)
#include "tst_baselines.moc"
