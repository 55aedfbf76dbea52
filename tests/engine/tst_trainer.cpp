#include <torch/torch.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "datasets.h"
#include "graph/graphbuilder.h"
#include "io/slimfile.h"
#include "train/trainer.h"

#include <atomic>
#include <cmath>

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::train;
using slim::engine::test::quadrants;

namespace {
Graph smallNet(std::uint64_t seed = 3)
{
    GraphBuilder b(seed);
    const ValueId x = b.input("input", {1, 8, 8});
    ValueId y = b.relu("relu", b.batchNorm2d("bn", b.conv2d("conv", x, 8, 3, 1, 1, 1, false)));
    y = b.maxPool2d("pool", y, 2, 2);
    y = b.linear("fc", b.flatten("flatten", y), 4);
    return b.finish({y});
}

/// smallNet with Dropout before the classifier: its masks come from the global generator.
Graph dropoutNet(std::uint64_t seed = 3)
{
    GraphBuilder b(seed);
    const ValueId x = b.input("input", {1, 8, 8});
    ValueId y = b.relu("relu", b.batchNorm2d("bn", b.conv2d("conv", x, 8, 3, 1, 1, 1, false)));
    y = b.maxPool2d("pool", y, 2, 2);
    Attributes dropout;
    dropout.set("p", 0.5);
    y = b.op(OpKind::Dropout, "dropout", {b.flatten("flatten", y)}, dropout);
    y = b.linear("fc", y, 4);
    return b.finish({y});
}

TrainParams quickParams()
{
    TrainParams params;
    params.epochs = 2;
    params.optimizer.learningRate = 0.05;
    params.loader.batchSize = 32;
    params.loader.seed = 5;
    return params;
}

std::vector<at::Tensor> snapshot(const Graph& g)
{
    std::vector<at::Tensor> copies;
    for (const Node& node : g.nodes()) {
        for (const auto* list : {&node.params, &node.buffers}) {
            for (const NamedTensor& named : *list)
                copies.push_back(named.tensor.detach().clone());
        }
    }
    return copies;
}

bool same(const std::vector<at::Tensor>& a, const std::vector<at::Tensor>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!at::equal(a[i], b[i]))
            return false;
    }
    return true;
}
} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private:
    data::ImageDataset m_train = quadrants(512, 1);
    data::ImageDataset m_validation = quadrants(256, 2);

