// slimbench-cli info: a model's layers with their cost, as a table or as JSON.
#include "cli/cli.h"
#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iomanip>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <sstream>

namespace slim::app::cli {

namespace {

/// "W8A8 per-channel" for a quantized model (quant::prepareQuantization() records it), else "none".
std::string quantization(const engine::Model& model)
{
    const std::map<std::string, std::string> metadata = model.metadata();
    const auto found = metadata.find("quantization");
    return found == metadata.end() ? std::string("none") : found->second;
}

struct InfoOptions {
    ModelReference model;
    bool json = false;
    int bits = 32;  ///< the bit-width the energy estimate assumes
};

/// Picojoules as microjoules, for people.
std::string microjoules(double picojoules)
{
    std::ostringstream text;
    text << std::fixed << std::setprecision(2) << picojoules / 1e6 << " uJ";
    return text.str();
}

int runInfo(const InfoOptions& options, const Context& context)
{
    const engine::Model model = openModel(options.model);
    engine::analysis::EnergySettings energy;
    energy.bits = options.bits;
    const engine::CostSummary cost = model.cost(energy);
    const engine::Preprocessing preprocessing = model.preprocessing();
    auto share = [&cost](std::int64_t macs) {
        return cost.macs == 0 ? 0.0 : 100.0 * static_cast<double>(macs) / static_cast<double>(cost.macs);
    };
    std::ostream& out = context.out;

    if (options.json) {
        std::map<std::string, std::vector<double>> perChannel; // masked models: each output channel's sparsity
        if (cost.pruning == "masked") {
            for (engine::prune::LayerSparsity& layer : model.sparsity())
                perChannel[layer.node] = std::move(layer.perOutputChannel);
        }
        // Per output channel: the filters' L1 norm and BatchNorm's |γ| (network slimming's histogram).
        std::map<std::string, engine::prune::LayerChannelStatistics> statistics;
        for (engine::prune::LayerChannelStatistics& layer : model.channelStatistics())
            statistics[layer.node] = std::move(layer);
        nlohmann::json layers = nlohmann::json::array();
        for (const engine::LayerCost& layer : cost.layers) {
            const auto channels = perChannel.find(layer.name);
            layers.push_back({{"name", layer.name},
                              {"op", layer.op},
                              {"output_shape", layer.outputShape},
                              {"params", layer.params},
                              {"macs", layer.macs},
                              {"activation_bytes", layer.activationBytes},
                              {"macs_share", share(layer.macs) / 100.0},
                              {"sparsity", layer.sparsity},
                              {"nonzero_params", layer.nonzeroParams},
                              {"nonzero_macs", layer.nonzeroMacs},
                              {"energy_pj", layer.energyPj}});
            if (channels != perChannel.end())
                layers.back()["sparsity_per_channel"] = channels->second;
            const auto found = statistics.find(layer.name);
            if (found != statistics.end() && !found->second.l1Norm.empty())
                layers.back()["l1_norm_per_channel"] = found->second.l1Norm;
            if (found != statistics.end() && !found->second.batchNormScale.empty())
                layers.back()["bn_gamma"] = found->second.batchNormScale;
        }
        const nlohmann::json report = {
            {"model", model.name()},
            {"pruning", cost.pruning},
            {"quantization", quantization(model)},
            {"input", model.inputShape()},
            {"output", model.outputShape()},
            {"preprocessing",
             {{"pixel_scale", preprocessing.pixelScale},
              {"mean", preprocessing.mean},
              {"std", preprocessing.std},
              {"channel_order", preprocessing.channelOrder.empty() ? nlohmann::json() : nlohmann::json(preprocessing.channelOrder)}}},
            {"layers", layers},
            {"metadata", model.metadata()},
            {"total",
             {{"params", cost.params},
              {"macs", cost.macs},
              {"flops", 2 * cost.macs},
              {"activation_bytes", cost.activationBytes},
              {"peak_activation_bytes", cost.peakActivationBytes},
              {"nonzero_params", cost.nonzeroParams},
              {"nonzero_macs", cost.nonzeroMacs},
              {"energy_pj", cost.energyPj},
              {"energy_bits", options.bits},
              {"energy_breakdown_pj",
               {{"compute", cost.computeEnergyPj}, {"weights", cost.weightEnergyPj}, {"activations", cost.activationEnergyPj}}}}}};
        out << report.dump(2) << '\n';
        return kExitOk;
    }

    std::size_t nameWidth = 4;
    for (const engine::LayerCost& layer : cost.layers)
        nameWidth = std::max(nameWidth, layer.name.size());
    out << "model " << model.name() << ", input " << shapeText(model.inputShape()) << ", output "
        << shapeText(model.outputShape()) << '\n';
    out << "preprocessing: " << engine::describePreprocessing(preprocessing) << '\n';
    // Masks win over structural removal (the non-zero counts are what differs); say both.
    const std::map<std::string, std::string> metadata = model.metadata();
    const auto history = metadata.find("pruning");
    const bool afterStructural = cost.pruning == "masked" && history != metadata.end() && history->second == "structural";
    out << "pruning: " << cost.pruning << (afterStructural ? " (after structural removal)" : "") << '\n';
    out << "quantization: " << quantization(model) << "\n\n";
    const bool masked = cost.pruning == "masked";
    std::set<std::string> weighted; // the layers a sparsity belongs to
    if (masked) {
        for (const engine::prune::LayerSparsity& layer : model.sparsity())
            weighted.insert(layer.node);
    }
    out << std::left << std::setw(static_cast<int>(nameWidth) + 2) << "name" << std::setw(19) << "op" << std::setw(14)
        << "output" << std::right << std::setw(13) << "params" << std::setw(17) << "MACs" << std::setw(9) << "share";
    if (masked)
        out << std::setw(10) << "sparsity";
    out << '\n';
    for (const engine::LayerCost& layer : cost.layers) {
        out << std::left << std::setw(static_cast<int>(nameWidth) + 2) << layer.name << std::setw(19) << layer.op
            << std::setw(14) << shapeText(layer.outputShape) << std::right << std::setw(13) << withThousands(layer.params)
            << std::setw(17) << withThousands(layer.macs) << std::setw(9) << percentText(share(layer.macs), 2);
        if (masked)
            out << std::setw(10) << (weighted.count(layer.name) ? percentText(100.0 * layer.sparsity, 2) : std::string("-"));
        out << '\n';
    }
    out << "\ntotal: " << withThousands(cost.params) << " params, " << withThousands(cost.macs) << " MACs ("
        << withThousands(2 * cost.macs) << " FLOPs), " << cost.layers.size() << " layers, activations "
        << withThousands(cost.activationBytes) << " bytes per sample (peak " << withThousands(cost.peakActivationBytes)
        << ")\n";
    out << "energy estimate at " << options.bits << " bits: " << microjoules(cost.energyPj) << " per sample (arithmetic "
        << microjoules(cost.computeEnergyPj) << ", weights from DRAM " << microjoules(cost.weightEnergyPj)
        << ", activations in SRAM " << microjoules(cost.activationEnergyPj) << ")\n";
    if (masked)
        out << "non-zero: " << withThousands(cost.nonzeroParams) << " params, " << withThousands(cost.nonzeroMacs)
            << " MACs (" << withThousands(2 * cost.nonzeroMacs) << " FLOPs)\n";
    return kExitOk;
}

} // namespace

Command addInfoCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "info", "The input contract, how the model was pruned, and per layer: name, op, output shape, params, MACs, "
                "share of MACs (and weight sparsity when masked); totals, non-zero ones too when masked.");
    auto options = std::make_shared<InfoOptions>();
    addModelOptions(*command, options->model, InputOption::AliasOfShape);
    command->add_flag("--json", options->json,
                      "the same as JSON: {\"pruning\": \"none|masked|structural\", \"quantization\": \"none|W8A8 ...\", \"preprocessing\": {...}, "
                      "\"layers\": [...] (with each output channel's filter L1 norm, and BatchNorm |gamma|), "
                      "\"metadata\": {...}, \"total\": {...}}; energy_pj per layer and in total");
    command->add_option("--bits", options->bits,
                        "the bit-width the energy estimate assumes for weights, activations and arithmetic (default 32; "
                        "45 nm figures of Horowitz, ISSCC 2014)")
        ->check(CLI::Range(2, 32))
        ->type_name("N");
    return {command, [options](const Context& context) { return runInfo(*options, context); }};
}

} // namespace slim::app::cli
