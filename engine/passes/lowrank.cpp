#include "passes/lowrank.h"

#include "graph/fakequant.h"

#include "analysis/cost.h"
#include "core/error.h"
#include "graph/graph.h"
#include "prune/masks.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace slim::engine::passes {

using graph::Graph;
using graph::Node;
using graph::OpKind;
using graph::ValueId;

namespace {

/// Bisection steps for a MACs target: 2⁻³⁰ of the energy range, far below one rank's share.
constexpr int kBisectionSteps = 30;

/// One matrix's singular value decomposition, kept to pick a rank for any energy cheaply.
struct Spectrum {
    at::Tensor u;       ///< [m, k], double
    at::Tensor s;       ///< [k]
    at::Tensor vh;      ///< [k, n]
    std::vector<double> cumulative;  ///< share of Σσ² in the first r + 1 values

    explicit Spectrum(const at::Tensor& matrix)
    {
        std::tie(u, s, vh) = at::linalg_svd(matrix, /*full_matrices=*/false);
        const at::Tensor energy = s.square().cumsum(0);
        const double total = energy.numel() > 0 ? energy[-1].item<double>() : 0.0;
        cumulative.resize(static_cast<std::size_t>(energy.numel()));
        for (std::int64_t i = 0; i < energy.numel(); ++i)
            cumulative[static_cast<std::size_t>(i)] = total > 0 ? energy[i].item<double>() / total : 1.0;
    }

    std::int64_t full() const { return s.numel(); }

    /// The fewest leading values holding `energy` of the total (all of them at 1).
    std::int64_t rankFor(double energy) const
    {
        if (energy >= 1)
            return full();
        const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), energy);
        return std::max<std::int64_t>(1, std::min<std::int64_t>(full(), (it - cumulative.begin()) + 1));
    }

    double keptShare(std::int64_t rank) const { return cumulative[static_cast<std::size_t>(rank - 1)]; }

    /// The factors U_r·√S_r and √S_r·V_rᵀ, whose product is the rank-r approximation.
    std::pair<at::Tensor, at::Tensor> factors(std::int64_t rank) const
    {
        const at::Tensor root = s.slice(0, 0, rank).sqrt();
        return {u.slice(1, 0, rank) * root.unsqueeze(0), root.unsqueeze(1) * vh.slice(0, 0, rank)};
    }
};

enum class Method { Svd, Tucker2, SpatialSvd };

const char* methodName(Method method)
{
    switch (method) {
    case Method::Svd: return "svd";
    case Method::Tucker2: return "tucker2";
    case Method::SpatialSvd: return "spatial-svd";
    }
    return "";
}

/// A layer that can be factored, with its spectra computed once.
struct Candidate {
    int node = -1;
    std::int64_t macsBefore = 0;
    // Sizes: out, in channels/features, kernel, input and output positions per sample.
    std::int64_t out = 0, in = 0, kh = 1, kw = 1;
    std::int64_t inH = 1, inW = 1, outH = 1, outW = 1, positions = 1;
    std::optional<Spectrum> matrix;        ///< Linear / 1×1 conv: W as out × in
    std::optional<Spectrum> modeOut, modeIn; ///< Tucker-2: the unfoldings along the output and input channels
    std::optional<Spectrum> spatial;       ///< spatial SVD: W as (in·kh) × (out·kw)
};

/// A choice for one layer at one energy.
struct Choice {
    Method method = Method::Svd;
    std::vector<std::int64_t> ranks;
    double kept = 1;
    std::int64_t macsAfter = 0;
};

Choice choose(const Candidate& c, double energy, ConvFactorization preference)
{
    if (c.matrix) {
        const std::int64_t r = c.matrix->rankFor(energy);
        return {Method::Svd, {r}, c.matrix->keptShare(r), r * (c.in + c.out) * c.positions};
    }
    const std::int64_t rIn = c.modeIn->rankFor(energy);
    const std::int64_t rOut = c.modeOut->rankFor(energy);
    Choice tucker{Method::Tucker2,
                  {rIn, rOut},
                  std::min(c.modeIn->keptShare(rIn), c.modeOut->keptShare(rOut)),
                  rIn * c.in * c.inH * c.inW + (rOut * rIn * c.kh * c.kw + c.out * rOut) * c.outH * c.outW};
    const std::int64_t r = c.spatial->rankFor(energy);
    Choice spatial{Method::SpatialSvd, {r}, c.spatial->keptShare(r),
                   r * c.in * c.kh * c.outH * c.inW + c.out * r * c.kw * c.outH * c.outW};
    if (preference == ConvFactorization::Tucker2)
        return tucker;
    if (preference == ConvFactorization::SpatialSvd)
        return spatial;
    return spatial.macsAfter < tucker.macsAfter ? spatial : tucker;
}

