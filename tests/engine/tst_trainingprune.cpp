// The pruning methods that train: schedules, dynamic network surgery, AGP, ADMM and
// purification, each on a small model and a few batches.

#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "expecterror.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "prune/admm.h"
#include "prune/masks.h"
#include "prune/pruneschedule.h"
#include "prune/surgery.h"
#include "train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "datasets.h"

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::prune;
using slim::engine::test::errorOf;
using slim::engine::test::quadrants;

namespace {

/// Two convs (each with BatchNorm) and a classifier, for 1×8×8 inputs.
Graph smallNet()
{
    GraphBuilder b(3);
    ValueId y = b.relu("relu1", b.batchNorm2d("bn1", b.conv2d("conv1", b.input("input", {1, 8, 8}), 8, 3, 1, 1, 1, false)));
    y = b.relu("relu2", b.batchNorm2d("bn2", b.conv2d("conv2", y, 8, 3, 1, 1, 1, false)));
    y = b.maxPool2d("pool", y, 2, 2);
    return b.finish({b.linear("fc", b.flatten("flatten", y), 4)});
}

at::Tensor maskOf(const Graph& graph, const std::string& node)
{
    for (const NamedTensor& named : graph.findNode(node)->buffers)
        if (named.name == kWeightMaskName)
            return named.tensor;
    return {};
}

at::Tensor weightOf(const Graph& graph, const std::string& node, const std::string& tensor = "weight")
{
    return graph.findNode(node)->tensor(tensor);
}

train::TrainParams quickParams(std::int64_t steps = 8)
{
    train::TrainParams params;
    params.epochs = 1;
    params.maxStepsPerEpoch = steps;
    params.optimizer.learningRate = 0.05;
    params.optimizer.momentum = 0.9;
    params.loader.batchSize = 32;
    params.loader.seed = 5;
    return params;
}

double sparsityOf(const at::Tensor& tensor)
{
    return tensor.eq(0).sum().item<double>() / static_cast<double>(tensor.numel());
}

} // namespace

class TestTrainingPrune : public QObject {
    Q_OBJECT
private:
    data::ImageDataset m_train = quadrants(512, 1);

private Q_SLOTS:
    /// Each schedule's cumulative ratios follow its formula and end at the final ratio.
    void schedulesFollowTheirFormulas()
    {
        const std::vector<double> equal = scheduleRatios(PruneSchedule::Equal, 0.8, 4);
        QCOMPARE(equal.size(), std::size_t{4});
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(equal[static_cast<std::size_t>(i)] - 0.2 * (i + 1)) < 1e-12);
        for (const double k : {1.0, 2.0, 3.0, 5.0}) {
            const std::vector<double> progressive = scheduleRatios(PruneSchedule::Progressive, 0.8, 5, k);
            for (int i = 1; i <= 5; ++i)
                QVERIFY(std::abs(progressive[static_cast<std::size_t>(i - 1)] - 0.8 * (1 - std::pow(1 - i / 5.0, k))) < 1e-12);
        }
        // k > 1 prunes more early than equal steps; k = 1 is equal steps.
        QVERIFY(scheduleRatios(PruneSchedule::Progressive, 0.8, 4, 3)[0] > equal[0]);
        QVERIFY(std::abs(scheduleRatios(PruneSchedule::Progressive, 0.8, 4, 1)[1] - equal[1]) < 1e-12);
        QCOMPARE(scheduleRatios(PruneSchedule::Agp, 0.8, 4, 7), scheduleRatios(PruneSchedule::Progressive, 0.8, 4, 3));
        QCOMPARE(scheduleRatios(PruneSchedule::OneShot, 0.8, 9), std::vector<double>{0.8});

        // Steps taken on what is left compose to the cumulative ratio.
        double left = 1;
        double before = 0;
        for (const double after : scheduleRatios(PruneSchedule::Progressive, 0.9, 6, 3)) {
            left *= 1 - stepFraction(before, after);
            before = after;
        }
        QVERIFY(std::abs(left - 0.1) < 1e-12);

