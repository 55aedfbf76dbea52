#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "analysis/cost.h"
#include "core/error.h"
#include "datasets.h"
#include "expecterror.h"
#include "graph/executor.h"
#include "graph/graphbuilder.h"
#include "passes/folding.h"
#include "prune/masks.h"
#include "testmodels.h"

#include <algorithm>

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::passes;
using namespace slim::engine::test::models;
using slim::engine::test::randomizeBatchNorm;

namespace {

/// The bound the deployment issue sets for folding and merging.
constexpr double kExactness = 1e-5;

/// Every output, flattened per sample and joined, so graphs with several outputs compare too.
at::Tensor forwardAll(const Graph& graph, const at::Tensor& input)
{
    at::InferenceMode inference;
    std::vector<at::Tensor> outputs = Executor(graph).run({input}, ExecMode::Eval);
    for (at::Tensor& output : outputs)
        output = output.reshape({output.size(0), -1});
    return at::cat(outputs, 1);
}

/// The largest output difference relative to the output's own scale (at least 1).
double relativeDifference(const at::Tensor& expected, const at::Tensor& actual)
{
    const double scale = std::max(1.0, expected.abs().max().item<double>());
    return (expected - actual).abs().max().item<double>() / scale;
}

int count(const Graph& graph, OpKind op)
{
    return static_cast<int>(std::count_if(graph.nodes().begin(), graph.nodes().end(),
                                          [&](const Node& node) { return node.op == op; }));
}

/// Every tensor of `graph`, copied, to check later that a pass left them alone.
std::vector<at::Tensor> snapshot(const Graph& graph)
{
    std::vector<at::Tensor> copies;
    for (const Node& node : graph.nodes()) {
        for (const auto* list : {&node.params, &node.buffers}) {
            for (const NamedTensor& named : *list)
                copies.push_back(named.tensor.defined() ? named.tensor.detach().clone() : at::Tensor());
        }
    }
    return copies;
}

bool unchanged(const Graph& graph, const std::vector<at::Tensor>& before)
{
    std::size_t i = 0;
    for (const Node& node : graph.nodes()) {
        for (const auto* list : {&node.params, &node.buffers}) {
            for (const NamedTensor& named : *list) {
                if (i >= before.size() || named.tensor.defined() != before[i].defined()
                    || (named.tensor.defined() && !at::equal(named.tensor.detach(), before[i])))
                    return false;
                ++i;
            }
        }
    }
    return i == before.size();
}

/// Folds `graph` and checks the evaluation outputs stay within kExactness at batch 1 (oneDNN's
/// direct path) and batch 3 (ATen's), that the source is untouched, and that nodes went.
void checkFolding(const Graph& graph, const QString& label, FoldReport& report)
{
    const std::vector<at::Tensor> before = snapshot(graph);
    const Graph folded = foldForInference(graph, &report);
    QVERIFY2(unchanged(graph, before), qPrintable(label + ": the source graph changed"));
    QCOMPARE(folded.nodes().size() + report.changes(), graph.nodes().size());
    QCOMPARE(count(folded, OpKind::BatchNorm2d) + static_cast<int>(report.foldedBatchNorms.size()),
             count(graph, OpKind::BatchNorm2d));
    for (const std::int64_t batch : {1, 3}) {
        const at::Tensor input = randomInput(graph, batch, 3);
        const double difference = relativeDifference(forwardAll(graph, input), forwardAll(folded, input));
        QVERIFY2(difference <= kExactness, qPrintable(QStringLiteral("%1, batch %2: outputs differ by %3")
                                                          .arg(label).arg(batch).arg(difference)));
    }
    // The output names a caller reads by stay.
    for (std::size_t i = 0; i < graph.outputs().size(); ++i)
        QCOMPARE(folded.value(folded.outputs()[i]).name, graph.value(graph.outputs()[i]).name);
}

FoldReport checkFolding(const Graph& graph, const QString& label)
{
    FoldReport report;
    checkFolding(graph, label, report);
    return report;
}

} // namespace