/// Two values of `name` ("stride"), or nothing when the attribute has another form.
std::optional<std::vector<std::int64_t>> pairAttribute(const Node& node, const std::string& name, std::int64_t fallback)
{
    std::vector<std::int64_t> values = node.attrs.getInts(name, {fallback, fallback});
    if (values.size() == 1)
        values.push_back(values.front());
    if (values.size() != 2)
        return std::nullopt;
    return values;
}

/// Why `node` cannot be factored, or "" when it can.
std::string refusal(const Node& node)
{
    if (node.tensor(prune::kWeightMaskName).defined())
        return "masked (a factorization would not keep its zeros)";
    if (graph::hasWeightQuantization(node))
        return "quantized (decompose before quantizing)";
    if (node.op == OpKind::Conv2d) {
        if (node.attrs.getInt("groups", 1) != 1)
            return "grouped convolution";
        for (const char* name : {"stride", "padding", "dilation"}) {
            if (!pairAttribute(node, name, name == std::string("padding") ? 0 : 1))
                return std::string("its ") + name + " is not one value per axis";
        }
    }
    return {};
}

at::Tensor parameterLike(const at::Tensor& original, const at::Tensor& value)
{
    at::Tensor result = value.to(at::kFloat).contiguous();
    if (original.requires_grad())
        result.requires_grad_(true);
    return result;
}

Node makeNode(const Node& original, const std::string& name, OpKind op, ValueId input, ValueId output, at::Tensor weight,
              const at::Tensor& bias = {})
{
    Node node;
    node.name = name;
    node.op = op;
    node.inputs = {input};
    node.outputs = {output};
    const at::Tensor source = original.tensor("weight");
    node.params.push_back({"weight", parameterLike(source, weight)});
    if (bias.defined())
        node.params.push_back({"bias", parameterLike(bias, bias.detach().clone())}); // never the source's storage
    return node;
}

void setConvAttributes(Node& node, std::vector<std::int64_t> stride, std::vector<std::int64_t> padding,
                       std::vector<std::int64_t> dilation)
{
    node.attrs.set("stride", std::move(stride));
    node.attrs.set("padding", std::move(padding));
    node.attrs.set("dilation", std::move(dilation));
    node.attrs.set("groups", std::int64_t{1});
}

/// Appends the factors of `original` (which reads `input` and writes `output`) to `result`.
void appendFactors(Graph& result, const Node& original, const Candidate& c, const Choice& choice, ValueId input, ValueId output)
{
    const at::Tensor bias = original.tensor("bias");
    const auto middle = [&](const std::string& suffix) { return result.addValue(original.name + "." + suffix); };
    const auto name = [&](const std::string& suffix) { return result.uniqueNodeName(original.name + "." + suffix); };
    if (choice.method == Method::Svd) {
        const auto [left, right] = c.matrix->factors(choice.ranks.front()); // [out, r], [r, in]
        const ValueId mid = middle("reduced");
        if (original.op == OpKind::Linear) {
            result.addNode(makeNode(original, name("reduce"), OpKind::Linear, input, mid, right));
            result.addNode(makeNode(original, name("restore"), OpKind::Linear, mid, output, left, bias));
            return;
        }
        Node reduce = makeNode(original, name("reduce"), OpKind::Conv2d, input, mid, right.unsqueeze(-1).unsqueeze(-1));
        setConvAttributes(reduce, *pairAttribute(original, "stride", 1), *pairAttribute(original, "padding", 0),
                          *pairAttribute(original, "dilation", 1));
        result.addNode(std::move(reduce));
        Node restore = makeNode(original, name("restore"), OpKind::Conv2d, mid, output, left.unsqueeze(-1).unsqueeze(-1), bias);
        setConvAttributes(restore, {1, 1}, {0, 0}, {1, 1});
        result.addNode(std::move(restore));
        return;
    }
    const auto stride = *pairAttribute(original, "stride", 1);
    const auto padding = *pairAttribute(original, "padding", 0);
    const auto dilation = *pairAttribute(original, "dilation", 1);
    const at::Tensor weight = original.tensor("weight").detach().to(at::kDouble);
    if (choice.method == Method::Tucker2) {
        const std::int64_t rIn = choice.ranks[0];
        const std::int64_t rOut = choice.ranks[1];
        const at::Tensor uIn = c.modeIn->u.slice(1, 0, rIn);    // [in, rIn]
        const at::Tensor uOut = c.modeOut->u.slice(1, 0, rOut); // [out, rOut]
        const at::Tensor core = at::einsum("oikl,or,is->rskl", {weight, uOut, uIn});
        const ValueId reduced = middle("reduced");
        const ValueId cored = middle("core");
        Node reduce = makeNode(original, name("reduce"), OpKind::Conv2d, input, reduced, uIn.t().unsqueeze(-1).unsqueeze(-1));
        setConvAttributes(reduce, {1, 1}, {0, 0}, {1, 1});
        result.addNode(std::move(reduce));
        Node coreNode = makeNode(original, name("core"), OpKind::Conv2d, reduced, cored, core);
        setConvAttributes(coreNode, stride, padding, dilation);
        result.addNode(std::move(coreNode));
        Node restore = makeNode(original, name("restore"), OpKind::Conv2d, cored, output, uOut.unsqueeze(-1).unsqueeze(-1), bias);
        setConvAttributes(restore, {1, 1}, {0, 0}, {1, 1});
        result.addNode(std::move(restore));
        return;
    }
    const std::int64_t r = choice.ranks.front();
    const auto [left, right] = c.spatial->factors(r); // [in·kh, r], [r, out·kw]
    const at::Tensor vertical = left.t().reshape({r, c.in, c.kh, 1});
    const at::Tensor horizontal = right.reshape({r, c.out, c.kw}).permute({1, 0, 2}).reshape({c.out, r, 1, c.kw});
    const ValueId mid = middle("vertical");
    Node first = makeNode(original, name("vertical"), OpKind::Conv2d, input, mid, vertical);
    setConvAttributes(first, {stride[0], 1}, {padding[0], 0}, {dilation[0], 1});
    result.addNode(std::move(first));
    Node second = makeNode(original, name("horizontal"), OpKind::Conv2d, mid, output, horizontal, bias);
    setConvAttributes(second, {1, stride[1]}, {0, padding[1]}, {1, dilation[1]});
    result.addNode(std::move(second));
}

