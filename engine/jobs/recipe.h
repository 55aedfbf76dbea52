#pragma once

// Recipes: JSON that fully describes a job. Plain data, no LibTorch, so the app can build,
// show and save them.

#include "jobs/prunejob.h"
#include "prune/methodsettings.h"
#include "prune/pruneschedule.h"

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine {

/// Knowledge distillation during training (the "distill" object of a recipe or stage;
/// distill/distill.h). Off while `teacher` is empty.
struct DistillRecipe {
    /// A model file or zoo name, or "baseline": the model the recipe started from (a training
    /// recipe: the model before this training; a compression recipe: before its first stage).
    std::string teacher;
    double alpha = 0.5;          ///< response KD's share against the labels
    double temperature = 4;
    double featureWeight = 0;
    bool attention = false;
    double relationWeight = 0;
    std::string relation = "cosine";  ///< "cosine" or "rkd"
    std::vector<std::pair<std::string, std::string>> taps;  ///< student layer, teacher layer
};

/// Quantization-aware training (the "qat" object, or a {"qat": {...}} stage): the model is
/// quantized (quant/quantize.h) and calibrated first unless it is quantized already, then trains
/// under its fake quantization.
struct QatRecipe {
    bool enabled = false;
    int weightBits = 8;
    int activationBits = 8;
    bool perChannel = true;
    bool symmetric = false;      ///< activations
    bool keepEnds = false;       ///< first and last layer at 8 bits
    std::string observer = "minmax";
    std::int64_t calibrationBatches = 8;
    /// (epoch, bits) steps, 0-based epochs in increasing order: from that epoch on, weights and
    /// activations use those bits (the stepwise schedule 16 → 8 → 4). Empty: the bits above throughout.
    std::vector<std::pair<std::int64_t, int>> bitsSchedule;
};

/// A training recipe. Field names follow the JSON keys (see parseTrainRecipe()).
struct TrainRecipe {
    // model: a zoo model shaped for the data, or a .slim file to continue training
    std::string modelZoo = "resnet20";
    std::string modelFile;
    std::int64_t modelSeed = 0;
    /// "keep": train the given weights further (fine-tune); "scratch": re-initialise them with
    /// `modelSeed` first (a zoo model is always new, so this matters for files and the GUI's
    /// open model).
    std::string modelInit = "keep";
    // data
    std::string dataset = "/usr/share/datasets/fashion-mnist";
    std::string validation = "test";      ///< "test" (the data set's test split), "none", or a path
    // transforms
    std::int64_t cropPadding = 0;
    bool horizontalFlip = false;
    bool normalize = true;
    std::int64_t resizeHeight = 0;
    std::int64_t resizeWidth = 0;
    // optimizer
    std::string optimizer = "sgd";        ///< sgd, adam, adamw
    double learningRate = 0.1;
    double momentum = 0.9;
    bool nesterov = false;
    double weightDecay = 5e-4;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    // schedule
    std::string schedule = "cosine";      ///< constant, step, multistep, cosine
    std::int64_t stepSize = 30;
    double gamma = 0.1;
    std::vector<std::int64_t> milestones;
    double minLearningRate = 0;
    std::int64_t warmupEpochs = 0;
    // run
    std::int64_t epochs = 10;
    std::int64_t batchSize = 128;
    std::uint64_t seed = 0;
    int threads = 0;                      ///< 0: all cores
    int workers = 1;                      ///< loader threads
    std::string device = "cpu";
    double labelSmoothing = 0;
    double batchNormL1 = 0;               ///< "bn_l1": network slimming's λ on BatchNorm |γ|; 0: off
    std::int64_t maxStepsPerEpoch = 0;    ///< 0: whole epochs
    DistillRecipe distill;
    QatRecipe qat;
    // outputs (relative paths are relative to the recipe file)
    std::string output = "model.slim";
    std::string metrics = "metrics.csv";
    std::string checkpointDir;
    std::string resumeFrom;
};

/// Parses and validates a training recipe. Unknown keys, wrong types and impossible values
/// throw Error(InvalidRecipe) whose first argument names the field ("optimizer.lr").
/// Relative paths are resolved against `baseDirectory`.
TrainRecipe parseTrainRecipe(const std::string& jsonText, const std::string& baseDirectory);
/// Reads and parses a recipe file.
TrainRecipe loadTrainRecipe(const std::string& path);
/// The recipe as JSON text that parseTrainRecipe() reads back to an equal recipe.
std::string trainRecipeToJson(const TrainRecipe& recipe);

/// One step of a compression recipe.
struct CompressionStage {
    enum class Kind {
        Prune,     ///< structural pruning or magnitude masks, at once
        Finetune,  ///< training on
        Surgery,   ///< training with dynamic network surgery's masks
        Agp,       ///< training while AGP raises the masks' sparsity
        Admm,      ///< ADMM training, then hard pruning and purification
    };
    Kind kind = Kind::Prune;
    /// Kind::Prune: what to remove; its data set is the recipe's (for Taylor scores,
    /// recalibration and top-1 before and after).
    PruneRequest prune;
    /// Every kind but Prune: the recipe's training settings with the stage's own on top
    /// ("epochs", "optimizer", "schedule", ...); it trains the model the stage before left.
    TrainRecipe finetune;
    prune::SurgerySettings surgery;  ///< Kind::Surgery
    prune::GradualSettings agp;      ///< Kind::Agp
    prune::AdmmSettings admm;        ///< Kind::Admm
};

/// The prune steps of `schedule` toward `final` (its method, target and amount): each step's
/// amount is what it removes from (or keeps of) the model the step before left, so that after
/// step i the cumulative share is the schedule's; magnitude masks compose, so their ratio is
/// the cumulative one; each per-group override follows the schedule toward its own ratio.
/// Rounding is per step (channel counts round down), so a schedule can end a channel or so
/// short of a one-shot cut. Throws what prune::scheduleRatios() throws. Pure.
std::vector<CompressionStage> scheduleStages(const PruneRequest& final, prune::PruneSchedule schedule, int steps,
                                             double exponent = 3);

/// The stage's name in recipes and file names: "prune", "finetune", "surgery", "agp", "admm".
std::string stageKindName(CompressionStage::Kind kind);

/// A compression recipe (kind "compress"): a model, a data set and training defaults as in
/// a training recipe, and `stages` run in order on one model. Stage i writes
/// `outputDir`/NN-KIND.slim (and, for stages that train, NN-KIND.csv), and summary.csv gains
/// a row per stage. A "schedule" stage in the JSON ({"schedule": {"kind": "progressive",
/// "steps": 4, "k": 3, "prune": {...}, "finetune": {...}}}) is parsed into its prune steps,
/// each followed by the fine-tune when one is given.
struct CompressionRecipe {
    TrainRecipe base;
    std::string outputDir = "compressed";
    std::vector<CompressionStage> stages;
};

/// Parses and validates a compression recipe; errors name the field as
/// parseTrainRecipe()'s do ("stages[1].prune.ratio"). Relative paths are resolved against
/// `baseDirectory`.
CompressionRecipe parseCompressionRecipe(const std::string& jsonText, const std::string& baseDirectory);
CompressionRecipe loadCompressionRecipe(const std::string& path);
/// The recipe as JSON text that parseCompressionRecipe() reads back to an equal recipe.
std::string compressionRecipeToJson(const CompressionRecipe& recipe);
/// What a recipe file holds: "train" or "compress" (its "kind", "train" when absent).
/// Throws Error(InvalidRecipe) for text that is not a JSON object.
std::string recipeKind(const std::string& jsonText);

} // namespace slim::engine
