// The pruning steps that need data: the first-order Taylor criterion and BatchNorm
// recalibration, each checked against an independent computation.
#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "core/runtime.h"
#include "data/loader.h"
#include "datasets.h"
#include "expecterror.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "passes/dependencygroups.h"
#include "prune/pruningsession.h"
#include "prune/taylor.h"
#include "train/recalibration.h"
#include "jobs/compressjob.h"
#include "jobs/prunejob.h"
#include "jobs/sensitivityjob.h"
#include "io/zoo.h"
#include "model.h"
#include "cifarfiles.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTemporaryDir>

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::prune;
using slim::engine::test::quadrants;

namespace {

/// conv → BN → ReLU → conv → BN → ReLU → pool → Linear, with trained-looking BatchNorm.
Graph twoBlockNet(std::uint64_t seed = 5)
{
    GraphBuilder b(seed);
    const ValueId x = b.input("input", {1, 8, 8});
    ValueId y = b.relu("relu1", b.batchNorm2d("bn1", b.conv2d("conv1", x, 6, 3, 1, 1, 1, false)));
    y = b.relu("relu2", b.batchNorm2d("bn2", b.conv2d("conv2", y, 8, 3, 1, 1, 1, false)));
    y = b.maxPool2d("pool", y, 2, 2);
    Graph graph = b.finish({b.linear("fc", b.flatten("flatten", y), 4)});
    test::randomizeBatchNorm(graph, seed, {-3, 3}, {5, 9}); // far from any batch's statistics
    return graph;
}

data::LoaderOptions orderedBatches(std::int64_t batchSize)
{
    data::LoaderOptions options;
    options.batchSize = batchSize;
    options.shuffle = false;
    options.augment = false;
    return options;
}

/// The loss of `graph` (in double precision) on `images` and `labels`, eval mode.
double lossOf(const Graph& graph, const at::Tensor& images, const at::Tensor& labels)
{
    at::NoGradGuard noGrad;
    Graph precise = graph.clone();
    precise.forEachTensor([](Node&, NamedTensor& named) {
        if (named.tensor.is_floating_point())
            named.tensor = named.tensor.to(at::kDouble);
    });
    const at::Tensor logits = Executor(precise).forward(images.to(at::kDouble), ExecMode::Eval);
    return at::cross_entropy_loss(logits, labels).item<double>();
}

/// d loss / d s at s = 1 when the `entries` of `tensor` of `node` along `axis` are scaled by s:
/// Σ w·∂L/∂w over those entries, by central differences in double precision.
double lossSlope(const Graph& graph, const std::string& node, const std::string& tensor, int axis,
                 const std::vector<std::int64_t>& entries, const at::Tensor& images, const at::Tensor& labels)
{
    constexpr double kStep = 1e-4;
    const auto scaled = [&](double factor) {
        Graph copy = graph.clone();
        at::NoGradGuard noGrad;
        Node& target = copy.nodes()[static_cast<std::size_t>(std::find_if(copy.nodes().begin(), copy.nodes().end(),
                                                                          [&](const Node& n) { return n.name == node; })
                                                             - copy.nodes().begin())];
        at::Tensor values = target.tensor(tensor);
        for (const std::int64_t entry : entries)
            values.select(axis, entry).mul_(factor);
        return lossOf(copy, images, labels);
    };
    return (scaled(1 + kStep) - scaled(1 - kStep)) / (2 * kStep);
}

const MemberScores* memberScores(const Importance& importance, const passes::DependencyGroups& groups, int group,
                                 const std::string& node, const std::string& tensor)
{
    for (const MemberScores& scores : importance.groups[static_cast<std::size_t>(group)]) {
        const passes::GroupMember& member = groups.groups[static_cast<std::size_t>(group)].members[static_cast<std::size_t>(scores.member)];
        if (member.nodeName == node && member.tensor == tensor)
            return &scores;
    }
    return nullptr;
}

} // namespace

