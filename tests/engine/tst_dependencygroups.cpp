#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "expecterror.h"
#include "fixtures.h"
#include "graph/graphbuilder.h"
#include "io/onnximport.h"
#include "io/torchscriptimport.h"
#include "io/zoo.h"
#include "passes/dependencygroups.h"

using namespace slim::engine;
using namespace slim::engine::graph;
using namespace slim::engine::passes;

namespace {

Attributes ints(const std::string& name, std::vector<std::int64_t> values)
{
    Attributes attrs;
    attrs.set(name, std::move(values));
    return attrs;
}

Attributes sliceAttrs(std::int64_t start, std::int64_t end, std::int64_t step = 1)
{
    Attributes attrs;
    attrs.set("dim", std::int64_t{1});
    attrs.set("start", start);
    attrs.set("end", end);
    attrs.set("step", step);
    return attrs;
}

Attributes dimAttr(std::int64_t dim)
{
    Attributes attrs;
    attrs.set("dim", dim);
    return attrs;
}

/// "node.tensor@axis" for producers, "node.tensor@axis<" for consumers, sorted.
QStringList memberList(const ChannelGroup& group)
{
    QStringList list;
    for (const GroupMember& member : group.members)
        list << QString::fromStdString(member.nodeName + "." + member.tensor + "@" + std::to_string(member.axis)
                                       + (member.role == MemberRole::Consumer ? "<" : ""));
    list.sort();
    return list;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

const ChannelGroup* named(const DependencyGroups& groups, const std::string& name)
{
    const int index = groups.findGroup(name);
    return index < 0 ? nullptr : &groups.groups[static_cast<std::size_t>(index)];
}

const GroupMember* memberOf(const ChannelGroup& group, const std::string& node, const std::string& tensor, int axis)
{
    for (const GroupMember& member : group.members) {
        if (member.nodeName == node && member.tensor == tensor && member.axis == axis)
            return &member;
    }
    return nullptr;
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t end, std::int64_t step = 1)
{
    std::vector<std::int64_t> values;
    for (std::int64_t v = first; v < end; v += step)
        values.push_back(v);
    return values;
}

QStringList groupNames(const DependencyGroups& groups)
{
    QStringList names;
    for (const ChannelGroup& group : groups.groups)
        names << QString::fromStdString(group.name);
    return names;
}

/// Residual block: a → bn → relu → b → bn, plus shortcut s → bn, added, then a 1×1 head.
Graph residualBlock()
{
    GraphBuilder b(1);
    const ValueId x = b.input("input", {3, 8, 8});
    ValueId y = b.relu("relu_a", b.batchNorm2d("bn_a", b.conv2d("a", x, 8, 3, 1, 1, 1, false)));
    y = b.batchNorm2d("bn_b", b.conv2d("b", y, 8, 3, 1, 1, 1, false));
    const ValueId s = b.batchNorm2d("bn_s", b.conv2d("s", x, 8, 1, 1, 0, 1, false));
    const ValueId sum = b.relu("relu_out", b.add("add", y, s));
    return b.finish({b.conv2d("head", sum, 4, 1)});
}

} // namespace

class TestDependencyGroups : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void residualBlock_membersByHand()
    {
        const DependencyGroups groups = findDependencyGroups(residualBlock());
        QCOMPARE(groupNames(groups), (QStringList{"input", "a", "b", "head"}));

        const ChannelGroup* input = named(groups, "input");
        QVERIFY(input);
        QVERIFY(!input->prunable());
        QCOMPARE(input->blockers.front().reason, std::string("model input"));
        QCOMPARE(memberList(*input), sorted({"a.weight@1<", "s.weight@1<"}));

        const ChannelGroup* a = named(groups, "a");
        QVERIFY(a);
        QVERIFY(a->prunable());
        QCOMPARE(a->channels, std::int64_t{8});
        QCOMPARE(memberList(*a), sorted({"a.weight@0", "bn_a.weight@0", "bn_a.bias@0", "bn_a.running_mean@0",
                                         "bn_a.running_var@0", "b.weight@1<"}));

