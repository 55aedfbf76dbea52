#include <ATen/ATen.h>
#include <QtTest/QtTest>

#include "core/error.h"
#include "graph/graph.h"
#include "graph/graphbuilder.h"

using namespace slim::engine;
using namespace slim::engine::graph;

namespace {
/// input → conv (3→4, 3×3, pad 1) → relu → output, built by hand.
Graph tinyGraph()
{
    Graph g;
    const ValueId in = g.addInput("input", {3, 8, 8});
    const ValueId convOut = g.addValue("conv", {4, 8, 8});
    const ValueId reluOut = g.addValue("relu", {4, 8, 8});
    Node conv;
    conv.name = "conv";
    conv.op = OpKind::Conv2d;
    conv.inputs = {in};
    conv.outputs = {convOut};
    conv.attrs.set("padding", std::vector<std::int64_t>{1, 1});
    conv.params = {{"weight", at::randn({4, 3, 3, 3})}};
    g.addNode(conv);
    Node relu;
    relu.name = "relu";
    relu.op = OpKind::ReLU;
    relu.inputs = {convOut};
    relu.outputs = {reluOut};
    g.addNode(relu);
    g.markOutput(reluOut);
    return g;
}

/// Runs `check` expecting Error with `code` whose message contains `needle`.
template <typename F>
void expectError(F check, ErrorCode code, const QString& needle)
{
    try {
        check();
        QFAIL("no error thrown");
    } catch (const Error& error) {
        QCOMPARE(static_cast<int>(error.code()), static_cast<int>(code));
        QVERIFY2(QString::fromStdString(error.what()).contains(needle), error.what());
    }
}
} // namespace

