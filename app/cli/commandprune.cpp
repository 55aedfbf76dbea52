// slimbench-cli prune: structural pruning by a criterion and a ratio or budget, with an
// optional data set for the Taylor criterion, accuracy before and after, and BatchNorm
// recalibration.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/jobconsole.h"

#include "core/error.h"
#include "jobs/prunejob.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <iomanip>
#include <memory>
#include <regex>
#include <optional>
#include <ostream>

namespace slim::app::cli {

namespace {

constexpr std::int64_t kMaxBatches = 1 << 20;
constexpr std::int64_t kMaxBatch = 1 << 16;  // as recipes allow (engine/jobs/recipe.cpp)

struct PruneOptions {
    ModelReference model;
    std::string method;
    std::optional<double> ratio;
    std::optional<double> targetMacs;
    std::optional<double> targetParams;
    std::string scope = "layer";
    int roundTo = 1;
    std::vector<std::string> protect;
    std::vector<std::string> overrides;
    std::string dataset;
    std::int64_t recalibrate = 0;
    std::int64_t taylorBatches = 8;
    std::int64_t batch = 64;
    std::int64_t seed = 0;
    std::string output;
    bool json = false;
};

engine::PruneRequest requestFor(const PruneOptions& options)
{
    const int targets = int(options.ratio.has_value()) + int(options.targetMacs.has_value()) + int(options.targetParams.has_value());
    if (targets != 1)
        throw UsageError("give exactly one of --ratio, --target-macs and --target-params");
    if (options.method == "magnitude" && !options.ratio)
        throw UsageError("--method magnitude masks a share of the weights: give --ratio");
    if (options.scope == "global" && !options.ratio)
        throw UsageError("--scope applies to --ratio; a MACs or params target always ranks globally");
    if (options.method == "taylor" && options.dataset.empty())
        throw UsageError("--method taylor scores channels on data: give --dataset");
    if (options.recalibrate > 0 && options.dataset.empty())
        throw UsageError("--recalibrate runs on data: give --dataset");
    engine::PruneRequest request;
    request.method = options.method;
    if (options.ratio) {
        request.target = engine::PruneTarget::Ratio;
        request.amount = *options.ratio;
    } else if (options.targetMacs) {
        request.target = engine::PruneTarget::Macs;
        request.amount = *options.targetMacs;
    } else {
        request.target = engine::PruneTarget::Params;
        request.amount = *options.targetParams;
    }
    request.global = options.scope == "global";
    request.roundTo = options.roundTo;
    request.protectedNodes = options.protect;
    static const std::regex decimal(R"([0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?)");
    for (const std::string& item : options.overrides) {
        const std::size_t equals = item.rfind('=');
        const std::string ratio = equals == std::string::npos ? std::string() : item.substr(equals + 1);
        if (equals == std::string::npos || equals == 0 || !std::regex_match(ratio, decimal))
            throw UsageError("--override takes GROUP=RATIO, got '" + item + "'");
        const double value = std::stod(ratio);
        if (!(value >= 0 && value < 1))
            throw UsageError("--override " + item + ": the ratio must be in [0, 1)");
        if (!request.overrides.emplace(item.substr(0, equals), value).second)
            throw UsageError("--override names group '" + item.substr(0, equals) + "' twice");
    }
    request.dataset = options.dataset;
    request.recalibrateBatches = options.recalibrate;
    request.taylorBatches = options.taylorBatches;
    request.batchSize = options.batch;
    request.seed = static_cast<std::uint64_t>(options.seed);
    return request;
}

std::string percentOf(std::int64_t part, std::int64_t whole)
{
    return percentText(whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole), 1);
}

nlohmann::json jsonReport(const engine::PruneResult& result, const engine::PruneRequest& request, const std::string& output)
{
    nlohmann::json groups = nlohmann::json::array();
    for (const engine::PrunedGroup& group : result.groups)
        groups.push_back({{"name", group.name}, {"channels", group.channels}, {"kept", group.kept}, {"members", group.members}});
    nlohmann::json skipped = nlohmann::json::array();
    for (const engine::SkippedPruneGroup& skip : result.skipped)
        skipped.push_back({{"group", skip.group}, {"reason", skip.reason}});
    nlohmann::json report = {
        {"method", request.method},
        {"pruning", result.model.pruningState()},
        {"before", {{"params", result.paramsBefore}, {"macs", result.macsBefore}}},
        {"after", {{"params", result.paramsAfter}, {"macs", result.macsAfter}}},
        {"groups", groups},
        {"skipped", skipped},
        {"elapsed_ms", {{"groups", result.groupsMs}, {"scores", result.scoresMs}, {"prune", result.pruneMs}}},
        {"output", output}};
    if (request.target != engine::PruneTarget::Ratio)
        report["budget_met"] = result.budgetMet;
    if (result.masked) {
        nlohmann::json layers = nlohmann::json::array();
        for (const engine::LayerSparsityReport& layer : result.layerSparsity)
            layers.push_back({{"name", layer.name}, {"sparsity", layer.sparsity}, {"sparsity_per_channel", layer.perOutputChannel}});
        report["layers"] = layers;
    }
    if (result.top1Before >= 0) {
        nlohmann::json top1 = {{"before", result.top1Before}, {"pruned", result.top1Pruned}};
        if (result.top1Recalibrated >= 0)
            top1["recalibrated"] = result.top1Recalibrated;
        report["top1"] = top1;
        report["evaluation_samples"] = result.evaluationSamples;
    }
    if (result.recalibrationBatches > 0)
        report["recalibration_batches"] = result.recalibrationBatches;
    return report;
}

void printText(std::ostream& out, const engine::PruneResult& result, const engine::PruneRequest& request,
               const std::string& output)
{
    std::size_t nameWidth = 5;
    for (const engine::PrunedGroup& group : result.groups)
        nameWidth = std::max(nameWidth, group.name.size());
    for (const engine::LayerSparsityReport& layer : result.layerSparsity)
        nameWidth = std::max(nameWidth, layer.name.size());
    const int width = static_cast<int>(nameWidth) + 2;
    if (result.masked) {
        out << std::left << std::setw(width) << "layer" << std::right << std::setw(10) << "sparsity" << '\n';
        for (const engine::LayerSparsityReport& layer : result.layerSparsity) {
            out << std::left << std::setw(width) << layer.name << std::right << std::setw(10)
                << percentText(100.0 * layer.sparsity, 1) << '\n';
        }
    } else {
        out << std::left << std::setw(width) << "group" << std::right << std::setw(10) << "channels" << std::setw(8)
            << "kept" << '\n';
        for (const engine::PrunedGroup& group : result.groups)
            out << std::left << std::setw(width) << group.name << std::right << std::setw(10) << group.channels
                << std::setw(8) << group.kept << '\n';
    }
    for (const engine::SkippedPruneGroup& skip : result.skipped)
        out << "left whole: " << skip.group << " (" << skip.reason << ")\n";
    if (result.masked)
        out << "\nmasked weights stay zero through training; the counts after are non-zero ones";
    out << "\nparams: " << withThousands(result.paramsBefore) << " -> " << withThousands(result.paramsAfter) << " ("
        << percentOf(result.paramsAfter, result.paramsBefore) << ")\n";
    out << "MACs:   " << withThousands(result.macsBefore) << " -> " << withThousands(result.macsAfter) << " ("
        << percentOf(result.macsAfter, result.macsBefore) << ")\n";
    if (request.target != engine::PruneTarget::Ratio && !result.budgetMet)
        out << "the target was not reached: every group is at its limit\n";
    if (result.top1Before >= 0) {
        out << std::fixed << std::setprecision(4) << "top-1:  " << result.top1Before << " before, " << result.top1Pruned
            << " pruned";
        if (result.top1Recalibrated >= 0)
            out << ", " << result.top1Recalibrated << " after recalibrating BatchNorm on " << result.recalibrationBatches
                << " batches";
        out << " (" << result.evaluationSamples << " test images)\n";
    }
    if (request.recalibrateBatches > 0 && result.recalibrationBatches == 0)
        out << "nothing to recalibrate: the model has no BatchNorm\n";
    out << std::fixed << std::setprecision(1) << "time:   groups " << result.groupsMs << " ms, scores " << result.scoresMs
        << " ms, prune " << result.pruneMs << " ms\n";
    out << "wrote " << output << '\n';
}

/// Refuses an output that would replace the model being pruned, or that cannot be written,
/// before any work.
void checkOutput(const PruneOptions& options)
{
    namespace fs = std::filesystem;
    std::error_code error;
    if (fs::exists(options.model.reference, error) && fs::exists(options.output, error)
        && fs::equivalent(options.model.reference, options.output, error))
        throw UsageError("-o " + options.output + " is the model being pruned; write the pruned model to another file");
    const fs::path folder = fs::absolute(fs::path(options.output), error).parent_path();
    if (!fs::is_directory(folder, error))
        throw engine::Error(engine::ErrorCode::FileWriteFailed,
                            "cannot write " + options.output + ": the folder " + folder.string() + " does not exist",
                            {options.output});
}

int runPrune(const PruneOptions& options, const Context& context)
{
    const engine::PruneRequest request = requestFor(options);
    checkOutput(options);
    const engine::Model model =
        options.dataset.empty() ? openModel(options.model) : openModelForDataset(options.model, options.dataset);
    engine::PruneResult result;
    {
        JobConsole console(context.err);
        result = engine::runPruneJob(model, request, console.context());
    }
    result.model.save(options.output);
    if (options.json)
        context.out << jsonReport(result, request, options.output).dump(2) << '\n';
    else
        printText(context.out, result, request, options.output);
    return kExitOk;
}

/// A fraction in [0, 1) (`closedTop` false) or (0, 1] (true), else the message CLI11 shows.
CLI::Validator fraction(bool closedTop)
{
    return CLI::Validator(
        [closedTop](std::string& text) -> std::string {
            double value = 0;
            try {
                std::size_t used = 0;
                value = std::stod(text, &used);
                if (used != text.size())
                    return "'" + text + "' is not a number";
            } catch (const std::exception&) {
                return "'" + text + "' is not a number";
            }
            const bool inside = closedTop ? (value > 0 && value <= 1) : (value >= 0 && value < 1);
            return inside ? std::string() : "'" + text + "' is outside " + (closedTop ? "(0, 1]" : "[0, 1)");
        },
        closedTop ? "(0, 1]" : "[0, 1)");
}

} // namespace

