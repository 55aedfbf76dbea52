#include <QtTest/QtTest>

#include "core/error.h"
#include "jobs/recipe.h"

using namespace slim::engine;

class TestRecipe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsFromAnEmptyRecipe()
    {
        const TrainRecipe recipe = parseTrainRecipe("{}", "/base");
        QCOMPARE(recipe.modelZoo, std::string("resnet20"));
        QCOMPARE(recipe.dataset, std::string("/usr/share/datasets/fashion-mnist"));
        QCOMPARE(recipe.output, std::string("/base/model.slim"));
        QCOMPARE(recipe.optimizer, std::string("sgd"));
    }

    void roundTripsThroughJson()
    {
        TrainRecipe recipe;
        recipe.modelZoo = "vgg11";
        recipe.optimizer = "adamw";
        recipe.learningRate = 0.003;
        recipe.schedule = "multistep";
        recipe.milestones = {5, 8};
        recipe.epochs = 10;
        recipe.cropPadding = 4;
        recipe.horizontalFlip = true;
        recipe.resizeHeight = 40;
        recipe.resizeWidth = 36;
        recipe.labelSmoothing = 0.1;
        recipe.output = "/out/m.slim";
        recipe.metrics = "/out/m.csv";
        const TrainRecipe back = parseTrainRecipe(trainRecipeToJson(recipe), "/elsewhere");
        QCOMPARE(back.modelZoo, recipe.modelZoo);
        QCOMPARE(back.optimizer, recipe.optimizer);
        QCOMPARE(back.learningRate, recipe.learningRate);
        QCOMPARE(back.milestones, recipe.milestones);
        QCOMPARE(back.cropPadding, recipe.cropPadding);
        QCOMPARE(back.horizontalFlip, true);
        QCOMPARE(back.resizeHeight, std::int64_t{40});
        QCOMPARE(back.labelSmoothing, 0.1);
        QCOMPARE(back.output, recipe.output);
        QCOMPARE(trainRecipeToJson(back), trainRecipeToJson(recipe));
    }

    void badFieldsAreNamed_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("what");
        QTest::newRow("not json") << "{epochs: 3}" << "recipe" << "not valid JSON";
        QTest::newRow("not an object") << "[1, 2]" << "recipe" << "must be a JSON object";
        QTest::newRow("typo") << R"({"epoch": 3})" << "epoch" << "unknown field";
        QTest::newRow("nested typo") << R"({"optimizer": {"learning_rate": 0.1}})" << "optimizer.learning_rate" << "unknown field";
        QTest::newRow("wrong type") << R"({"epochs": "ten"})" << "epochs" << "must be a whole number";
        QTest::newRow("out of range") << R"({"optimizer": {"lr": -1}})" << "optimizer.lr" << "must be between";
        QTest::newRow("unknown optimizer") << R"({"optimizer": {"name": "lion"}})" << "optimizer.name" << "'lion' is not one of sgd, adam, adamw";
        QTest::newRow("unknown model") << R"({"model": {"zoo": "resnet99"}})" << "model.zoo" << "'resnet99' is not one of";
        QTest::newRow("nesterov without momentum") << R"({"optimizer": {"nesterov": true, "momentum": 0}})" << "optimizer.nesterov" << "momentum";
        QTest::newRow("milestones order") << R"({"schedule": {"milestones": [8, 5]}})" << "schedule.milestones" << "increasing";
        QTest::newRow("warm-up too long") << R"({"epochs": 2, "schedule": {"warmup_epochs": 2}})" << "schedule.warmup_epochs" << "fewer than the epochs";
        QTest::newRow("bad device") << R"({"device": "tpu"})" << "device" << "cuda:N";
        QTest::newRow("bad resize") << R"({"transforms": {"resize": [32]}})" << "transforms.resize" << "[height, width]";
        QTest::newRow("wrong kind") << R"({"kind": "prune"})" << "kind" << "not a training recipe";
    }

    void badFieldsAreNamed()
    {
        QFETCH(QString, json);
        QFETCH(QString, field);
        QFETCH(QString, what);
        try {
            parseTrainRecipe(json.toStdString(), "/base");
            QFAIL("the recipe must be rejected");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::InvalidRecipe));
            QCOMPARE(QString::fromStdString(error.args().at(0)), field);
            QVERIFY2(QString(error.what()).contains(what), error.what());
        }
    }

    void relativePathsFollowTheRecipe()
    {
        const TrainRecipe recipe = parseTrainRecipe(
            R"({"dataset": {"path": "data/cifar", "validation": "../val"}, "output": "out/m.slim", "model": {"file": "start.slim"}})",
            "/projects/thesis");
        QCOMPARE(recipe.dataset, std::string("/projects/thesis/data/cifar"));
        QCOMPARE(recipe.validation, std::string("/projects/val"));
        QCOMPARE(recipe.output, std::string("/projects/thesis/out/m.slim"));
        QCOMPARE(recipe.modelFile, std::string("/projects/thesis/start.slim"));
    }
};

QTEST_APPLESS_MAIN(TestRecipe)
#include "tst_recipe.moc"