std::optional<Candidate> candidateFor(const Graph& graph, int index, std::int64_t macs)
{
    const Node& node = graph.nodes()[static_cast<std::size_t>(index)];
    const at::Tensor weight = node.tensor("weight").detach().to(at::kDouble);
    Candidate c;
    c.node = index;
    c.macsBefore = macs;
    if (node.op == OpKind::Linear) {
        c.out = weight.size(0);
        c.in = weight.size(1);
        c.positions = c.out > 0 ? macs / (c.out * c.in) : 0;
        c.matrix.emplace(weight);
        return c;
    }
    const graph::Shape& inShape = graph.value(node.inputs.front()).shape;
    const graph::Shape& outShape = graph.value(node.outputs.front()).shape;
    c.out = weight.size(0);
    c.in = weight.size(1);
    c.kh = weight.size(2);
    c.kw = weight.size(3);
    c.inH = inShape[1];
    c.inW = inShape[2];
    c.outH = outShape[1];
    c.outW = outShape[2];
    c.positions = c.outH * c.outW;
    if (c.kh == 1 && c.kw == 1) {
        c.matrix.emplace(weight.view({c.out, c.in}));
        return c;
    }
    c.modeOut.emplace(weight.reshape({c.out, -1}));
    c.modeIn.emplace(weight.permute({1, 0, 2, 3}).reshape({c.in, -1}));
    c.spatial.emplace(weight.permute({1, 2, 0, 3}).reshape({c.in * c.kh, c.out * c.kw}));
    return c;
}

} // namespace

