// TorchScript import: freeze, inline, then evaluate the forward graph symbolically. Values
// are either graph tensors (IR values), constants (IValues: weights, ints, lists), lists of
// either, or the batch size, which is the one integer that is not known at import time.
#include "io/torchscriptimport.h"

#include "core/error.h"
#include "io/atomicfile.h"
#include "io/resamplesize.h"

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/frontend/error_report.h>
#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/passes/freeze_module.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <torch/csrc/jit/serialization/import.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <sstream>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

namespace slim::engine::io {

namespace {

using graph::Node;
using graph::OpKind;
using JitNode = torch::jit::Node;
using JitValue = torch::jit::Value;

struct Sym {
    /// Dynamic: computed by an op Slimbench cannot import; `origin` is that op's error, raised
    /// when the value is used (so a value-dependent `if` can say what it depends on).
    enum class Kind { Tensor, Constant, List, Batch, Dynamic } kind = Kind::Constant;
    graph::ValueId value = -1;                 ///< Tensor
    c10::IValue constant;                      ///< Constant
    std::shared_ptr<std::vector<Sym>> items;   ///< List and tuple, shared so append() is seen by every alias
    std::shared_ptr<const Error> origin;       ///< Dynamic
    std::string from;                          ///< Dynamic: "aten::sum at code/__torch__.py:8"

    static Sym tensor(graph::ValueId id) { return {Kind::Tensor, id, {}, nullptr, nullptr, {}}; }
    static Sym of(c10::IValue v) { return {Kind::Constant, -1, std::move(v), nullptr, nullptr, {}}; }
    static Sym list(std::vector<Sym> elements)
    {
        return {Kind::List, -1, {}, std::make_shared<std::vector<Sym>>(std::move(elements)), nullptr, {}};
    }
    static Sym batch() { return {Kind::Batch, -1, {}, nullptr, nullptr, {}}; }
    static Sym dynamic(const Error& why, std::string from)
    {
        return {Kind::Dynamic, -1, {}, nullptr, std::make_shared<const Error>(why), std::move(from)};
    }

    bool isConstant() const
    {
        if (kind == Kind::List)
            return std::all_of(items->begin(), items->end(), [](const Sym& s) { return s.isConstant(); });
        return kind == Kind::Constant;
    }
};

/// Where a node came from, for error messages: "code/__torch__/model.py:12 (`x = foo(y)`)".
std::string sourceOf(const JitNode* node)
{
    const torch::jit::SourceRange& range = node->sourceRange();
    std::string where;
    if (const auto flc = range.file_line_col())
        where = std::get<0>(*flc) + ":" + std::to_string(std::get<1>(*flc));
    std::string text;
    if (range.source()) {
        text = range.text().str();
        text = firstLine(text);
        if (text.size() > 80)
            text = text.substr(0, 77) + "...";
    }
    if (!text.empty())
        where += (where.empty() ? "" : " ") + ("(`" + text + "`)");
    return where.empty() ? "an unknown source line" : where;
}

class Interpreter {
public:
    Interpreter(std::string path, std::vector<std::int64_t> inputShape, torch::jit::Module root)
        : m_path(std::move(path)), m_inputShape(std::move(inputShape)), m_root(std::move(root))
    {
    }

    graph::Graph run(const std::shared_ptr<torch::jit::Graph>& jitGraph)
    {
        std::vector<Sym> inputs;
        int tensorInputs = 0;
        for (JitValue* input : jitGraph->inputs()) {
            if (input->type()->kind() == c10::TypeKind::ClassType) {
                inputs.push_back(Sym::of(c10::IValue())); // self: frozen, unused
                continue;
            }
            if (input->type()->kind() != c10::TypeKind::TensorType || ++tensorInputs > 1)
                throw Error(ErrorCode::Unsupported,
                            m_path + ": forward() must take one tensor; it takes '" + input->debugName() + "' of type "
                                + input->type()->str(),
                            {"forward() inputs"});
            inputs.push_back(Sym::tensor(m_graph.addInput(input->debugNameBase().empty() ? "input" : input->debugNameBase(),
                                                          m_inputShape)));
        }
        if (tensorInputs == 0)
            throw Error(ErrorCode::Unsupported, m_path + ": forward() takes no tensor", {"forward() inputs"});
        const std::vector<Sym> outputs = runBlock(jitGraph->block(), inputs);
        for (const Sym& output : outputs)
            markOutputs(output);
        m_graph.metadata()["name"] = std::filesystem::path(m_path).stem().string();
        m_graph.metadata()["source"] = "torchscript";
        m_graph.validate();
        return std::move(m_graph);
    }

private:
    void markOutputs(const Sym& sym)
    {
        if (sym.kind == Sym::Kind::Dynamic)
            throw *sym.origin;
        if (sym.kind == Sym::Kind::Tensor)
            m_graph.markOutput(sym.value);
        else if (sym.kind == Sym::Kind::List)
            for (const Sym& item : *sym.items)
                markOutputs(item);
        else
            throw Error(ErrorCode::Unsupported, m_path + ": forward() returns something that is not computed from the input",
                        {"forward() output"});
    }

    [[noreturn]] void fail(const JitNode* node, const std::string& what) const
    {
        const std::string op = node->kind().toQualString();
        throw Error(ErrorCode::Unsupported, m_path + ": " + op + " at " + sourceOf(node) + ": " + what, {op + ": " + what});
    }

    std::vector<Sym> runBlock(const torch::jit::Block* block, const std::vector<Sym>& inputs)
    {
        for (std::size_t i = 0; i < block->inputs().size(); ++i)
            m_env[block->inputs()[i]] = inputs.at(i);
        for (const JitNode* node : block->nodes())
            runNode(node);
        std::vector<Sym> outputs;
        for (const JitValue* output : block->outputs())
            outputs.push_back(m_env.at(output));
        return outputs;
    }

    // ---- reading node inputs ------------------------------------------------------------

    const Sym& in(const JitNode* node, std::size_t index) const { return m_env.at(node->inputs().at(index)); }

