#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "analysis/cost.h"
#include "core/error.h"
#include "core/runtime.h"
#include "datasets.h"
#include "expecterror.h"
#include "fixtures.h"
#include "testmodels.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "io/onnxexport.h"
#include "io/onnximport.h"
#include "io/slimfile.h"
#include "io/torchscriptexport.h"
#include "io/torchscriptimport.h"
#include "io/zoo.h"
#include "model.h"
#include "passes/channelremoval.h"
#include "prune/pruningsession.h"
#include "prune/taylor.h"
#include "data/loader.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTemporaryDir>

#include <cmath>

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::passes;
using namespace slim::engine::prune;
using slim::engine::test::randomizeBatchNorm;
using namespace slim::engine::test::models;

namespace {

/// The largest output difference the exactness test allows (the bound).
constexpr double kExactness = 1e-5;

/// The original graph with the consumer slices of every removed channel set to zero: the
/// function the pruned graph must compute.
Graph zeroedConsumers(const Graph& graph, const DependencyGroups& groups, const ChannelRemoval& removed)
{
    Graph reference = graph.clone();
    at::NoGradGuard noGrad;
    for (std::size_t g = 0; g < removed.size(); ++g) {
        for (const GroupMember& member : groups.groups[g].members) {
            if (member.role != MemberRole::Consumer || removed[g].empty())
                continue;
            std::vector<std::int64_t> entries;
            for (const std::int64_t k : removed[g]) {
                const auto slice = member.entries(k);
                entries.insert(entries.end(), slice.begin(), slice.end());
            }
            Node& node = reference.nodes()[static_cast<std::size_t>(member.node)];
            node.tensor(member.tensor).index_fill_(member.axis, at::tensor(entries, at::kLong), 0.0);
        }
    }
    return reference;
}

double maxDifference(const at::Tensor& a, const at::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

PruneSettings uniform(Criterion criterion, double ratio)
{
    PruneSettings settings;
    settings.importance.criterion = criterion;
    settings.selection.ratio = ratio;
    return settings;
}

/// Taylor scores for `session` from one batch of random images and labels, when `graph` is a
/// classifier (one score per class); returns whether it is.
bool addTaylorScores(PruningSession& session, const Graph& graph)
{
    const Shape& output = graph.value(graph.outputs().front()).shape;
    if (output.size() != 1)
        return false;
    at::Generator generator = at::detail::createCPUGenerator(7);
    data::ImageDataset dataset;
    dataset.classes = output.front();
    std::vector<std::int64_t> shape{8};
    const Shape& sample = graph.value(graph.inputs().front()).shape;
    shape.insert(shape.end(), sample.begin(), sample.end());
    dataset.images = at::randint(0, 256, shape, generator, at::kLong).to(at::kByte);
    dataset.labels = at::randint(0, dataset.classes, {8}, generator, at::kLong);
    data::LoaderOptions options;
    options.batchSize = 8;
    options.shuffle = false;
    options.augment = false;
    data::DataLoader loader(std::make_shared<const data::ImageDataset>(dataset), options);
    session.addImportance(computeTaylorImportance(graph, session.groups(), loader, 1));
    return true;
}

/// Prunes `graph` with every criterion at several ratios, uniformly and globally, and checks
/// the result against the zeroed-consumer reference, its cost against the preview's, and that
/// each group kept what the selection says.
void checkExactness(const Graph& graph, const QString& label)
{
    PruningSession session(std::make_shared<const Graph>(graph.clone()));
    const at::Tensor input = randomInput(graph);
    const at::Tensor original = forward(graph, input);
    bool removedAnything = false;
    bool changedOutput = false;
    for (const Criterion criterion : allCriteria()) {
        if (needsData(criterion) && !addTaylorScores(session, graph))
            continue; // not a classifier: no labels to take a loss on
        const std::vector<std::pair<SelectionMode, double>> cases{{SelectionMode::UniformRatio, 0.3},
                                                                  {SelectionMode::UniformRatio, 0.5},
                                                                  {SelectionMode::UniformRatio, 0.7},
                                                                  {SelectionMode::GlobalRatio, 0.5}};
        for (const auto& [mode, ratio] : cases) {
            {
                PruneSettings settings = uniform(criterion, ratio);
                settings.selection.mode = mode;
                const Selection selection = session.preview(settings);
                const Graph pruned = session.apply(selection);
                const QString where = QStringLiteral("%1, %2, %3 %4")
                                          .arg(label, QString::fromUtf8(criterionName(criterion).data()),
                                               mode == SelectionMode::UniformRatio ? "uniform" : "global")
                                          .arg(ratio);
                const at::Tensor output = forward(pruned, input);
                const double difference =
                    maxDifference(output, forward(zeroedConsumers(graph, session.groups(), selection.removed), input));
                QVERIFY2(difference <= kExactness, qPrintable(where + ": differs by " + QString::number(difference)));
                removedAnything = removedAnything || selection.removedCount() > 0;
                changedOutput = changedOutput || maxDifference(output, original) > 100 * kExactness;
                const analysis::CostReport cost = analysis::analyzeCost(pruned);
                QVERIFY2(cost.params == selection.after.params && cost.macs == selection.after.macs, qPrintable(where));
                // Every member tensor lost exactly the entries of the removed indices (several
                // groups may share one tensor axis: a chunked conv's filters).
                std::map<std::tuple<int, std::string, int>, std::int64_t> lost;
                for (std::size_t g = 0; g < selection.kept.size(); ++g) {
                    for (const GroupMember& member : session.groups().groups[g].members)
                        lost[{member.node, member.tensor, member.axis}] += static_cast<std::int64_t>(selection.removed[g].size()) * member.span;
                }
                for (const auto& [key, entries] : lost) {
                    const auto& [node, tensor, axis] = key;
                    const std::int64_t before = graph.nodes()[static_cast<std::size_t>(node)].tensor(tensor).size(axis);
                    const std::int64_t after = pruned.nodes()[static_cast<std::size_t>(node)].tensor(tensor).size(axis);
                    QVERIFY2(before - after == entries, qPrintable(where + ": " + QString::fromStdString(
                                                                       graph.nodes()[static_cast<std::size_t>(node)].name + "." + tensor)));
                }
                if (session.groups().prunableCount() > 0 && mode == SelectionMode::UniformRatio && criterion != Criterion::BnScale)
                    QVERIFY2(selection.removedCount() > 0, qPrintable(where + ": nothing was removed"));
            }
        }
    }
    // The removed channels mattered (the output moved), so the comparisons above could fail.
    QVERIFY2(changedOutput == removedAnything, qPrintable(label + ": pruning never changed the output"));
}

/// CIFAR ResNet-(6n+2) as the zoo builds it, at any stage widths (the zoo builds 16-32-64).
Graph cifarResNet(int blocksPerStage, const std::vector<std::int64_t>& widths)
{
    GraphBuilder b(0);
    ValueId x = b.input("input", {3, 16, 16});
    x = b.relu("relu", b.batchNorm2d("bn1", b.conv2d("conv1", x, widths[0], 3, 1, 1, 1, false)));
    for (int stage = 0; stage < 3; ++stage) {
        for (int block = 0; block < blocksPerStage; ++block) {
            const std::string prefix = "layer" + std::to_string(stage + 1) + "." + std::to_string(block);
            const std::int64_t stride = stage > 0 && block == 0 ? 2 : 1;
            const std::int64_t planes = widths[static_cast<std::size_t>(stage)];
            const std::int64_t inPlanes = b.shape(x)[0];
            ValueId out = b.relu(prefix + ".relu1", b.batchNorm2d(prefix + ".bn1", b.conv2d(prefix + ".conv1", x, planes, 3, stride, 1, 1, false)));
            out = b.batchNorm2d(prefix + ".bn2", b.conv2d(prefix + ".conv2", out, planes, 3, 1, 1, 1, false));
            ValueId shortcut = x;
            if (stride != 1 || inPlanes != planes)
                shortcut = b.batchNorm2d(prefix + ".downsample.1", b.conv2d(prefix + ".downsample.0", x, planes, 1, stride, 0, 1, false));
            x = b.relu(prefix + ".relu2", b.add(prefix + ".add", out, shortcut));
        }
    }
    return b.finish({b.linear("fc", b.flatten("flatten", b.adaptiveAvgPool2d("avgpool", x, 1)), 10)});
}

Attributes axisAttr(const std::string& name, std::int64_t value)
{
    Attributes attrs;
    attrs.set(name, value);
    return attrs;
}

Attributes listAttr(const std::string& name, std::vector<std::int64_t> values)
{
    Attributes attrs;
    attrs.set(name, std::move(values));
    return attrs;
}

ValueId classifier(GraphBuilder& b, ValueId x)
{
    return b.linear("fc", b.flatten("flatten", b.adaptiveAvgPool2d("avgpool", x, 1)), 10);
}

/// torchvision's DenseNet in small: pre-activation BatchNorm on a growing concatenation.
Graph denseNetLike()
{
    GraphBuilder b(21);
    ValueId x = b.conv2d("features.conv0", b.input("input", {3, 12, 12}), 16, 3, 1, 1, 1, false);
    for (int layer = 1; layer <= 3; ++layer) {
        const std::string p = "features.denseblock1.denselayer" + std::to_string(layer);
        ValueId y = b.conv2d(p + ".conv1", b.relu(p + ".relu1", b.batchNorm2d(p + ".norm1", x)), 16, 1, 1, 0, 1, false);
        y = b.conv2d(p + ".conv2", b.relu(p + ".relu2", b.batchNorm2d(p + ".norm2", y)), 8, 3, 1, 1, 1, false);
        x = b.op(OpKind::Concat, p + ".cat", {x, y}, axisAttr("dim", 1));
    }
    x = b.relu("features.relu5", b.batchNorm2d("features.norm5", x));
    return b.finish({classifier(b, x)});
}

/// torchvision's RegNet in small: bottlenecks whose 3×3 is a grouped conv (group width 8).
Graph regNetLike()
{
    GraphBuilder b(22);
    ValueId x = b.relu("stem.relu", b.batchNorm2d("stem.bn", b.conv2d("stem.conv", b.input("input", {3, 12, 12}), 16, 3, 1, 1, 1, false)));
    const auto block = [&](const std::string& p, ValueId in, std::int64_t width, std::int64_t stride) {
        ValueId y = b.relu(p + ".a.relu", b.batchNorm2d(p + ".a.bn", b.conv2d(p + ".a", in, width, 1, 1, 0, 1, false)));
        y = b.relu(p + ".b.relu", b.batchNorm2d(p + ".b.bn", b.conv2d(p + ".b", y, width, 3, stride, 1, width / 8, false)));
        y = b.batchNorm2d(p + ".c.bn", b.conv2d(p + ".c", y, width, 1, 1, 0, 1, false));
        ValueId shortcut = in;
        if (stride != 1 || b.shape(in)[0] != width)
            shortcut = b.batchNorm2d(p + ".proj.bn", b.conv2d(p + ".proj", in, width, 1, stride, 0, 1, false));
        return b.relu(p + ".relu", b.add(p + ".add", y, shortcut));
    };
    x = block("s1.b1", x, 16, 1);
    x = block("s2.b1", x, 32, 2);
    x = block("s2.b2", x, 32, 1);
    return b.finish({classifier(b, x)});
}

/// MobileNetV3 and EfficientNet blocks in small: depthwise convs with squeeze-and-excitation
/// (HardSwish/HardSigmoid and SiLU/Sigmoid), a residual and a strided block.
Graph mobileNetV3Like()
{
    GraphBuilder b(23);
    ValueId x = b.op(OpKind::HardSwish, "stem.act", {b.batchNorm2d("stem.bn", b.conv2d("stem", b.input("input", {3, 12, 12}), 16, 3, 1, 1, 1, false))});
    const auto block = [&](const std::string& p, ValueId in, std::int64_t hidden, std::int64_t out, std::int64_t stride, OpKind act, OpKind gate) {
        ValueId y = b.op(act, p + ".expand.act", {b.batchNorm2d(p + ".expand.bn", b.conv2d(p + ".expand", in, hidden, 1, 1, 0, 1, false))});
        y = b.op(act, p + ".dw.act", {b.batchNorm2d(p + ".dw.bn", b.conv2d(p + ".dw", y, hidden, 3, stride, 1, hidden, false))});
        ValueId s = b.relu(p + ".se.relu", b.conv2d(p + ".se.fc1", b.adaptiveAvgPool2d(p + ".se.pool", y, 1), hidden / 4, 1));
        s = b.op(gate, p + ".se.gate", {b.conv2d(p + ".se.fc2", s, hidden, 1)});
        y = b.op(OpKind::Mul, p + ".se.mul", {y, s});
        y = b.batchNorm2d(p + ".project.bn", b.conv2d(p + ".project", y, out, 1, 1, 0, 1, false));
        return stride == 1 && b.shape(in)[0] == out ? b.add(p + ".add", in, y) : y;
    };
    x = block("b1", x, 64, 16, 1, OpKind::HardSwish, OpKind::HardSigmoid);
    x = block("b2", x, 96, 24, 2, OpKind::SiLU, OpKind::Sigmoid);
    x = b.op(OpKind::HardSwish, "last.act", {b.batchNorm2d("last.bn", b.conv2d("last", x, 64, 1, 1, 0, 1, false))});
    return b.finish({classifier(b, x)});
}

/// torchvision's ShuffleNetV2 in small: a downsampling unit with two branches, a stride-1
/// unit that chunks its input, channel shuffles after both, and the mean-pooled head.
Graph shuffleNetV2Like()
{
    GraphBuilder b(24);
    ValueId x = b.relu("conv1.relu", b.batchNorm2d("conv1.bn", b.conv2d("conv1", b.input("input", {3, 12, 12}), 24, 3, 1, 1, 1, false)));
    const auto shuffle = [&](const std::string& p, ValueId in) {
        const Shape shape = b.shape(in);
        ValueId y = b.op(OpKind::Reshape, p + ".split", {in}, listAttr("shape", {2, shape[0] / 2, shape[1], shape[2]}));
        y = b.op(OpKind::Permute, p + ".transpose", {y}, listAttr("dims", {0, 2, 1, 3, 4}));
        return b.op(OpKind::Reshape, p + ".merge", {y}, listAttr("shape", {-1, shape[1], shape[2]}));
    };
    const auto branch = [&](const std::string& p, ValueId in, std::int64_t stride) {
        ValueId y = b.relu(p + ".1.relu", b.batchNorm2d(p + ".1.bn", b.conv2d(p + ".1", in, 24, 1, 1, 0, 1, false)));
        y = b.batchNorm2d(p + ".2.bn", b.conv2d(p + ".2", y, 24, 3, stride, 1, 24, false));
        return b.relu(p + ".3.relu", b.batchNorm2d(p + ".3.bn", b.conv2d(p + ".3", y, 24, 1, 1, 0, 1, false)));
    };
    ValueId left = b.batchNorm2d("s2.0.branch1.0.bn", b.conv2d("s2.0.branch1.0", x, 24, 3, 2, 1, 24, false));
    left = b.relu("s2.0.branch1.1.relu", b.batchNorm2d("s2.0.branch1.1.bn", b.conv2d("s2.0.branch1.1", left, 24, 1, 1, 0, 1, false)));
    x = shuffle("s2.0.shuffle", b.op(OpKind::Concat, "s2.0.cat", {left, branch("s2.0.branch2", x, 2)}, axisAttr("dim", 1)));
    Attributes first;
    first.set("dim", std::int64_t{1});
    first.set("start", std::int64_t{0});
    first.set("end", std::int64_t{24});
    Attributes second = first;
    second.set("start", std::int64_t{24});
    second.set("end", std::int64_t{48});
    const ValueId kept = b.op(OpKind::Slice, "s2.1.chunk0", {x}, first);
    const ValueId worked = branch("s2.1.branch2", b.op(OpKind::Slice, "s2.1.chunk1", {x}, second), 1);
    x = shuffle("s2.1.shuffle", b.op(OpKind::Concat, "s2.1.cat", {kept, worked}, axisAttr("dim", 1)));
    x = b.relu("conv5.relu", b.batchNorm2d("conv5.bn", b.conv2d("conv5", x, 64, 1, 1, 0, 1, false)));
    Attributes mean = listAttr("dims", {2, 3});
    mean.set("keepdim", std::int64_t{0});
    return b.finish({b.linear("fc", b.op(OpKind::Mean, "mean", {x}, mean), 10)});
}

/// A small graph with hand-set weights: input 1×3×3 → a (1→3, 1×1) → bn → b (3→2, 1×1).
Graph handWeighted()
{
    GraphBuilder builder(0);
    const ValueId x = builder.input("input", {1, 3, 3});
    const ValueId a = builder.batchNorm2d("bn", builder.conv2d("a", x, 3, 1, 1, 0, 1, false));
    Graph graph = builder.finish({builder.conv2d("b", a, 2, 1, 1, 0, 1, false)});
    graph.nodes()[0].setTensor("weight", at::tensor({1.0f, -2.0f, 3.0f}).view({3, 1, 1, 1}));
    graph.nodes()[1].setTensor("weight", at::tensor({0.5f, -2.0f, 1.0f}));
    graph.nodes()[2].setTensor("weight", at::tensor({1.0f, 0.0f, 1.0f, 1.0f, 1.0f, 0.0f}).view({2, 3, 1, 1}));
    return graph;
}

std::vector<double> scoresOf(const Importance& importance, int group, int member)
{
    for (const MemberScores& scores : importance.groups[static_cast<std::size_t>(group)]) {
        if (scores.member == member)
            return scores.scores;
    }
    return {};
}

bool near(const std::vector<double>& actual, const std::vector<double>& expected)
{
    if (actual.size() != expected.size())
        return false;
    for (std::size_t i = 0; i < actual.size(); ++i) {
        if (std::abs(actual[i] - expected[i]) > 1e-9)
            return false;
    }
    return true;
}

int memberIndex(const ChannelGroup& group, const std::string& node, const std::string& tensor, int axis)
{
    for (std::size_t m = 0; m < group.members.size(); ++m) {
        const GroupMember& member = group.members[m];
        if (member.nodeName == node && member.tensor == tensor && member.axis == axis)
            return static_cast<int>(m);
    }
    return -1;
}

} // namespace

class TestPrune : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // One intra-op thread: these tests are about numbers, and on a busy two-core machine
        // OpenMP hand-offs made them ten times slower.
        setThreadCount(1);
    }

    /// The key test: a pruned zoo model computes exactly what the original computes with the
    /// removed channels' consumer slices zeroed, for every criterion, ratio and mode.
    void zooExactness_data() { addZooRows(); }
    void zooExactness()
    {
        QFETCH(QString, model);
        checkExactness(zooModel(model), model);
    }

    void fixtureExactness_data() { addFixtureRows(); }
    void fixtureExactness()
    {
        QFETCH(QString, file);
        QFETCH(QList<int>, shape);
        checkExactness(fixtureModel(file, {shape.begin(), shape.end()}), file);
    }

    /// The architectures people import, built as torchvision builds them (in small).
    void familyExactness_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<int>("prunable");
        // DenseNet: conv0 and each layer's two convs. RegNet: the stem stream, s2's stream, and
        // each block's a and b (grouped). MobileNetV3: stem stream, b1's expansion (with its
        // depthwise and the SE's expansion) and SE reduction, the same for b2, b2's output,
        // the last conv. ShuffleNetV2: the stem (with branch1's depthwise), the first unit's
        // branch2 inner conv, its output in two halves (the shuffle pairs branch1 with branch2,
        // the second unit's chunks split the pairs: one half passes through and pairs again with
        // the second branch's output, the other feeds that branch), the second unit's branch
        // inner conv, conv5.
        QTest::newRow("densenet") << "densenet" << 7;
        QTest::newRow("regnet") << "regnet" << 8;
        QTest::newRow("mobilenetv3") << "mobilenetv3" << 7;
        QTest::newRow("shufflenetv2") << "shufflenetv2" << 6;
    }

    void familyExactness()
    {
        QFETCH(QString, family);
        QFETCH(int, prunable);
        Graph graph = family == "densenet" ? denseNetLike()
                      : family == "regnet"  ? regNetLike()
                      : family == "mobilenetv3" ? mobileNetV3Like()
                                                : shuffleNetV2Like();
        randomizeBatchNorm(graph, 13);
        QCOMPARE(findDependencyGroups(graph).prunableCount(), prunable);
        checkExactness(graph, family);
    }

    /// Ratio 0 removes nothing and the result computes the same numbers, bit for bit.
    void ratioZeroIsIdentity_data()
    {
        addZooRows();
    }
    void ratioZeroIsIdentity()
    {
        QFETCH(QString, model);
        const Graph graph = zooModel(model);
        PruningSession session(std::make_shared<const Graph>(graph.clone()));
        const Graph pruned = session.prune(uniform(Criterion::L1, 0));
        const at::Tensor input = randomInput(graph);
        QVERIFY(at::equal(forward(pruned, input), forward(graph, input)));
        QCOMPARE(analysis::analyzeCost(pruned).params, analysis::analyzeCost(graph).params);
        QVERIFY(!pruned.metadata().count("pruning"));
    }

    void fixtureRatioZeroIsIdentity_data() { addFixtureRows(); }
    void fixtureRatioZeroIsIdentity()
    {
        QFETCH(QString, file);
        QFETCH(QList<int>, shape);
        const Graph graph = fixtureModel(file, {shape.begin(), shape.end()});
        PruningSession session(std::make_shared<const Graph>(graph.clone()));
        const at::Tensor input = randomInput(graph);
        QVERIFY(at::equal(forward(session.prune(uniform(Criterion::L2, 0)), input), forward(graph, input)));
    }

    /// ResNet-56 with every group halved is ResNet-56 built at 8-16-32: same shapes layer by
    /// layer, same params and MACs.
    void resnet56HalfWidthEqualsBuiltModel()
    {
        ZooSpec spec{"resnet56", 3, 16, 16, 10, 0};
        const auto full = std::make_shared<const Graph>(io::buildZooModel(spec));
        PruningSession session(full);
        const Selection selection = session.preview(uniform(Criterion::L1, 0.5));
        for (std::size_t g = 0; g < selection.kept.size(); ++g) {
            const ChannelGroup& group = session.groups().groups[g];
            if (group.prunable())
                QCOMPARE(selection.kept[g] * 2, group.channels);
        }
        const Graph pruned = session.apply(selection);
        const Graph built = cifarResNet(9, {8, 16, 32});
        QCOMPARE(full->nodes().size(), built.nodes().size());
        for (const Node& node : built.nodes()) {
            const Node* twin = pruned.findNode(node.name);
            QVERIFY2(twin, node.name.c_str());
            for (const NamedTensor& param : node.params)
                QVERIFY2(twin->tensor(param.name).sizes() == param.tensor.sizes(), (node.name + "." + param.name).c_str());
        }
        const analysis::CostReport prunedCost = analysis::analyzeCost(pruned);
        const analysis::CostReport builtCost = analysis::analyzeCost(built);
        QCOMPARE(prunedCost.params, builtCost.params);
        QCOMPARE(prunedCost.macs, builtCost.macs);
        QCOMPARE(selection.after.params, builtCost.params);
        QCOMPARE(selection.after.macs, builtCost.macs);
    }

    void criteriaByHand()
    {
        const auto graph = std::make_shared<const Graph>(handWeighted());
        PruningSession session(graph);
        const int a = session.groups().findGroup("a");
        QVERIFY(a >= 0);
        const ChannelGroup& group = session.groups().groups[static_cast<std::size_t>(a)];
        const int rows = memberIndex(group, "a", "weight", 0);
        const int columns = memberIndex(group, "b", "weight", 1);
        const int gamma = memberIndex(group, "bn", "weight", 0);
        QVERIFY(rows >= 0 && columns >= 0 && gamma >= 0);

        // a's filters are 1, −2, 3; b's columns are (1, 1), (0, 1), (1, 0).
        const Importance& l1 = session.importance({Criterion::L1});
        QCOMPARE(l1.groups[static_cast<std::size_t>(a)].size(), std::size_t{2}); // conv weights, not BatchNorm
        QVERIFY(near(scoresOf(l1, a, rows), {1, 2, 3}));
        QVERIFY(near(scoresOf(l1, a, columns), {2, 1, 1}));
        QVERIFY(near(reduceImportance(l1, Reduction::Mean)[static_cast<std::size_t>(a)], {1.5, 1.5, 2}));
        QVERIFY(near(reduceImportance(l1, Reduction::Sum)[static_cast<std::size_t>(a)], {3, 3, 4}));
        QVERIFY(near(reduceImportance(l1, Reduction::Max)[static_cast<std::size_t>(a)], {2, 2, 3}));

        const Importance& l2 = session.importance({Criterion::L2});
        QVERIFY(near(scoresOf(l2, a, columns), {std::sqrt(2.0), 1, 1}));

        const Importance& bn = session.importance({Criterion::BnScale});
        QCOMPARE(bn.groups[static_cast<std::size_t>(a)].size(), std::size_t{1});
        QVERIFY(near(scoresOf(bn, a, gamma), {0.5, 2, 1}));

        // FPGM: the sum of distances to the other filters: |1+2|+|1−3|, |−2−1|+|−2−3|, |3−1|+|3+2|.
        const Importance& fpgm = session.importance({Criterion::Fpgm});
        QCOMPARE(fpgm.groups[static_cast<std::size_t>(a)].size(), std::size_t{1}); // filters only
        QVERIFY(near(scoresOf(fpgm, a, rows), {5, 8, 7}));

        // One singular direction: each filter's share of the energy is w² / Σw².
        const Importance& svd = session.importance({Criterion::SvdEnergy});
        QVERIFY(near(scoresOf(svd, a, rows), {1.0 / 14, 4.0 / 14, 9.0 / 14}));

        const Importance& random = session.importance({Criterion::Random, 0.9, 3});
        const std::vector<double> drawn = scoresOf(random, a, -1);
        QCOMPARE(drawn.size(), std::size_t{3});
        QVERIFY(std::all_of(drawn.begin(), drawn.end(), [](double s) { return s >= 0 && s < 1; }));
        QVERIFY(scoresOf(session.importance({Criterion::Random, 0.9, 4}), a, -1) != drawn);
        QCOMPARE(&session.importance({Criterion::Random, 0.9, 3}), &random); // cached

        // The output group is blocked and never scored.
        QVERIFY(l1.groups[static_cast<std::size_t>(session.groups().findGroup("b"))].empty());
    }

    void svdEnergyTruncates()
    {
        // Rows (1, 0), (0, 0.1), (0, 0.1): singular values² 1 and 0.02. With 90 % of the energy
        // only the first direction counts, so the two small filters score nothing.
        GraphBuilder builder(0);
        const ValueId x = builder.input("input", {2});
        const ValueId fc = builder.linear("fc", x, 3, false);
        Graph graph = builder.finish({builder.linear("out", fc, 1, false)});
        graph.nodes()[0].setTensor("weight", at::tensor({1.0f, 0.0f, 0.0f, 0.1f, 0.0f, 0.1f}).view({3, 2}));
        const DependencyGroups groups = findDependencyGroups(graph);
        const int g = groups.findGroup("fc");
        const std::size_t member = static_cast<std::size_t>(memberIndex(groups.groups[static_cast<std::size_t>(g)], "fc", "weight", 0));
        const Importance truncated = computeImportance(graph, groups, {Criterion::SvdEnergy, 0.9});
        QVERIFY(near(scoresOf(truncated, g, static_cast<int>(member)), {1, 0, 0}));
        const Importance whole = computeImportance(graph, groups, {Criterion::SvdEnergy, 1.0});
        QVERIFY(near(scoresOf(whole, g, static_cast<int>(member)), {1 / 1.02, 0.01 / 1.02, 0.01 / 1.02}));
        const QString message = test::errorOf([&] { computeImportance(graph, groups, {Criterion::SvdEnergy, 0}); },
                                              ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("SVD energy"), qPrintable(message));
    }

    void bnScaleSkipsGroupsWithoutBatchNorm()
    {
        PruningSession session(std::make_shared<const Graph>(zooModel("lenet5")));
        const Selection selection = session.preview(uniform(Criterion::BnScale, 0.5));
        QCOMPARE(selection.removedCount(), std::int64_t{0});
        int unscored = 0;
        for (const SkippedGroup& skipped : selection.skipped)
            unscored += skipped.reason == "the criterion has nothing to score in this group" ? 1 : 0;
        QCOMPARE(unscored, session.groups().prunableCount());
    }

    /// Uniform: each group loses ⌊ratio·C⌋ of its lowest-scoring indices; the cap and round_to hold.
    void uniformRatio_data()
    {
        QTest::addColumn<double>("ratio");
        QTest::addColumn<double>("maxRatio");
        QTest::addColumn<int>("roundTo");
        QTest::newRow("0.5") << 0.5 << 1.0 << 1;
        QTest::newRow("0.3") << 0.3 << 1.0 << 1;
        QTest::newRow("0.99 keeps one") << 0.99 << 1.0 << 1;
        QTest::newRow("0.9 capped at 0.5") << 0.9 << 0.5 << 1;
        QTest::newRow("0.3 round to 8") << 0.3 << 1.0 << 8;
        QTest::newRow("0.6 round to 8") << 0.6 << 1.0 << 8;
        QTest::newRow("0.7 round to 16") << 0.7 << 1.0 << 16;
    }

    void uniformRatio()
    {
        QFETCH(double, ratio);
        QFETCH(double, maxRatio);
        QFETCH(int, roundTo);
        PruningSession session(std::make_shared<const Graph>(io::buildZooModel({"resnet20", 3, 16, 16, 10, 0})));
        PruneSettings settings = uniform(Criterion::L2, ratio);
        settings.selection.maxRatio = maxRatio;
        settings.selection.roundTo = roundTo;
        const Selection selection = session.preview(settings);
        const std::size_t block = static_cast<std::size_t>(session.groups().findGroup("layer2.1.conv1"));
        const std::vector<double> scores = reduceImportance(session.importance({Criterion::L2}), Reduction::Mean)[block];
        for (std::size_t g = 0; g < selection.kept.size(); ++g) {
            const ChannelGroup& group = session.groups().groups[g];
            if (!group.prunable()) {
                QVERIFY(selection.removed[g].empty());
                continue;
            }
            const auto channels = static_cast<double>(group.channels);
            std::int64_t expected = std::min<std::int64_t>(static_cast<std::int64_t>(std::floor(std::min(ratio, maxRatio) * channels + 1e-9)),
                                                           group.channels - 1);
            std::int64_t kept = group.channels - expected;
            kept = std::min<std::int64_t>(group.channels, (kept + roundTo - 1) / roundTo * roundTo);
            QCOMPARE(selection.kept[g], kept);
            QCOMPARE(static_cast<std::int64_t>(selection.removed[g].size()), group.channels - kept);
            QVERIFY(selection.kept[g] % roundTo == 0 || selection.kept[g] == group.channels);
            QVERIFY(selection.kept[g] >= 1);
        }
        // The indices removed from a group are its lowest scores.
        const std::vector<std::int64_t>& removed = selection.removed[block];
        double highestRemoved = -INFINITY;
        double lowestKept = INFINITY;
        for (std::size_t k = 0; k < scores.size(); ++k) {
            if (std::find(removed.begin(), removed.end(), static_cast<std::int64_t>(k)) != removed.end())
                highestRemoved = std::max(highestRemoved, scores[k]);
            else
                lowestKept = std::min(lowestKept, scores[k]);
        }
        QVERIFY(highestRemoved <= lowestKept);
    }

    void globalThresholdAndRatio()
    {
        PruningSession session(std::make_shared<const Graph>(io::buildZooModel({"resnet20", 3, 16, 16, 10, 0})));
        PruneSettings settings = uniform(Criterion::L1, 0.4);
        settings.selection.mode = SelectionMode::GlobalRatio;
        settings.selection.normalization = Normalization::Max;
        const Selection byRatio = session.preview(settings);
        std::int64_t prunableChannels = 0;
        for (const ChannelGroup& group : session.groups().groups)
            prunableChannels += group.prunable() ? group.channels : 0;
        QCOMPARE(byRatio.removedCount(), static_cast<std::int64_t>(std::floor(0.4 * static_cast<double>(prunableChannels))));
        QVERIFY(!std::isnan(byRatio.threshold));

        // Every channel whose max-normalised score is below the cut goes, and nothing else.
        settings.selection.mode = SelectionMode::GlobalThreshold;
        settings.selection.threshold = 0.8;
        const Selection byThreshold = session.preview(settings);
        const auto scores = reduceImportance(session.importance({Criterion::L1}), Reduction::Mean);
        for (std::size_t g = 0; g < scores.size(); ++g) {
            if (scores[g].empty())
                continue;
            const double top = *std::max_element(scores[g].begin(), scores[g].end());
            std::int64_t below = 0;
            for (const double score : scores[g])
                below += score / top < 0.8 ? 1 : 0;
            QCOMPARE(static_cast<std::int64_t>(byThreshold.removed[g].size()), std::min(below, static_cast<std::int64_t>(scores[g].size()) - 1));
        }
        QCOMPARE(byThreshold.threshold, 0.8);
    }

    /// A budget removes the globally least important channels until the cost falls to the
    /// target, and no further: stopping one channel earlier misses it.
    void budget_data()
    {
        QTest::addColumn<bool>("macs");
        QTest::addColumn<double>("budget");
        QTest::addColumn<int>("roundTo");
        QTest::newRow("MACs 50%") << true << 0.5 << 1;
        QTest::newRow("MACs 30%") << true << 0.3 << 1;
        QTest::newRow("params 60%") << false << 0.6 << 1;
        QTest::newRow("MACs 50%, round to 4") << true << 0.5 << 4;
    }

    void budget()
    {
        QFETCH(bool, macs);
        QFETCH(double, budget);
        QFETCH(int, roundTo);
        PruningSession session(std::make_shared<const Graph>(io::buildZooModel({"resnet56", 3, 16, 16, 10, 0})));
        PruneSettings settings = uniform(Criterion::Random, 0);
        settings.selection.mode = macs ? SelectionMode::MacsBudget : SelectionMode::ParamsBudget;
        settings.selection.budget = budget;
        settings.selection.roundTo = roundTo;
        const Selection selection = session.preview(settings);
        QVERIFY(selection.budgetMet);
        const auto measure = [macs](const ModelCost& cost) { return static_cast<double>(macs ? cost.macs : cost.params); };
        QVERIFY(measure(selection.after) <= budget * measure(selection.before));
        // One step short of the cut (every channel strictly below it) is over budget.
        settings.selection.mode = SelectionMode::GlobalThreshold;
        settings.selection.threshold = selection.threshold;
        const Selection shortOfIt = session.preview(settings);
        QCOMPARE(shortOfIt.removedCount() < selection.removedCount(), true);
        QVERIFY(measure(shortOfIt.after) > budget * measure(selection.before));
        QCOMPARE(analysis::analyzeCost(session.apply(selection)).macs, selection.after.macs);
        for (std::size_t g = 0; g < selection.kept.size(); ++g)
            QVERIFY(selection.kept[g] % roundTo == 0 || selection.kept[g] == session.groups().groups[g].channels);
    }

    void budgetOutOfReach()
    {
        PruningSession session(std::make_shared<const Graph>(io::buildZooModel({"resnet20", 3, 16, 16, 10, 0})));
        PruneSettings settings = uniform(Criterion::L1, 0);
        settings.selection.mode = SelectionMode::ParamsBudget;
        settings.selection.budget = 1e-6; // below what one channel per group costs
        const Selection selection = session.preview(settings);
        QVERIFY(!selection.budgetMet);
        for (std::size_t g = 0; g < selection.kept.size(); ++g) {
            if (session.groups().groups[g].prunable())
                QCOMPARE(selection.kept[g], std::int64_t{1});
        }
    }

    void overrides()
    {
        PruningSession session(std::make_shared<const Graph>(io::buildZooModel({"resnet20", 3, 16, 16, 10, 0})));
        PruneSettings settings = uniform(Criterion::L1, 0.5);
        settings.selection.overrides = {{"layer1.0.conv1", 0.75}, {"layer3.2.conv1", 0}};
        const Selection selection = session.preview(settings);
        const auto keptOf = [&](const std::string& name) {
            return selection.kept[static_cast<std::size_t>(session.groups().findGroup(name))];
        };
        QCOMPARE(keptOf("layer1.0.conv1"), std::int64_t{4});
        QCOMPARE(keptOf("layer3.2.conv1"), std::int64_t{64});
        QCOMPARE(keptOf("layer2.0.conv1"), std::int64_t{16});

        // Globally, an overridden group keeps its own ratio and stays out of the ranking.
        settings.selection.mode = SelectionMode::GlobalRatio;
        settings.selection.ratio = 0.6;
        QCOMPARE(session.preview(settings).kept[static_cast<std::size_t>(session.groups().findGroup("layer3.2.conv1"))],
                 std::int64_t{64});

        settings.selection.overrides = {{"layer9.conv1", 0.5}};
        QString message = test::errorOf([&] { session.preview(settings); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("override 'layer9.conv1'") && message.contains("no channel group or layer"), qPrintable(message));
        settings.selection.overrides = {{"fc", 0.5}};
        message = test::errorOf([&] { session.preview(settings); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("cannot be pruned: fc: model output"), qPrintable(message));
    }

    void invalidSettings_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("ratio 1") << "ratio" << 1.0 << "ratio: must be at least 0 and below 1, got 1";
        QTest::newRow("ratio negative") << "ratio" << -0.1 << "ratio: must be at least 0 and below 1, got -0.1";
        QTest::newRow("budget 0") << "budget" << 0.0 << "budget: must be above 0 and at most 1";
        QTest::newRow("budget 1.5") << "budget" << 1.5 << "budget: must be above 0 and at most 1";
        QTest::newRow("max ratio 0") << "maxRatio" << 0.0 << "max_ratio: must be above 0 and at most 1";
        QTest::newRow("round to 0") << "roundTo" << 0.0 << "round_to: must be at least 1, got 0";
        QTest::newRow("override ratio 1") << "override" << 1.0 << "override 'conv1': the ratio must be at least 0 and below 1";
    }

    void invalidSettings()
    {
        QFETCH(QString, setting);
        QFETCH(double, value);
        QFETCH(QString, message);
        PruningSession session(std::make_shared<const Graph>(io::buildZooModel({"resnet20", 3, 16, 16, 10, 0})));
        PruneSettings settings = uniform(Criterion::L1, 0.5);
        if (setting == "ratio")
            settings.selection.ratio = value;
        if (setting == "budget") {
            settings.selection.mode = SelectionMode::MacsBudget;
            settings.selection.budget = value;
        }
        if (setting == "maxRatio")
            settings.selection.maxRatio = value;
        if (setting == "roundTo")
            settings.selection.roundTo = static_cast<int>(value);
        if (setting == "override")
            settings.selection.overrides = {{"conv1", value}};
        const QString actual = test::errorOf([&] { session.preview(settings); }, ErrorCode::InvalidArgument);
        QVERIFY2(actual.contains(message), qPrintable(actual));
    }

    void removalRefusesWhatWouldBreakTheModel()
    {
        const Graph graph = io::buildZooModel({"resnet20", 3, 16, 16, 10, 0});
        const DependencyGroups groups = findDependencyGroups(graph);
        ChannelRemoval removal(groups.groups.size());
        const std::size_t fc = static_cast<std::size_t>(groups.findGroup("fc"));
        removal[fc] = {0};
        QString message = test::errorOf([&] { removeChannels(graph, groups, removal); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("group 'fc' cannot be pruned: fc: model output"), qPrintable(message));

        removal[fc].clear();
        const std::size_t inner = static_cast<std::size_t>(groups.findGroup("layer1.0.conv1"));
        removal[inner].resize(16);
        std::iota(removal[inner].begin(), removal[inner].end(), std::int64_t{0});
        message = test::errorOf([&] { removeChannels(graph, groups, removal); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("would lose all its 16 channels"), qPrintable(message));

        removal[inner] = {3, 2};
        message = test::errorOf([&] { removeChannels(graph, groups, removal); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("ascending, distinct and below 16"), qPrintable(message));

        message = test::errorOf([&] { removeChannels(graph, groups, ChannelRemoval(2)); }, ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("the removal lists 2 groups"), qPrintable(message));

        const Graph other = io::buildZooModel({"resnet32", 3, 16, 16, 10, 0});
        message = test::errorOf([&] { removeChannels(other, groups, ChannelRemoval(groups.groups.size())); },
                                ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("found in another graph"), qPrintable(message));
    }

    /// The pruned graph owns its tensors, keeps requires_grad, says how it was pruned and
    /// trains: a training step gives gradients of the new shapes and leaves the original alone.
    void prunedGraphIsIndependentAndTrains()
    {
        Graph graph = io::buildZooModel({"resnet20", 3, 16, 16, 10, 0});
        for (Node& node : graph.nodes()) {
            for (NamedTensor& param : node.params)
                param.tensor.requires_grad_(true);
        }
        const Graph original = graph.clone();
        PruningSession session(std::make_shared<const Graph>(std::move(graph)));
        Graph pruned = session.prune(uniform(Criterion::L2, 0.5));
        QCOMPARE(pruned.metadata().at("pruning"), std::string("structural"));
        const at::Tensor prunedWeight = pruned.findNode("layer1.0.conv2")->tensor("weight");
        QVERIFY(prunedWeight.requires_grad());
        QCOMPARE(prunedWeight.sizes().vec(), (std::vector<std::int64_t>{8, 8, 3, 3}));

        const Executor executor(pruned);
        const at::Tensor loss = executor.forward(randomInput(pruned, 4), ExecMode::Train).pow(2).mean();
        loss.backward();
        QVERIFY(prunedWeight.grad().defined());
        QCOMPARE(prunedWeight.grad().sizes(), prunedWeight.sizes());
        {
            at::NoGradGuard noGrad;
            for (const at::Tensor& param : pruned.parameters())
                param.fill_(0);
        }
        const Graph& kept = session.graph();
        for (std::size_t n = 0; n < kept.nodes().size(); ++n) {
            for (const NamedTensor& param : kept.nodes()[n].params)
                QVERIFY(at::equal(param.tensor, original.nodes()[n].tensor(param.name)));
        }
    }

    /// A pruned model is an ordinary model: it saves to .slim and loads back bit for bit
    /// (saying it was pruned), and exports to ONNX (checker, strict shape inference, OpenCV
    /// DNN) and TorchScript with the exporters' own verification.
    void prunedModelsSaveAndExport_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QList<int>>("shape");
        QTest::newRow("resnet20") << "resnet20" << QList<int>{};
        QTest::newRow("c2f_sppf onnx") << "c2f_sppf_opset13.onnx" << QList<int>{8, 8, 8};
        QTest::newRow("shufflenet_unit scripted") << "shufflenet_unit_scripted.pt" << QList<int>{16, 6, 6};
        QTest::newRow("squeeze_excite traced") << "squeeze_excite_traced.pt" << QList<int>{8, 9, 9};
        QTest::newRow("inverted_residual scripted") << "inverted_residual_scripted.pt" << QList<int>{8, 10, 10};
        QTest::newRow("linear_head onnx") << "linear_head_opset13.onnx" << QList<int>{1, 28, 28};
        QTest::newRow("decoder scripted") << "decoder_scripted.pt" << QList<int>{3, 10, 10};
    }

    void prunedModelsSaveAndExport()
    {
        QFETCH(QString, file);
        QFETCH(QList<int>, shape);
        const Graph graph = shape.isEmpty() ? zooModel(file) : fixtureModel(file, {shape.begin(), shape.end()});
        PruningSession session(std::make_shared<const Graph>(graph.clone()));
        const Graph pruned = session.prune(uniform(Criterion::L1, 0.5));
        QVERIFY(analysis::analyzeCost(pruned).params < analysis::analyzeCost(graph).params);

        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("pruned.slim")).toStdString();
        io::saveSlim(pruned, path);
        const Graph loaded = io::loadSlim(path);
        const at::Tensor input = randomInput(pruned);
        QVERIFY(at::equal(forward(loaded, input), forward(pruned, input)));
        QCOMPARE(loaded.metadata().at("pruning"), std::string("structural"));

        const io::OnnxExport onnx = io::exportOnnx(pruned);
        QVERIFY(onnx.verification.checkerPassed);
        QVERIFY(onnx.verification.shapeInferencePassed);
        QVERIFY2(onnx.verification.openCvRan, onnx.verification.openCvError.c_str());
        QVERIFY2(onnx.verification.maxAbsDifference <= kExportTolerance || !onnx.verification.openCvCaveats.empty(),
                 qPrintable(QString::number(onnx.verification.maxAbsDifference)));
        const io::TorchScriptExport script = io::exportTorchScript(pruned);
        QVERIFY(script.reloaded);
        QVERIFY2(script.maxAbsDifference <= kExportTolerance, qPrintable(QString::number(script.maxAbsDifference)));
    }

    /// The preview's params and MACs are the pruned graph's, for many settings in a row,
    /// without the session recomputing scores.
    void previewMatchesPrunedCost()
    {
        PruningSession session(std::make_shared<const Graph>(io::buildZooModel({"mobilenetv2", 3, 32, 32, 10, 0})));
        const Importance* scores = &session.importance({Criterion::Fpgm});
        for (const double ratio : {0.1, 0.25, 0.4, 0.6}) {
            PruneSettings settings = uniform(Criterion::Fpgm, ratio);
            settings.selection.roundTo = 4;
            const Selection selection = session.preview(settings);
            const analysis::CostReport cost = analysis::analyzeCost(session.apply(selection));
            QCOMPARE(cost.params, selection.after.params);
            QCOMPARE(cost.macs, selection.after.macs);
            QVERIFY(selection.after.macs < selection.before.macs);
        }
        QCOMPARE(&session.importance({Criterion::Fpgm}), scores);
    }
};

QTEST_APPLESS_MAIN(TestPrune)
#include "tst_prune.moc"
