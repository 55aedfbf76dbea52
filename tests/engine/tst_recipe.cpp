#include <QtTest/QtTest>

#include <cmath>

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

    /// The training-time methods' stages: their own settings, the recipe's training settings
    /// with the stage's on top, and the same recipe again after writing it out.
    void trainingMethodStages()
    {
        const CompressionRecipe recipe = parseCompressionRecipe(R"({
            "kind": "compress", "epochs": 4, "seed": 7, "optimizer": {"lr": 0.05},
            "stages": [
                {"surgery": {"sparsity": 0.8, "margin": 0.2, "gamma": 0.001, "power": 0.5, "protect": ["fc"], "epochs": 2}},
                {"agp": {"sparsity": 0.9, "frequency": 25, "scope": "global", "optimizer": {"lr": 0.01}}},
                {"admm": {"ratio": 0.3, "rho": 0.01, "rho_growth": 2, "update_every": 50, "purify": 0.2, "round_to": 4,
                          "override": {"conv1": 0.1}, "epochs": 3}}
            ]})",
                                                                "/p");
        QCOMPARE(recipe.stages.size(), std::size_t{3});
        const CompressionStage& surgery = recipe.stages[0];
        QVERIFY(surgery.kind == CompressionStage::Kind::Surgery);
        QCOMPARE(surgery.surgery.sparsity, 0.8);
        QCOMPARE(surgery.surgery.margin, 0.2);
        QCOMPARE(surgery.surgery.gamma, 0.001);
        QCOMPARE(surgery.surgery.power, 0.5);
        QCOMPARE(surgery.surgery.protectedNodes, std::vector<std::string>{"fc"});
        QCOMPARE(surgery.surgery.seed, std::uint64_t{7});
        QCOMPARE(surgery.finetune.epochs, std::int64_t{2});
        QCOMPARE(surgery.finetune.learningRate, 0.05);
        const CompressionStage& agp = recipe.stages[1];
        QVERIFY(agp.kind == CompressionStage::Kind::Agp);
        QCOMPARE(agp.agp.sparsity, 0.9);
        QCOMPARE(agp.agp.frequency, std::int64_t{25});
        QVERIFY(agp.agp.global);
        QCOMPARE(agp.agp.startEpoch, 0.0);
        QCOMPARE(agp.agp.endEpoch, 3.0);  // by default at three quarters of the stage's 4 epochs
        QCOMPARE(agp.finetune.learningRate, 0.01);
        const CompressionStage& admm = recipe.stages[2];
        QVERIFY(admm.kind == CompressionStage::Kind::Admm);
        QCOMPARE(admm.admm.ratio, 0.3);
        QCOMPARE(admm.admm.rho, 0.01);
        QCOMPARE(admm.admm.rhoGrowth, 2.0);
        QCOMPARE(admm.admm.updateEvery, std::int64_t{50});
        QCOMPARE(admm.admm.purify, 0.2);
        QCOMPARE(admm.admm.roundTo, 4);
        QCOMPARE(admm.admm.overrides.at("conv1"), 0.1);
        QCOMPARE(admm.finetune.epochs, std::int64_t{3});

        const CompressionRecipe again = parseCompressionRecipe(compressionRecipeToJson(recipe), "/p");
        QCOMPARE(compressionRecipeToJson(again), compressionRecipeToJson(recipe));
        QCOMPARE(again.stages[0].surgery.margin, 0.2);
        QCOMPARE(again.stages[1].agp.endEpoch, 3.0);
        QCOMPARE(again.stages[2].admm.overrides, admm.admm.overrides);
        QCOMPARE(again.stages[2].finetune.epochs, std::int64_t{3});
    }

    /// A schedule stage becomes its prune steps (each followed by the fine-tune): ratios of the
    /// original turned into shares of what each step starts from, masks' ratios kept cumulative.
    void scheduleStagesExpand()
    {
        const CompressionRecipe progressive = parseCompressionRecipe(R"({"kind": "compress", "stages": [
            {"schedule": {"kind": "progressive", "steps": 3, "k": 3, "prune": {"method": "l1", "ratio": 0.8},
                          "finetune": {"epochs": 1}}}]})",
                                                                     "/p");
        QCOMPARE(progressive.stages.size(), std::size_t{6});
        double left = 1;
        for (int i = 1; i <= 3; ++i) {
            const CompressionStage& step = progressive.stages[static_cast<std::size_t>(2 * (i - 1))];
            QVERIFY(step.kind == CompressionStage::Kind::Prune);
            QVERIFY(progressive.stages[static_cast<std::size_t>(2 * i - 1)].kind == CompressionStage::Kind::Finetune);
            QCOMPARE(progressive.stages[static_cast<std::size_t>(2 * i - 1)].finetune.epochs, std::int64_t{1});
            left *= 1 - step.prune.amount;
            const double expected = 0.8 * (1 - std::pow(1 - i / 3.0, 3));  // p_i = p_f (1 - (1 - i/n)^k)
            QVERIFY2(std::abs((1 - left) - expected) < 1e-12, qPrintable(QString::number(1 - left)));
        }

        // A group's own ratio is scheduled too: after the last step it has lost exactly that share.
        const CompressionRecipe withOverride = parseCompressionRecipe(R"({"kind": "compress", "stages": [
            {"schedule": {"kind": "equal", "steps": 4, "prune": {"method": "l1", "ratio": 0.5, "override": {"conv1": 0.2}}}}]})",
                                                                      "/p");
        double groupLeft = 1;
        for (const CompressionStage& step : withOverride.stages)
            groupLeft *= 1 - step.prune.overrides.at("conv1");
        QVERIFY2(std::abs(groupLeft - 0.8) < 1e-12, qPrintable(QString::number(groupLeft)));

        const CompressionRecipe masks = parseCompressionRecipe(R"({"kind": "compress", "stages": [
            {"schedule": {"kind": "equal", "steps": 4, "prune": {"method": "magnitude", "ratio": 0.8}}}]})",
                                                               "/p");
        QCOMPARE(masks.stages.size(), std::size_t{4});
        for (std::size_t i = 0; i < 4; ++i)
            QVERIFY(std::abs(masks.stages[i].prune.amount - 0.2 * static_cast<double>(i + 1)) < 1e-12);

        const CompressionRecipe budget = parseCompressionRecipe(R"({"kind": "compress", "stages": [
            {"schedule": {"kind": "equal", "steps": 2, "prune": {"method": "l2", "target_macs": 0.4}}}]})",
                                                                "/p");
        QCOMPARE(budget.stages.size(), std::size_t{2});
        QVERIFY(std::abs(budget.stages[0].prune.amount - 0.7) < 1e-12);  // keep 70 % of the original...
        QVERIFY(std::abs(budget.stages[0].prune.amount * budget.stages[1].prune.amount - 0.4) < 1e-12);  // ...then 40 %

        const CompressionRecipe once = parseCompressionRecipe(R"({"kind": "compress", "stages": [
            {"schedule": {"kind": "oneshot", "steps": 5, "prune": {"method": "l1", "ratio": 0.5}}}]})",
                                                              "/p");
        QCOMPARE(once.stages.size(), std::size_t{1});
        QCOMPARE(once.stages[0].prune.amount, 0.5);
    }

    void badStagesAreNamed_data()
    {
        QTest::addColumn<QString>("stages");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("what");
        QTest::newRow("no stages") << "[]" << "stages" << "must list the stages";
        QTest::newRow("unknown stage") << R"([{"quantize": {}}])" << "stages[0]" << "'quantize' is not a stage";
        QTest::newRow("two kinds in one") << R"([{"prune": {"method": "l1", "ratio": 0.5}, "finetune": {}}])" << "stages[0]" << "must be one of";
        QTest::newRow("no target") << R"([{"prune": {"method": "l1"}}])" << "stages[0].prune.ratio" << "exactly one of";
        QTest::newRow("ratio of 1") << R"([{"prune": {"method": "l1", "ratio": 1}}])" << "stages[0].prune.ratio" << "below 1";
        QTest::newRow("budget of 0") << R"([{"prune": {"method": "l1", "target_macs": 0}}])" << "stages[0].prune.target_macs" << "above 0";
        QTest::newRow("unknown method") << R"([{"prune": {"method": "l3", "ratio": 0.5}}])" << "stages[0].prune.method" << "'l3' is not one of";
        QTest::newRow("target typo") << R"([{"prune": {"method": "l1", "ratoi": 0.5}}])" << "stages[0].prune.ratoi" << "unknown field";
        QTest::newRow("prune typo") << R"([{"prune": {"method": "l1", "ratio": 0.5, "roundto": 8}}])" << "stages[0].prune.roundto" << "unknown field";
        QTest::newRow("global budget") << R"([{"prune": {"method": "l1", "target_macs": 0.5, "scope": "global"}}])" << "stages[0].prune.scope" << "rank globally";
        QTest::newRow("bad override") << R"([{"prune": {"method": "l1", "ratio": 0.5, "override": {"conv1": 1.5}}}])" << "stages[0].prune.override.conv1" << "below 1";
        QTest::newRow("finetune lr") << R"([{"finetune": {"optimizer": {"lr": -1}}}])" << "stages[0].finetune.optimizer.lr" << "must be between";
        QTest::newRow("finetune data") << R"([{"finetune": {"dataset": {"path": "x"}}}])" << "stages[0].finetune.dataset" << "for the whole recipe";
        QTest::newRow("second stage") << R"([{"finetune": {}}, {"finetune": {"epochz": 1}}])" << "stages[1].finetune.epochz" << "unknown field";
        QTest::newRow("surgery sparsity") << R"([{"surgery": {"sparsity": 1}}])" << "stages[0].surgery.sparsity" << "below 1";
        QTest::newRow("surgery training") << R"([{"surgery": {"epochs": 0}}])" << "stages[0].surgery.epochs" << "must be between";
        QTest::newRow("agp window") << R"([{"agp": {"epochs": 4, "start_epoch": 3, "end_epoch": 2}}])" << "stages[0].agp.end_epoch" << "after start_epoch";
        QTest::newRow("agp past the run") << R"([{"agp": {"epochs": 2, "end_epoch": 3}}])" << "stages[0].agp.end_epoch" << "must be between";
        QTest::newRow("agp scope") << R"([{"agp": {"scope": "model"}}])" << "stages[0].agp.scope" << "'model' is not one of";
        QTest::newRow("admm rho") << R"([{"admm": {"rho": 0}}])" << "stages[0].admm.rho" << "must be between";
        QTest::newRow("admm growth") << R"([{"admm": {"rho_growth": 0.5}}])" << "stages[0].admm.rho_growth" << "must be between";
        QTest::newRow("admm purify") << R"([{"admm": {"purify": 1}}])" << "stages[0].admm.purify" << "below 1";
        QTest::newRow("admm override") << R"([{"admm": {"override": {"conv1": 2}}}])" << "stages[0].admm.override.conv1" << "below 1";
        QTest::newRow("schedule kind") << R"([{"schedule": {"kind": "agp", "prune": {"method": "l1", "ratio": 0.5}}}])" << "stages[0].schedule.kind" << "'agp' is not one of";
        QTest::newRow("schedule without prune") << R"([{"schedule": {"steps": 3}}])" << "stages[0].schedule.prune" << "final ratio";
        QTest::newRow("schedule steps") << R"([{"schedule": {"steps": 0, "prune": {"method": "l1", "ratio": 0.5}}}])" << "stages[0].schedule.steps" << "must be between";
        QTest::newRow("schedule prune") << R"([{"schedule": {"prune": {"method": "l1", "ratio": 1.2}}}])" << "stages[0].schedule.prune.ratio" << "must be between";
        QTest::newRow("schedule finetune") << R"([{"schedule": {"prune": {"method": "l1", "ratio": 0.5}, "finetune": {"epochz": 1}}}])" << "stages[0].schedule.finetune.epochz" << "unknown field";
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
