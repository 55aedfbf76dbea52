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

    /// A compression recipe: the training settings once, stages in order; a fine-tune stage
    /// lays its own settings over the recipe's.
    void compressionRecipeStages()
    {
        const CompressionRecipe recipe = parseCompressionRecipe(R"({
            "kind": "compress",
            "model": {"file": "base.slim"},
            "dataset": {"path": "data"},
            "optimizer": {"name": "sgd", "lr": 0.05, "momentum": 0.9},
            "epochs": 3,
            "output_dir": "runs/a",
            "stages": [
                {"prune": {"method": "l1", "ratio": 0.5, "round_to": 8, "protect": ["conv1"], "override": {"layer1.0.conv1": 0.25}, "recalibrate": 20}},
                {"finetune": {"epochs": 2, "optimizer": {"lr": 0.01}}},
                {"prune": {"method": "bn", "target_macs": 0.4}}
            ]})",
                                                                "/p");
        QCOMPARE(recipe.outputDir, std::string("/p/runs/a"));
        QCOMPARE(recipe.base.modelFile, std::string("/p/base.slim"));
        QCOMPARE(recipe.stages.size(), std::size_t{3});
        const PruneRequest& first = recipe.stages[0].prune;
        QVERIFY(recipe.stages[0].kind == CompressionStage::Kind::Prune);
        QCOMPARE(first.method, std::string("l1"));
        QCOMPARE(first.amount, 0.5);
        QCOMPARE(first.roundTo, 8);
        QCOMPARE(first.protectedNodes, std::vector<std::string>{"conv1"});
        QCOMPARE(first.overrides.at("layer1.0.conv1"), 0.25);
        QCOMPARE(first.recalibrateBatches, std::int64_t{20});
        QCOMPARE(first.dataset, std::string("/p/data"));
        const TrainRecipe& finetune = recipe.stages[1].finetune;
        QVERIFY(recipe.stages[1].kind == CompressionStage::Kind::Finetune);
        QCOMPARE(finetune.epochs, std::int64_t{2});
        QCOMPARE(finetune.learningRate, 0.01);
        QCOMPARE(finetune.momentum, 0.9);  // the recipe's, under the stage's lr
        QCOMPARE(finetune.dataset, std::string("/p/data"));
        QVERIFY(recipe.stages[2].prune.target == PruneTarget::Macs);
        QCOMPARE(recipe.stages[2].prune.amount, 0.4);

        // Written and read back, the same recipe: the same JSON again, field for field.
        const CompressionRecipe again = parseCompressionRecipe(compressionRecipeToJson(recipe), "/elsewhere");
        QCOMPARE(compressionRecipeToJson(again), compressionRecipeToJson(recipe));
        QCOMPARE(again.outputDir, recipe.outputDir);
        QCOMPARE(again.stages.size(), recipe.stages.size());
        QCOMPARE(again.stages[0].prune.overrides, first.overrides);
        QCOMPARE(again.stages[0].prune.roundTo, 8);
        QCOMPARE(again.stages[1].finetune.learningRate, 0.01);
        QCOMPARE(again.stages[1].finetune.epochs, std::int64_t{2});
        QCOMPARE(again.stages[2].prune.amount, 0.4);
        QCOMPARE(recipeKind(compressionRecipeToJson(recipe)), std::string("compress"));
        QCOMPARE(recipeKind("{}"), std::string("train"));
    }

    void badStagesAreNamed_data()
    {
        QTest::addColumn<QString>("stages");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("what");
        QTest::newRow("no stages") << "[]" << "stages" << "must list the stages";
        QTest::newRow("unknown stage") << R"([{"quantize": {}}])" << "stages[0]" << "must be {\"prune\"";
        QTest::newRow("two kinds in one") << R"([{"prune": {"method": "l1", "ratio": 0.5}, "finetune": {}}])" << "stages[0]" << "must be";
        QTest::newRow("no target") << R"([{"prune": {"method": "l1"}}])" << "stages[0].prune.ratio" << "exactly one of";
        QTest::newRow("ratio of 1") << R"([{"prune": {"method": "l1", "ratio": 1}}])" << "stages[0].prune.ratio" << "below 1";
        QTest::newRow("budget of 0") << R"([{"prune": {"method": "l1", "target_macs": 0}}])" << "stages[0].prune.target_macs" << "above 0";
        QTest::newRow("unknown method") << R"([{"prune": {"method": "l3", "ratio": 0.5}}])" << "stages[0].prune.method" << "'l3' is not one of";
        QTest::newRow("prune typo") << R"([{"prune": {"method": "l1", "ratio": 0.5, "roundto": 8}}])" << "stages[0].prune.roundto" << "unknown field";
        QTest::newRow("global budget") << R"([{"prune": {"method": "l1", "target_macs": 0.5, "scope": "global"}}])" << "stages[0].prune.scope" << "rank globally";
        QTest::newRow("bad override") << R"([{"prune": {"method": "l1", "ratio": 0.5, "override": {"conv1": 1.5}}}])" << "stages[0].prune.override.conv1" << "below 1";
        QTest::newRow("finetune lr") << R"([{"finetune": {"optimizer": {"lr": -1}}}])" << "stages[0].finetune.optimizer.lr" << "must be between";
        QTest::newRow("finetune data") << R"([{"finetune": {"dataset": {"path": "x"}}}])" << "stages[0].finetune.dataset" << "for the whole recipe";
        QTest::newRow("second stage") << R"([{"finetune": {}}, {"finetune": {"epochz": 1}}])" << "stages[1].finetune.epochz" << "unknown field";
    }

    /// Files are written per stage: a compression recipe refuses the training recipe's own.
    void compressionRecipeRefusesItsStagesFiles()
    {
        for (const char* key : {"output", "metrics", "checkpoint_dir", "resume_from"}) {
            const std::string json = std::string("{\"kind\": \"compress\", \"") + key + "\": \"x\", \"stages\": [{\"finetune\": {}}]}";
            try {
                parseCompressionRecipe(json, "/base");
                QFAIL(key);
            } catch (const Error& error) {
                QCOMPARE(error.args().at(0), std::string(key));
                QVERIFY2(QString(error.what()).contains("output_dir"), error.what());
            }
        }
    }

    void badStagesAreNamed()
    {
        QFETCH(QString, stages);
        QFETCH(QString, field);
        QFETCH(QString, what);
        const std::string json = R"({"kind": "compress", "stages": )" + stages.toStdString() + "}";
        try {
            parseCompressionRecipe(json, "/base");
            QFAIL("the recipe must be rejected");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::InvalidRecipe));
            QCOMPARE(QString::fromStdString(error.args().at(0)), field);
            QVERIFY2(QString(error.what()).contains(what), error.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestRecipe)
#include "tst_recipe.moc"