    graph::ValueId tensorIn(const JitNode* node, std::size_t index) const
    {
        const Sym& sym = in(node, index);
        if (sym.kind != Sym::Kind::Tensor)
            fail(node, "argument " + std::to_string(index) + " must be a tensor computed from the input");
        return sym.value;
    }
    const graph::Shape& shapeOf(graph::ValueId id) const { return m_graph.value(id).shape; }

    c10::IValue constIn(const JitNode* node, std::size_t index) const
    {
        const Sym& sym = in(node, index);
        if (!sym.isConstant())
            fail(node, "argument " + std::to_string(index) + " must be a constant");
        return toIValue(sym, node->inputs().at(index)->type());
    }
    std::int64_t intIn(const JitNode* node, std::size_t index) const
    {
        const c10::IValue v = constIn(node, index);
        if (!v.isInt())
            fail(node, "argument " + std::to_string(index) + " must be an integer");
        return v.toInt();
    }
    double realIn(const JitNode* node, std::size_t index) const
    {
        const c10::IValue v = constIn(node, index);
        if (!v.isDouble() && !v.isInt())
            fail(node, "argument " + std::to_string(index) + " must be a number");
        return v.isDouble() ? v.toDouble() : static_cast<double>(v.toInt());
    }
    bool boolIn(const JitNode* node, std::size_t index) const { return constIn(node, index).toBool(); }
    bool isNone(const JitNode* node, std::size_t index) const
    {
        const Sym& sym = in(node, index);
        return sym.kind == Sym::Kind::Constant && sym.constant.isNone();
    }
    std::vector<std::int64_t> intsIn(const JitNode* node, std::size_t index) const
    {
        const c10::IValue v = constIn(node, index);
        if (v.isInt())
            return {v.toInt()};
        if (!v.isIntList())
            fail(node, "argument " + std::to_string(index) + " must be a list of integers");
        return v.toIntVector();
    }
    at::Tensor constTensorIn(const JitNode* node, std::size_t index) const
    {
        const c10::IValue v = constIn(node, index);
        if (!v.isTensor())
            fail(node, "argument " + std::to_string(index) + " must be a constant tensor (a weight)");
        return v.toTensor().detach().to(at::kFloat).contiguous();
    }
    std::vector<Sym> itemsIn(const JitNode* node, std::size_t index) const
    {
        const Sym& sym = in(node, index);
        if (sym.kind == Sym::Kind::List)
            return *sym.items;
        if (sym.kind == Sym::Kind::Constant && (sym.constant.isList() || sym.constant.isTuple())) {
            std::vector<Sym> items;
            if (sym.constant.isList())
                for (const c10::IValue& v : sym.constant.toListRef())
                    items.push_back(Sym::of(v));
            else
                for (const c10::IValue& v : sym.constant.toTupleRef().elements())
                    items.push_back(Sym::of(v));
            return items;
        }
        fail(node, "argument " + std::to_string(index) + " must be a list");
    }

    /// A constant Sym as the IValue an operator expects (`type` says which list to build).
    c10::IValue toIValue(const Sym& sym, const c10::TypePtr& type) const
    {
        if (sym.kind == Sym::Kind::Constant)
            return sym.constant;
        if (type->kind() == c10::TypeKind::TupleType) {
            std::vector<c10::IValue> elements;
            const auto& types = type->expectRef<c10::TupleType>().elements();
            for (std::size_t i = 0; i < sym.items->size(); ++i)
                elements.push_back(toIValue((*sym.items)[i], i < types.size() ? types[i] : c10::AnyType::get()));
            return c10::ivalue::Tuple::create(std::move(elements));
        }
        c10::TypePtr element = c10::AnyType::get();
        if (type->kind() == c10::TypeKind::ListType)
            element = type->expectRef<c10::ListType>().getElementType();
        c10::impl::GenericList list(element);
        for (const Sym& item : *sym.items)
            list.push_back(toIValue(item, element));
        return list;
    }

    // ---- writing IR nodes -----------------------------------------------------------------

    /// The module path of the call that produced `node` ("layer1.0.conv1"), from the inlined
    /// call stack; functional calls get the op's name appended ("layer1.0.add").
    std::string nodeName(const JitNode* node, OpKind op) const
    {
        // The call stack names each call's attribute ("layer1", "0", "conv1"); containers that
        // are iterated rather than called (ModuleList) leave no frame, so the path is resolved
        // against the module tree, looking one level into containers for a missing step.
        std::string path;
        std::optional<torch::jit::Module> current = m_root;
        if (const auto stack = node->callstack()) {
            for (const auto& entry : (*stack)->vec()) {
                const auto& instance = std::get<2>(entry);
                if (!instance || instance->instance_name().empty() || instance->instance_name() == "SELF")
                    continue;
                const std::string name = instance->instance_name();
                std::string step = name;
                std::optional<torch::jit::Module> next;
                if (current) {
                    for (const auto& child : current->named_children()) {
                        if (child.name == name)
                            next = child.value;
                    }
                    for (const auto& child : current->named_children()) {
                        if (next)
                            break;
                        for (const auto& grandchild : child.value.named_children()) {
                            if (!next && grandchild.name == name) {
                                next = grandchild.value;
                                step = child.name + "." + name;
                            }
                        }
                    }
                }
                current = next;
                path += (path.empty() ? "" : ".") + step;
            }
        }
        bool leafModule = false;
        if (current && current->type()->name())
            leafModule = current->type()->name()->qualifiedName().rfind("__torch__.torch.nn.modules", 0) == 0;
        std::string opName(graph::opName(op));
        std::transform(opName.begin(), opName.end(), opName.begin(), [](unsigned char c) { return std::tolower(c); });
        if (path.empty())
            return opName;
        return leafModule ? path : path + "." + opName;
    }

