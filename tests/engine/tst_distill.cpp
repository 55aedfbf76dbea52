#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "cifarfiles.h"
#include "core/error.h"
#include "datasets.h"
#include "distill/distill.h"
#include "expecterror.h"
#include "graph/executor.h"
#include "jobs/compressjob.h"
#include "jobs/recipe.h"
#include "prune/pruningsession.h"
#include "quant/quantize.h"
#include "testmodels.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

using namespace slim::engine;
using namespace slim::engine::distill;
using namespace slim::engine::graph;
using namespace slim::engine::test::models;

namespace {

double value(const at::Tensor& t)
{
    return t.item<double>();
}

/// ResNet-20 with half of every prunable group's channels removed (L1): the student of a
/// full ResNet-20 whose widths differ from the teacher's.
Graph halfWidth(const Graph& teacher)
{
    prune::PruningSession session(std::make_shared<const Graph>(teacher.clone()));
    prune::PruneSettings settings;
    settings.importance.criterion = prune::Criterion::L1;
    settings.selection.ratio = 0.5;
    return session.apply(session.preview(settings));
}

} // namespace

class TestDistill : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void responseLossByHand()
    {
        // teacher [ln 3, 0] against a student indifferent between the two classes
        const at::Tensor student = at::zeros({1, 2});
        const at::Tensor teacher = at::tensor({std::log(3.0f), 0.0f}).view({1, 2});
        for (const double t : {1.0, 2.0, 4.0}) {
            const double e = std::exp(std::log(3.0) / t);
            const double p0 = e / (e + 1);
            const double p1 = 1 / (e + 1);
            const double expected = t * t * (p0 * std::log(p0 / 0.5) + p1 * std::log(p1 / 0.5));
            QVERIFY2(std::abs(value(responseLoss(student, teacher, t)) - expected) < 1e-6, qPrintable(QString::number(t)));
        }
        // the batch mean: two copies give the same loss, and equal outputs give none
        QVERIFY(std::abs(value(responseLoss(student.repeat({2, 1}), teacher.repeat({2, 1}), 1)) - value(responseLoss(student, teacher, 1))) < 1e-7);
        QVERIFY(std::abs(value(responseLoss(teacher, teacher, 3))) < 1e-7);
    }

    void attentionWeightsTheFeatureError()
    {
        // channels [1, 3] and [3, −1] at two positions: mean [2, 1], max [3, 3]
        const at::Tensor teacher = at::tensor({1.0f, 3.0f, 3.0f, -1.0f}).view({1, 2, 1, 2});
        const at::Tensor map = attentionMap(teacher);
        QCOMPARE(map.sizes().vec(), (std::vector<std::int64_t>{1, 1, 1, 2}));
        const double a0 = 1 / (1 + std::exp(-5.0));
        const double a1 = 1 / (1 + std::exp(-4.0));
        QVERIFY(std::abs(map[0][0][0][0].item<double>() - a0) < 1e-6);
        QVERIFY(std::abs(map[0][0][0][1].item<double>() - a1) < 1e-6);
        const at::Tensor student = at::zeros_like(teacher);
        // squared errors 1 and 9 at position 0, 9 and 1 at position 1; mean over 4 entries
        QVERIFY(std::abs(value(featureLoss(student, teacher, false)) - 20.0 / 4) < 1e-6);
        QVERIFY(std::abs(value(featureLoss(student, teacher, true)) - (a0 * 10 + a1 * 10) / 4) < 1e-6);
    }

    void relationsByHand()
    {
        const at::Tensor rows = at::tensor({1.0f, 0.0f, 0.0f, 1.0f, 1.0f, 1.0f}).view({3, 2});
        const at::Tensor r = cosineRelations(rows);
        const double c = 1 / std::sqrt(2.0);
        const std::vector<double> expected{1, 0, c, 0, 1, c, c, c, 1};
        for (int i = 0; i < 9; ++i)
            QVERIFY(std::abs(r.flatten()[i].item<double>() - expected[static_cast<std::size_t>(i)]) < 1e-6);
        // cosine relations ignore scale; a different geometry costs
        QVERIFY(value(cosineRelationLoss(rows * 5, rows)) < 1e-10);
        const at::Tensor other = at::tensor({1.0f, 0.0f, 1.0f, 0.1f, 0.0f, 1.0f}).view({3, 2});
        QVERIFY(value(cosineRelationLoss(other, rows)) > 0.01);
        // RKD normalises distances by their mean and compares angles: scale-free too
        const at::Tensor cloud = at::randn({6, 5}, at::detail::createCPUGenerator(3));
        QVERIFY(value(rkdLoss(cloud * 3, cloud, 1, 2)) < 1e-8);
        QVERIFY(value(rkdLoss(at::randn({6, 5}, at::detail::createCPUGenerator(4)), cloud, 1, 2)) > 1e-3);
        QVERIFY(value(rkdLoss(cloud, cloud.flip(0), 1, 0)) > 0);
    }

    void gradientsReachStudentAndAdapterNeverTeacher()
    {
        const Graph teacher = zooModel("resnet20");
        Graph student = halfWidth(teacher);
        for (const at::Tensor& p : teacher.parameters())
            p.requires_grad_(true);
        DistillSettings settings;
        settings.featureWeight = 1;
        settings.relationWeight = 1;
        settings.taps = {{"layer3.2.relu2", "layer3.2.relu2"}, {"layer2.0.relu1", "layer2.0.relu1"}};
        const Distiller distiller(student, teacher, settings);
        const train::TrainHooks hooks = distiller.hooks();
        QCOMPARE(hooks.labelLossWeight, 0.5);
        QVERIFY(!hooks.extraParameters.empty()); // the widths differ: adapters
        for (const at::Tensor& p : student.parameters())
            p.requires_grad_(true);
        for (at::Tensor p : hooks.extraParameters)
            p.requires_grad_(true);
        const at::Tensor images = randomInput(student, 4, 8);
        std::map<std::string, at::Tensor> taps;
        const at::Tensor logits = Executor(student).run({images}, ExecMode::Train, hooks.taps, &taps).front();
        const at::Tensor labels = at::zeros({4}, at::kLong);
        const at::Tensor loss = hooks.extraLoss(train::StepView{logits, labels, taps, 0, 0, images});
        QVERIFY(value(loss) > 0);
        loss.backward();
        for (const at::Tensor& p : hooks.extraParameters)
            QVERIFY(p.grad().defined() && p.grad().abs().sum().item<double>() > 0);
        QVERIFY(student.findNode("conv1")->tensor("weight").grad().abs().sum().item<double>() > 0);
        for (const at::Tensor& p : teacher.parameters())
            QVERIFY(!p.grad().defined());
        const std::map<std::string, double> metrics = hooks.epochMetrics();
        QVERIFY(metrics.count("kd/response_loss") && metrics.count("kd/feature_loss") && metrics.count("kd/relation_loss"));
        QVERIFY(metrics.at("kd/feature_loss") > 0);
    }

    void badSettingsAreNamed()
    {
        const Graph teacher = zooModel("resnet20");
        const Graph student = halfWidth(teacher);
        DistillSettings settings;
        settings.alpha = 1.5;
        QVERIFY(test::errorOf([&] { Distiller(student, teacher, settings); }, ErrorCode::InvalidArgument).contains("distill.alpha"));
        settings.alpha = 0.5;
        settings.temperature = 0;
        QVERIFY(test::errorOf([&] { Distiller(student, teacher, settings); }, ErrorCode::InvalidArgument).contains("temperature"));
        settings.temperature = 4;
        settings.featureWeight = 1;
        settings.taps = {{"layer9.relu", "layer3.2.relu2"}};
        QVERIFY(test::errorOf([&] { Distiller(student, teacher, settings); }, ErrorCode::InvalidArgument).contains("'layer9.relu'"));
        settings.taps = {{"layer1.0.relu1", "layer2.0.relu1"}}; // 16×16 against 8×8
        const QString spatial = test::errorOf([&] { Distiller(student, teacher, settings); }, ErrorCode::ShapeMismatch);
        QVERIFY2(spatial.contains("layer1.0.relu1") && spatial.contains("layer2.0.relu1"), qPrintable(spatial));
        settings.taps.clear();
        QVERIFY(test::errorOf([&] { Distiller(student, teacher, settings); }, ErrorCode::InvalidArgument).contains("tap"));
        ZooSpec other = smallZooSpec("resnet20");
        other.classes = 7;
        settings.featureWeight = 0;
        QVERIFY(test::errorOf([&] { Distiller(student, io::buildZooModel(other), settings); }, ErrorCode::ShapeMismatch).contains("classes"));

        const auto recipeError = [](const std::string& stage) {
            return test::errorOf(
                [&] { parseCompressionRecipe("{\"kind\": \"compress\", \"stages\": [" + stage + "]}", "/tmp"); },
                ErrorCode::InvalidRecipe);
        };
        QVERIFY(recipeError("{\"finetune\": {\"distill\": {\"alpha\": 0.5}}}").contains("distill.teacher"));
        QVERIFY(recipeError("{\"finetune\": {\"distill\": {\"teacher\": \"baseline\", \"feature_weight\": 1}}}").contains("taps"));
        QVERIFY(recipeError("{\"qat\": {\"bits\": 1}}").contains("bits"));
        QVERIFY(recipeError("{\"qat\": {\"bits\": 17}}").contains("bits"));
        QVERIFY(recipeError("{\"qat\": {\"epochs\": 2, \"bits_schedule\": [[0, 8], [2, 4]]}}").contains("outside the 2 epochs"));
        QVERIFY(recipeError("{\"qat\": {\"epochs\": 3, \"bits_schedule\": [[1, 8], [1, 4]]}}").contains("increase"));
    }

    /// The seed's workflow in one recipe: prune, fine-tune with the unpruned model as the
    /// teacher, then quantization-aware training stepping 8 → 4 bits with the teacher guiding.
    void recipeDistillsThenStepsBits()
    {
        QTemporaryDir dir;
        QVERIFY(slim::test::writeCifar100(dir.path(), 32, QStringLiteral("train.bin")));
        QVERIFY(slim::test::writeCifar100(dir.path(), 16));
        const Model model = Model::fromZoo({"resnet20", 3, 32, 32, 100, 0});
        const std::string json =
            std::string("{\"kind\": \"compress\", \"dataset\": {\"path\": \"") + dir.path().toStdString()
            + "\"}, \"batch_size\": 16, \"max_steps_per_epoch\": 2, \"workers\": 1, \"output_dir\": \"out\", \"stages\": ["
            + "{\"prune\": {\"method\": \"l1\", \"ratio\": 0.5}},"
            + "{\"finetune\": {\"epochs\": 1, \"optimizer\": {\"lr\": 0.01}, \"distill\": {\"teacher\": \"baseline\", "
              "\"feature_weight\": 1, \"attention\": true, \"relation_weight\": 1, \"taps\": [\"layer3.2.relu2\"]}}},"
            + "{\"qat\": {\"epochs\": 2, \"bits_schedule\": [[0, 8], [1, 4]], \"calib_batches\": 1, \"optimizer\": {\"lr\": 0.001}, "
              "\"distill\": {\"teacher\": \"baseline\", \"alpha\": 0.7}}}]}";
        const CompressionRecipe recipe = parseCompressionRecipe(json, dir.path().toStdString());
        QVERIFY(recipe.stages[2].finetune.qat.enabled);
        // the recipe writes back to what it read
        const CompressionRecipe reread = parseCompressionRecipe(compressionRecipeToJson(recipe), "");
        QCOMPARE(reread.stages[2].finetune.qat.bitsSchedule, (std::vector<std::pair<std::int64_t, int>>{{0, 8}, {1, 4}}));
        QCOMPARE(reread.stages[2].finetune.distill.teacher, std::string("baseline"));
        QCOMPARE(reread.stages[2].finetune.distill.alpha, 0.7);
        QCOMPARE(reread.stages[1].finetune.distill.taps, (std::vector<std::pair<std::string, std::string>>{{"layer3.2.relu2", "layer3.2.relu2"}}));
        QVERIFY(reread.stages[1].finetune.distill.attention);
        QVERIFY(!reread.stages[1].finetune.qat.enabled);

        std::map<std::string, std::vector<double>> series;
        JobContext context;
        context.reportMetric = [&series](const MetricSample& sample) { series[sample.series].push_back(sample.value); };
        const CompressionResult result = runCompressionRecipe(recipe, context, &model);
        QCOMPARE(result.stages.size(), std::size_t{3});
        for (const char* name : {"kd/response_loss", "kd/feature_loss", "kd/relation_loss", "teacher/top1"})
            QVERIFY2(series.count(name), name);
        QCOMPARE(series["qat/activation_bits"], (std::vector<double>{8, 4}));
        for (const double top1 : series["teacher/top1"])
            QVERIFY(top1 >= 0 && top1 <= 1);
        // a baseline teacher must be trained: a recipe that builds a fresh zoo model is refused
        CompressionRecipe fresh = recipe;
        fresh.outputDir = dir.filePath(QStringLiteral("fresh")).toStdString();
        QVERIFY(test::errorOf([&] { runCompressionRecipe(fresh, {}, nullptr, false); }, ErrorCode::InvalidRecipe).contains("freshly built"));
        QCOMPARE(series["qat/weight_bits"], (std::vector<double>{8, 4}));
        const Model last = Model::load(dir.filePath(QStringLiteral("out/03-finetune.slim")).toStdString());
        QVERIFY(quant::isQuantized(last.graph()));
        QCOMPARE(quant::dominantBits(last.graph()), (std::pair<int, int>{4, 4}));
        // quantizing keeps the pruned widths (BatchNorm folded into the convolutions)
        QVERIFY(last.cost().params < result.stages[0].params);
        QVERIFY(last.cost().params > result.stages[0].params * 0.95);
    }
};

QTEST_GUILESS_MAIN(TestDistill)
#include "tst_distill.moc"