private Q_SLOTS:
    void learnsAndReports()
    {
        const Graph initial = smallNet();
        const auto before = snapshot(initial);
        std::vector<MetricSample> metrics;
        std::vector<Progress> progress;
        JobContext context;
        context.reportMetric = [&](const MetricSample& m) { metrics.push_back(m); };
        context.reportProgress = [&](const Progress& p) { progress.push_back(p); };
        const TrainResult result = trainModel(initial, m_train, &m_validation, quickParams(), {}, context);
        QVERIFY(!result.cancelled);
        QCOMPARE(result.history.size(), std::size_t{2});
        QVERIFY2(result.history.back().validation.top1 > 0.9, qPrintable(QString::number(result.history.back().validation.top1)));
        QCOMPARE(result.history.back().validation.top5, 1.0); // 4 classes: top-5 always hits
        QVERIFY(result.history.back().trainLoss < result.history.front().trainLoss);
        QVERIFY(same(before, snapshot(initial))); // the input graph is untouched
        const auto count = [&](const std::string& series) {
            return std::count_if(metrics.begin(), metrics.end(), [&](const MetricSample& m) { return m.series == series; });
        };
        QCOMPARE(count("train/loss"), 32L);   // 16 batches × 2 epochs
        QCOMPARE(count("val/top1"), 2L);
        QCOMPARE(progress.back().done, std::int64_t{32});
        QCOMPARE(progress.back().total, std::int64_t{32});
        const auto withEta = std::find_if(progress.begin(), progress.end(), [](const Progress& p) { return p.etaSeconds >= 0; });
        QVERIFY(withEta != progress.end());
        QVERIFY(result.model.metadata().count("normalization.mean"));
    }

    void sameSeedSameNumbers()
    {
        const Graph initial = smallNet();
        const TrainResult a = trainModel(initial, m_train, &m_validation, quickParams(), {}, {});
        const TrainResult b = trainModel(initial, m_train, &m_validation, quickParams(), {}, {});
        QCOMPARE(a.history.back().trainLoss, b.history.back().trainLoss);
        QCOMPARE(a.history.back().validation.loss, b.history.back().validation.loss);
        QVERIFY(same(snapshot(a.model), snapshot(b.model)));
        TrainParams other = quickParams();
        other.loader.seed = 6;
        const TrainResult c = trainModel(initial, m_train, &m_validation, other, {}, {});
        QVERIFY(!same(snapshot(a.model), snapshot(c.model)));
    }

    void cancelTakesEffectWithinOneBatch()
    {
        const Graph initial = smallNet();
        const auto before = snapshot(initial);
        std::atomic<int> batches{0};
        JobContext context;
        context.reportMetric = [&](const MetricSample& m) {
            if (m.series == "train/loss")
                ++batches;
        };
        context.isCancelled = [&] { return batches.load() >= 3; };
        const TrainResult result = trainModel(initial, m_train, &m_validation, quickParams(), {}, context);
        QVERIFY(result.cancelled);
        QCOMPARE(batches.load(), 3);
        QVERIFY(result.history.empty());
        QVERIFY(same(before, snapshot(initial)));
    }

    void divergenceNamesEpochAndBatch()
    {
        TrainHooks hooks;
        hooks.extraLoss = [](const StepView& view) {
            return view.step == 20 ? at::full({}, std::nan("")) : at::zeros({});
        };
        try {
            trainModel(smallNet(), m_train, nullptr, quickParams(), hooks, {});
            QFAIL("a NaN loss must stop training");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::Diverged));
            QVERIFY2(QString(error.what()).contains("NaN at epoch 2, batch 5"), error.what());
        }
    }

    void hooksRun()
    {
        int afterSteps = 0;
        int epochs = 0;
        TrainHooks hooks;
        hooks.taps = {"relu"};
        hooks.extraLoss = [](const StepView& view) { return view.taps.at("relu").abs().mean() * 1e-3; };
        hooks.afterOptimizerStep = [&](Graph&, std::int64_t) { ++afterSteps; };
        hooks.onEpochEnd = [&](Graph&, const EpochSummary&) { ++epochs; };
        trainModel(smallNet(), m_train, nullptr, quickParams(), hooks, {});
        QCOMPARE(afterSteps, 32);
        QCOMPARE(epochs, 2);
    }

    void resumeContinuesExactly()
    {
        QTemporaryDir dir;
        TrainParams params = quickParams();
        params.checkpointDir = dir.path().toStdString();
        const TrainResult straight = trainModel(smallNet(), m_train, nullptr, params, {}, {});
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("epoch-1.slim"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("epoch-2.slim"))));
        TrainParams resume = quickParams();
        resume.resumeFrom = dir.filePath(QStringLiteral("epoch-1.slim")).toStdString();
        const TrainResult resumed = trainModel(smallNet(), m_train, nullptr, resume, {}, {});
        QCOMPARE(resumed.history.size(), std::size_t{1});
        QCOMPARE(resumed.history.front().epoch, std::int64_t{2});
        QVERIFY(same(snapshot(straight.model), snapshot(resumed.model)));
    }

    /// Dropout draws a new mask every step from the global generator; a resumed run continues
    /// that stream from the checkpoint, so 1 + 1 epochs give the same weights as 2.
    void resumeIsExactWithDropout()
    {
        QTemporaryDir dir;
        TrainParams params = quickParams();
        params.checkpointDir = dir.path().toStdString();
        const TrainResult straight = trainModel(dropoutNet(), m_train, nullptr, params, {}, {});
        TrainParams resume = quickParams();
        resume.resumeFrom = dir.filePath(QStringLiteral("epoch-1.slim")).toStdString();
        // Whatever ran in between must not matter: draw from the global generator here.
        at::rand({1000});
        const TrainResult resumed = trainModel(dropoutNet(), m_train, nullptr, resume, {}, {});
        QCOMPARE(resumed.history.size(), std::size_t{1});
        const auto a = snapshot(straight.model);
        const auto b = snapshot(resumed.model);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2(at::equal(a[i], b[i]), qPrintable(QStringLiteral("tensor %1 differs by up to %2").arg(i).arg(
                                                (a[i] - b[i]).abs().max().item<double>())));
        QCOMPARE(resumed.history.front().trainLoss, straight.history.back().trainLoss);
    }

    void damagedGeneratorStateIsNamed()
    {
        QTemporaryDir dir;
        TrainParams params = quickParams();
        params.epochs = 1;
        params.checkpointDir = dir.path().toStdString();
        trainModel(dropoutNet(), m_train, nullptr, params, {}, {});
        const std::string checkpoint = dir.filePath(QStringLiteral("epoch-1.slim")).toStdString();
        io::TrainingState state;
        const Graph saved = io::loadSlim(checkpoint, &state);
        QVERIFY(state.values.count("rng.cpu"));
        const std::string damaged = dir.filePath(QStringLiteral("damaged.slim")).toStdString();
        state.values["rng.cpu"] = state.values["rng.cpu"].substr(0, 100);
        io::saveSlim(saved, damaged, &state);
        TrainParams resume = quickParams();
        resume.resumeFrom = damaged;
        try {
            trainModel(dropoutNet(), m_train, nullptr, resume, {}, {});
            QFAIL("a damaged generator state must be refused");
        } catch (const Error& error) {
            QCOMPARE(static_cast<int>(error.code()), static_cast<int>(ErrorCode::FileCorrupt));
            QVERIFY2(QString(error.what()).contains(QString::fromStdString(damaged + ": corrupt checkpoint: the random generator state rng.cpu")),
                     error.what());
        }
    }

    void rejectsMismatchedData()
    {
        data::ImageDataset wrong = m_train;
        wrong.images = at::zeros({4, 3, 8, 8}, at::kByte);
        wrong.labels = at::zeros({4}, at::kLong);
        try {
            trainModel(smallNet(), wrong, nullptr, quickParams(), {}, {});
            QFAIL("3-channel images for a 1-channel model must be refused");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("takes 1×8×8 inputs but the data set has 3×8×8"), error.what());
        }
        TrainParams params = quickParams();
        params.device = "cuda:0";
        if (!at::hasCUDA()) {
            try {
                trainModel(smallNet(), m_train, nullptr, params, {}, {});
                QFAIL("CUDA must be refused by a CPU-only build");
            } catch (const Error& error) {
                QVERIFY(QString(error.what()).contains("no CUDA"));
            }
        }
    }

    void labelSmoothingRaisesTheLoss()
    {
        // With smoothing ε the target puts ε/K on every class, so even a confident correct
        // prediction keeps a loss: the same run reports a higher training loss with ε = 0.2.
        TrainParams plain = quickParams();
        TrainParams smooth = quickParams();
        smooth.labelSmoothing = 0.2;
        const TrainResult a = trainModel(smallNet(), m_train, nullptr, plain, {}, {});
        const TrainResult b = trainModel(smallNet(), m_train, nullptr, smooth, {}, {});
        QVERIFY(b.history.back().trainLoss > a.history.back().trainLoss + 0.1);
        QVERIFY(b.history.back().trainAccuracy > 0.8); // it still learns
    }

    /// Network slimming: the L1 penalty on BatchNorm γ drives γ toward zero (the same run
    /// without it keeps them larger), exactly by λ·sign(γ) on the gradient, and |γ| is recorded
    /// before training and after each epoch, as metrics too.
    void batchNormL1MovesGammaTowardZero()
    {
        TrainParams plain = quickParams();
        plain.optimizer.momentum = 0;
        plain.optimizer.weightDecay = 0;
        TrainParams slim = plain;
        slim.batchNormL1 = 0.05;
        std::vector<MetricSample> samples;
        JobContext context;
        context.reportMetric = [&samples](const MetricSample& sample) { samples.push_back(sample); };
        const TrainResult a = trainModel(smallNet(), m_train, nullptr, plain, {}, {});
        const TrainResult b = trainModel(smallNet(), m_train, nullptr, slim, {}, context);
        const auto l1 = [](const Graph& g) { return g.findNode("bn")->tensor("weight").detach().abs().sum().item<double>(); };
        QVERIFY2(l1(b.model) < l1(a.model) - 0.5, qPrintable(QString("%1 vs %2").arg(l1(b.model)).arg(l1(a.model))));
        QVERIFY(a.batchNormScales.empty());  // recorded only when slimming

        QCOMPARE(b.batchNormScales.size(), std::size_t{3});  // before, after epoch 1, after epoch 2
        QCOMPARE(b.batchNormScales.front().at("bn").size(), std::size_t{8});
        QCOMPARE(b.batchNormScales.front().at("bn")[0], 1.0);  // a fresh BatchNorm's γ
        const std::vector<double>& last = b.batchNormScales.back().at("bn");
        QCOMPARE(last[3], std::abs(b.model.findNode("bn")->tensor("weight")[3].item<double>()));
        int gammaSamples = 0;
        for (const MetricSample& sample : samples) {
            if (sample.series != "gamma/bn")
                continue;
            ++gammaSamples;
            QVERIFY(sample.step >= 0 && sample.step < 8);
            QVERIFY(sample.epoch == 0 || sample.epoch == 1 || sample.epoch == 2);
        }
        QCOMPARE(gammaSamples, 3 * 8);
    }

    /// The sub-gradient itself: one plain SGD step with a zero loss gradient on γ moves each γ
    /// by exactly lr·λ toward zero.
    void batchNormL1IsTheSubgradient()
    {
        TrainParams params = quickParams();
        params.epochs = 1;
        params.maxStepsPerEpoch = 1;
        params.optimizer.momentum = 0;
        params.optimizer.weightDecay = 0;
        params.schedule.kind = ScheduleKind::Constant;
        params.batchNormL1 = 0.1;
        TrainParams none = params;
        none.batchNormL1 = 0;
        const TrainResult with = trainModel(smallNet(), m_train, nullptr, params, {}, {});
        const TrainResult without = trainModel(smallNet(), m_train, nullptr, none, {}, {});
        const at::Tensor a = with.model.findNode("bn")->tensor("weight").detach();
        const at::Tensor b = without.model.findNode("bn")->tensor("weight").detach();
        // γ starts at 1 (positive): the penalty subtracts lr·λ = 0.05·0.1 from each.
        QVERIFY(at::allclose(b - a, at::full_like(a, 0.05 * 0.1), 1e-5, 1e-6));
    }

    void schedules()
    {
        ScheduleSpec step{ScheduleKind::Step, 2, 0.5, {}, 0.0, 0};
        QCOMPARE(learningRateAt(step, 1.0, 0, 10, 0, 5), 1.0);
        QCOMPARE(learningRateAt(step, 1.0, 3, 10, 0, 5), 0.5);
        QCOMPARE(learningRateAt(step, 1.0, 4, 10, 0, 5), 0.25);
        ScheduleSpec multi{ScheduleKind::MultiStep, 0, 0.1, {5, 8}, 0.0, 0};
        QCOMPARE(learningRateAt(multi, 1.0, 4, 10, 0, 5), 1.0);
        QVERIFY(std::abs(learningRateAt(multi, 1.0, 8, 10, 0, 5) - 0.01) < 1e-12);
        ScheduleSpec cosine{ScheduleKind::Cosine, 0, 0, {}, 0.0, 2};
        QCOMPARE(learningRateAt(cosine, 1.0, 0, 10, 0, 4), 0.125);   // warm-up: 1 of 8 steps
        QCOMPARE(learningRateAt(cosine, 1.0, 1, 10, 3, 4), 1.0);     // end of warm-up
        QCOMPARE(learningRateAt(cosine, 1.0, 2, 10, 0, 4), 1.0);     // cosine starts at the top
        QVERIFY(std::abs(learningRateAt(cosine, 1.0, 6, 10, 0, 4) - 0.5) < 1e-12); // half way
    }

    /// Our optimizers against torch.optim's, three steps on the same gradients.
    void optimizersMatchTorchOptim_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("nesterov");
        QTest::newRow("sgd momentum") << int(OptimizerKind::Sgd) << false;
        QTest::newRow("sgd nesterov") << int(OptimizerKind::Sgd) << true;
        QTest::newRow("adam") << int(OptimizerKind::Adam) << false;
        QTest::newRow("adamw") << int(OptimizerKind::AdamW) << false;
    }

    void optimizersMatchTorchOptim()
    {
        QFETCH(int, kind);
        QFETCH(bool, nesterov);
        const at::Tensor start = at::randn({5, 4});
        at::Tensor ours = start.clone().requires_grad_(true);
        at::Tensor theirs = start.clone().requires_grad_(true);
        OptimizerSpec spec;
        spec.kind = static_cast<OptimizerKind>(kind);
        spec.learningRate = 0.01;
        spec.nesterov = nesterov;
        spec.weightDecay = 0.01;
        Optimizer optimizer({ours}, spec);
        std::unique_ptr<torch::optim::Optimizer> reference;
        if (spec.kind == OptimizerKind::Sgd)
            reference = std::make_unique<torch::optim::SGD>(std::vector<at::Tensor>{theirs},
                torch::optim::SGDOptions(0.01).momentum(0.9).nesterov(nesterov).weight_decay(0.01));
        else if (spec.kind == OptimizerKind::Adam)
            reference = std::make_unique<torch::optim::Adam>(std::vector<at::Tensor>{theirs},
                torch::optim::AdamOptions(0.01).weight_decay(0.01));
        else
            reference = std::make_unique<torch::optim::AdamW>(std::vector<at::Tensor>{theirs},
                torch::optim::AdamWOptions(0.01).weight_decay(0.01));
        for (int step = 0; step < 3; ++step) {
            const at::Tensor target = at::randn({5, 4});
            optimizer.zeroGrad();
            (ours - target).pow(2).sum().backward();
            optimizer.step(0.01);
            reference->zero_grad();
            (theirs - target).pow(2).sum().backward();
            reference->step();
        }
        QVERIFY(at::allclose(ours, theirs, 1e-6, 1e-7));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