    graph::ValueId emit(const JitNode* source, Node node)
    {
        node.name = m_graph.uniqueNodeName(nodeName(source, node.op));
        std::vector<graph::Shape> shapes;
        for (const graph::ValueId id : node.inputs)
            shapes.push_back(m_graph.value(id).shape);
        graph::Shape shape;
        try {
            shape = graph::inferNodeShapes(node, shapes).front();
        } catch (const Error& error) {
            throw Error(ErrorCode::ShapeMismatch, m_path + ": at " + sourceOf(source) + ": " + error.what(),
                        {node.name, error.what()});
        }
        std::string valueName = node.name;
        if (m_graph.findValue(valueName))
            valueName += ":out";
        node.outputs = {m_graph.addValue(valueName, shape)};
        const graph::ValueId out = node.outputs.front();
        m_graph.addNode(std::move(node));
        return out;
    }

    graph::ValueId emit(const JitNode* source, OpKind op, std::vector<graph::ValueId> inputs, graph::Attributes attrs = {})
    {
        Node node;
        node.op = op;
        node.inputs = std::move(inputs);
        node.attrs = std::move(attrs);
        return emit(source, std::move(node));
    }

    void define(const JitNode* node, Sym sym) { m_env[node->outputs().at(0)] = std::move(sym); }
    void defineTensor(const JitNode* node, graph::ValueId id) { define(node, Sym::tensor(id)); }

    // ---- the ops ---------------------------------------------------------------------------

    void runNode(const JitNode* node)
    {
        const std::string kind = node->kind().toQualString();
        static const std::set<std::string> moves{"prim::ListConstruct", "prim::TupleConstruct", "prim::ListUnpack",
                                                 "prim::TupleUnpack", "aten::__getitem__", "prim::TupleIndex",
                                                 "aten::list", "aten::append", "aten::len"};
        for (std::size_t i = 0; i < node->inputs().size() && !moves.count(kind); ++i) {
            const Sym& sym = in(node, i);
            if (sym.kind != Sym::Kind::Dynamic)
                continue;
            if (kind == "prim::If")
                fail(node, "the branch depends on the input's values (computed by " + sym.from
                               + "); only conditions on constants and shapes can be imported");
            for (const JitValue* output : node->outputs())
                m_env[output] = sym; // the error surfaces where the result is needed
            return;
        }
        if (structural(node, kind) || shapeQuery(node, kind))
            return;
        if (mapTensorOp(node, kind))
            return;
        bool constant = true;
        for (std::size_t i = 0; i < node->inputs().size(); ++i)
            constant = constant && in(node, i).isConstant();
        if (constant && node->maybeOperator()) {
            evaluate(node);
            return;
        }
        for (std::size_t i = 0; i < node->inputs().size(); ++i) {
            if (in(node, i).kind == Sym::Kind::Batch)
                fail(node, "computes with the batch size (only x.view(x.size(0), ...) and friends can use it)");
        }
        try {
            fail(node, "is not supported");
        } catch (const Error& error) {
            for (const JitValue* output : node->outputs())
                m_env[output] = Sym::dynamic(error, kind + " at " + sourceOf(node)); // raised where it is used
        }
    }

    /// Runs an operator whose inputs are all constants (shape arithmetic, weight transposes).
    void evaluate(const JitNode* node)
    {
        torch::jit::Stack stack;
        for (std::size_t i = 0; i < node->inputs().size(); ++i)
            stack.push_back(toIValue(in(node, i), node->inputs()[i]->type()));
        try {
            node->getOperation()(stack);
        } catch (const std::exception& error) {
            fail(node, std::string("failed on constants: ") + error.what());
        }
        for (std::size_t i = 0; i < node->outputs().size(); ++i)
            m_env[node->outputs()[i]] = Sym::of(stack.at(i));
    }

    bool structural(const JitNode* node, const std::string& kind)
    {
        if (kind == "prim::Constant") {
            const auto value = torch::jit::toIValue(node->output());
            define(node, Sym::of(value ? *value : c10::IValue()));
        } else if (kind == "prim::ListConstruct" || kind == "prim::TupleConstruct") {
            std::vector<Sym> items;
            for (std::size_t i = 0; i < node->inputs().size(); ++i)
                items.push_back(in(node, i));
            define(node, Sym::list(std::move(items)));
        } else if (kind == "prim::ListUnpack" || kind == "prim::TupleUnpack") {
            const std::vector<Sym> items = itemsIn(node, 0);
            if (items.size() != node->outputs().size())
                fail(node, "unpacks " + std::to_string(items.size()) + " values into " + std::to_string(node->outputs().size()));
            for (std::size_t i = 0; i < items.size(); ++i)
                m_env[node->outputs()[i]] = items[i];
        } else if ((kind == "aten::__getitem__" || kind == "prim::TupleIndex") && in(node, 0).kind == Sym::Kind::List) {
            const std::vector<Sym> items = itemsIn(node, 0);
            std::int64_t index = intIn(node, 1);
            if (index < 0)
                index += static_cast<std::int64_t>(items.size());
            if (index < 0 || index >= static_cast<std::int64_t>(items.size()))
                fail(node, "index out of range");
            define(node, items[static_cast<std::size_t>(index)]);
        } else if (kind == "aten::list" && in(node, 0).kind == Sym::Kind::List) {
            define(node, Sym::list(itemsIn(node, 0)));
        } else if (kind == "aten::append" && in(node, 0).kind == Sym::Kind::List) {
            in(node, 0).items->push_back(in(node, 1));
            define(node, in(node, 0));
        } else if (kind == "aten::len" && in(node, 0).kind == Sym::Kind::List) {
            define(node, Sym::of(static_cast<std::int64_t>(in(node, 0).items->size())));
        } else if (kind == "prim::If") {
            const Sym& condition = in(node, 0);
            if (!condition.isConstant())
                fail(node, "the branch depends on the input's values; only conditions on constants and shapes can be imported");
            const auto outputs = runBlock(node->blocks().at(condition.constant.toBool() ? 0 : 1), {});
            for (std::size_t i = 0; i < outputs.size(); ++i)
                m_env[node->outputs()[i]] = outputs[i];
        } else if (kind == "prim::Loop") {
            runLoop(node);
        } else if (kind == "prim::RaiseException") {
            fail(node, "the model raises an exception for this input (wrong input size?)");
        } else if (kind == "prim::Uninitialized" || kind == "aten::warn") {
            if (!node->outputs().empty())
                define(node, Sym::of(c10::IValue()));
        } else if (kind == "prim::unchecked_cast" || kind == "aten::contiguous" || kind == "aten::detach"
                   || kind == "aten::clone" || kind == "aten::dropout" || kind == "aten::dropout_"
                   || kind == "aten::feature_dropout" || kind == "aten::alpha_dropout" || kind == "aten::to") {
            define(node, in(node, 0)); // identities at inference (dropout is frozen in evaluation mode)
        } else if ((kind == "prim::NumToTensor" || kind == "aten::Int" || kind == "aten::ScalarImplicit")
                   && in(node, 0).kind == Sym::Kind::Batch) {
            define(node, Sym::batch());
        } else {
            return false;
        }
        return true;
    }

