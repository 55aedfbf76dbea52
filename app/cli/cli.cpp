#include "cli/cli.h"

#include "cli/commands.h"
#include "core/runtime.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <ostream>

namespace slim::app::cli {

namespace {

/// The options every command takes, added to each so that its --help lists them.
struct CommonOptions {
    int threads = 0;
    bool verbose = false;
};

void addCommonOptions(CLI::App& command, CommonOptions& common)
{
    command.add_option("--threads", common.threads, "intra-op threads (default: all cores)")
        ->check(CLI::Range(1, kMaxThreads))
        ->type_name("N");
    command.add_flag("--verbose", common.verbose, "on failure, print the whole message (LibTorch's backtrace too)");
}

/// The parser for all commands; `commands` receives what runs each.
std::unique_ptr<CLI::App> makeParser(std::vector<Command>& commands, CommonOptions& common)
{
    auto app = std::make_unique<CLI::App>("Slimbench's command line: the same engine as the GUI, without Qt.",
                                          "slimbench-cli");
    app->set_version_flag("--version", std::string("slimbench-cli ") + SLIMBENCH_VERSION);
    app->require_subcommand(1);
    for (const CommandSetup setup : kCommands) {
        Command command = setup(*app);
        addCommonOptions(*command.app, common);
        commands.push_back(std::move(command));
    }
    // After the commands, which would otherwise inherit it.
    app->footer("Exit codes: 0 success, 1 failure (one line on stderr), 2 usage error.\n"
                "slimbench-cli COMMAND --help lists a command's options.");
    return app;
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    std::vector<Command> commands;
    CommonOptions common;
    const std::unique_ptr<CLI::App> app = makeParser(commands, common);
    if (args.empty()) {
        err << app->help();
        return kExitUsage;
    }
    std::vector<std::string> arguments = args;
    if (arguments.front() == "help") { // `help` and `help COMMAND` as --help
        arguments.erase(arguments.begin());
        arguments.push_back("--help");
    }
    const auto isCommand = [&commands](const std::string& name) {
        return std::any_of(commands.begin(), commands.end(), [&name](const Command& c) { return c.app->get_name() == name; });
    };
    if (arguments.front().rfind('-', 0) != 0 && !isCommand(arguments.front())) {
        err << "slimbench-cli: unknown command '" << arguments.front() << "' (see slimbench-cli --help)\n";
        return kExitUsage;
    }

    try {
        std::reverse(arguments.begin(), arguments.end()); // CLI11 takes the arguments last first
        app->parse(arguments);
    } catch (const CLI::Success& success) {
        return app->exit(success, out, err);
    } catch (const CLI::ParseError& error) {
        const std::vector<CLI::App*> selected = app->get_subcommands();
        const std::string command = selected.empty() ? "" : selected.front()->get_name() + " ";
        err << "slimbench-cli: " << error.what() << " (see slimbench-cli " << command << "--help)\n";
        return kExitUsage;
    }

    const auto chosen =
        std::find_if(commands.begin(), commands.end(), [&app](const Command& c) { return app->got_subcommand(c.app); });
    const Context context{out, err, common.threads, common.verbose};
    try {
        if (common.threads > 0)
            engine::setThreadCount(common.threads);
        return chosen->run(context);
    } catch (const UsageError& error) {
        err << "slimbench-cli: " << error.what() << " (see slimbench-cli " << chosen->app->get_name() << " --help)\n";
        return kExitUsage;
    } catch (const std::exception& error) {
        err << "slimbench-cli: " << (common.verbose ? std::string(error.what()) : errorLine(error)) << '\n';
        return exitCodeFor(error);
    }
}

} // namespace slim::app::cli
