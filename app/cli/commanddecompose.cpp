// slimbench-cli decompose: low-rank factorization of the convolutions and Linear layers by
// kept singular-value energy or a MACs target.
#include "cli/cli.h"
#include "cli/commands.h"

#include "graph/graph.h"
#include "passes/lowrank.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iomanip>
#include <map>
#include <memory>
#include <optional>
#include <ostream>

namespace slim::app::cli {

namespace {

struct DecomposeOptions {
    ModelReference model;
    std::optional<double> energy;
    std::optional<double> targetMacs;
    std::string method = "auto";
    std::vector<std::string> protect;
    bool all = false;  ///< factor every layer, even where that costs more
    std::string output;
    bool json = false;
};

engine::passes::ConvFactorization factorization(const std::string& method)
{
    static const std::map<std::string, engine::passes::ConvFactorization> methods{
        {"auto", engine::passes::ConvFactorization::Auto},
        {"tucker2", engine::passes::ConvFactorization::Tucker2},
        {"spatial", engine::passes::ConvFactorization::SpatialSvd}};
    return methods.at(method);
}

std::string ranksText(const std::vector<std::int64_t>& ranks)
{
    std::string text;
    for (const std::int64_t rank : ranks)
        text += (text.empty() ? "" : ",") + std::to_string(rank);
    return text;
}

int runDecompose(const DecomposeOptions& options, const Context& context)
{
    if (options.energy && options.targetMacs)
        throw UsageError("give --energy or --target-macs, not both");
    const engine::Model model = openModel(options.model);
    engine::passes::LowRankSettings settings;
    settings.energy = options.energy.value_or(settings.energy);
    settings.targetMacs = options.targetMacs.value_or(0);
    settings.conv = factorization(options.method);
    settings.protectedNodes = options.protect;
    settings.requireFewerMacs = !options.all;
    engine::passes::LowRankReport report;
    const auto start = std::chrono::steady_clock::now();
    auto graph = std::make_shared<engine::graph::Graph>(engine::passes::decomposeLowRank(model.graph(), settings, &report));
    const double elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const engine::Model result(std::move(graph));
    result.save(options.output);

    std::ostream& out = context.out;
    if (options.json) {
        nlohmann::json layers = nlohmann::json::array();
        nlohmann::json skipped = nlohmann::json::array();
        for (const engine::passes::LayerFactorization& layer : report.layers) {
            if (layer.method.empty()) {
                skipped.push_back({{"name", layer.name}, {"reason", layer.reason}});
                continue;
            }
            layers.push_back({{"name", layer.name},           {"method", layer.method},
                              {"ranks", layer.ranks},         {"full_ranks", layer.fullRanks},
                              {"kept_energy", layer.keptEnergy}, {"macs_before", layer.macsBefore},
                              {"macs_after", layer.macsAfter}});
        }
        out << nlohmann::json{{"energy", report.energy},
                              {"before", {{"params", report.paramsBefore}, {"macs", report.macsBefore}}},
                              {"after", {{"params", report.paramsAfter}, {"macs", report.macsAfter}}},
                              {"layers", layers},
                              {"skipped", skipped},
                              {"elapsed_ms", elapsedMs}}
                   .dump(2)
            << '\n';
        return kExitOk;
    }
    out << std::left << std::setw(28) << "layer" << std::setw(13) << "method" << std::setw(12) << "ranks" << std::setw(12)
        << "of" << std::right << std::setw(9) << "energy" << std::setw(15) << "MACs before" << std::setw(15) << "after" << '\n';
    for (const engine::passes::LayerFactorization& layer : report.layers) {
        out << std::left << std::setw(28) << layer.name;
        if (layer.method.empty()) {
            out << "left whole: " << layer.reason << '\n';
            continue;
        }
        out << std::setw(13) << layer.method << std::setw(12) << ranksText(layer.ranks) << std::setw(12)
            << ranksText(layer.fullRanks) << std::right << std::setw(9) << percentText(100 * layer.keptEnergy, 1)
            << std::setw(15) << withThousands(layer.macsBefore) << std::setw(15) << withThousands(layer.macsAfter) << '\n';
    }
    out << "\nenergy kept per factorization: " << percentText(100 * report.energy, 2) << '\n'
        << "before: " << withThousands(report.paramsBefore) << " params, " << withThousands(report.macsBefore) << " MACs\n"
        << "after:  " << withThousands(report.paramsAfter) << " params, " << withThousands(report.macsAfter) << " MACs ("
        << percentText(100.0 * static_cast<double>(report.macsAfter) / static_cast<double>(std::max<std::int64_t>(1, report.macsBefore)), 1)
        << ")\nwrote " << options.output << '\n';
    return kExitOk;
}

} // namespace

Command addDecomposeCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "decompose", "Low-rank factorization: Linear and 1x1 convs by SVD, k x k convs by Tucker-2 or spatial SVD, "
                     "each kept to a share of its singular-value energy.");
    command->footer("A layer is factored only where that lowers its MACs (--all: every layer). At --energy 1 the "
                    "result computes what the model does. Fine-tune the result to recover accuracy.");
    auto options = std::make_shared<DecomposeOptions>();
    addModelOptions(*command, options->model, InputOption::AliasOfShape);
    command->add_option("--energy", options->energy, "share of each layer's singular-value energy to keep (default 0.9)")
        ->check(CLI::Range(1e-9, 1.0))
        ->type_name("E");
    command->add_option("--target-macs", options->targetMacs,
                        "instead: the largest energy that brings the MACs to this fraction of the model's")
        ->check(CLI::Range(1e-9, 0.999999))
        ->type_name("F");
    command->add_option("--method", options->method, "for k x k convs: auto (cheaper of the two, default), tucker2, spatial")
        ->check(CLI::IsMember({"auto", "tucker2", "spatial"}))
        ->type_name("METHOD");
    command->add_option("--protect", options->protect, "leave this layer whole (repeatable)")->type_name("NAME");
    command->add_flag("--all", options->all, "factor every layer that can be, even where the factors cost more MACs");
    command->add_option("-o,--output", options->output, "the .slim file to write")->required()->type_name("OUT.slim");
    command->add_flag("--json", options->json,
                      "the result as JSON: {\"energy\", \"before\", \"after\", \"layers\": [{\"name\", \"method\", "
                      "\"ranks\", ...}], \"skipped\": [{\"name\", \"reason\"}], \"elapsed_ms\"}");
    return {command, [options](const Context& context) { return runDecompose(*options, context); }};
}

} // namespace slim::app::cli