    void runLoop(const JitNode* node)
    {
        const Sym& trips = in(node, 0);
        const Sym& condition = in(node, 1);
        if (!trips.isConstant() || !condition.isConstant())
            fail(node, "a loop whose length depends on the input's values");
        std::int64_t count = trips.constant.toInt();
        bool go = condition.constant.toBool();
        std::vector<Sym> carried;
        for (std::size_t i = 2; i < node->inputs().size(); ++i)
            carried.push_back(in(node, i));
        const torch::jit::Block* body = node->blocks().at(0);
        for (std::int64_t iteration = 0; go && iteration < count; ++iteration) {
            if (iteration > 100000)
                fail(node, "a loop of more than 100000 iterations");
            std::vector<Sym> inputs{Sym::of(iteration)};
            inputs.insert(inputs.end(), carried.begin(), carried.end());
            std::vector<Sym> outputs = runBlock(body, inputs);
            if (!outputs.front().isConstant())
                fail(node, "a loop whose condition depends on the input's values");
            go = outputs.front().constant.toBool();
            carried.assign(outputs.begin() + 1, outputs.end());
        }
        for (std::size_t i = 0; i < node->outputs().size(); ++i)
            m_env[node->outputs()[i]] = carried.at(i);
    }

    /// x.size(), x.size(d), x.dim(), x.dtype and friends on graph tensors.
    bool shapeQuery(const JitNode* node, const std::string& kind)
    {
        if (node->inputs().empty() || in(node, 0).kind != Sym::Kind::Tensor)
            return false;
        const graph::Shape& shape = shapeOf(in(node, 0).value);
        const auto rank = static_cast<std::int64_t>(shape.size()) + 1;
        if (kind == "aten::size" && node->inputs().size() == 1) {
            std::vector<Sym> dims{Sym::batch()};
            for (const std::int64_t d : shape)
                dims.push_back(Sym::of(d));
            define(node, Sym::list(std::move(dims)));
        } else if (kind == "aten::size") {
            std::int64_t dim = intIn(node, 1);
            if (dim < 0)
                dim += rank;
            if (dim < 0 || dim >= rank)
                fail(node, "dimension out of range");
            define(node, dim == 0 ? Sym::batch() : Sym::of(shape[static_cast<std::size_t>(dim - 1)]));
        } else if (kind == "aten::dim") {
            define(node, Sym::of(rank));
        } else if (kind == "prim::dtype") {
            define(node, Sym::of(static_cast<std::int64_t>(at::kFloat)));
        } else if (kind == "prim::device") {
            define(node, Sym::of(c10::Device(c10::kCPU)));
        } else if (kind == "prim::is_cuda" || kind == "aten::is_complex") {
            define(node, Sym::of(false));
        } else if (kind == "aten::is_floating_point") {
            define(node, Sym::of(true));
        } else {
            return false;
        }
        return true;
    }

    /// A per-sample shape from a view/reshape argument: its first entry must be the batch
    /// size (x.size(0)) or -1.
    std::vector<std::int64_t> sampleShape(const JitNode* node, std::size_t index) const
    {
        std::vector<Sym> items = itemsIn(node, index);
        if (items.empty())
            fail(node, "reshape to a scalar");
        const Sym& first = items.front();
        const bool batchFirst = first.kind == Sym::Kind::Batch
                                || (first.isConstant() && first.constant.isInt() && first.constant.toInt() == -1);
        if (!batchFirst)
            fail(node, "a reshape that fixes the batch size; write x.view(x.size(0), ...) or x.flatten(1)");
        std::vector<std::int64_t> shape;
        bool inferred = first.kind != Sym::Kind::Batch;
        for (std::size_t i = 1; i < items.size(); ++i) {
            if (!items[i].isConstant() || !items[i].constant.isInt())
                fail(node, "a reshape whose per-sample shape depends on the batch size");
            shape.push_back(items[i].constant.toInt());
            if (shape.back() == -1 && inferred)
                fail(node, "a reshape with -1 in both the batch and another axis");
        }
        return shape;
    }

    Node weighted(OpKind op, const JitNode* node, std::size_t weightIndex, std::size_t biasIndex) const
    {
        Node result;
        result.op = op;
        result.inputs = {tensorIn(node, 0)};
        result.params.push_back({"weight", constTensorIn(node, weightIndex)});
        if (!isNone(node, biasIndex))
            result.params.push_back({"bias", constTensorIn(node, biasIndex)});
        return result;
    }

    void convolution(const JitNode* node, bool transposed, std::size_t strideAt, std::size_t paddingAt,
                     std::size_t dilationAt, std::size_t outputPaddingAt, std::size_t groupsAt)
    {
        Node conv = weighted(transposed ? OpKind::ConvTranspose2d : OpKind::Conv2d, node, 1, 2);
        if (conv.params.front().tensor.dim() != 4)
            fail(node, "only 2-D convolutions are imported");
        const c10::IValue padding = constIn(node, paddingAt);
        if (padding.isString())
            fail(node, "padding='" + padding.toStringRef() + "' (give the padding as numbers)");
        conv.attrs.set("stride", intsIn(node, strideAt));
        conv.attrs.set("padding", intsIn(node, paddingAt));
        conv.attrs.set("dilation", intsIn(node, dilationAt));
        conv.attrs.set("groups", intIn(node, groupsAt));
        if (transposed)
            conv.attrs.set("output_padding", intsIn(node, outputPaddingAt));
        defineTensor(node, emit(node, std::move(conv)));
    }

