#pragma once

// A compression recipe run as one job: its stages (prune, fine-tune, ...) in order on one
// model, each writing a version and its figures.

#include "core/job.h"
#include "jobs/recipe.h"
#include "jobs/trainjob.h"
#include "model.h"

#include <string>
#include <vector>

namespace slim::engine {

/// What one stage did.
struct StageOutcome {
    CompressionStage::Kind kind = CompressionStage::Kind::Prune;
    std::string file;                  ///< the version it wrote; empty when outputs are not written
    std::int64_t params = 0;           ///< after the stage (masked: the non-zero ones)
    std::int64_t macs = 0;
    double top1 = -1;                  ///< on the test split after the stage; negative when not measured
    double top1Before = -1;            ///< prune stages: before pruning
    std::vector<EpochRecord> history;  ///< fine-tune stages: per epoch
};

struct CompressionResult {
    Model model;                       ///< the model after the last stage
    std::vector<StageOutcome> stages;
};

/// Runs `recipe`'s stages in order on `base` (or the recipe's model when null). With
/// `writeOutputs`, stage i writes `outputDir`/NN-prune.slim or NN-finetune.slim (and the
/// fine-tune's per-epoch NN-finetune.csv) as soon as it ends, and rewrites summary.csv
/// (stage, kind, file, params, macs, top1), so a cancel keeps every finished stage.
/// Reports progress per stage and the curves on one epoch axis: val/top1 also at each
/// prune, so the accuracy curve shows each cut and its recovery, and "ref/baseline" once, the
/// top-1 the first prune started from. A fine-tune stage never resumes from or writes
/// checkpoints. Throws Error(InvalidArgument) when `outputDir` already holds a run's
/// summary.csv (nothing is overwritten). Cancel throws JobCancelled.
/// Any thread.
CompressionResult runCompressionRecipe(const CompressionRecipe& recipe, const JobContext& context,
                                       const Model* base = nullptr, bool writeOutputs = true);

} // namespace slim::engine
