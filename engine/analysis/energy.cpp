#include "analysis/energy.h"

#include "analysis/cost.h"
#include "core/error.h"
#include "graph/graph.h"

namespace slim::engine::analysis {

namespace {

constexpr int kMinBits = 2;
constexpr int kMaxBits = 32;

void checkBits(const std::string& setting, int bits)
{
    if (bits < kMinBits || bits > kMaxBits)
        throwOutOfRange(setting, bits, "2..32 bits");
}

double between(double low, double high, int bits, int lowBits, int highBits)
{
    return low + (high - low) * static_cast<double>(bits - lowBits) / static_cast<double>(highBits - lowBits);
}

} // namespace

double macEnergyPj(int bits, const EnergySettings& settings)
{
    checkBits("bits", bits);
    if (bits >= 16)
        return between(settings.macPj16, settings.macPj32, bits, 16, 32);
    if (bits >= 8)
        return between(settings.macPj8, settings.macPj16, bits, 8, 16);
    const double scale = static_cast<double>(bits) / 8.0;
    return settings.macPj8 * scale * scale;
}

EnergyReport estimateEnergy(const graph::Graph& graph, const EnergySettings& settings, const CostReport* given)
{
    const std::pair<const char*, double> figures[] = {{"macPj32", settings.macPj32},
                                                      {"macPj16", settings.macPj16},
                                                      {"macPj8", settings.macPj8},
                                                      {"dramPjPer32Bits", settings.dramPjPer32Bits},
                                                      {"sramPjPer32Bits", settings.sramPjPer32Bits}};
    for (const auto& [name, value] : figures) {
        if (!(value >= 0))
            throwOutOfRange(name, value, "0 pJ or more");
    }
    checkBits("bits", settings.bits);
    for (const auto& [layer, bits] : settings.layerBits) {
        if (!graph.findNode(layer))
            throw Error(ErrorCode::InvalidArgument, "no layer named '" + layer + "' to set the bit-width of",
                        {layer, "no such layer"});
        checkBits(layer, bits);
    }

    const CostReport cost = given ? *given : analyzeCost(graph);
    EnergyReport report;
    report.layers.reserve(cost.nodes.size());
    for (const NodeCost& nodeCost : cost.nodes) {
        const graph::Node* node = graph.findNode(nodeCost.name);
        std::int64_t elements = 0;
        for (const graph::ValueId input : node->inputs)
            elements += graph::shapeNumel(graph.value(input).shape);
        for (const graph::ValueId output : node->outputs)
            elements += graph::shapeNumel(graph.value(output).shape);
        LayerEnergy layer;
        layer.name = nodeCost.name;
        const auto own = settings.layerBits.find(nodeCost.name);
        layer.bits = own != settings.layerBits.end() ? own->second : settings.bits;
        const double words = static_cast<double>(layer.bits) / 32.0;
        layer.computePj = static_cast<double>(nodeCost.macs) * macEnergyPj(layer.bits, settings);
        layer.weightPj = static_cast<double>(nodeCost.params) * words * settings.dramPjPer32Bits;
        layer.activationPj = static_cast<double>(elements) * words * settings.sramPjPer32Bits;
        report.computePj += layer.computePj;
        report.weightPj += layer.weightPj;
        report.activationPj += layer.activationPj;
        report.layers.push_back(std::move(layer));
    }
    return report;
}

} // namespace slim::engine::analysis