    void binary(const JitNode* node, OpKind op, bool reverse = false)
    {
        const Sym& a = in(node, 0);
        const Sym& b = in(node, 1);
        double alpha = 1.0;
        if ((op == OpKind::Add || op == OpKind::Sub) && node->inputs().size() > 2)
            alpha = realIn(node, 2);
        if (op == OpKind::Div && node->inputs().size() > 2 && !isNone(node, 2))
            fail(node, "division with a rounding mode");
        if (a.kind == Sym::Kind::Tensor && b.kind == Sym::Kind::Tensor && !reverse) {
            if (alpha != 1.0)
                fail(node, "alpha other than 1 between two computed tensors");
            defineTensor(node, emit(node, op, {a.value, b.value}));
            return;
        }
        const std::size_t tensorAt = a.kind == Sym::Kind::Tensor ? 0 : 1;
        const std::size_t constantAt = 1 - tensorAt;
        if (in(node, tensorAt).kind != Sym::Kind::Tensor || !in(node, constantAt).isConstant())
            fail(node, "operands that are neither computed tensors nor constants");
        const c10::IValue c = constIn(node, constantAt);
        at::Tensor operand = c.isTensor() ? c.toTensor().detach().to(at::kFloat) : at::scalar_tensor(realIn(node, constantAt));
        if (tensorAt == 0)
            operand = operand * alpha;
        else if (alpha != 1.0)
            fail(node, "alpha on the computed operand");
        Node result;
        result.op = op;
        result.inputs = {in(node, tensorAt).value};
        try {
            result.buffers.push_back({"operand", graph::perSampleOperand(operand, shapeOf(result.inputs.front()).size())});
        } catch (const Error& error) {
            fail(node, error.what());
        }
        if ((tensorAt == 1) != reverse)
            result.attrs.set("reverse", std::int64_t{1});
        defineTensor(node, emit(node, std::move(result)));
    }

    graph::ValueId slice(const JitNode* node, graph::ValueId input, std::int64_t dim, std::int64_t start, std::int64_t end,
                         std::int64_t step = 1)
    {
        graph::Attributes attrs;
        attrs.set("dim", dim);
        attrs.set("start", start);
        attrs.set("end", end);
        attrs.set("step", step);
        return emit(node, OpKind::Slice, {input}, attrs);
    }

    /// Splits along `dim` into pieces of `sizes`, as chunk() and split() do.
    void pieces(const JitNode* node, graph::ValueId input, std::int64_t dim, const std::vector<std::int64_t>& sizes)
    {
        std::vector<Sym> parts;
        std::int64_t start = 0;
        for (const std::int64_t size : sizes) {
            parts.push_back(Sym::tensor(slice(node, input, dim, start, start + size)));
            start += size;
        }
        define(node, Sym::list(std::move(parts)));
    }

    std::int64_t sampleDim(const JitNode* node, graph::ValueId input, std::int64_t dim) const
    {
        const auto rank = static_cast<std::int64_t>(shapeOf(input).size()) + 1;
        if (dim < 0)
            dim += rank;
        if (dim < 1 || dim >= rank)
            fail(node, "works along the batch axis or out of range");
        return dim;
    }

    void upsample(const JitNode* node, bool bilinear)
    {
        const graph::ValueId x = tensorIn(node, 0);
        const graph::Shape& shape = shapeOf(x);
        if (shape.size() != 3)
            fail(node, "upsampling of a tensor that is not N×C×H×W");
        std::vector<std::int64_t> size;
        std::vector<double> factors;
        const std::size_t scalesAt = bilinear ? 3 : 2;
        const bool vec = node->inputs().size() == scalesAt + 1; // upsample_*.vec(input, size?, [align,] scales?)
        if (vec && !isNone(node, scalesAt)) {
            const c10::IValue scales = constIn(node, scalesAt);
            factors = scales.isDoubleList() ? scales.toDoubleVector() : std::vector<double>{};
            if (factors.size() != 2)
                fail(node, "needs two scale factors");
        } else if (!vec && node->inputs().size() == scalesAt + 2 && !isNone(node, scalesAt) && !isNone(node, scalesAt + 1)) {
            factors = {realIn(node, scalesAt), realIn(node, scalesAt + 1)}; // (input, size, [align,] scales_h, scales_w)
        }
        // The same bound as ONNX Resize: a huge factor is refused here, before floor(side ×
        // factor) could overflow or the first forward pass try to allocate the result.
        std::optional<std::int64_t> scaledHeight;
        std::optional<std::int64_t> scaledWidth;
        if (factors.size() == 2) {
            scaledHeight = scaledSide(shape[1], factors[0]);
            scaledWidth = scaledSide(shape[2], factors[1]);
            if (!scaledHeight || !scaledWidth) {
                std::ostringstream what;
                what << "scales " << shape[1] << "×" << shape[2] << " by " << factors[0] << "×" << factors[1]
                     << " (each output side must be 1.." << kMaxResampledSide << ")";
                fail(node, what.str());
            }
        }
        if (!isNone(node, 1))
            size = intsIn(node, 1);
        else if (factors.size() == 2)
            size = {*scaledHeight, *scaledWidth};
        if (size.size() != 2)
            fail(node, "needs an output size or scale factors");
        if (!isResampledSide(size[0]) || !isResampledSide(size[1]))
            fail(node, "output size " + std::to_string(size[0]) + "×" + std::to_string(size[1])
                           + " (each side must be 1.." + std::to_string(kMaxResampledSide) + ")");
        graph::Attributes attrs;
        attrs.set("size", size);
        if (factors.size() == 2) {
            attrs.set("scale_h", factors[0]);
            attrs.set("scale_w", factors[1]);
        }
        attrs.set("mode", std::string(bilinear ? "bilinear" : "nearest"));
        if (bilinear)
            attrs.set("align_corners", std::int64_t{boolIn(node, 2) ? 1 : 0});
        defineTensor(node, emit(node, OpKind::Upsample, {x}, attrs));
    }