        // Both sides of the Add are one group, with every consumer of the sum.
        const ChannelGroup* b = named(groups, "b");
        QVERIFY(b);
        QVERIFY(b->prunable());
        QCOMPARE(memberList(*b), sorted({"b.weight@0", "bn_b.weight@0", "bn_b.bias@0", "bn_b.running_mean@0",
                                         "bn_b.running_var@0", "s.weight@0", "bn_s.weight@0", "bn_s.bias@0",
                                         "bn_s.running_mean@0", "bn_s.running_var@0", "head.weight@1<"}));
        for (const GroupMember& member : b->members) {
            QCOMPARE(member.span, 1);
            QCOMPARE(member.indices, range(0, 8));
        }

        const ChannelGroup* head = named(groups, "head");
        QVERIFY(head);
        QCOMPARE(head->blockers, (std::vector<Blocker>{{"head", "model output"}}));
        QCOMPARE(memberList(*head), sorted({"head.weight@0", "head.bias@0"}));
        QCOMPARE(groups.prunableCount(), 2);
    }

    void squeezeExcite_gateJoinsTheGroup()
    {
        GraphBuilder b(2);
        const ValueId x = b.input("input", {8, 9, 9});
        const ValueId features = b.relu("relu", b.conv2d("conv", x, 16, 3, 1, 1));
        ValueId gate = b.adaptiveAvgPool2d("pool", features);
        gate = b.relu("relu_r", b.conv2d("reduce", gate, 4, 1));
        gate = b.op(OpKind::Sigmoid, "sigmoid", {b.conv2d("expand", gate, 16, 1)});
        const ValueId scaled = b.op(OpKind::Mul, "mul", {features, gate});
        const DependencyGroups groups = findDependencyGroups(b.finish({b.conv2d("head", scaled, 8, 1)}));

        const ChannelGroup* conv = named(groups, "conv");
        QVERIFY(conv);
        QVERIFY(conv->prunable());
        QCOMPARE(memberList(*conv), sorted({"conv.weight@0", "conv.bias@0", "reduce.weight@1<", "expand.weight@0",
                                            "expand.bias@0", "head.weight@1<"}));
        const ChannelGroup* reduce = named(groups, "reduce");
        QVERIFY(reduce);
        QCOMPARE(memberList(*reduce), sorted({"reduce.weight@0", "reduce.bias@0", "expand.weight@1<"}));
    }

    void concat_offsetsPerInput()
    {
        GraphBuilder b(3);
        const ValueId x = b.input("input", {3, 6, 6});
        const ValueId left = b.conv2d("left", x, 4, 1);
        const ValueId right = b.conv2d("right", x, 6, 3, 1, 1);
        const ValueId joined = b.op(OpKind::Concat, "cat", {left, right}, dimAttr(1));
        const DependencyGroups groups = findDependencyGroups(b.finish({b.conv2d("head", joined, 3, 1)}));
        const ChannelGroup* l = named(groups, "left");
        const ChannelGroup* r = named(groups, "right");
        QVERIFY(l && r);
        QCOMPARE(memberList(*l), sorted({"left.weight@0", "left.bias@0", "head.weight@1<"}));
        QCOMPARE(memberOf(*l, "head", "weight", 1)->indices, range(0, 4));
        QCOMPARE(memberOf(*r, "head", "weight", 1)->indices, range(4, 10));
        QCOMPARE(memberOf(*r, "right", "weight", 0)->indices, range(0, 6));
        const GroupValue& catValue = *std::find_if(r->values.begin(), r->values.end(),
                                                    [](const GroupValue& v) { return v.valueName == "cat"; });
        QCOMPARE(catValue.positions, range(4, 10));
    }

