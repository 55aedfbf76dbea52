// slimbench-cli sensitivity: prunes each channel group alone at a range of ratios and
// measures top-1, the curves that show where a model can lose channels.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/jobconsole.h"

#include "jobs/prunejob.h"
#include "jobs/sensitivityjob.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>

namespace slim::app::cli {

namespace {

struct SensitivityOptions {
    ModelReference model;
    std::string dataset;
    std::string method = "l1";
    std::string ratios = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9";
    std::int64_t samples = 1000;
    std::int64_t batch = 256;
    std::vector<std::string> protect;
    std::int64_t seed = 0;
    double budget = 0;      ///< with it: per-group ratios keeping this share of the MACs
    int anneal = 0;         ///< with it: simulated annealing from the greedy ratios, this many candidates
    int roundTo = 1;
    bool json = false;
};

std::vector<double> parseRatios(const std::string& text)
{
    std::vector<double> ratios;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ',')) {
        std::size_t parsed = 0;
        double value = -1;
        try {
            value = std::stod(item, &parsed);
        } catch (const std::exception&) {
            parsed = 0;
        }
        if (parsed == 0 || parsed != item.size() || !(value > 0 && value < 1))
            throw UsageError("--ratios takes ratios above 0 and below 1 separated by commas, got '" + item + "'");
        ratios.push_back(value);
    }
    if (ratios.empty())
        throw UsageError("--ratios takes ratios above 0 and below 1 separated by commas");
    return ratios;
}

int runSensitivity(const SensitivityOptions& options, const Context& context)
{
    if (options.anneal > 0 && options.budget <= 0)
        throw UsageError("--anneal refines the ratios of a --budget: give --budget too");
    engine::SensitivityRequest request;
    request.method = options.method;
    request.ratios = parseRatios(options.ratios);
    request.dataset = options.dataset;
    request.samples = options.samples;
    request.batchSize = options.batch;
    request.protectedNodes = options.protect;
    request.seed = static_cast<std::uint64_t>(options.seed);
    const engine::Model model = openModelForDataset(options.model, options.dataset);
    engine::SensitivityResult scan;
    {
        JobConsole console(context.err);
        scan = engine::runSensitivityScan(model, request, console.context());
    }
    std::ostream& out = context.out;
    // Per-group ratios for a MACs budget: greedily from the curves, then annealed if asked.
    nlohmann::json budget;
    if (options.budget > 0) {
        const std::map<std::string, double> greedy = engine::ratiosForBudget(model, scan, options.budget, options.roundTo);
        budget = {{"keep_macs", options.budget}, {"greedy", greedy}};
        if (options.anneal > 0) {
            engine::RatioSearchRequest search;
            search.method = options.method;
            search.keepMacs = options.budget;
            search.roundTo = options.roundTo;
            search.dataset = options.dataset;
            search.samples = options.samples;
            search.batchSize = options.batch;
            search.protectedNodes = options.protect;
            search.iterations = options.anneal;
            search.start = greedy;
            search.seed = static_cast<std::uint64_t>(options.seed);
            engine::RatioSearchResult annealed;
            {
                JobConsole console(context.err);
                annealed = engine::searchRatios(model, search, console.context());
            }
            budget["anneal"] = {{"ratios", annealed.ratios},       {"top1", annealed.top1},
                                {"start_top1", annealed.startTop1}, {"macs", annealed.macs},
                                {"evaluated", annealed.evaluated},  {"accepted", annealed.accepted}};
        }
    }
    if (options.json) {
        nlohmann::json report = nlohmann::json::parse(engine::sensitivityToJson(scan));
        if (!budget.is_null())
            report["budget"] = budget;
        out << report.dump(2) << '\n';
        return kExitOk;
    }
    char line[64];
    std::snprintf(line, sizeof line, "baseline top1 %.4f on %lld images\n", scan.baselineTop1, static_cast<long long>(scan.samples));
    out << line << "group";
    for (const double ratio : request.ratios) {
        std::snprintf(line, sizeof line, "  %5.0f%%", ratio * 100);
        out << line;
    }
    out << '\n';
    for (const engine::GroupSensitivity& group : scan.groups) {
        out << group.name << " (" << group.channels << ")";
        for (const engine::SensitivityPoint& point : group.points) {
            std::snprintf(line, sizeof line, "  %.4f", point.top1);
            out << line;
        }
        out << '\n';
    }
    if (!budget.is_null()) {
        const auto print = [&out, &line](const char* title, const nlohmann::json& ratios) {
            out << title << ":";
            for (const auto& item : ratios.items()) {
                std::snprintf(line, sizeof line, " %s=%.2f", item.key().c_str(), item.value().get<double>());
                out << line;
            }
            out << '\n';
        };
        print("greedy ratios", budget.at("greedy"));
        if (budget.contains("anneal")) {
            const nlohmann::json& annealed = budget.at("anneal");
            std::snprintf(line, sizeof line, "annealed top1 %.4f (start %.4f), ", annealed.at("top1").get<double>(),
                          annealed.at("start_top1").get<double>());
            out << line;
            print("annealed ratios", annealed.at("ratios"));
        }
    }
    return kExitOk;
}

} // namespace

Command addSensitivityCommand(CLI::App& parent)
{
    CLI::App* command = parent.add_subcommand(
        "sensitivity", "Prunes each channel group alone at each ratio and measures top-1: where the model can lose channels.");
    command->footer("Ctrl-C cancels within one evaluation batch.");
    auto options = std::make_shared<SensitivityOptions>();
    addModelOptions(*command, options->model, InputOption::AliasOfShape);
    command->add_option("--dataset", options->dataset, "the data set whose test split is evaluated")->required();
    std::string methods;
    for (const char* method : {"l1", "l2", "bn", "fpgm", "svd", "random"})
        methods += (methods.empty() ? "" : ", ") + std::string(method);
    command->add_option("--method", options->method, "the importance criterion: " + methods + " (default l1)")
        ->check(CLI::IsMember({"l1", "l2", "bn", "fpgm", "svd", "random"}));
    command->add_option("--ratios", options->ratios, "the ratios each group is cut to, comma-separated (default 0.1,...,0.9)")
        ->type_name("R,R,...");
    command->add_option("--samples", options->samples, "test images per point, a seeded random subset; 0: all (default 1000)")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
    command->add_option("--batch", options->batch, "images per evaluation batch (default 256)")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 16));
    command->add_option("--protect", options->protect, "keep this layer's output channels (repeatable)")->type_name("NAME");
    command->add_option("--seed", options->seed, "the subset's seed (default 0)")->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 62));
    command->add_option("--budget", options->budget,
                        "also print per-group ratios that keep this share of the MACs, chosen greedily from the curves")
        ->check(CLI::Range(0.0, 1.0))
        ->type_name("KEEP");
    command->add_option("--anneal", options->anneal,
                        "with --budget: refine the ratios by simulated annealing, evaluating this many candidates")
        ->check(CLI::Range(1, 100000))
        ->type_name("N");
    command->add_option("--round-to", options->roundTo, "with --budget: kept widths multiples of this (default 1)")
        ->check(CLI::Range(1, 1024));
    command->add_flag("--json", options->json,
                      "print {\"baseline\", \"samples\", \"groups\": [{\"name\", \"channels\", \"points\"}]}, and "
                      "\"budget\": {\"keep_macs\", \"greedy\", \"anneal\"} with --budget");
    return {command, [options](const Context& context) { return runSensitivity(*options, context); }};
}

} // namespace slim::app::cli