Graph decomposeLowRank(const Graph& graph, const LowRankSettings& settings, LowRankReport* reportOut)
{
    if (!(settings.energy > 0 && settings.energy <= 1))
        throwOutOfRange("energy", settings.energy, "in (0, 1]");
    if (!(settings.targetMacs >= 0 && settings.targetMacs < 1))
        throwOutOfRange("target MACs", settings.targetMacs, "in [0, 1) (0: off)");
    graph.validate();
    const std::set<std::string> protectedNodes(settings.protectedNodes.begin(), settings.protectedNodes.end());
    for (const std::string& name : protectedNodes) {
        if (!graph.findNode(name))
            throw Error(ErrorCode::InvalidArgument, "no layer named '" + name + "' to protect", {name, "no such layer"});
    }

    const analysis::CostReport cost = analysis::analyzeCost(graph);
    std::map<std::string, std::int64_t> macsOf;
    for (const analysis::NodeCost& node : cost.nodes)
        macsOf[node.name] = node.macs;

    LowRankReport report;
    report.macsBefore = cost.macs;
    report.paramsBefore = cost.params;
    std::vector<Candidate> candidates;
    std::vector<std::size_t> rowOf; // candidate → report row
    at::NoGradGuard noGrad;
    for (std::size_t i = 0; i < graph.nodes().size(); ++i) {
        const Node& node = graph.nodes()[i];
        if (node.op != OpKind::Conv2d && node.op != OpKind::Linear)
            continue;
        LayerFactorization row;
        row.name = node.name;
        row.macsBefore = macsOf[node.name];
        row.macsAfter = row.macsBefore;
        row.reason = protectedNodes.count(node.name) ? std::string("protected") : refusal(node);
        if (row.reason.empty()) {
            candidates.push_back(*candidateFor(graph, static_cast<int>(i), row.macsBefore));
            rowOf.push_back(report.layers.size());
        }
        report.layers.push_back(std::move(row));
    }

    // The MACs the whole model has at `energy`: only layers a factorization makes cheaper change.
    const auto macsAt = [&](double energy) {
        std::int64_t total = cost.macs;
        for (const Candidate& c : candidates) {
            const Choice choice = choose(c, energy, settings.conv);
            if (choice.macsAfter < c.macsBefore || !settings.requireFewerMacs)
                total -= c.macsBefore - choice.macsAfter;
        }
        return total;
    };
    double energy = settings.energy;
    if (settings.targetMacs > 0) {
        const auto target = static_cast<std::int64_t>(std::floor(settings.targetMacs * static_cast<double>(cost.macs)));
        if (macsAt(1e-12) > target)
            throw Error(ErrorCode::InvalidArgument,
                        "target MACs: low-rank factorization reaches " + std::to_string(macsAt(1e-12)) + " MACs at the "
                            + "least, above " + std::to_string(target) + " (" + std::to_string(settings.targetMacs)
                            + " of " + std::to_string(cost.macs) + "); prune channels too, or aim higher",
                        {"target MACs", "out of reach"});
        double low = 1e-12;  // meets the target
        double high = 1.0;
        if (macsAt(high) <= target) {
            low = high;
        } else {
            for (int step = 0; step < kBisectionSteps; ++step) {
                const double mid = (low + high) / 2;
                (macsAt(mid) <= target ? low : high) = mid;
            }
        }
        energy = low;
    }
    report.energy = energy;

    std::vector<std::optional<Choice>> chosen(graph.nodes().size());
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        const Candidate& c = candidates[k];
        const Choice choice = choose(c, energy, settings.conv);
        LayerFactorization& row = report.layers[rowOf[k]];
        row.fullRanks = c.matrix ? std::vector<std::int64_t>{c.matrix->full()}
                        : choice.method == Method::Tucker2 ? std::vector<std::int64_t>{c.modeIn->full(), c.modeOut->full()}
                                                           : std::vector<std::int64_t>{c.spatial->full()};
        if (settings.requireFewerMacs && choice.macsAfter >= c.macsBefore) {
            row.reason = "no cheaper factored (" + std::to_string(choice.macsAfter) + " MACs against "
                         + std::to_string(c.macsBefore) + " at energy " + std::to_string(energy) + ")";
            continue;
        }
        row.method = methodName(choice.method);
        row.ranks = choice.ranks;
        row.keptEnergy = choice.kept;
        row.macsAfter = choice.macsAfter;
        chosen[static_cast<std::size_t>(c.node)] = choice;
    }

    // The same values (ids kept), the factored layers' nodes in place of theirs.
    Graph result;
    for (const graph::Value& value : graph.values())
        result.addValue(value.name, value.shape, value.dtype);
    for (const ValueId id : graph.inputs())
        result.markInput(id);
    std::map<int, const Candidate*> candidateOf;
    for (const Candidate& c : candidates)
        candidateOf[c.node] = &c;
    for (std::size_t i = 0; i < graph.nodes().size(); ++i) {
        const Node& node = graph.nodes()[i];
        if (!chosen[i]) {
            Node copy = node;
            for (std::vector<graph::NamedTensor>* list : {&copy.params, &copy.buffers}) {
                for (graph::NamedTensor& named : *list) {
                    if (!named.tensor.defined())
                        continue;
                    const bool grad = named.tensor.requires_grad();
                    named.tensor = named.tensor.detach().clone();
                    if (grad)
                        named.tensor.requires_grad_(true);
                }
            }
            result.addNode(std::move(copy));
            continue;
        }
        appendFactors(result, node, *candidateOf[static_cast<int>(i)], *chosen[i], node.inputs.front(), node.outputs.front());
    }
    for (const ValueId id : graph.outputs())
        result.markOutput(id);
    result.metadata() = graph.metadata();
    result.inferShapes();
    result.validate();

    const analysis::CostReport after = analysis::analyzeCost(result);
    report.macsAfter = after.macs;
    report.paramsAfter = after.params;
    if (reportOut)
        *reportOut = std::move(report);
    return result;
}

} // namespace slim::engine::passes