class TestGraph : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void opTableMatchesEnum()
    {
        for (const OpKind kind : allOps()) {
            QCOMPARE(static_cast<int>(opInfo(kind).kind), static_cast<int>(kind));
            QCOMPARE(opFromName(opName(kind)).value(), kind);
        }
        QVERIFY(!opFromName("NoSuchOp").has_value());
    }

    void validGraphValidates()
    {
        Graph g = tinyGraph();
        g.validate();
        QCOMPARE(g.topologicalOrder(), (std::vector<int>{0, 1}));
    }

    void rejectsDanglingInput()
    {
        Graph g = tinyGraph();
        g.nodes()[1].inputs = {42};
        expectError([&] { g.validate(); }, ErrorCode::InvalidGraph, "node 'relu': dangling input");
    }

    void rejectsValueWithoutProducer()
    {
        Graph g = tinyGraph();
        const ValueId orphan = g.addValue("orphan", {4, 8, 8});
        g.nodes()[1].inputs = {orphan};
        expectError([&] { g.validate(); }, ErrorCode::InvalidGraph, "'orphan' is produced by no node");
    }

    void rejectsCycle()
    {
        Graph g = tinyGraph();
        // relu → extra → (back into) relu
        const ValueId extraOut = g.addValue("extra", {4, 8, 8});
        Node extra;
        extra.name = "extra";
        extra.op = OpKind::Identity;
        extra.inputs = {g.nodes()[1].outputs[0]};
        extra.outputs = {extraOut};
        g.addNode(extra);
        g.nodes()[1].op = OpKind::Add;
        g.nodes()[1].inputs = {g.nodes()[0].outputs[0], extraOut};
        expectError([&] { g.topologicalOrder(); }, ErrorCode::InvalidGraph, "is part of a cycle");
    }

    void rejectsDuplicateNames()
    {
        Graph g = tinyGraph();
        g.nodes()[1].name = "conv";
        expectError([&] { g.validate(); }, ErrorCode::InvalidGraph, "node 'conv': duplicate node name");
        Graph h = tinyGraph();
        h.values()[2].name = "conv";
        expectError([&] { h.validate(); }, ErrorCode::InvalidGraph, "duplicate value name 'conv'");
    }

    void rejectsValueProducedTwice()
    {
        Graph g = tinyGraph();
        g.nodes()[1].outputs = {g.nodes()[0].outputs[0]};
        expectError([&] { g.validate(); }, ErrorCode::InvalidGraph, "also produced by node 'conv'");
    }

    void rejectsWrongInputCount()
    {
        Graph g = tinyGraph();
        g.nodes()[1].inputs.push_back(g.inputs()[0]);
        expectError([&] { g.validate(); }, ErrorCode::InvalidGraph, "node 'relu': ReLU takes 1 inputs, got 2");
    }

    void rejectsShapeMismatch()
    {
        Graph g = tinyGraph();
        g.values()[1].shape = {5, 8, 8};
        expectError([&] { g.validate(); }, ErrorCode::ShapeMismatch, "node 'conv': output 'conv' is recorded as 5×8×8");
        Graph h = tinyGraph();
        h.value(h.inputs()[0]).shape = {2, 8, 8};
        expectError([&] { h.validate(); }, ErrorCode::ShapeMismatch, "weight expects 3 input channels, input has 2");
    }

    void inferShapes_data()
    {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("padding");
        QTest::addColumn<int>("expectedSide");
        QTest::newRow("3x3 same") << 3 << 1 << 1 << 28;
        QTest::newRow("3x3 stride 2") << 3 << 2 << 1 << 14;
        QTest::newRow("5x5 valid") << 5 << 1 << 0 << 24;
        QTest::newRow("1x1 stride 2") << 1 << 2 << 0 << 14;
        QTest::newRow("7x7 s2 p3") << 7 << 2 << 3 << 14;
    }

    void inferShapes()
    {
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(int, padding);
        QFETCH(int, expectedSide);
        GraphBuilder b;
        const ValueId x = b.input("input", {1, 28, 28});
        const ValueId y = b.conv2d("conv", x, 8, kernel, stride, padding);
        QCOMPARE(b.shape(y), (Shape{8, expectedSide, expectedSide}));
        Graph g = b.finish({y});
        // Wipe the recorded shapes and recompute them from the input.
        for (Value& value : g.values()) {
            if (value.name != "input")
                value.shape.clear();
        }
        g.inferShapes();
        QCOMPARE(g.value(g.outputs()[0]).shape, (Shape{8, expectedSide, expectedSide}));
    }

    void inferPoolConcatFlattenBroadcast()
    {
        GraphBuilder b;
        const ValueId x = b.input("input", {4, 9, 9});
        const ValueId pool = b.maxPool2d("pool", x, 2, 2);
        QCOMPARE(b.shape(pool), (Shape{4, 4, 4}));
        Attributes ceil;
        ceil.set("kernel_size", std::vector<std::int64_t>{2, 2});
        ceil.set("ceil_mode", std::int64_t{1});
        QCOMPARE(b.shape(b.op(OpKind::MaxPool2d, "pool_ceil", {x}, ceil)), (Shape{4, 5, 5}));
        Attributes cat;
        cat.set("dim", std::int64_t{1});
        QCOMPARE(b.shape(b.op(OpKind::Concat, "cat", {pool, pool}, cat)), (Shape{8, 4, 4}));
        const ValueId squeezed = b.adaptiveAvgPool2d("gap", pool, 1);
        QCOMPARE(b.shape(b.op(OpKind::Mul, "se", {pool, squeezed})), (Shape{4, 4, 4}));
        QCOMPARE(b.shape(b.flatten("flat", pool)), (Shape{64}));
        expectError([&] { b.op(OpKind::Add, "bad_add", {x, pool}); }, ErrorCode::ShapeMismatch,
                    "node 'bad_add' (Add): cannot broadcast 4×9×9 with 4×4×4");
        const ValueId other = b.input("other", {3, 4, 4});
        expectError([&] { b.op(OpKind::Concat, "bad_cat", {pool, other, x}, cat); }, ErrorCode::ShapeMismatch,
                    "node 'bad_cat' (Concat): input 2 has shape 4×9×9");
    }

    /// The ops PyTorch models bring (slices, upsampling, padding, means, permutes, constant
    /// operands, transposed convolutions): shapes as PyTorch computes them, and each
    /// impossible setting named.
    void importedOpsShapesAndErrors()
    {
        GraphBuilder b;
        const ValueId x = b.input("input", {8, 6, 6});
        auto attrs = [](std::initializer_list<std::pair<const char*, AttrValue>> list) {
            Attributes a;
            for (const auto& [name, value] : list)
                a.set(name, value);
            return a;
        };
        using Ints = std::vector<std::int64_t>;
        QCOMPARE(b.shape(b.op(OpKind::Slice, "half", {x}, attrs({{"dim", std::int64_t{1}}, {"start", std::int64_t{4}}, {"end", std::int64_t{99}}}))),
                 (Shape{4, 6, 6}));
        QCOMPARE(b.shape(b.op(OpKind::Slice, "odd", {x}, attrs({{"dim", std::int64_t{-1}}, {"start", std::int64_t{1}}, {"step", std::int64_t{2}}}))),
                 (Shape{8, 6, 3}));
        QCOMPARE(b.shape(b.op(OpKind::Upsample, "up", {x}, attrs({{"size", Ints{12, 12}}, {"mode", std::string("bilinear")}}))),
                 (Shape{8, 12, 12}));
        QCOMPARE(b.shape(b.op(OpKind::Pad, "pad", {x}, attrs({{"pads", Ints{1, 2, 3, 0}}}))), (Shape{8, 9, 9}));
        QCOMPARE(b.shape(b.op(OpKind::Mean, "gap", {x}, attrs({{"dims", Ints{2, 3}}, {"keepdim", std::int64_t{1}}}))),
                 (Shape{8, 1, 1}));
        QCOMPARE(b.shape(b.op(OpKind::Permute, "nhwc", {x}, attrs({{"dims", Ints{0, 2, 3, 1}}}))), (Shape{6, 6, 8}));
        Node scale;
        scale.name = "scale";
        scale.op = OpKind::Div;
        scale.inputs = {x};
        scale.buffers.push_back({"operand", at::full({8, 1, 1}, 2.0)});
        QCOMPARE(inferNodeShapes(scale, {{8, 6, 6}}).front(), (Shape{8, 6, 6}));
        Node up;
        up.name = "deconv";
        up.op = OpKind::ConvTranspose2d;
        up.inputs = {x};
        up.params.push_back({"weight", at::zeros({8, 4, 3, 3})});
        up.attrs = attrs({{"stride", Ints{2, 2}}, {"padding", Ints{1, 1}}, {"output_padding", Ints{1, 1}}});
        QCOMPARE(inferNodeShapes(up, {{8, 6, 6}}).front(), (Shape{4, 12, 12})); // as nn.ConvTranspose2d computes it

        expectError([&] { b.op(OpKind::Slice, "empty", {x}, attrs({{"dim", std::int64_t{1}}, {"start", std::int64_t{9}}})); },
                    ErrorCode::ShapeMismatch, "slice [8:8] of axis 1 is empty");
        expectError([&] { b.op(OpKind::Permute, "batch", {x}, attrs({{"dims", Ints{1, 0, 2, 3}}})); }, ErrorCode::ShapeMismatch,
                    "keep the batch first");
        expectError([&] { b.op(OpKind::Mean, "all", {x}, attrs({{"dims", Ints{0}}})); }, ErrorCode::ShapeMismatch,
                    "the batch axis 0 cannot be used");
        expectError([&] { b.op(OpKind::Pad, "negative", {x}, attrs({{"pads", Ints{-1, 0, 0, 0}}})); }, ErrorCode::ShapeMismatch,
                    "negative padding");
        expectError([&] { b.op(OpKind::Pad, "reflect", {x}, attrs({{"pads", Ints{6, 0, 0, 0}}, {"mode", std::string("reflect")}})); },
                    ErrorCode::ShapeMismatch, "reflect padding must be smaller than the input");
        expectError([&] { b.op(OpKind::Upsample, "cubic", {x}, attrs({{"size", Ints{12, 12}}, {"mode", std::string("bicubic")}})); },
                    ErrorCode::ShapeMismatch, "upsampling mode 'bicubic'");
        scale.buffers.front().tensor = at::ones({2, 8, 6, 6});
        expectError([&] { inferNodeShapes(scale, {{8, 6, 6}}); }, ErrorCode::ShapeMismatch, "has more axes than a sample");
        scale.buffers.front().tensor = at::ones({8, 6, 12});
        expectError([&] { inferNodeShapes(scale, {{8, 6, 6}}); }, ErrorCode::ShapeMismatch, "cannot broadcast");
        up.params.front().tensor = at::zeros({5, 4, 3, 3});
        expectError([&] { inferNodeShapes(up, {{8, 6, 6}}); }, ErrorCode::ShapeMismatch, "weight expects 5 input channels");
        expectError([&] { graph::perSampleOperand(at::ones({2, 8, 1, 1}), 3); }, ErrorCode::ShapeMismatch,
                    "varies along the batch axis");
    }

    void cloneIsDeep()
    {
        const Graph original = tinyGraph();
        Graph copy = original.clone();
        copy.nodes()[0].tensor("weight").fill_(7.0);
        copy.nodes()[0].name = "renamed";
        QVERIFY(!original.nodes()[0].tensor("weight").eq(7.0).all().item<bool>());
        QCOMPARE(original.nodes()[0].name, std::string("conv"));
        QVERIFY(copy.nodes()[0].tensor("weight").data_ptr() != original.nodes()[0].tensor("weight").data_ptr());
        QCOMPARE(copy.values().size(), original.values().size());
    }

    void uniqueNodeNames()
    {
        const Graph g = tinyGraph();
        QCOMPARE(g.uniqueNodeName("conv"), std::string("conv_1"));
        QCOMPARE(g.uniqueNodeName("fresh"), std::string("fresh"));
        GraphBuilder b;
        const ValueId x = b.input("input", {1, 4, 4});
        b.relu("act", x);
        expectError([&] { b.relu("act", x); }, ErrorCode::InvalidGraph, "duplicate node name");
    }

    void attributeErrorsAreClear()
    {
        Attributes attrs;
        attrs.set("groups", std::string("two"));
        expectError([&] { attrs.getInt("groups"); }, ErrorCode::InvalidGraph, "attribute 'groups' is not an integer");
        expectError([&] { attrs.getInts("stride"); }, ErrorCode::InvalidGraph, "missing attribute 'stride'");
        QCOMPARE(attrs.getInt("dilation", 1), std::int64_t{1});
    }
};

QTEST_APPLESS_MAIN(TestGraph)
#include "tst_graph.moc"
