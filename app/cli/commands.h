#pragma once

// The commands of slimbench-cli, one file each (commandinfo.cpp, ...). A new command is a
// file defining its add…Command(), declared below and listed in kCommands.

#include "cli/options.h"
#include "jobs/recipe.h"

namespace slim::app::cli {

Command addInfoCommand(CLI::App& parent);    ///< commandinfo.cpp
Command addInferCommand(CLI::App& parent);   ///< commandinfer.cpp
Command addTrainCommand(CLI::App& parent);   ///< commandtrain.cpp
Command addImportCommand(CLI::App& parent);  ///< commandimport.cpp
Command addExportCommand(CLI::App& parent);  ///< commandexport.cpp
Command addEvalCommand(CLI::App& parent);    ///< commandeval.cpp
Command addPruneCommand(CLI::App& parent);   ///< commandprune.cpp
Command addRunCommand(CLI::App& parent);     ///< commandrun.cpp
Command addSensitivityCommand(CLI::App& parent);  ///< commandsensitivity.cpp
Command addBenchCommand(CLI::App& parent);   ///< commandbench.cpp
Command addDecomposeCommand(CLI::App& parent);  ///< commanddecompose.cpp
Command addQuantizeCommand(CLI::App& parent);   ///< commandquantize.cpp

/// Trains as `recipe` says with the progress bar, printing each epoch (commandtrain.cpp;
/// `run` uses it for training recipes).
int runTrainingRecipe(engine::TrainRecipe recipe, const Context& context);

/// Every command, in the order --help lists them.
inline constexpr CommandSetup kCommands[] = {
    addInfoCommand, addInferCommand, addTrainCommand, addImportCommand, addExportCommand, addEvalCommand,
    addPruneCommand, addSensitivityCommand, addDecomposeCommand, addQuantizeCommand, addRunCommand, addBenchCommand,
};

} // namespace slim::app::cli