    void chunk_splitsTheProducerIntoTwoGroups()
    {
        // C2f in small: cv1's output is chunked; the second half feeds a residual bottleneck and
        // appears twice in the concat.
        GraphBuilder b(4);
        const ValueId x = b.input("input", {4, 6, 6});
        const ValueId cv1 = b.conv2d("cv1", x, 8, 1);
        const ValueId first = b.op(OpKind::Slice, "chunk0", {cv1}, sliceAttrs(0, 4));
        const ValueId second = b.op(OpKind::Slice, "chunk1", {cv1}, sliceAttrs(4, 8));
        const ValueId inner = b.conv2d("m", second, 4, 3, 1, 1);
        const ValueId sum = b.add("m_add", second, inner);
        const ValueId joined = b.op(OpKind::Concat, "cat", {first, second, sum}, dimAttr(1));
        const DependencyGroups groups = findDependencyGroups(b.finish({b.conv2d("cv2", joined, 4, 1)}));

        QCOMPARE(groupNames(groups), (QStringList{"input", "cv1[0:4]", "cv1[4:8]", "cv2"}));
        const ChannelGroup& head = *named(groups, "cv1[0:4]");
        QCOMPARE(memberList(head), sorted({"cv1.weight@0", "cv1.bias@0", "cv2.weight@1<"}));
        QCOMPARE(memberOf(head, "cv1", "weight", 0)->indices, range(0, 4));
        QCOMPARE(memberOf(head, "cv2", "weight", 1)->indices, range(0, 4));

        const ChannelGroup& tail = *named(groups, "cv1[4:8]");
        QCOMPARE(memberList(tail), sorted({"cv1.weight@0", "cv1.bias@0", "m.weight@1<", "m.weight@0", "m.bias@0",
                                           "cv2.weight@1<"}));
        QCOMPARE(memberOf(tail, "cv1", "weight", 0)->indices, range(4, 8));
        // Channel k of the tail is column 4+k (the chunk itself) and 8+k (the residual sum) of cv2.
        const GroupMember& cv2 = *memberOf(tail, "cv2", "weight", 1);
        QCOMPARE(cv2.span, 2);
        QCOMPARE(cv2.indices, (std::vector<std::int64_t>{4, 8, 5, 9, 6, 10, 7, 11}));
    }

    void depthwise_couplesInputAndOutput()
    {
        GraphBuilder b(5);
        const ValueId x = b.input("input", {3, 6, 6});
        ValueId y = b.batchNorm2d("bn1", b.conv2d("expand", x, 6, 1, 1, 0, 1, false));
        y = b.batchNorm2d("bn2", b.conv2d("dw", y, 6, 3, 1, 1, 6, false));
        y = b.conv2d("multiplier", y, 12, 3, 1, 1, 6, false); // depthwise with two filters per channel
        const DependencyGroups groups = findDependencyGroups(b.finish({b.conv2d("project", y, 4, 1)}));
        QCOMPARE(groupNames(groups), (QStringList{"input", "expand", "project"}));
        const ChannelGroup& expand = *named(groups, "expand");
        QCOMPARE(memberList(expand),
                 sorted({"expand.weight@0", "bn1.weight@0", "bn1.bias@0", "bn1.running_mean@0", "bn1.running_var@0",
                         "dw.weight@0", "bn2.weight@0", "bn2.bias@0", "bn2.running_mean@0", "bn2.running_var@0",
                         "multiplier.weight@0", "project.weight@1<"}));
        QCOMPARE(memberOf(expand, "dw", "weight", 0)->indices, range(0, 6));
        const GroupMember& multiplied = *memberOf(expand, "multiplier", "weight", 0);
        QCOMPARE(multiplied.span, 2);
        QCOMPARE(multiplied.indices, range(0, 12));
        QCOMPARE(memberOf(expand, "project", "weight", 1)->span, 2);
    }

