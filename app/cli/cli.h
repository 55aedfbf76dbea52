#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace slim::app::cli {

/// Exit codes of slimbench-cli.
enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// Runs slimbench-cli with `args` (without the program name), printing results to `out` and
/// one-line errors to `err`. Returns the exit code. No Qt; callable from tests.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace slim::app::cli