class TestPruneData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { ensureRuntimeInitialised(); }

    /// Each member's Taylor score is |Σ w·∂L/∂w| over the slice its group index owns: the
    /// slope of the loss when that slice is scaled, measured here by finite differences.
    /// The Linear's H×W block after Flatten is summed with its signs before |·|.
    void taylorIsTheLossSlopeOfEachSlice()
    {
        const Graph graph = twoBlockNet();
        const auto dataset = std::make_shared<const data::ImageDataset>(quadrants(32, 7));
        data::DataLoader loader(dataset, orderedBatches(32));
        const passes::DependencyGroups groups = passes::findDependencyGroups(graph);
        const Importance taylor = computeTaylorImportance(graph, groups, loader, 1);
        QCOMPARE(taylor.options.criterion, Criterion::Taylor);

        data::DataLoader same(dataset, orderedBatches(32));
        const std::optional<data::Batch> batch = same.next();
        QVERIFY(batch);
        const int group = groups.findGroup("conv2");
        QVERIFY(group >= 0);
        const passes::ChannelGroup& conv2 = groups.groups[static_cast<std::size_t>(group)];
        struct Check { std::string node, tensor; };
        for (const Check& check : {Check{"conv2", "weight"}, Check{"bn2", "weight"}, Check{"bn2", "bias"}, Check{"fc", "weight"}}) {
            const MemberScores* scores = memberScores(taylor, groups, group, check.node, check.tensor);
            QVERIFY2(scores, (check.node + "." + check.tensor + " is not scored").c_str());
            const passes::GroupMember& member = conv2.members[static_cast<std::size_t>(scores->member)];
            for (const std::int64_t k : {0, 3, 7}) {
                const auto slice = member.entries(k);
                const double slope = lossSlope(graph, check.node, check.tensor, member.axis, {slice.begin(), slice.end()},
                                               batch->images, batch->labels);
                const double score = scores->scores[static_cast<std::size_t>(k)];
                QVERIFY2(std::abs(score - std::abs(slope)) <= 1e-3 * std::abs(slope) + 1e-6,
                         qPrintable(QStringLiteral("%1.%2[%3]: score %4, loss slope %5")
                                        .arg(QString::fromStdString(check.node), QString::fromStdString(check.tensor))
                                        .arg(k).arg(score).arg(slope)));
            }
        }
        // Buffers (running statistics) are not parameters: they get no score.
        QVERIFY(!memberScores(taylor, groups, group, "bn2", "running_mean"));
    }

    /// Several batches give the mean of the single-batch scores; the graph is left as it was.
    void taylorAveragesBatches()
    {
        const Graph graph = twoBlockNet();
        const at::Tensor before = graph.findNode("conv1")->tensor("weight").clone();
        const data::ImageDataset all = quadrants(32, 7);
        const passes::DependencyGroups groups = passes::findDependencyGroups(graph);
        data::DataLoader both(std::make_shared<const data::ImageDataset>(all), orderedBatches(16));
        const Importance averaged = computeTaylorImportance(graph, groups, both, 2);
        data::DataLoader first(std::make_shared<const data::ImageDataset>(all.subset(at::arange(0, 16))), orderedBatches(16));
        data::DataLoader second(std::make_shared<const data::ImageDataset>(all.subset(at::arange(16, 32))), orderedBatches(16));
        const Importance a = computeTaylorImportance(graph, groups, first, 1);
        const Importance b = computeTaylorImportance(graph, groups, second, 1);
        int compared = 0;
        for (std::size_t g = 0; g < averaged.groups.size(); ++g) {
            for (std::size_t m = 0; m < averaged.groups[g].size(); ++m) {
                for (std::size_t k = 0; k < averaged.groups[g][m].scores.size(); ++k) {
                    const double expected = (a.groups[g][m].scores[k] + b.groups[g][m].scores[k]) / 2;
                    QVERIFY(std::abs(averaged.groups[g][m].scores[k] - expected) <= 1e-6 * std::max(1.0, expected));
                    ++compared;
                }
            }
        }
        QVERIFY(compared > 0);
        QVERIFY(at::equal(graph.findNode("conv1")->tensor("weight"), before));
        QVERIFY(!graph.findNode("conv1")->tensor("weight").requires_grad());

        // More batches than the data holds: the ones there are.
        data::DataLoader short_(std::make_shared<const data::ImageDataset>(all), orderedBatches(16));
        const Importance capped = computeTaylorImportance(graph, groups, short_, 50);
        for (std::size_t g = 0; g < averaged.groups.size(); ++g) {
            for (std::size_t m = 0; m < averaged.groups[g].size(); ++m)
                QCOMPARE(capped.groups[g][m].scores, averaged.groups[g][m].scores);
        }
    }

    void taylorRefusals()
    {
        const Graph graph = twoBlockNet();
        const passes::DependencyGroups groups = passes::findDependencyGroups(graph);
        data::DataLoader loader(std::make_shared<const data::ImageDataset>(quadrants(8, 1)), orderedBatches(8));
        QString message = test::errorOf([&] { computeTaylorImportance(graph, groups, loader, 0); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("at least one batch"), qPrintable(message));

        // A session cannot score Taylor from weights alone; it takes scores computed on data.
        PruningSession session(std::make_shared<const Graph>(graph.clone()));
        PruneSettings settings;
        settings.importance.criterion = Criterion::Taylor;
        settings.selection.ratio = 0.5;
        message = test::errorOf([&] { session.preview(settings); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("scores channels on data"), qPrintable(message));
        session.addImportance(computeTaylorImportance(graph, session.groups(), loader, 1));
        QCOMPARE(session.preview(settings).kept[static_cast<std::size_t>(session.groups().findGroup("conv2"))], std::int64_t{4});
        Importance foreign;
        foreign.groups.resize(1);
        message = test::errorOf([&] { session.addImportance(foreign); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("another model"), qPrintable(message));
    }

    /// After recalibration every BatchNorm's running mean and variance are the averages of
    /// the per-batch mean and (unbiased) variance of its input, as a training-mode pass feeds
    /// it; no parameter changes, and a graph sharing the old statistics keeps them.
    void recalibrationAveragesBatchStatistics()
    {
        const Graph original = twoBlockNet();
        Graph graph = original; // shares tensors with `original`
        const Graph before = original.clone();
        const auto dataset = std::make_shared<const data::ImageDataset>(quadrants(64, 3));
        data::LoaderOptions options = orderedBatches(16);
        options.shuffle = true;
        options.seed = 11;
        data::DataLoader loader(dataset, options);
        QCOMPARE(train::recalibrateBatchNorm(graph, loader, 3), std::int64_t{3});

        // The same three batches through a training-mode pass, tapping what each BN sees.
        data::DataLoader same(dataset, options);
        const Graph reference = original.clone();
        const Executor executor(reference);
        const std::vector<std::string> taps{reference.value(reference.findNode("bn1")->inputs.front()).name,
                                            reference.value(reference.findNode("bn2")->inputs.front()).name};
        std::vector<at::Tensor> meanSum(2);
        std::vector<at::Tensor> varSum(2);
        at::NoGradGuard noGrad;
        for (int b = 0; b < 3; ++b) {
            const std::optional<data::Batch> batch = same.next();
            std::map<std::string, at::Tensor> tapped;
            executor.run({batch->images}, ExecMode::Train, taps, &tapped);
            for (std::size_t i = 0; i < 2; ++i) {
                const at::Tensor seen = tapped.at(taps[i]);
                const at::Tensor mean = seen.mean({0, 2, 3});
                const at::Tensor var = seen.var({0, 2, 3}, /*unbiased=*/true);
                meanSum[i] = b == 0 ? mean : meanSum[i] + mean;
                varSum[i] = b == 0 ? var : varSum[i] + var;
            }
        }
        const char* names[] = {"bn1", "bn2"};
        for (std::size_t i = 0; i < 2; ++i) {
            const Node* bn = graph.findNode(names[i]);
            QVERIFY2(at::allclose(bn->tensor("running_mean"), meanSum[i] / 3, 1e-4, 1e-5), names[i]);
            QVERIFY2(at::allclose(bn->tensor("running_var"), varSum[i] / 3, 1e-4, 1e-5), names[i]);
        }
        for (std::size_t n = 0; n < graph.nodes().size(); ++n) {
            for (const NamedTensor& param : graph.nodes()[n].params)
                QVERIFY(at::equal(param.tensor, original.nodes()[n].tensor(param.name)));
        }
        // The graph sharing the old statistics keeps them, all three buffers of every BatchNorm.
        for (std::size_t n = 0; n < original.nodes().size(); ++n) {
            for (const NamedTensor& buffer : original.nodes()[n].buffers)
                QVERIFY2(at::equal(buffer.tensor, before.nodes()[n].tensor(buffer.name)),
                         (original.nodes()[n].name + "." + buffer.name).c_str());
        }
        for (const char* name : names)
            QCOMPARE(graph.findNode(name)->tensor("num_batches_tracked").item<std::int64_t>(), std::int64_t{3});
        QVERIFY(!graph.findNode("bn1")->attrs.has("momentum")
                || graph.findNode("bn1")->attrs.getFloat("momentum") == original.findNode("bn1")->attrs.getFloat("momentum"));

        // More batches than there are: all of them (64 / 16).
        data::DataLoader all(dataset, options);
        QCOMPARE(train::recalibrateBatchNorm(graph, all, 100), std::int64_t{4});
    }

    void recalibrationWithoutBatchNormOrBatches()
    {
        GraphBuilder b(1);
        const ValueId x = b.input("input", {1, 8, 8});
        Graph plain = b.finish({b.linear("fc", b.flatten("flatten", b.relu("relu", b.conv2d("conv", x, 4, 3, 1, 1, 1, true))), 4)});
        const auto dataset = std::make_shared<const data::ImageDataset>(quadrants(16, 3));
        data::DataLoader loader(dataset, orderedBatches(8));
        QCOMPARE(train::recalibrateBatchNorm(plain, loader, 2), std::int64_t{0});

        Graph graph = twoBlockNet();
        QString message = test::errorOf([&] { train::recalibrateBatchNorm(graph, loader, 0); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("at least one batch"), qPrintable(message));
    }

    /// The sensitivity scan prunes each group alone at each ratio: one curve per prunable
    /// group, MACs falling with the ratio, the model untouched; cancel stops it; bad requests
    /// are refused before any work.
    void sensitivityScan()
    {
        QTemporaryDir dir;
        QVERIFY(slim::test::writeCifar100(dir.path(), 24));
        const Model model = Model::fromZoo({"resnet20", 3, 32, 32, 100, 0});
        const Graph before = model.graph().clone();
        SensitivityRequest request;
        request.dataset = dir.path().toStdString();
        request.ratios = {0.25, 0.5, 0.75};
        request.samples = 16;
        request.batchSize = 8;
        std::vector<Progress> progress;
        JobContext context;
        context.reportProgress = [&progress](const Progress& p) { progress.push_back(p); };
        const SensitivityResult scan = runSensitivityScan(model, request, context);
        const PrunePreview preview(model, "l1");
        PruneRequest none;
        none.method = "l1";
        const PrunePreviewResult groups = preview.preview(none);
        QCOMPARE(scan.groups.size(), groups.groups.size());
        QCOMPARE(scan.samples, std::int64_t{16});
        QCOMPARE(scan.baselineMacs, model.cost().macs);
        QVERIFY(scan.baselineTop1 >= 0 && scan.baselineTop1 <= 1);
        for (std::size_t g = 0; g < scan.groups.size(); ++g) {
            const GroupSensitivity& curve = scan.groups[g];
            QCOMPARE(curve.name, groups.groups[g].name);
            QCOMPARE(curve.points.size(), std::size_t{3});
            QVERIFY(curve.points[0].macs < scan.baselineMacs);
            QVERIFY(curve.points[1].macs < curve.points[0].macs && curve.points[2].macs < curve.points[1].macs);
            // The MACs of one group cut alone: what the preview says for that override.
            PruneRequest alone = none;
            alone.overrides = {{curve.name, 0.5}};
            QCOMPARE(curve.points[1].macs, preview.preview(alone).macsAfter);
            for (const SensitivityPoint& point : curve.points)
                QVERIFY(point.top1 >= 0 && point.top1 <= 1);
        }
        QCOMPARE(progress.back().done, static_cast<std::int64_t>(scan.groups.size() * 3));
        QVERIFY(at::equal(Executor(model.graph()).forward(at::ones({1, 3, 32, 32})), Executor(before).forward(at::ones({1, 3, 32, 32}))));
        const std::string json = sensitivityToJson(scan);
        QVERIFY(json.find("\"baseline\"") != std::string::npos && json.find("\"points\"") != std::string::npos);

        // Cancelled at the first scanned point: no result.
        JobContext cancelling;
        bool scanning = false;
        cancelling.reportProgress = [&scanning](const Progress& p) { scanning = scanning || p.phase.rfind("scanning", 0) == 0; };
        cancelling.isCancelled = [&scanning] { return scanning; };
        bool cancelled = false;
        try {
            runSensitivityScan(model, request, cancelling);
        } catch (const JobCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);

        SensitivityRequest bad = request;
        bad.method = "taylor";
        QVERIFY(test::errorOf([&] { runSensitivityScan(model, bad); }, ErrorCode::InvalidArgument).contains("from the weights"));
        bad = request;
        bad.ratios = {0.5, 1.0};
        QVERIFY(test::errorOf([&] { runSensitivityScan(model, bad); }, ErrorCode::InvalidArgument).contains("below 1"));
        bad = request;
        bad.dataset.clear();
        QVERIFY(test::errorOf([&] { runSensitivityScan(model, bad); }, ErrorCode::InvalidArgument).contains("give a data set"));
    }

    /// Ratios for a budget from the curves: the budget is met, and the group whose accuracy
    /// does not suffer is cut first and furthest.
    void ratiosForBudgetFollowTheCurves()
    {
        const Model model = Model::fromZoo({"resnet20", 3, 32, 32, 10, 0});
        const PrunePreview preview(model, "l1");
        PruneRequest none;
        none.method = "l1";
        const PrunePreviewResult groups = preview.preview(none);
        SensitivityResult scan;
        scan.method = "l1";
        scan.baselineTop1 = 0.9;
        scan.baselineMacs = groups.macsBefore;
        const std::string robust = "layer3.0.conv1";  // a wide group whose accuracy never drops
        for (const GroupPreview& group : groups.groups) {
            GroupSensitivity curve;
            curve.name = group.name;
            curve.channels = group.channels;
            for (const double ratio : {0.25, 0.5, 0.75})
                curve.points.push_back({ratio, group.name == robust ? 0.9 : 0.9 - ratio, 0, 0});
            scan.groups.push_back(curve);
        }
        const std::map<std::string, double> ratios = ratiosForBudget(model, scan, 0.8);
        // Rounded to 8: the preview with that rounding meets the budget too.
        const std::map<std::string, double> rounded = ratiosForBudget(model, scan, 0.8, 8);
        PruneRequest roundedRequest = none;
        roundedRequest.roundTo = 8;
        roundedRequest.overrides = rounded;
        QVERIFY(preview.preview(roundedRequest).macsAfter <= 0.8 * static_cast<double>(groups.macsBefore));
        PruneRequest chosen = none;
        chosen.overrides = ratios;
        const PrunePreviewResult result = preview.preview(chosen);
        QVERIFY2(result.macsAfter <= 0.8 * static_cast<double>(groups.macsBefore), std::to_string(result.macsAfter).c_str());
        QCOMPARE(ratios.at(robust), 0.75);
        // The robust group alone saves less than the budget asks: others follow, the cheapest
        // steps first (every other curve loses the same per ratio, so by MACs saved).
        QVERIFY(ratios.size() > 1);
        QVERIFY(test::errorOf([&] { ratiosForBudget(model, scan, 0.0); }, ErrorCode::InvalidArgument).contains("(0, 1]"));

        // LeNet-5's first conv has 6 channels: at 0.1 it loses none, yet later points of its
        // curve are still used; a budget no cut can reach ends with every curve at its end.
        const Model lenet = Model::fromZoo({"lenet5", 1, 28, 28, 10, 0});
        const PrunePreview lenetPreview(lenet, "l1");
        const PrunePreviewResult lenetGroups = lenetPreview.preview(none);
        SensitivityResult small;
        small.method = "l1";
        small.baselineTop1 = 0.9;
        small.baselineMacs = lenetGroups.macsBefore;
        for (const GroupPreview& group : lenetGroups.groups) {
            GroupSensitivity curve;
            curve.name = group.name;
            curve.channels = group.channels;
            for (const double ratio : {0.1, 0.5, 0.9})
                curve.points.push_back({ratio, group.name == "conv1" ? 0.9 : 0.5, 0, 0});
            small.groups.push_back(curve);
        }
        const std::map<std::string, double> narrow = ratiosForBudget(lenet, small, 0.95);
        QVERIFY(narrow.count("conv1"));  // the free curve, though its first point removes nothing
        QVERIFY(narrow.at("conv1") >= 0.5);
        const std::map<std::string, double> unreachable = ratiosForBudget(lenet, small, 0.001);
        for (const GroupPreview& group : lenetGroups.groups)
            QCOMPARE(unreachable.at(group.name), 0.9);
    }

    /// Simulated annealing over the ratios: the answer meets the budget, its top-1 is what the
    /// pruned model really scores, the best only improves, and cancel stops it.
    void annealingSearchesRatios()
    {
        QTemporaryDir dir;
        QVERIFY(slim::test::writeCifar100(dir.path(), 24));
        const Model model = Model::fromZoo({"resnet20", 3, 32, 32, 100, 0});
        RatioSearchRequest request;
        request.dataset = dir.path().toStdString();
        request.samples = 0;
        request.batchSize = 24;
        request.keepMacs = 0.6;
        request.iterations = 12;
        request.seed = 3;
        std::vector<Progress> progress;
        JobContext context;
        context.reportProgress = [&progress](const Progress& p) { progress.push_back(p); };
        const RatioSearchResult result = searchRatios(model, request, context);
        QVERIFY(result.macs <= 0.6 * static_cast<double>(result.baselineMacs));
        QVERIFY(result.top1 >= result.startTop1);
        QCOMPARE(result.best.size(), std::size_t{12});
        QVERIFY(std::is_sorted(result.best.begin(), result.best.end()));
        QVERIFY(result.evaluated >= 1 && result.evaluated <= 13);
        QVERIFY(result.accepted <= result.evaluated - 1);
        for (const auto& [group, ratio] : result.ratios)
            QVERIFY2(ratio >= 0 && ratio <= request.maxRatio + 1e-12, group.c_str());
        // The top-1 and MACs it reports are those of the model pruned at its ratios.
        PruneRequest prune;
        prune.method = "l1";
        prune.overrides = result.ratios;
        prune.dataset = request.dataset;
        const PruneResult pruned = runPruneJob(model, prune);
        QCOMPARE(pruned.macsAfter, result.macs);
        QCOMPARE(pruned.top1Pruned, result.top1);
        QCOMPARE(progress.back().done, progress.back().total);

        // From a given start: its top-1 is the start's.
        RatioSearchRequest fromStart = request;
        fromStart.iterations = 0;
        fromStart.start = result.ratios;
        QCOMPARE(searchRatios(model, fromStart).startTop1, result.top1);

        JobContext cancelling;
        cancelling.isCancelled = [] { return true; };
        bool cancelled = false;
        try {
            searchRatios(model, request, cancelling);
        } catch (const JobCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        RatioSearchRequest bad = request;
        bad.keepMacs = 0;
        QVERIFY(test::errorOf([&] { searchRatios(model, bad); }, ErrorCode::InvalidArgument).contains("(0, 1]"));
        bad = request;
        bad.keepMacs = 0.001;
        QVERIFY(test::errorOf([&] { searchRatios(model, bad); }, ErrorCode::InvalidArgument).contains("no ratios"));
        bad = request;
        bad.start = {{"nope", 0.5}};
        QVERIFY(test::errorOf([&] { searchRatios(model, bad); }, ErrorCode::InvalidArgument).contains("nope"));
    }

    /// A compression recipe runs its stages in order on one model: each writes its version
    /// and summary.csv grows; the curves continue on one epoch axis with the cut at each prune;
    /// a cancel during a later stage keeps the finished ones on disk.
    void compressionRecipeRunsStagesInOrder()
    {
        QTemporaryDir dir;
        QVERIFY(slim::test::writeCifar100(dir.path(), 32, QStringLiteral("train.bin")));
        QVERIFY(slim::test::writeCifar100(dir.path(), 16));
        const Model model = Model::fromZoo({"resnet20", 3, 32, 32, 100, 0});
        // (Built line by line: moc does not read raw string literals.)
        const std::string json = std::string("{\"kind\": \"compress\",")
                                 + "\"dataset\": {\"path\": \"" + dir.path().toStdString() + "\"},"
                                 + "\"batch_size\": 16, \"max_steps_per_epoch\": 2, \"workers\": 1,"
                                 + "\"output_dir\": \"out\", \"stages\": ["
                                 + "{\"prune\": {\"method\": \"l1\", \"ratio\": 0.5, \"recalibrate\": 1, \"batch\": 16}},"
                                 + "{\"finetune\": {\"epochs\": 2, \"optimizer\": {\"lr\": 0.01}}},"
                                 + "{\"prune\": {\"method\": \"l2\", \"target_macs\": 0.5}}]}";
        const CompressionRecipe recipe = parseCompressionRecipe(json, dir.path().toStdString());
        std::vector<MetricSample> metrics;
        std::vector<Progress> progress;
        JobContext context;
        context.reportMetric = [&metrics](const MetricSample& sample) { metrics.push_back(sample); };
        context.reportProgress = [&progress](const Progress& p) { progress.push_back(p); };
        const CompressionResult result = runCompressionRecipe(recipe, context, &model);
        // One bar for the whole run: the total stays, done never goes back.
        for (std::size_t i = 1; i < progress.size(); ++i) {
            if (progress[i].total == 0 || progress[i - 1].total == 0)
                continue;
            QCOMPARE(progress[i].total, std::int64_t{3000});
            QVERIFY2(progress[i].done >= progress[i - 1].done, progress[i].phase.c_str());
        }
        QVERIFY(progress.back().done >= 2000);

        QCOMPARE(result.stages.size(), std::size_t{3});
        const std::string out = dir.filePath(QStringLiteral("out")).toStdString();
        const Model first = Model::load(out + "/01-prune.slim");
        QCOMPARE(first.cost().params, result.stages[0].params);
        QVERIFY(result.stages[0].params < model.cost().params);
        QVERIFY(result.stages[0].top1Before >= 0 && result.stages[0].top1 >= 0);
        QVERIFY(QFile::exists(QString::fromStdString(out + "/02-finetune.slim")));
        QVERIFY(QFile::exists(QString::fromStdString(out + "/02-finetune.csv")));
        // The third stage prunes what the fine-tune left: half of its MACs, from its own weights.
        const Model finetuned = Model::load(out + "/02-finetune.slim");
        QCOMPARE(finetuned.cost().params, result.stages[1].params);
        QVERIFY(result.stages[2].macs <= finetuned.cost().macs / 2);
        QCOMPARE(result.model.cost().macs, result.stages[2].macs);
        QCOMPARE(Model::load(out + "/03-prune.slim").cost().macs, result.stages[2].macs);

        QFile summary(dir.filePath(QStringLiteral("out/summary.csv")));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = summary.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QByteArray("stage,kind,file,params,macs,top1"));
        QVERIFY(lines[1].startsWith("1,prune,01-prune.slim," + QByteArray::number(qlonglong(result.stages[0].params)) + ","));
        QVERIFY(lines[2].startsWith("2,finetune,02-finetune.slim,"));

        // One epoch axis: the baseline and the first cut at 0, the fine-tune's batches in
        // (0, 2], the second cut at 2.
        std::vector<double> cuts;
        std::vector<double> baselines;
        double lastBatch = -1;
        for (const MetricSample& sample : metrics) {
            if (sample.series == "val/top1" && sample.step == 0)
                cuts.push_back(sample.epoch);
            if (sample.series == "ref/baseline") {
                baselines.push_back(sample.epoch);
                QCOMPARE(sample.value, result.stages[0].top1Before);
            }
            if (sample.series == "train/loss") {
                QVERIFY(sample.epoch > 0 && sample.epoch <= 2.0 + 1e-9);
                lastBatch = sample.epoch;
            }
        }
        QCOMPARE(lastBatch, 2.0);
        QCOMPARE(cuts, (std::vector<double>{0.0, 2.0}));
        QCOMPARE(baselines, (std::vector<double>{0.0}));

        // The same folder again: refused before any work, the first run's files untouched.
        const QDateTime written = QFileInfo(QString::fromStdString(out + "/01-prune.slim")).lastModified();
        const QString refusal = test::errorOf([&] { runCompressionRecipe(recipe, {}, &model); }, ErrorCode::InvalidArgument);
        QVERIFY2(refusal.contains("already holds a run"), qPrintable(refusal));
        QCOMPARE(QFileInfo(QString::fromStdString(out + "/01-prune.slim")).lastModified(), written);

        // Cancelled in the fine-tune: the first stage's version stays, nothing after it.
        QDir(dir.filePath(QStringLiteral("out"))).removeRecursively();
        JobContext cancelling;
        bool training = false;
        cancelling.reportProgress = [&training](const Progress& progress) {
            training = training || progress.phase.find("fine-tune") != std::string::npos;
        };
        cancelling.isCancelled = [&training] { return training; };
        bool cancelled = false;
        try {
            runCompressionRecipe(recipe, cancelling, &model);
        } catch (const JobCancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(QFile::exists(QString::fromStdString(out + "/01-prune.slim")));
        QVERIFY(!QFile::exists(QString::fromStdString(out + "/02-finetune.slim")));
        QFile partial(dir.filePath(QStringLiteral("out/summary.csv")));
        QVERIFY(partial.open(QIODevice::ReadOnly));
        QCOMPARE(partial.readAll().trimmed().split('\n').size(), 2);
    }

    /// The prune job with a data set: recalibration changes every BatchNorm's statistics and
    /// nothing else (the same channels go, every parameter is equal), and counts its batches.
    void pruneJobRecalibratesOnlyTheStatistics()
    {
        QTemporaryDir dir;
        QVERIFY(slim::test::writeCifar100(dir.path(), 48, QStringLiteral("train.bin")));
        QVERIFY(slim::test::writeCifar100(dir.path(), 24));
        const Model model = Model::fromZoo({"resnet20", 3, 32, 32, 100, 0});
        PruneRequest request;
        request.method = "l1";
        request.amount = 0.5;
        request.dataset = dir.path().toStdString();
        request.batchSize = 16;
        const PruneResult plain = runPruneJob(model, request);
        request.recalibrateBatches = 2;
        request.evalBatchSize = 8;
        std::map<std::string, Progress> last; // per phase, the last report
        JobContext context;
        context.reportProgress = [&last](const Progress& progress) { last[progress.phase] = progress; };
        const PruneResult recalibrated = runPruneJob(model, request, context);
        // Every long phase says how far it is and how long it has to go.
        for (const char* phase : {"evaluating the original", "evaluating the pruned model", "recalibrating BatchNorm",
                                  "evaluating the recalibrated model"}) {
            QVERIFY2(last.count(phase), phase);
            QVERIFY2(last.at(phase).total > 0 && last.at(phase).etaSeconds >= 0, phase);
        }
        QCOMPARE(last.at("evaluating the original").total, std::int64_t{3}); // 24 images in batches of 8
        QCOMPARE(recalibrated.recalibrationBatches, std::int64_t{2});
        QCOMPARE(recalibrated.evaluationSamples, std::int64_t{24});
        QVERIFY(recalibrated.top1Recalibrated >= 0 && plain.top1Recalibrated < 0);
        const Graph& a = plain.model.graph();
        const Graph& b = recalibrated.model.graph();
        QCOMPARE(a.nodes().size(), b.nodes().size());
        int batchNorms = 0;
        for (std::size_t n = 0; n < a.nodes().size(); ++n) {
            for (const NamedTensor& param : a.nodes()[n].params)
                QVERIFY2(at::equal(param.tensor, b.nodes()[n].tensor(param.name)), a.nodes()[n].name.c_str());
            if (a.nodes()[n].op != OpKind::BatchNorm2d)
                continue;
            ++batchNorms;
            QVERIFY(!at::equal(a.nodes()[n].tensor("running_mean"), b.nodes()[n].tensor("running_mean")));
            QVERIFY(!at::equal(a.nodes()[n].tensor("running_var"), b.nodes()[n].tensor("running_var")));
            QCOMPARE(b.nodes()[n].tensor("num_batches_tracked").item<std::int64_t>(), std::int64_t{2});
        }
        QVERIFY(batchNorms > 0);
    }

    /// What the job refuses with a data set, before reading much of it: a model that is not
    /// a classifier, and (magnitude) a protected layer that does not exist.
    void pruneJobRefusals()
    {
        QTemporaryDir dir;
        QVERIFY(slim::test::writeCifar100(dir.path(), 8, QStringLiteral("train.bin")));
        QVERIFY(slim::test::writeCifar100(dir.path(), 8));
        GraphBuilder b(1);
        const ValueId x = b.input("input", {3, 32, 32});
        const Model map(std::make_shared<const Graph>(
            b.finish({b.conv2d("head", b.relu("relu", b.conv2d("conv", x, 8, 3, 1, 1, 1, true)), 4, 1, 1, 0, 1, true)})));
        PruneRequest request;
        request.method = "l1";
        request.amount = 0.5;
        request.dataset = dir.path().toStdString();
        QString message = test::errorOf([&] { runPruneJob(map, request); }, ErrorCode::ShapeMismatch);
        QVERIFY2(message.contains("not one score per class"), qPrintable(message));

        request.method = "magnitude";
        request.dataset = "/nonexistent/data";
        request.protectedNodes = {"conv9"};
        message = test::errorOf([&] { runPruneJob(Model::fromZoo({"lenet5", 1, 28, 28, 10, 0}), request); },
                                ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("cannot protect 'conv9'"), qPrintable(message));
    }

    /// The GUI's preview: the same selection and cost as the prune job, per channel which go,
    /// and apply() gives the model the job gives.
    void previewMatchesThePruneJob_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("target");
        QTest::addColumn<double>("amount");
        QTest::addColumn<bool>("global");
        QTest::addColumn<int>("roundTo");
        QTest::newRow("l1 uniform 0.5") << "l1" << int(PruneTarget::Ratio) << 0.5 << false << 1;
        QTest::newRow("bn global 0.4") << "bn" << int(PruneTarget::Ratio) << 0.4 << true << 1;
        QTest::newRow("fpgm MACs 0.5 round 4") << "fpgm" << int(PruneTarget::Macs) << 0.5 << false << 4;
        QTest::newRow("l2 params 0.7") << "l2" << int(PruneTarget::Params) << 0.7 << false << 1;
    }

    void previewMatchesThePruneJob()
    {
        QFETCH(QString, method);
        QFETCH(int, target);
        QFETCH(double, amount);
        QFETCH(bool, global);
        QFETCH(int, roundTo);
        Graph graph = slim::engine::io::buildZooModel({"resnet20", 3, 16, 16, 10, 0});
        const Model model(std::make_shared<const Graph>(std::move(graph)));
        PruneRequest request;
        request.method = method.toStdString();
        request.target = static_cast<PruneTarget>(target);
        request.amount = amount;
        request.global = global;
        request.roundTo = roundTo;
        const PrunePreview preview(model, request.method);
        const PrunePreviewResult shown = preview.preview(request);
        const PruneResult job = runPruneJob(model, request);
        QCOMPARE(shown.paramsAfter, job.paramsAfter);
        QCOMPARE(shown.macsAfter, job.macsAfter);
        QCOMPARE(shown.groups.size(), job.groups.size());
        for (std::size_t g = 0; g < shown.groups.size(); ++g) {
            QCOMPARE(shown.groups[g].name, job.groups[g].name);
            QCOMPARE(shown.groups[g].kept, job.groups[g].kept);
            QCOMPARE(static_cast<std::int64_t>(std::count(shown.groups[g].removed.begin(), shown.groups[g].removed.end(), false)),
                     shown.groups[g].kept);
            QCOMPARE(static_cast<std::int64_t>(shown.groups[g].scores.size()), shown.groups[g].channels);
        }
        const Model applied = preview.apply(request);
        QCOMPARE(applied.cost().params, job.paramsAfter);
        QCOMPARE(applied.cost().macs, job.macsAfter);
        QVERIFY(at::equal(Executor(applied.graph()).forward(at::ones({1, 3, 16, 16})),
                          Executor(job.model.graph()).forward(at::ones({1, 3, 16, 16}))));
    }

    void previewLayersAndOverrides()
    {
        const Model model = Model::fromZoo({"resnet20", 3, 16, 16, 10, 0});
        const PrunePreview preview(model, "l1");
        PruneRequest request;
        request.method = "l1";
        request.amount = 0.5;
        request.overrides = {{"layer1.0.conv1", 0.0}, {"layer3.0.conv1", 0.75}};
        const PrunePreviewResult shown = preview.preview(request);
        int overridden = 0;
        for (const GroupPreview& group : shown.groups) {
            const std::int64_t expected = group.name == "layer1.0.conv1" ? group.channels
                                          : group.name == "layer3.0.conv1" ? group.channels / 4
                                                                            : group.channels / 2;
            QVERIFY2(group.kept == expected, group.name.c_str());
            overridden += int(group.name == "layer1.0.conv1" || group.name == "layer3.0.conv1");
        }
        QCOMPARE(overridden, 2);
        // Every layer's cost before and after is what cost analysis says of the model before
        // and of the model pruned with these settings, and the layers add up to the totals.
        const CostSummary before = model.cost();
        const CostSummary after = preview.apply(request).cost();
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> costBefore;
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> costAfter;
        for (const LayerCost& layer : before.layers)
            if (layer.params > 0 || layer.macs > 0)
                costBefore[layer.name] = {layer.params, layer.macs};
        for (const LayerCost& layer : after.layers)
            if (layer.params > 0 || layer.macs > 0)
                costAfter[layer.name] = {layer.params, layer.macs};
        QCOMPARE(shown.layers.size(), costBefore.size());
        std::int64_t params = 0;
        std::int64_t macs = 0;
        for (const LayerCostPreview& layer : shown.layers) {
            QVERIFY2(costBefore.count(layer.name) == 1, layer.name.c_str());
            QCOMPARE(layer.paramsBefore, costBefore[layer.name].first);
            QCOMPARE(layer.macsBefore, costBefore[layer.name].second);
            QCOMPARE(layer.paramsAfter, costAfter.at(layer.name).first);
            QCOMPARE(layer.macsAfter, costAfter.at(layer.name).second);
            params += layer.paramsAfter;
            macs += layer.macsAfter;
        }
        QCOMPARE(params, shown.paramsAfter);
        QCOMPARE(macs, shown.macsAfter);
        QCOMPARE(shown.layers.front().op, std::string("Conv2d"));

        request.overrides = {{"no.such.layer", 0.5}};
        QString message = test::errorOf([&] { preview.preview(request); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("no.such.layer"), qPrintable(message));
        request.overrides = {{"layer1.0.conv1", 1.0}};
        message = test::errorOf([&] { preview.preview(request); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("below 1"), qPrintable(message));
        request.method = "magnitude";
        message = test::errorOf([&] { runPruneJob(model, request); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("overrides are for structural methods"), qPrintable(message));
    }

    void previewBatchNormScalesAndRefusals()
    {
        const Model model = Model::fromZoo({"resnet20", 3, 16, 16, 10, 0});
        const PrunePreview preview(model, "bn");
        const std::vector<double> scales = preview.batchNormScales();
        // ResNet-20's 19 BatchNorms (16, 32, 64 channels), every one in a prunable group.
        std::size_t expected = 0;
        std::vector<double> gammas;
        for (const Node& node : model.graph().nodes()) {
            if (node.op != OpKind::BatchNorm2d)
                continue;
            expected += static_cast<std::size_t>(node.tensor("weight").numel());
            for (std::int64_t c = 0; c < node.tensor("weight").numel(); ++c)
                gammas.push_back(std::abs(node.tensor("weight")[c].item<double>()));
        }
        QCOMPARE(scales.size(), expected);
        std::vector<double> sortedScales = scales;
        std::sort(sortedScales.begin(), sortedScales.end());
        std::sort(gammas.begin(), gammas.end());
        QCOMPARE(sortedScales, gammas);

        QString message = test::errorOf([&] { PrunePreview(model, "taylor"); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("from the weights alone"), qPrintable(message));
        message = test::errorOf([&] { PrunePreview(model, "magnitude"); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("from the weights alone"), qPrintable(message));
        PruneRequest request;
        request.method = "l1";
        request.amount = 0.5;
        message = test::errorOf([&] { preview.preview(request); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("scores by bn, not l1"), qPrintable(message));
        request.method = "bn";
        request.amount = 1.0;
        message = test::errorOf([&] { preview.preview(request); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("ratio must be in [0, 1)"), qPrintable(message));
    }

    /// Cancel stops both between batches.
    void cancelStopsBoth()
    {
        Graph graph = twoBlockNet();
        const auto dataset = std::make_shared<const data::ImageDataset>(quadrants(64, 3));
        JobContext cancelled;
        cancelled.isCancelled = [] { return true; };
        data::DataLoader loader(dataset, orderedBatches(16));
        QVERIFY_THROWS_EXCEPTION(JobCancelled, train::recalibrateBatchNorm(graph, loader, 4, cancelled));
        const passes::DependencyGroups groups = passes::findDependencyGroups(graph);
        QVERIFY_THROWS_EXCEPTION(JobCancelled, computeTaylorImportance(graph, groups, loader, 4, cancelled));
    }
};

QTEST_APPLESS_MAIN(TestPruneData)
#include "tst_prunedata.moc"