    void groupedConv_samePositionInEveryGroup()
    {
        GraphBuilder b(6);
        const ValueId x = b.input("input", {3, 6, 6});
        ValueId y = b.conv2d("c1", x, 8, 1);
        y = b.conv2d("grouped", y, 8, 3, 1, 1, 2);
        const DependencyGroups groups = findDependencyGroups(b.finish({b.conv2d("c3", y, 4, 1)}));
        const ChannelGroup& c1 = *named(groups, "c1");
        QCOMPARE(c1.channels, std::int64_t{4});
        QCOMPARE(memberOf(c1, "c1", "weight", 0)->indices, (std::vector<std::int64_t>{0, 4, 1, 5, 2, 6, 3, 7}));
        const GroupMember& columns = *memberOf(c1, "grouped", "weight", 1);
        QCOMPARE(columns.role, MemberRole::Consumer);
        QCOMPARE(columns.indices, range(0, 4));
        const ChannelGroup& grouped = *named(groups, "grouped");
        QCOMPARE(grouped.channels, std::int64_t{4});
        QCOMPARE(memberOf(grouped, "grouped", "weight", 0)->indices, (std::vector<std::int64_t>{0, 4, 1, 5, 2, 6, 3, 7}));
        QCOMPARE(memberOf(grouped, "c3", "weight", 1)->indices, (std::vector<std::int64_t>{0, 4, 1, 5, 2, 6, 3, 7}));
    }

    void channelShuffle_followsThePermutation()
    {
        GraphBuilder b(7);
        const ValueId x = b.input("input", {4, 6, 6});
        const ValueId conv = b.conv2d("conv", x, 8, 1);
        ValueId y = b.op(OpKind::Reshape, "split", {conv}, ints("shape", {2, 4, 6, 6}));
        y = b.op(OpKind::Permute, "transpose", {y}, ints("dims", {0, 2, 1, 3, 4}));
        y = b.op(OpKind::Reshape, "merge", {y}, ints("shape", {-1, 6, 6}));
        const DependencyGroups groups = findDependencyGroups(b.finish({b.conv2d("head", y, 4, 1)}));
        const ChannelGroup& shuffled = *named(groups, "conv");
        QVERIFY(shuffled.prunable());
        // Position b of both halves goes together (the split stays rectangular); after the
        // shuffle they sit side by side at 2b and 2b+1.
        QCOMPARE(shuffled.channels, std::int64_t{4});
        QCOMPARE(memberOf(shuffled, "conv", "weight", 0)->indices, (std::vector<std::int64_t>{0, 4, 1, 5, 2, 6, 3, 7}));
        QCOMPARE(memberOf(shuffled, "head", "weight", 1)->indices, range(0, 8));
    }

    void flattenLinear_blockOfFeaturesPerChannel()
    {
        GraphBuilder b(8);
        const ValueId x = b.input("input", {3, 4, 4});
        const ValueId conv = b.relu("relu", b.conv2d("conv", x, 5, 3, 1, 1));
        const ValueId fc = b.linear("fc", b.flatten("flatten", conv), 10);
        const DependencyGroups groups = findDependencyGroups(b.finish({b.linear("out", fc, 2)}));
        const ChannelGroup& conv5 = *named(groups, "conv");
        QCOMPARE(memberList(conv5), sorted({"conv.weight@0", "conv.bias@0", "fc.weight@1<"}));
        const GroupMember& columns = *memberOf(conv5, "fc", "weight", 1);
        QCOMPARE(columns.span, 16);
        QCOMPARE(columns.indices, range(0, 80));
        const ChannelGroup& hidden = *named(groups, "fc");
        QVERIFY(hidden.prunable());
        QCOMPARE(memberList(hidden), sorted({"fc.weight@0", "fc.bias@0", "out.weight@1<"}));
    }