    void pad(const JitNode* node, const std::string& mode, std::optional<std::size_t> valueAt)
    {
        std::vector<std::int64_t> pads = intsIn(node, 1);
        if (pads.size() == 2)
            pads.insert(pads.end(), {0, 0});
        if (pads.size() != 4)
            fail(node, "padding of other than the last two axes");
        graph::Attributes attrs;
        attrs.set("pads", pads);
        attrs.set("mode", mode);
        if (valueAt && node->inputs().size() > *valueAt && !isNone(node, *valueAt))
            attrs.set("value", realIn(node, *valueAt));
        defineTensor(node, emit(node, OpKind::Pad, {tensorIn(node, 0)}, attrs));
    }

    void unary(const JitNode* node, OpKind op, graph::Attributes attrs = {})
    {
        defineTensor(node, emit(node, op, {tensorIn(node, 0)}, std::move(attrs)));
    }

    bool mapTensorOp(const JitNode* node, std::string kind)
    {
        bool touchesGraph = false;
        for (std::size_t i = 0; i < node->inputs().size(); ++i) {
            const Sym& sym = in(node, i);
            touchesGraph = touchesGraph || sym.kind == Sym::Kind::Tensor
                           || (sym.kind == Sym::Kind::List
                               && std::any_of(sym.items->begin(), sym.items->end(),
                                              [](const Sym& s) { return s.kind == Sym::Kind::Tensor; }));
        }
        if (!touchesGraph)
            return false;
        if (kind.size() > 1 && kind.back() == '_' && kind.find("__") == std::string::npos)
            kind.pop_back(); // in-place variants (relu_, add_) compute the same values
        graph::Attributes attrs;
        if (kind == "aten::_convolution") {
            convolution(node, boolIn(node, 6), 3, 4, 5, 7, 8);
        } else if (kind == "aten::conv2d") {
            convolution(node, false, 3, 4, 5, 0, 6);
        } else if (kind == "aten::conv_transpose2d") {
            convolution(node, true, 3, 4, 7, 5, 6);
        } else if (kind == "aten::batch_norm") {
            Node bn;
            bn.op = OpKind::BatchNorm2d;
            bn.inputs = {tensorIn(node, 0)};
            const at::Tensor mean = constTensorIn(node, 3);
            bn.params.push_back({"weight", isNone(node, 1) ? at::ones_like(mean) : constTensorIn(node, 1)});
            bn.params.push_back({"bias", isNone(node, 2) ? at::zeros_like(mean) : constTensorIn(node, 2)});
            bn.buffers.push_back({"running_mean", mean});
            bn.buffers.push_back({"running_var", constTensorIn(node, 4)});
            bn.buffers.push_back({"num_batches_tracked", at::zeros({}, at::kLong)});
            bn.attrs.set("momentum", isNone(node, 6) ? 0.1 : realIn(node, 6));
            bn.attrs.set("eps", realIn(node, 7));
            defineTensor(node, emit(node, std::move(bn)));
        } else if (kind == "aten::linear") {
            defineTensor(node, emit(node, weighted(OpKind::Linear, node, 1, 2)));
        } else if (kind == "aten::addmm") {
            if (realIn(node, 3) != 1.0 || realIn(node, 4) != 1.0)
                fail(node, "addmm with beta or alpha other than 1");
            Node linear;
            linear.op = OpKind::Linear;
            linear.inputs = {tensorIn(node, 1)};
            linear.params = {{"weight", constTensorIn(node, 2).t().contiguous()}, {"bias", constTensorIn(node, 0).flatten()}};
            defineTensor(node, emit(node, std::move(linear)));
        } else if (kind == "aten::matmul" || kind == "aten::mm") {
            const at::Tensor weight = constTensorIn(node, 1);
            if (weight.dim() != 2)
                fail(node, "matmul with a weight that is not 2-D");
            Node linear;
            linear.op = OpKind::Linear;
            linear.inputs = {tensorIn(node, 0)};
            linear.params = {{"weight", weight.t().contiguous()}};
            defineTensor(node, emit(node, std::move(linear)));
        } else if (kind == "aten::relu") {
            unary(node, OpKind::ReLU);
        } else if (kind == "aten::relu6") {
            unary(node, OpKind::ReLU6);
        } else if (kind == "aten::hardtanh" || kind == "aten::clamp") {
            const double low = isNone(node, 1) ? -INFINITY : realIn(node, 1);
            const double high = isNone(node, 2) ? INFINITY : realIn(node, 2);
            if (low == 0.0 && high == 6.0) {
                unary(node, OpKind::ReLU6);
            } else {
                if (std::isfinite(low)) // an absent bound stays absent (.slim headers are JSON)
                    attrs.set("min", low);
                if (std::isfinite(high))
                    attrs.set("max", high);
                unary(node, OpKind::Clamp, attrs);
            }
        } else if (kind == "aten::leaky_relu") {
            attrs.set("negative_slope", node->inputs().size() > 1 ? realIn(node, 1) : 0.01);
            unary(node, OpKind::LeakyReLU, attrs);
        } else if (kind == "aten::silu") {
            unary(node, OpKind::SiLU);
        } else if (kind == "aten::sigmoid") {
            unary(node, OpKind::Sigmoid);
        } else if (kind == "aten::hardsigmoid") {
            unary(node, OpKind::HardSigmoid);
        } else if (kind == "aten::hardswish") {
            unary(node, OpKind::HardSwish);
        } else if (kind == "aten::gelu") {
            attrs.set("approximate", node->inputs().size() > 1 ? constIn(node, 1).toStringRef() : std::string("none"));
            unary(node, OpKind::GELU, attrs);
        } else if (kind == "aten::tanh") {
            unary(node, OpKind::Tanh);
        } else if (kind == "aten::softmax") {
            attrs.set("dim", intIn(node, 1));
            unary(node, OpKind::Softmax, attrs);
        } else if (kind == "aten::max_pool2d" || kind == "aten::avg_pool2d") {
            const auto kernel = intsIn(node, 1);
            auto stride = intsIn(node, 2);
            attrs.set("kernel_size", kernel);
            attrs.set("stride", stride.empty() ? kernel : stride);
            attrs.set("padding", intsIn(node, 3));
            if (kind == "aten::max_pool2d") {
                attrs.set("dilation", intsIn(node, 4));
                attrs.set("ceil_mode", std::int64_t{boolIn(node, 5)});
            } else {
                attrs.set("ceil_mode", std::int64_t{boolIn(node, 4)});
                attrs.set("count_include_pad", std::int64_t{boolIn(node, 5)});
                if (node->inputs().size() > 6 && !isNone(node, 6))
                    fail(node, "avg_pool2d with divisor_override");
            }
            unary(node, kind == "aten::max_pool2d" ? OpKind::MaxPool2d : OpKind::AvgPool2d, attrs);
        } else if (kind == "aten::adaptive_avg_pool2d") {
            attrs.set("output_size", intsIn(node, 1));
            unary(node, OpKind::AdaptiveAvgPool2d, attrs);
        } else if (kind == "aten::flatten") {
            attrs.set("start_dim", intIn(node, 1));
            attrs.set("end_dim", intIn(node, 2));
            if (attrs.getInt("start_dim") == 0)
                fail(node, "flatten(x, 0) mixes the batch into the features; use flatten(x, 1)");
            unary(node, OpKind::Flatten, attrs);
        } else if (kind == "aten::view" || kind == "aten::reshape") {
            attrs.set("shape", sampleShape(node, 1));
            unary(node, OpKind::Reshape, attrs);
        } else if (kind == "aten::permute") {
            attrs.set("dims", intsIn(node, 1));
            unary(node, OpKind::Permute, attrs);
        } else if (kind == "aten::transpose") {
            const graph::ValueId x = tensorIn(node, 0);
            std::vector<std::int64_t> dims(shapeOf(x).size() + 1);
            std::iota(dims.begin(), dims.end(), 0);
            const std::int64_t a = sampleDim(node, x, intIn(node, 1));
            const std::int64_t b = sampleDim(node, x, intIn(node, 2));
            std::swap(dims[static_cast<std::size_t>(a)], dims[static_cast<std::size_t>(b)]);
            attrs.set("dims", dims);
            unary(node, OpKind::Permute, attrs);
        } else if (kind == "aten::add") {
            binary(node, OpKind::Add);
        } else if (kind == "aten::sub") {
            binary(node, OpKind::Sub);
        } else if (kind == "aten::rsub") {
            binary(node, OpKind::Sub, true);
        } else if (kind == "aten::mul") {
            binary(node, OpKind::Mul);
        } else if (kind == "aten::div") {
            binary(node, OpKind::Div);
        } else if (kind == "aten::cat" || kind == "aten::concat") {
            std::vector<graph::ValueId> inputs;
            for (const Sym& item : itemsIn(node, 0)) {
                if (item.kind == Sym::Kind::Dynamic)
                    throw *item.origin;
                if (item.kind != Sym::Kind::Tensor)
                    fail(node, "concatenates a constant with computed tensors");
                inputs.push_back(item.value);
            }
            attrs.set("dim", intIn(node, 1));
            defineTensor(node, emit(node, OpKind::Concat, inputs, attrs));
        } else if (kind == "aten::chunk" || kind == "aten::unsafe_chunk") {
            const graph::ValueId x = tensorIn(node, 0);
            const std::int64_t dim = sampleDim(node, x, intIn(node, 2));
            const std::int64_t length = shapeOf(x)[static_cast<std::size_t>(dim - 1)];
            const std::int64_t chunks = intIn(node, 1);
            if (chunks <= 0)
                fail(node, "chunk into no pieces");
            const std::int64_t size = (length + chunks - 1) / chunks;
            std::vector<std::int64_t> sizes;
            for (std::int64_t start = 0; start < length; start += size)
                sizes.push_back(std::min(size, length - start));
            pieces(node, x, dim, sizes);
        } else if (kind == "aten::split" || kind == "aten::split_with_sizes" || kind == "aten::unsafe_split"
                   || kind == "aten::unsafe_split_with_sizes") {
            const graph::ValueId x = tensorIn(node, 0);
            const std::int64_t dim = sampleDim(node, x, intIn(node, 2));
            const std::int64_t length = shapeOf(x)[static_cast<std::size_t>(dim - 1)];
            const c10::IValue split = constIn(node, 1);
            std::vector<std::int64_t> sizes;
            if (split.isInt()) {
                if (split.toInt() <= 0)
                    fail(node, "split into pieces of no size");
                for (std::int64_t start = 0; start < length; start += split.toInt())
                    sizes.push_back(std::min(split.toInt(), length - start));
            } else {
                sizes = intsIn(node, 1);
            }
            pieces(node, x, dim, sizes);
        } else if (kind == "aten::slice") {
            const graph::ValueId x = tensorIn(node, 0);
            const std::int64_t dim = intIn(node, 1);
            const std::int64_t start = isNone(node, 2) ? 0 : intIn(node, 2);
            const std::int64_t end = isNone(node, 3) ? std::numeric_limits<std::int64_t>::max() : intIn(node, 3);
            const std::int64_t step = intIn(node, 4);
            if (dim == 0 || dim == -static_cast<std::int64_t>(shapeOf(x).size()) - 1) {
                if (start != 0 || end < std::numeric_limits<std::int32_t>::max() || step != 1)
                    fail(node, "slicing the batch axis");
                defineTensor(node, x); // x[:, ...]: the whole batch
            } else {
                const std::int64_t axis = sampleDim(node, x, dim);
                const std::int64_t length = shapeOf(x)[static_cast<std::size_t>(axis - 1)];
                defineTensor(node, slice(node, x, axis, start, std::min(end, length), step));
            }
        } else if (kind == "aten::upsample_nearest2d") {
            upsample(node, false);
        } else if (kind == "aten::upsample_bilinear2d") {
            upsample(node, true);
        } else if (kind == "aten::pad") {
            const std::string mode = constIn(node, 2).toStringRef();
            if (mode != "constant" && mode != "reflect" && mode != "replicate")
                fail(node, "padding mode '" + mode + "'");
            pad(node, mode, 3);
        } else if (kind == "aten::constant_pad_nd") {
            pad(node, "constant", 2);
        } else if (kind == "aten::reflection_pad2d") {
            pad(node, "reflect", std::nullopt);
        } else if (kind == "aten::replication_pad2d") {
            pad(node, "replicate", std::nullopt);
        } else if (kind == "aten::mean") {
            if (node->inputs().size() < 3 || isNone(node, 1))
                fail(node, "mean over all axes (the batch axis cannot be reduced)");
            if (node->inputs().size() > 3 && !isNone(node, 3))
                fail(node, "mean with a dtype");
            attrs.set("dims", intsIn(node, 1));
            attrs.set("keepdim", std::int64_t{boolIn(node, 2)});
            unary(node, OpKind::Mean, attrs);
        } else {
            return false;
        }
        return true;
    }