        // AGP: s_i before t₀, s_f from t_end, the cubic between.
        QCOMPARE(agpSparsity(0.1, 0.9, 0, 10, 110), 0.1);
        QCOMPARE(agpSparsity(0.1, 0.9, 200, 10, 110), 0.9);
        QVERIFY(std::abs(agpSparsity(0.1, 0.9, 60, 10, 110) - (0.9 - 0.8 * 0.125)) < 1e-12);

        QVERIFY(errorOf([] { scheduleRatios(PruneSchedule::Equal, 1.0, 3); }, ErrorCode::InvalidArgument).startsWith("ratio"));
        QVERIFY(errorOf([] { scheduleRatios(PruneSchedule::Equal, 0.5, 0); }, ErrorCode::InvalidArgument).startsWith("steps"));
        QVERIFY(errorOf([] { scheduleRatios(PruneSchedule::Progressive, 0.5, 2, 0); }, ErrorCode::InvalidArgument).startsWith("k"));
        for (const std::string& name : pruneScheduleNames())
            QCOMPARE(std::string(pruneScheduleName(*pruneScheduleFromName(name))), name);
        QVERIFY(!pruneScheduleFromName("cubic"));
    }

    /// The update rule: below a prunes, above b splices back, between leaves the mask alone.
    void surgeryRule()
    {
        at::Tensor mask = at::tensor(std::vector<std::uint8_t>{1, 1, 1, 0, 0, 0});
        const at::Tensor weight = at::tensor(std::vector<float>{0.05f, 0.15f, 0.5f, 0.05f, -0.15f, -0.5f});
        DynamicSurgery::updateMask(mask, weight, 0.1, 0.2);
        QVERIFY(at::equal(mask, at::tensor(std::vector<std::uint8_t>{0, 1, 1, 0, 0, 1})));
    }

    /// prepare() sets a < b per layer around the sparsity quantile and masks the forward pass.
    void surgeryStartsAtItsSparsity()
    {
        SurgerySettings settings;
        settings.sparsity = 0.6;
        settings.protectedNodes = {"fc"};
        DynamicSurgery surgery(settings);
        const Graph model = smallNet();
        const Graph start = surgery.prepare(model);
        QCOMPARE(surgery.thresholds().size(), std::size_t{2});  // conv1, conv2; fc protected
        QVERIFY(!maskOf(start, "fc").defined());
        for (const SurgeryThresholds& layer : surgery.thresholds()) {
            QVERIFY(layer.prune < layer.centre && layer.centre < layer.splice);
            QVERIFY(layer.mean > 0 && layer.std > 0);
            const at::Tensor mask = maskOf(start, layer.node);
            QVERIFY(mask.defined());
            // Entries between a and b start kept, so the sparsity is a little under the quantile.
            const double sparsity = sparsityOf(mask);
            QVERIFY2(sparsity > 0.45 && sparsity <= 0.6 + 1e-9, qPrintable(QString::number(sparsity)));
            QVERIFY(at::equal(weightOf(start, layer.node), surgery.dense(layer.node) * mask));
            QVERIFY(at::equal(surgery.dense(layer.node), weightOf(model, layer.node)));  // nothing lost
        }
        QCOMPARE(start.metadata().at("pruning"), std::string("masked"));
        SurgerySettings full;
        full.sparsity = 1.0;
        QVERIFY(errorOf([&] { DynamicSurgery{full}; }, ErrorCode::InvalidArgument).startsWith("sparsity"));
        SurgerySettings unknown;
        unknown.protectedNodes = {"nope"};
        QVERIFY(errorOf([&] { DynamicSurgery(unknown).prepare(model); }, ErrorCode::InvalidArgument).contains("nope"));
    }

    /// A pruned weight whose dense value rises above b is spliced back at the next update;
    /// one that falls below a is pruned.
    void surgeryRestoresAWeight()
    {
        SurgerySettings settings;
        settings.gamma = 0;  // every step updates the masks
        DynamicSurgery surgery(settings);
        Graph graph = surgery.prepare(smallNet());
        const SurgeryThresholds layer = surgery.thresholds().front();
        at::Tensor mask = maskOf(graph, layer.node).reshape({-1});
        const std::int64_t pruned = mask.eq(0).nonzero().view({-1})[0].item<std::int64_t>();
        const std::int64_t kept = mask.eq(1).nonzero().view({-1})[0].item<std::int64_t>();
        QCOMPARE(weightOf(graph, layer.node).reshape({-1})[pruned].item<float>(), 0.0f);

        train::TrainHooks hooks = surgery.hooks();
        QVERIFY(hooks.managesMasks);
        hooks.beforeOptimizerStep(graph, 0);  // the dense weights, for the step
        {
            at::NoGradGuard noGrad;
            at::Tensor flat = weightOf(graph, layer.node).view({-1});
            flat[pruned] = static_cast<float>(2 * layer.splice);  // what an optimizer step could do
            flat[kept] = static_cast<float>(layer.prune / 2);
        }
        hooks.afterOptimizerStep(graph, 0);
        mask = maskOf(graph, layer.node).reshape({-1});
        QCOMPARE(mask[pruned].item<int>(), 1);
        QCOMPARE(mask[kept].item<int>(), 0);
        QCOMPARE(weightOf(graph, layer.node).reshape({-1})[pruned].item<float>(), static_cast<float>(2 * layer.splice));
        QCOMPARE(weightOf(graph, layer.node).reshape({-1})[kept].item<float>(), 0.0f);
        QCOMPARE(surgery.dense(layer.node).reshape({-1})[kept].item<float>(), static_cast<float>(layer.prune / 2));
    }

    /// Trained with surgery: the forward weights are zero wherever the mask is, the dense
    /// weights under the masks still learn, and mask updates thin out with γ.
    void surgeryTrains()
    {
        SurgerySettings settings;
        settings.sparsity = 0.7;
        settings.gamma = 1e6;  // after step 0, updates are all but impossible
        DynamicSurgery surgery(settings);
        const Graph start = surgery.prepare(smallNet());
        const at::Tensor denseBefore = surgery.dense("conv2").clone();
        const at::Tensor maskBefore = maskOf(start, "conv2").clone();
        const train::TrainResult result = train::trainModel(start, m_train, nullptr, quickParams(), surgery.hooks(), {});
        QVERIFY(!result.cancelled);
        QCOMPARE(surgery.maskUpdates(), std::int64_t{1});
        for (const char* node : {"conv1", "conv2", "fc"}) {
            const at::Tensor mask = maskOf(result.model, node);
            QVERIFY(mask.defined());
            QCOMPARE(weightOf(result.model, node).masked_select(mask.eq(0)).abs().sum().item<float>(), 0.0f);
        }
        QVERIFY(at::equal(maskOf(result.model, "conv2"), maskBefore));
        // Masked entries' dense values moved: the dense update reaches them.
        const at::Tensor masked = maskBefore.eq(0);
        QVERIFY(!at::equal(surgery.dense("conv2").masked_select(masked), denseBefore.masked_select(masked)));

        // With updates every step (γ = 0), the masks follow the weights.
        settings.gamma = 0;
        DynamicSurgery everyStep(settings);
        train::trainModel(everyStep.prepare(smallNet()), m_train, nullptr, quickParams(), everyStep.hooks(), {});
        QCOMPARE(everyStep.maskUpdates(), std::int64_t{1 + 8});
    }

    /// A layer surgery leaves alone (protected) keeps the mask an earlier stage gave it: its
    /// pruned weights stay zero although the trainer leaves the masks to surgery.
    void surgeryKeepsOtherMasks()
    {
        MaskSettings magnitude;
        magnitude.ratio = 0.5;
        const Graph masked = applyMagnitudeMasks(smallNet(), magnitude);
        SurgerySettings settings;
        settings.protectedNodes = {"conv2"};
        DynamicSurgery surgery(settings);
        const Graph start = surgery.prepare(masked);
        const at::Tensor mask = maskOf(start, "conv2").clone();
        const train::TrainResult result = train::trainModel(start, m_train, nullptr, quickParams(), surgery.hooks(), {});
        QVERIFY(at::equal(maskOf(result.model, "conv2"), mask));
        QCOMPARE(weightOf(result.model, "conv2").masked_select(mask.eq(0)).abs().sum().item<float>(), 0.0f);
        QVERIFY(!at::equal(weightOf(result.model, "conv2"), weightOf(start, "conv2")));  // the kept weights trained
    }

    /// AGP raises each layer's sparsity along the cubic, and what it masked stays zero.
    void gradualPruningFollowsTheCubic()
    {
        GradualSettings settings;
        settings.sparsity = 0.75;
        settings.startEpoch = 0;
        settings.endEpoch = 0.75;  // of 8 steps: t_end = step 6
        settings.frequency = 2;
        settings.protectedNodes = {"fc"};
        GradualPruning gradual(settings);
        QCOMPARE(gradual.sparsityAt(0, 8), 0.0);
        QVERIFY(std::abs(gradual.sparsityAt(3, 8) - agpSparsity(0, 0.75, 2, 0, 6)) < 1e-12);  // last update after step 2
        QVERIFY(gradual.sparsityAt(5, 8) < 0.75);
        QCOMPARE(gradual.sparsityAt(6, 8), 0.75);
        QCOMPARE(gradual.sparsityAt(8, 8), 0.75);

        const Graph start = gradual.prepare(smallNet());
        QCOMPARE(sparsityOf(maskOf(start, "conv1")), 0.0);
        QVERIFY(!maskOf(start, "fc").defined());
        train::TrainHooks hooks = gradual.hooks();
        std::vector<double> seen;
        const auto afterStep = hooks.afterOptimizerStep;
        hooks.afterOptimizerStep = [&](Graph& graph, std::int64_t step) {
            afterStep(graph, step);
            seen.push_back(sparsityOf(maskOf(graph, "conv2")));
            // Every entry masked so far is zero in the weights.
            QVERIFY(weightOf(graph, "conv2").masked_select(maskOf(graph, "conv2").eq(0)).abs().sum().item<float>() == 0.0f);
        };
        const train::TrainResult result = train::trainModel(start, m_train, nullptr, quickParams(), hooks, {});
        QCOMPARE(seen.size(), std::size_t{8});
        for (std::size_t step = 0; step < seen.size(); ++step) {
            const auto done = static_cast<std::int64_t>(step + 1);
            const double expected = std::floor(gradual.sparsityAt(done, 8) * 576 + 1e-9) / 576;
            QVERIFY2(std::abs(seen[step] - expected) < 1e-9, qPrintable(QString("step %1: %2 vs %3").arg(step).arg(seen[step]).arg(expected)));
        }
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(sparsityOf(weightOf(result.model, "conv1")), std::floor(0.75 * 72) / 72);
        // Ending at the run's last step: the final sparsity is reached there.
        GradualSettings whole = settings;
        whole.endEpoch = 1;
        whole.frequency = 3;
        GradualPruning toTheEnd(whole);
        const train::TrainResult ended = train::trainModel(toTheEnd.prepare(smallNet()), m_train, nullptr, quickParams(), toTheEnd.hooks(), {});
        QCOMPARE(sparsityOf(maskOf(ended.model, "conv2")), std::floor(0.75 * 576) / 576);

        settings.startEpoch = 1;
        settings.endEpoch = 1;
        QVERIFY(errorOf([&] { GradualPruning{settings}; }, ErrorCode::InvalidArgument).startsWith("end_epoch"));
    }

    /// ADMM's Z is always in the structured set: whole channels zero in every constrained
    /// tensor, as many per group as the ratio says; training pulls W toward it.
    void admmKeepsZInTheSet()
    {
        AdmmSettings settings;
        settings.ratio = 0.5;
        settings.rho = 1;
        settings.rhoMax = 50;
        settings.rhoGrowth = 1.5;
        settings.updateEvery = 8;
        const Graph model = smallNet();
        AdmmPruning admm(model, settings);
        std::vector<AdmmProgress> updates;
        admm.onUpdate = [&](const AdmmProgress& progress) { updates.push_back(progress); };

        const auto checkInSet = [&admm] {
            const passes::DependencyGroups& groups = admm.groups();
            for (std::size_t g = 0; g < groups.groups.size(); ++g) {
                const passes::ChannelGroup& group = groups.groups[g];
                if (!group.prunable())
                    continue;
                QCOMPARE(static_cast<std::int64_t>(admm.removed()[g].size()), group.channels / 2);
                for (const passes::GroupMember& member : group.members) {
                    const at::Tensor z = admm.z(member.nodeName, member.tensor);
                    if (!z.defined())
                        continue;
                    for (const std::int64_t k : admm.removed()[g])
                        for (const std::int64_t position : member.entries(k))
                            QCOMPARE(z.select(member.axis, position).abs().max().item<float>(), 0.0f);
                }
            }
        };
        train::TrainHooks hooks = admm.hooks();
        const auto after = hooks.afterOptimizerStep;
        hooks.afterOptimizerStep = [&](Graph& graph, std::int64_t step) {
            after(graph, step);
            checkInSet();
        };
        const train::TrainParams params = quickParams(16);
        const train::TrainResult result = train::trainModel(model, m_train, nullptr, params, hooks, {});
        QVERIFY(!result.cancelled);
        QVERIFY(admm.z("conv1", "weight").defined() && admm.z("bn1", "bias").defined() && admm.z("conv2", "weight").defined());
        QVERIFY(!admm.z("bn1", "running_mean").defined());  // statistics are not trained
        // The first call sets Z, then one update every 8 steps (the epoch's end adds none).
        QCOMPARE(updates.size(), std::size_t{1 + 2});
        QCOMPARE(updates.back().rho, 1.5 * 1.5);
        // W moved toward the set: the channels Z removes hold a smaller share of their groups.
        const auto removedShare = [&](const Graph& graph) {
            const std::vector<std::vector<double>> norms = admm.channelNorms(graph);
            double removed = 0;
            double all = 0;
            for (std::size_t g = 0; g < norms.size(); ++g) {
                for (const double norm : norms[g])
                    all += norm;
                for (const std::int64_t k : admm.removed()[g])
                    removed += norms[g][static_cast<std::size_t>(k)];
            }
            return removed / all;
        };
        const train::TrainResult plain = train::trainModel(model, m_train, nullptr, params, {}, {});
        QVERIFY2(removedShare(result.model) < 0.5 * removedShare(plain.model),
                 qPrintable(QString("%1 (ADMM) vs %2").arg(removedShare(result.model)).arg(removedShare(plain.model))));
        QVERIFY(std::isfinite(updates.back().residual) && updates.back().residual >= 0);

        // Hard pruning at the last Z's channels (purification may add a few): half of each group.
        const AdmmPruned pruned = admm.finish(result.model);
        for (std::size_t g = 0; g < admm.removed().size(); ++g)
            QVERIFY(std::includes(pruned.removed[g].begin(), pruned.removed[g].end(), admm.removed()[g].begin(),
                                  admm.removed()[g].end()));
        QCOMPARE(pruned.purified, std::int64_t{0});
        QCOMPARE(weightOf(pruned.model, "conv1").size(0), std::int64_t{4});
        QCOMPARE(weightOf(pruned.model, "conv2").size(0), std::int64_t{4});
        QCOMPARE(weightOf(pruned.model, "fc").size(1), std::int64_t{4 * 16});
        at::InferenceMode inference;
        QCOMPARE(Executor(pruned.model).forward(at::zeros({2, 1, 8, 8}), ExecMode::Eval).sizes(), (at::IntArrayRef{2, 4}));
    }

    /// Purification removes exactly the kept channels below the threshold × the group's median.
    void purificationIsExact()
    {
        // Norms 10, 1, 0.5, 4, 9 (squared below); channel 0 already removed.
        const std::vector<std::vector<double>> norms{{100, 1, 0.25, 16, 81}, {4, 4}, {}};
        // Kept 1, 0.5, 4, 9: the median (lower middle) is 1.
        const auto extra = purificationCandidates(norms, {{0}, {}, {}}, 0.6);
        QCOMPARE(extra[0], std::vector<std::int64_t>{2});  // 0.5 < 0.6
        QVERIFY(extra[1].empty() && extra[2].empty());
        QCOMPARE(purificationCandidates(norms, {{0}, {}, {}}, 0.5)[0], std::vector<std::int64_t>{});  // not strictly below
        QCOMPARE(purificationCandidates(norms, {{0}, {}, {}}, 0.9)[0], (std::vector<std::int64_t>{2}));
        QCOMPARE(purificationCandidates(norms, {{0}, {}, {}}, 0.0)[0], std::vector<std::int64_t>{});

        // On a model: channels 1, 3 and 6 of conv1's group carry nothing; a 25 % cut takes two
        // of them (ties go to the lower index) and purification adds the third, nothing else.
        Graph model = smallNet();
        {
            at::NoGradGuard noGrad;
            at::Tensor conv1 = weightOf(model, "conv1");
            for (std::int64_t c = 0; c < 8; ++c)
                conv1[c].fill_(0.1 * static_cast<double>(c + 1));
            weightOf(model, "bn1").fill_(1);
            weightOf(model, "bn1", "bias").zero_();
            weightOf(model, "conv2").fill_(0.05);
            for (const std::int64_t dead : {1, 3, 6}) {
                conv1[dead].zero_();
                weightOf(model, "bn1")[dead].zero_();
                weightOf(model, "conv2").select(1, dead).zero_();
            }
        }
        AdmmSettings settings;
        settings.ratio = 0.25;
        settings.purify = 0.1;
        settings.overrides = {{"conv2", 0.0}};
        const AdmmPruning admm(model, settings);
        const AdmmPruned pruned = admm.finish(model);
        const int group = admm.groups().groupsOfNode("conv1").front();
        QCOMPARE(pruned.removed[static_cast<std::size_t>(group)], (std::vector<std::int64_t>{1, 3, 6}));
        QCOMPARE(pruned.purified, std::int64_t{1});
        QCOMPARE(weightOf(pruned.model, "conv1").size(0), std::int64_t{5});

        settings.purify = 0;
        QCOMPARE(AdmmPruning(model, settings).finish(model).removed[static_cast<std::size_t>(group)],
                 (std::vector<std::int64_t>{1, 3}));
        // A group with an override of 0 stays whole, purification included.
        settings.purify = 0.1;
        settings.overrides = {{"conv1", 0.0}};
        QVERIFY(AdmmPruning(model, settings).finish(model).removed[static_cast<std::size_t>(group)].empty());
        // round_to 2: six kept, one candidate: purifying it would leave five, so it stays.
        settings.overrides = {};
        settings.roundTo = 2;
        const AdmmPruned rounded = AdmmPruning(model, settings).finish(model);
        QCOMPARE(rounded.removed[static_cast<std::size_t>(group)], (std::vector<std::int64_t>{1, 3}));
        QCOMPARE(rounded.purified, std::int64_t{0});
        settings.rhoGrowth = 0.5;
        QVERIFY(errorOf([&] { AdmmPruning(model, settings); }, ErrorCode::InvalidArgument).startsWith("rho_growth"));
    }
};

QTEST_APPLESS_MAIN(TestTrainingPrune)
#include "tst_trainingprune.moc"