    void constantOperand_isAMember()
    {
        GraphBuilder b(9);
        const ValueId x = b.input("input", {3, 5, 5});
        const ValueId conv = b.conv2d("conv", x, 6, 3, 1, 1);
        Node shift;
        shift.name = "shift";
        shift.op = OpKind::Sub;
        shift.inputs = {conv};
        shift.buffers = {{"operand", at::randn({6, 1, 1})}};
        const ValueId shifted = b.graph().addValue("shift", {6, 5, 5});
        shift.outputs = {shifted};
        b.graph().addNode(shift);
        const DependencyGroups groups = findDependencyGroups(b.finish({b.conv2d("head", shifted, 2, 1)}));
        QCOMPARE(memberList(*named(groups, "conv")), sorted({"conv.weight@0", "conv.bias@0", "shift.operand@0", "head.weight@1<"}));
    }

    /// Couplings the analysis does not follow block their groups, naming the node and why.
    void refusals_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("reason");
        QTest::newRow("softmax over channels") << "softmax" << "odd" << "Softmax normalises across channels";
        QTest::newRow("mean over channels") << "mean" << "odd" << "Mean averages across channels";
        QTest::newRow("strided channel slice") << "slice" << "odd" << "slices channels with step 2";
        QTest::newRow("permute moves channels") << "permute" << "odd" << "Permute moves the channel axis";
        QTest::newRow("reshape mixes channels") << "reshape" << "odd" << "Reshape from 8×4×4 to 4×8×4 mixes channels";
        QTest::newRow("one channel broadcast") << "broadcast" << "odd" << "its single channel is broadcast over 8 channels";
    }

    void refusals()
    {
        QFETCH(QString, kind);
        QFETCH(QString, node);
        QFETCH(QString, reason);
        GraphBuilder b(10);
        const ValueId x = b.input("input", {3, 4, 4});
        const ValueId conv = b.conv2d("conv", x, 8, 3, 1, 1);
        ValueId odd = -1;
        if (kind == "softmax") {
            odd = b.op(OpKind::Softmax, "odd", {conv}, dimAttr(1));
        } else if (kind == "mean") {
            Attributes attrs = ints("dims", {1});
            attrs.set("keepdim", std::int64_t{1});
            odd = b.op(OpKind::Mean, "odd", {conv}, attrs);
        } else if (kind == "slice") {
            odd = b.op(OpKind::Slice, "odd", {conv}, sliceAttrs(0, 8, 2));
        } else if (kind == "permute") {
            odd = b.op(OpKind::Permute, "odd", {conv}, ints("dims", {0, 2, 1, 3}));
        } else if (kind == "reshape") {
            odd = b.op(OpKind::Reshape, "odd", {conv}, ints("shape", {4, 8, 4}));
        } else {
            const ValueId mask = b.conv2d("mask", x, 1, 3, 1, 1);
            odd = b.op(OpKind::Mul, "odd", {conv, mask});
        }
        const ValueId pooled = b.flatten("flatten", b.adaptiveAvgPool2d("pool", odd));
        const DependencyGroups groups = findDependencyGroups(b.finish({b.linear("fc", pooled, 2)}));
        const ChannelGroup* blocked = named(groups, kind == "broadcast" ? "mask" : "conv");
        QVERIFY(blocked);
        QVERIFY(!blocked->prunable());
        QCOMPARE(blocked->blockers.front(), (Blocker{node.toStdString(), reason.toStdString()}));
        if (kind == "broadcast") // the gated side itself is fine
            QVERIFY(named(groups, "conv")->prunable());
    }

    void protectedNodes()
    {
        const DependencyGroups groups = findDependencyGroups(residualBlock(), {{"a"}});
        QCOMPARE(named(groups, "a")->blockers, (std::vector<Blocker>{{"a", "protected"}}));
        QVERIFY(named(groups, "b")->prunable());
        QCOMPARE(groups.prunableCount(), 1);
        const QString message = test::errorOf([] { findDependencyGroups(residualBlock(), {{"conv9"}}); },
                                              ErrorCode::InvalidArgument);
        QVERIFY2(message.contains("cannot protect 'conv9'"), qPrintable(message));
    }

    void invalidGraphIsRefused()
    {
        Graph graph = residualBlock();
        graph.nodes()[1].inputs = {99};
        const QString message = test::errorOf([&] { findDependencyGroups(graph); }, ErrorCode::InvalidGraph);
        QVERIFY2(message.contains("dangling input"), qPrintable(message));
    }

    /// CIFAR ResNet-56: one group per block's inner conv (27) and one per stage's residual
    /// stream (3; the stem joins the first), each covering exactly the layers He et al.'s
    /// architecture couples.
    void resnet56_groups()
    {
        const Graph graph = io::buildZooModel({"resnet56", 3, 32, 32, 10, 0});
        const DependencyGroups groups = findDependencyGroups(graph);
        QCOMPARE(groups.prunableCount(), 30);
        const ChannelGroup& stage1 = *named(groups, "conv1");
        QCOMPARE(stage1.channels, std::int64_t{16});
        int stage1Convs = 0;
        for (const GroupMember& member : stage1.members)
            stage1Convs += member.tensor == "weight" && member.nodeName.find("conv") != std::string::npos ? 1 : 0;
        // Stem, 9 conv2 outputs, 9 conv1 inputs and layer2.0's conv1 and downsample inputs.
        QCOMPARE(stage1Convs, 1 + 9 + 9 + 1);
        QVERIFY(memberOf(stage1, "layer2.0.downsample.0", "weight", 1));
        const ChannelGroup& stage3 = *named(groups, "layer3.0.conv2");
        QCOMPARE(stage3.channels, std::int64_t{64});
        QVERIFY(memberOf(stage3, "layer3.0.downsample.0", "weight", 0));
        QVERIFY(memberOf(stage3, "fc", "weight", 1));
        const ChannelGroup& inner = *named(groups, "layer2.4.conv1");
        QCOMPARE(memberList(inner), sorted({"layer2.4.conv1.weight@0", "layer2.4.bn1.weight@0", "layer2.4.bn1.bias@0",
                                            "layer2.4.bn1.running_mean@0", "layer2.4.bn1.running_var@0",
                                            "layer2.4.conv2.weight@1<"}));
        QVERIFY(!named(groups, "fc")->prunable());
    }

    /// Every conv and Linear of every zoo model has each output channel in exactly one group
    /// index, and every consumer column too.
    void zooModels_everyChannelOnce_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("prunable");
        // lenet5: conv1, conv2, fc1, fc2. VGG: every conv. ResNets: each block's first conv and
        // one residual stream per stage. MobileNetV2: the stem (with the first depthwise), 16
        // expansions (each with its depthwise), the stream of each of the 7 stages, the last 1×1.
        QTest::newRow("lenet5") << "lenet5" << 4;
        QTest::newRow("vgg11") << "vgg11" << 8;
        QTest::newRow("vgg16") << "vgg16" << 13;
        QTest::newRow("vgg19") << "vgg19" << 16;
        QTest::newRow("resnet20") << "resnet20" << 3 + 9;
        QTest::newRow("resnet32") << "resnet32" << 3 + 15;
        QTest::newRow("resnet110") << "resnet110" << 3 + 54;
        QTest::newRow("resnet18") << "resnet18" << 4 + 8;
        QTest::newRow("mobilenetv2") << "mobilenetv2" << 1 + 16 + 7 + 1;
    }

    void zooModels_everyChannelOnce()
    {
        QFETCH(QString, model);
        QFETCH(int, prunable);
        ZooSpec spec = zooDefaults(model.toStdString());
        spec.height = spec.width = model == "lenet5" ? 28 : 32;
        const Graph graph = io::buildZooModel(spec);
        const DependencyGroups groups = findDependencyGroups(graph);
        QCOMPARE(groups.prunableCount(), prunable);
        std::map<std::pair<std::string, int>, std::vector<int>> seen;
        for (const ChannelGroup& group : groups.groups) {
            for (const GroupMember& member : group.members) {
                if (member.tensor != "weight")
                    continue;
                QCOMPARE(static_cast<std::int64_t>(member.indices.size()), group.channels * member.span);
                auto& counts = seen[{member.nodeName, member.axis}];
                counts.resize(static_cast<std::size_t>(graph.findNode(member.nodeName)->tensor("weight").size(member.axis)));
                for (const std::int64_t index : member.indices)
                    ++counts[static_cast<std::size_t>(index)];
            }
        }
        for (const Node& node : graph.nodes()) {
            if (node.op != OpKind::Conv2d && node.op != OpKind::Linear)
                continue;
            const bool depthwise = node.attrs.getInt("groups", 1) > 1;
            for (const int axis : depthwise ? std::vector<int>{0} : std::vector<int>{0, 1}) {
                const auto& counts = seen[{node.name, axis}];
                QVERIFY2(static_cast<std::int64_t>(counts.size()) == node.tensor("weight").size(axis), node.name.c_str());
                QVERIFY2(std::all_of(counts.begin(), counts.end(), [](int c) { return c == 1; }), node.name.c_str());
            }
        }
    }

    /// The fixtures as PyTorch wrote them (TorchScript and ONNX): which groups are prunable.
    void fixtures_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<int>>("shape");
        QTest::addColumn<int>("torchscriptPrunable");
        QTest::addColumn<int>("onnxPrunable");
        // residual: conv1. inverted residual: the expansion (through the depthwise). SE: the
        // reduction (the gated conv reaches the output). fire: squeeze. linear head: conv
        // (through Flatten) and fc1. C2f+SPPF: cv1's two chunks, m.0.cv1, m.1.cv1, cv2,
        // sppf_cv1. ShuffleNet unit: the branch's first conv and depthwise. decoder: conv and
        // the transposed conv. resample: none (conv reaches the output).
        QTest::newRow("residual") << "residual" << QList<int>{3, 12, 12} << 1 << 1;
        QTest::newRow("inverted_residual") << "inverted_residual" << QList<int>{8, 10, 10} << 1 << 1;
        QTest::newRow("squeeze_excite") << "squeeze_excite" << QList<int>{8, 9, 9} << 1 << 1;
        QTest::newRow("fire") << "fire" << QList<int>{8, 11, 11} << 1 << 1;
        QTest::newRow("linear_head") << "linear_head" << QList<int>{1, 28, 28} << 2 << 2;
        QTest::newRow("c2f_sppf") << "c2f_sppf" << QList<int>{8, 8, 8} << 6 << 6;
        QTest::newRow("shufflenet_unit") << "shufflenet_unit" << QList<int>{16, 6, 6} << 1 << 1;
        QTest::newRow("decoder") << "decoder" << QList<int>{3, 10, 10} << 2 << 2;
        QTest::newRow("resample") << "resample" << QList<int>{3, 10, 10} << 0 << 0;
    }

    void fixtures()
    {
        QFETCH(QString, name);
        QFETCH(QList<int>, shape);
        QFETCH(int, torchscriptPrunable);
        QFETCH(int, onnxPrunable);
        const std::vector<std::int64_t> inputShape(shape.begin(), shape.end());
        const std::string base = name.toStdString();
        for (const std::string& file : {base + "_scripted.pt", base + "_traced.pt"}) {
            const DependencyGroups groups = findDependencyGroups(io::loadTorchScript(test::fixturePath("torchscript", file), inputShape));
            QVERIFY2(groups.prunableCount() == torchscriptPrunable, file.c_str());
        }
        const DependencyGroups groups = findDependencyGroups(io::loadOnnx(test::fixturePath("onnx", base + "_opset13.onnx")));
        QCOMPARE(groups.prunableCount(), onnxPrunable);
    }
};

QTEST_APPLESS_MAIN(TestDependencyGroups)
#include "tst_dependencygroups.moc"