    std::string m_path;
    std::vector<std::int64_t> m_inputShape;
    torch::jit::Module m_root;
    graph::Graph m_graph;
    std::unordered_map<const JitValue*, Sym> m_env;
};

/// Why an archive that torch::jit::load refused cannot be read, in the user's terms.
[[noreturn]] void explainUnreadable(const std::string& bytes, const std::string& path, const std::string& detail)
{
    const std::string howTo = "Save TorchScript from Python with torch.jit.script(model).save(\"model.pt\") or "
                              "torch.jit.trace(model, example_input).save(\"model.pt\"), or export ONNX.";
    if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) == 0x80)
        throw Error(ErrorCode::ForeignFile,
                    path + ": this is a pickle from torch.save in the legacy format (a state_dict or module), not TorchScript. "
                        + howTo,
                    {path, "state_dict"});
    if (bytes.rfind("PK\x03\x04", 0) == 0) {
        bool pickled = false;
        try {
            std::istringstream stream(bytes);
            caffe2::serialize::PyTorchStreamReader reader(&stream);
            pickled = reader.hasRecord("data.pkl") && !reader.hasRecord("constants.pkl");
        } catch (const std::exception&) {
            throw Error(ErrorCode::FileCorrupt,
                        path + ": the archive is damaged or truncated (" + firstLine(detail) + ")",
                        {path, "damaged archive"});
        }
        if (pickled)
            throw Error(ErrorCode::ForeignFile,
                        path + ": this file holds weights or a pickled module saved with torch.save (a state_dict), "
                               "not TorchScript: it has no code to import. " + howTo,
                        {path, "state_dict"});
    }
    throw Error(ErrorCode::FileCorrupt, path + ": not a readable TorchScript archive (" + firstLine(detail) + ")",
                {path, "not TorchScript"});
}

} // namespace