Command addPruneCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "prune", "Structural pruning: removes the least important channels of every prunable group and writes the "
                 "smaller model.");
    command->footer("Examples:\n"
                    "  slimbench-cli prune resnet56 --input 3x32x32 --method l1 --ratio 0.5 -o r56-half.slim\n"
                    "  slimbench-cli prune model.slim --method taylor --target-macs 0.5 --dataset DIR --recalibrate 20 -o out.slim\n"
                    "Ctrl-C cancels and writes nothing.");
    auto options = std::make_shared<PruneOptions>();
    addModelOptions(*command, options->model, InputOption::AliasOfShape);
    std::string methods;
    for (const std::string& name : engine::pruneMethods())
        methods += (methods.empty() ? "" : "|") + name;
    command->add_option("--method", options->method, "the importance criterion: " + methods)
        ->required()
        ->check(CLI::IsMember(engine::pruneMethods()))
        ->type_name("NAME");
    command->add_option("--ratio", options->ratio, "the fraction of channels to remove, in [0, 1)")
        ->check(fraction(false))
        ->type_name("R");
    command->add_option("--target-macs", options->targetMacs, "keep this fraction of the MACs, in (0, 1]")
        ->check(fraction(true))
        ->type_name("F");
    command->add_option("--target-params", options->targetParams, "keep this fraction of the parameters, in (0, 1]")
        ->check(fraction(true))
        ->type_name("F");
    command->add_option("--scope", options->scope, "with --ratio: each group loses the ratio (layer, default) or one ranking over all (global)")
        ->check(CLI::IsMember({"layer", "global"}))
        ->type_name("SCOPE");
    command->add_option("--round-to", options->roundTo, "kept widths are multiples of N (8 or 16 suit NPUs such as RK3588)")
        ->check(CLI::Range(1, static_cast<int>(kMaxShapeSize)))
        ->type_name("N");
    command->add_option("--protect", options->protect, "keep this layer's output channels (repeatable)")->type_name("NAME");
    command->add_option("--override", options->overrides, "this group loses RATIO of its channels, outside the ranking (repeatable)")
        ->type_name("GROUP=RATIO");
    command->add_option("--dataset", options->dataset, "a data set: top-1 before and after, and what taylor and --recalibrate run on")
        ->type_name("PATH");
    command->add_option("--recalibrate", options->recalibrate, "re-estimate BatchNorm statistics on N training batches (needs --dataset)")
        ->check(CLI::Range(std::int64_t{1}, kMaxBatches))
        ->type_name("N");
    command->add_option("--taylor-batches", options->taylorBatches, "batches the taylor criterion averages over (default 8)")
        ->check(CLI::Range(std::int64_t{1}, kMaxBatches))
        ->type_name("N");
    command->add_option("--batch", options->batch, "images per batch for taylor and --recalibrate (default 64)")
        ->check(CLI::Range(std::int64_t{1}, kMaxBatch))
        ->type_name("N");
    command->add_option("--seed", options->seed, "for random scores and the order of the batches (default 0)")
        ->check(CLI::Range(std::int64_t{0}, std::numeric_limits<std::int64_t>::max()))
        ->type_name("N");
    command->add_option("-o,--output", options->output, "the pruned model to write")->required()->type_name("OUT.slim");
    command->add_flag("--json", options->json,
                      "the report as JSON: {\"before\", \"after\", \"groups\", \"skipped\", \"elapsed_ms\", ...}");
    return {command, [options](const Context& context) { return runPrune(*options, context); }};
}

} // namespace slim::app::cli