class TestFolding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    /// Every zoo model: exact, and every BatchNorm of these conv-BN nets is folded away.
    void zooModelsFoldExactly_data() { addZooRows(); }
    void zooModelsFoldExactly()
    {
        QFETCH(QString, model);
        const Graph graph = zooModel(model);
        const FoldReport report = checkFolding(graph, model);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(count(graph, OpKind::BatchNorm2d) == 0 || !report.foldedBatchNorms.empty(),
                 qPrintable(model + ": no BatchNorm was folded"));
        const Graph folded = foldForInference(graph);
        QCOMPARE(count(folded, OpKind::BatchNorm2d), 0);
        // Folding moves work, it does not add any: MACs stay, BatchNorm parameters go.
        QVERIFY(analysis::analyzeCost(folded).macs <= analysis::analyzeCost(graph).macs);
    }

    void fixturesFoldExactly_data() { addFixtureRows(); }
    void fixturesFoldExactly()
    {
        QFETCH(QString, file);
        QFETCH(QList<int>, shape);
        checkFolding(fixtureModel(file, {shape.begin(), shape.end()}), file);
    }

    /// A hand-built chain with one of each rewrite, checked member by member.
    void foldsMergesAndRemovesByHand()
    {
        GraphBuilder b(7);
        ValueId x = b.input("input", {3, 8, 8});
        x = b.conv2d("conv1", x, 6, 3, 1, 1, 1, /*bias=*/true);
        x = b.batchNorm2d("bn1", x);
        x = b.conv2d("project", x, 4, 1, 1, 0, 1, /*bias=*/false); // 1×1, no nonlinearity before it
        x = b.batchNorm2d("bn2", x);
        x = b.relu("relu", x);
        x = b.op(OpKind::Dropout, "drop", {x}, {});
        x = b.flatten("flatten", x);
        x = b.linear("fc", x, 5);
        x = b.op(OpKind::Identity, "out", {x}, {}); // a graph output: kept, its name too
        Graph graph = b.finish({x});
        randomizeBatchNorm(graph, 4);

        const FoldReport report = checkFolding(graph, "chain");
        QCOMPARE(report.foldedBatchNorms,
                 (std::vector<std::string>{"bn1 into conv1", "bn2 into project"}));
        QCOMPARE(report.mergedConvolutions, (std::vector<std::string>{"project (1×1) into conv1"}));
        QCOMPARE(report.removedNodes, (std::vector<std::string>{"drop"}));

        const Graph folded = foldForInference(graph);
        std::vector<std::string> names;
        for (const Node& node : folded.nodes())
            names.push_back(node.name);
        QCOMPARE(names, (std::vector<std::string>{"conv1", "relu", "flatten", "fc", "out"}));
        const Node* conv = folded.findNode("conv1");
        QCOMPARE(conv->tensor("weight").sizes().vec(), (std::vector<std::int64_t>{4, 3, 3, 3}));
        QCOMPARE(conv->tensor("bias").sizes().vec(), (std::vector<std::int64_t>{4}));
        // 4·3·9 MACs per pixel instead of 6·3·9 + 4·6.
        QVERIFY(analysis::analyzeCost(folded).macs < analysis::analyzeCost(graph).macs);
    }

    /// BatchNorm folding by the formula, on numbers small enough to check by hand.
    void foldingFollowsTheFormula()
    {
        GraphBuilder b(1);
        ValueId x = b.input("input", {1, 1, 1});
        x = b.conv2d("conv", x, 2, 1, 1, 0, 1, /*bias=*/true);
        x = b.batchNorm2d("bn", x, /*eps=*/0.0);
        Graph graph = b.finish({x});
        Node& conv = graph.nodes()[0];
        conv.setTensor("weight", at::tensor({2.0f, -1.0f}).view({2, 1, 1, 1}));
        conv.setTensor("bias", at::tensor({1.0f, 0.5f}));
        Node& bn = graph.nodes()[1];
        bn.setTensor("weight", at::tensor({3.0f, 1.0f}));
        bn.setTensor("bias", at::tensor({0.25f, -2.0f}));
        bn.setTensor("running_mean", at::tensor({1.0f, 0.5f}));
        bn.setTensor("running_var", at::tensor({4.0f, 0.25f}));
        const Graph folded = foldForInference(graph);
        QCOMPARE(folded.nodes().size(), std::size_t{1});
        // scale = γ/√σ² = (1.5, 2); W' = (3, −2); b' = (b − μ)·scale + β = (0.25, −2).
        QVERIFY(at::allclose(folded.nodes()[0].tensor("weight").flatten(), at::tensor({3.0f, -2.0f})));
        QVERIFY(at::allclose(folded.nodes()[0].tensor("bias"), at::tensor({0.25f, -2.0f})));
    }

    /// A transposed convolution keeps its output channels on weight axis 1.
    void transposedConvolutionFolds()
    {
        Graph graph;
        const ValueId input = graph.addInput("input", {4, 5, 5});
        const ValueId up = graph.addValue("up");
        const ValueId out = graph.addValue("out");
        Node deconv;
        deconv.name = "deconv";
        deconv.op = OpKind::ConvTranspose2d;
        deconv.attrs.set("stride", std::vector<std::int64_t>{2, 2});
        deconv.attrs.set("padding", std::vector<std::int64_t>{1, 1});
        deconv.attrs.set("output_padding", std::vector<std::int64_t>{1, 1});
        deconv.inputs = {input};
        deconv.outputs = {up};
        deconv.params = {{"weight", at::randn({4, 3, 3, 3})}};
        graph.addNode(deconv);
        Node norm;
        norm.name = "bn";
        norm.op = OpKind::BatchNorm2d;
        norm.inputs = {up};
        norm.outputs = {out};
        norm.params = {{"weight", at::ones({3})}, {"bias", at::zeros({3})}};
        norm.buffers = {{"running_mean", at::zeros({3})}, {"running_var", at::ones({3})},
                        {"num_batches_tracked", at::zeros({}, at::kLong)}};
        graph.addNode(norm);
        graph.markOutput(out);
        graph.inferShapes();
        randomizeBatchNorm(graph, 8);
        const FoldReport report = checkFolding(graph, "transposed");
        QCOMPARE(report.foldedBatchNorms, (std::vector<std::string>{"bn into deconv"}));
    }

    /// Where folding would change the result, or the rewrite would cost more, nothing changes.
    void leavesWhatItCannotFold()
    {
        GraphBuilder b(2);
        const ValueId input = b.input("input", {3, 6, 6});
        const ValueId shared = b.conv2d("shared", input, 4, 3, 1, 1);
        const ValueId left = b.batchNorm2d("left", shared);   // the conv output has two readers
        const ValueId right = b.batchNorm2d("right", shared);
        const ValueId sum = b.add("sum", left, right);
        const ValueId tapped = b.conv2d("tapped", sum, 4, 3, 1, 1);
        const ValueId tappedNorm = b.batchNorm2d("tapped_bn", tapped); // its input is a graph output
        const ValueId afterAdd = b.batchNorm2d("after_add", b.add("sum2", tappedNorm, sum)); // no linear producer
        const ValueId widen = b.conv2d("widen", b.relu("relu", afterAdd), 64, 1); // 1×1 after a ReLU
        const ValueId narrow = b.conv2d("narrow", input, 2, 3, 1, 1);
        const ValueId wide = b.conv2d("wide", narrow, 64, 1); // merging would cost 64·27 > 2·27 + 64·2
        Graph graph = b.finish({widen, wide, tapped});
        randomizeBatchNorm(graph, 6);
        const FoldReport report = checkFolding(graph, "unfoldable");
        const Graph folded = foldForInference(graph);
        QVERIFY2(report.changes() == 0, qPrintable(QString::fromStdString(
                                            report.foldedBatchNorms.empty() ? std::string("a merge") : report.foldedBatchNorms.front())));
        QCOMPARE(folded.nodes().size(), graph.nodes().size());
    }

    /// A masked weight stays masked: its zeros stay zero and the mask travels with it.
    void foldedWeightsKeepTheirMasks()
    {
        Graph graph = zooModel("resnet20");
        prune::MaskSettings settings;
        settings.ratio = 0.6;
        const Graph masked = prune::applyMagnitudeMasks(graph, settings);
        checkFolding(masked, "masked resnet20");
        const Graph folded = foldForInference(masked);
        int checked = 0;
        for (const Node& node : folded.nodes()) {
            const at::Tensor mask = node.tensor(prune::kWeightMaskName);
            if (!mask.defined())
                continue;
            QVERIFY2(node.tensor("weight").mul(mask.logical_not()).abs().max().item<double>() == 0, node.name.c_str());
            ++checked;
        }
        QVERIFY(checked > 0);
        QCOMPARE(analysis::analyzeCost(folded).nonzeroMacs, analysis::analyzeCost(masked).nonzeroMacs);
    }

    /// Folded tensors learn like the ones they replace, and the copy does not share them.
    void foldedGraphCanBeFineTuned()
    {
        Graph graph = zooModel("resnet20");
        for (const at::Tensor& parameter : graph.parameters())
            parameter.requires_grad_(true); // as the trainer hands them over
        const Graph folded = foldForInference(graph);
        const Node* conv = folded.findNode("conv1");
        QVERIFY(conv->tensor("weight").requires_grad());
        QVERIFY(conv->tensor("bias").requires_grad());
        QVERIFY(!conv->tensor("weight").is_same(graph.findNode("conv1")->tensor("weight")));
    }

    void invalidGraphIsRefused()
    {
        GraphBuilder b(0);
        const ValueId x = b.input("input", {3, 4, 4});
        Graph graph = b.finish({b.conv2d("conv", x, 2, 1)});
        graph.nodes()[0].inputs.front() = 42; // no such value
        QVERIFY(test::errorOf([&] { foldForInference(graph); }, ErrorCode::InvalidGraph).contains("42"));
    }
};

QTEST_GUILESS_MAIN(TestFolding)
#include "tst_folding.moc"