graph::Graph importTorchScript(const std::string& bytes, const std::string& path, const std::vector<std::int64_t>& inputShape)
{
    if (bytes.empty())
        throw Error(ErrorCode::FileEmpty, path + ": the file is empty", {path});
    torch::jit::Module module;
    try {
        std::istringstream stream(bytes);
        module = torch::jit::load(stream, c10::Device(c10::kCPU));
    } catch (const torch::jit::ErrorReport&) {
        // Not what(): LibTorch 1.13's ErrorReport::what() can itself throw on a damaged archive.
        explainUnreadable(bytes, path, "its code does not compile");
    } catch (const c10::Error& error) {
        explainUnreadable(bytes, path, error.what_without_backtrace());
    } catch (const std::exception& error) {
        explainUnreadable(bytes, path, error.what());
    }
    if (inputShape.empty())
        throw Error(ErrorCode::InvalidArgument,
                    path + ": TorchScript files carry no input shape; give the input size (--input CxHxW)",
                    {"input", "TorchScript needs an input size"});
    for (const std::int64_t d : inputShape) {
        if (d <= 0)
            throw Error(ErrorCode::InvalidArgument, path + ": input size " + graph::shapeToString(inputShape) + " is not positive",
                        {"input", graph::shapeToString(inputShape)});
    }
    std::shared_ptr<torch::jit::Graph> jitGraph;
    try {
        if (!module.find_method("forward"))
            throw Error(ErrorCode::Unsupported, path + ": the module has no forward()", {"forward"});
        module.eval();
        torch::jit::Module frozen = torch::jit::freeze_module(module);
        jitGraph = frozen.get_method("forward").graph()->copy();
        torch::jit::Inline(*jitGraph);
    } catch (const Error&) {
        throw;
    } catch (const torch::jit::ErrorReport&) {
        throw Error(ErrorCode::Unsupported, path + ": the module cannot be frozen for import: its code does not compile",
                    {path, "cannot freeze"});
    } catch (const std::exception& error) {
        const std::string what = firstLine(error.what());
        throw Error(ErrorCode::Unsupported, path + ": the module cannot be frozen for import: " + what,
                    {path, "cannot freeze"});
    }
    try {
        return Interpreter(path, inputShape, module).run(jitGraph);
    } catch (const Error&) {
        throw;
    } catch (const torch::jit::ErrorReport&) {
        throw Error(ErrorCode::Unsupported, path + ": the module cannot be imported: TorchScript reported an error",
                    {path, "TorchScript error"});
    } catch (const std::exception& error) {
        const std::string what = firstLine(error.what());
        throw Error(ErrorCode::Unsupported, path + ": the module cannot be imported: " + what,
                    {path, what});
    }
}

graph::Graph loadTorchScript(const std::string& path, const std::vector<std::int64_t>& inputShape)
{
    return importTorchScript(readWholeFile(path), path, inputShape);
}

} // namespace slim::engine::io
