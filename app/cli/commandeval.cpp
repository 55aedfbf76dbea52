// slimbench-cli eval: top-1 and top-5 accuracy and mean loss on a data set.
#include "cli/cli.h"
#include "cli/commands.h"

#include "jobs/trainjob.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iomanip>
#include <memory>
#include <ostream>

namespace slim::app::cli {

namespace {

constexpr std::int64_t kDefaultBatch = 256;   // images per forward pass; eval's default before CLI11, kept
constexpr std::int64_t kMaxBatch = 1 << 16;   // as recipes allow (engine/jobs/recipe.cpp)

struct EvalOptions {
    ModelReference model;
    std::string dataset;
    std::string split = "test";
    std::int64_t batch = kDefaultBatch;
    std::string device = "cpu";
    bool json = false;
};

int runEval(const EvalOptions& options, const Context& context)
{
    const engine::Model model = openModelForDataset(options.model, options.dataset, options.split == "test");
    const engine::EvalSummary result =
        engine::evaluateModel(model, options.dataset, options.split, options.batch, {}, options.device);
    if (options.json) {
        context.out << nlohmann::json{{"top1", result.top1}, {"top5", result.top5}, {"loss", result.loss},
                                      {"samples", result.samples}}
                           .dump(2)
                    << '\n';
    } else {
        context.out << std::fixed << std::setprecision(4) << "top-1 " << result.top1 << ", top-5 " << result.top5
                    << ", loss " << result.loss << " on " << result.samples << " samples\n";
    }
    return kExitOk;
}

} // namespace

Command addEvalCommand(CLI::App& parent)
{
    CLI::App* command =
        parent.add_subcommand("eval", "Top-1 and top-5 accuracy and mean loss on a data set (IDX, CIFAR or ImageFolder).");
    auto options = std::make_shared<EvalOptions>();
    addModelPositional(*command, options->model.reference);
    addShapeOptions(*command, options->model.shapeText, InputOption::NotAdded);
    command->add_option("--dataset", options->dataset, "the data set's folder")->required()->type_name("PATH");
    command->add_option("--split", options->split, "test (default) or train")
        ->check(CLI::IsMember({"test", "train"}))
        ->type_name("SPLIT");
    command->add_option("--batch", options->batch, "images per forward pass (default 256)")
        ->check(CLI::Range(std::int64_t{1}, kMaxBatch))
        ->type_name("N");
    addDeviceOption(*command, options->device);
    command->add_flag("--json", options->json, "the result as JSON: {\"top1\", \"top5\", \"loss\", \"samples\"}");
    return {command, [options](const Context& context) { return runEval(*options, context); }};
}

} // namespace slim::app::cli
