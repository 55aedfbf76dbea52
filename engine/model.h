#pragma once

// The engine's face towards the app and the CLI: no LibTorch or graph headers, only plain
// data, so that Qt code and quick-to-compile tools can use the engine.

#include "analysis/energy.h"
#include "core/job.h"
#include "core/preprocessing.h"
#include "io/npy.h"
#include "io/zoospec.h"
#include "prune/masks.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace slim::engine {

namespace graph { class Graph; }

/// One row of the layer table.
struct LayerCost {
    std::string name;
    std::string op;
    std::vector<std::int64_t> outputShape;  ///< per sample
    std::int64_t params = 0;
    std::int64_t macs = 0;
    std::int64_t activationBytes = 0;
    /// What a sparse kernel would count: params and MACs of the non-zero weight entries (see
    /// analysis::NodeCost). Equal to params and macs for a dense layer.
    std::int64_t nonzeroParams = 0;
    std::int64_t nonzeroMacs = 0;
    double sparsity = 0;  ///< the fraction of zero entries of its conv/Linear weight; 0 for layers without one
    double energyPj = 0;  ///< analysis::estimateEnergy() per sample: arithmetic and memory traffic
};

struct CostSummary {
    std::vector<LayerCost> layers;
    std::int64_t params = 0;
    std::int64_t macs = 0;
    std::int64_t activationBytes = 0;
    std::int64_t peakActivationBytes = 0;
    std::int64_t nonzeroParams = 0;
    std::int64_t nonzeroMacs = 0;
    /// The parameters stored at their bits (graph::parameterBytes()): 4 bytes each in a float
    /// model, a quarter of that for 8-bit weights.
    std::int64_t parameterBytes = 0;
    std::string pruning = "none";  ///< Model::pruningState()
    /// The energy estimate per sample (analysis/energy.h), in total and by where it goes.
    double energyPj = 0;
    double computeEnergyPj = 0;
    double weightEnergyPj = 0;
    double activationEnergyPj = 0;
};

/// An immutable model: a validated graph with its tensors. Copies share the graph, so
/// passing a Model between threads is cheap; transforms return new Models.
/// Any thread may call any const member; the engine sets its thread count on first use.
class Model {
public:
    Model();
    explicit Model(std::shared_ptr<const graph::Graph> graph);

    /// Builds a zoo model. Throws Error(UnknownModel / InvalidArgument).
    static Model fromZoo(const ZooSpec& spec);
    /// Opens a model file: `.slim`, `.onnx` or TorchScript `.pt`. `inputShape` (C, H, W)
    /// gives the input size to files that do not fix it (TorchScript always needs one; ONNX
    /// with dynamic axes); `.slim` files ignore it. Throws Error naming the file and the problem.
    static Model load(const std::string& path, const std::vector<std::int64_t>& inputShape = {});
    /// Opens a `.slim` checkpoint held in memory (a bundled baseline); `name` names it.
    static Model fromBytes(const std::string& bytes, const std::string& name);
    /// Resolves what a user typed: an existing file is loaded, otherwise a zoo name is built
    /// with `spec` (whose `model` is replaced by `reference`).
    static Model open(const std::string& reference, const ZooSpec& zooSpec, const std::vector<std::int64_t>& inputShape = {});

    /// Saves as `.slim`, atomically. Throws Error(FileWriteFailed).
    void save(const std::string& path) const;

    bool isNull() const { return !m_graph; }
    std::string name() const;
    std::vector<std::int64_t> inputShape() const;   ///< of the first input, per sample
    std::vector<std::int64_t> outputShape() const;  ///< of the first output, per sample
    std::map<std::string, std::string> metadata() const;
    /// Params, MACs and activations per layer and in total, with the energy estimate under
    /// `energy` (Error(InvalidArgument) for impossible energy settings). Layers with quantized
    /// weights are estimated at their bits unless `energy` names other bits for them.
    CostSummary cost(const analysis::EnergySettings& energy = {}) const;

    /// "masked" when the model carries weight masks, "structural" when channels were removed
    /// physically (and no masks were applied since), "none" otherwise (prune::pruningState()).
    std::string pruningState() const;
    /// The exact zeros of every conv, ConvTranspose and Linear weight, per layer and per output
    /// channel, in node order.
    std::vector<prune::LayerSparsity> sparsity() const;
    /// Per-channel norms, sparsity and BatchNorm |γ| of every layer that has them
    /// (prune::channelStatistics()), for the heatmaps.
    std::vector<prune::LayerChannelStatistics> channelStatistics() const;
    /// Unstructured magnitude pruning (prune::applyMagnitudeMasks()): the model with the
    /// smallest weights zeroed and masked, so they stay zero through training. Throws
    /// Error(InvalidArgument) naming "ratio" or an unknown protected node.
    Model withMagnitudeMasks(const prune::MaskSettings& settings) const;

    /// The same model for another input size (fully convolutional stems with a global pool
    /// accept any size). Throws Error(InvalidArgument) when the layers cannot take it.
    Model withInputShape(const std::vector<std::int64_t>& shape) const;

    /// Runs inference on `input` (N×C×H×W, or C×H×W for one sample). Throws Error(ShapeMismatch)
    /// naming the expected shape.
    io::NpyArray infer(const io::NpyArray& input) const;

    /// The input contract the model carries (see Preprocessing): pixels scaled to 0..1 and
    /// no normalisation when it carries none.
    Preprocessing preprocessing() const;
    /// The same model with another input contract (same weights).
    Model withPreprocessing(const Preprocessing& preprocessing) const;
    /// Turns raw pixels (0..255, N×C×H×W or C×H×W) into what the model takes, exactly as
    /// evaluation does. Throws Error(ShapeMismatch) when the channel count does not fit.
    io::NpyArray preprocess(const io::NpyArray& rawPixels) const;
    /// The model with its preprocessing as leading layers (Sub of mean/scale, Div by
    /// std/scale), so it takes raw pixels; its contract then says so. Returns the model
    /// itself when its contract is already the identity.
    Model withPreprocessingBakedIn() const;
    /// The same architecture with every weight re-initialised as PyTorch's defaults do
    /// (the zoo's initialisation: a zoo model built with `seed` comes out identical), BatchNorm
    /// statistics reset, the input contract kept. For "train from scratch". Weight masks are
    /// kept and applied to the new weights (a masked model stays masked: the sparse
    /// architecture is retrained from a fresh start).
    Model withFreshWeights(std::uint64_t seed) const;

    /// For engine code that includes graph/graph.h.
    const graph::Graph& graph() const { return *m_graph; }
    std::shared_ptr<const graph::Graph> sharedGraph() const { return m_graph; }

private:
    std::shared_ptr<const graph::Graph> m_graph;
};

/// What an export wrote and how it was verified.
struct ExportReport {
    std::string format;            ///< "onnx" or "torchscript"
    std::int64_t bytes = 0;
    bool checkerPassed = false;           ///< ONNX only
    bool shapeInferencePassed = false;    ///< ONNX only
    bool numericCheckRan = false;  ///< ONNX: run in OpenCV DNN; TorchScript: loaded back with torch::jit::load and run
    double maxAbsDifference = -1;  ///< against the engine's forward; negative when not run
    std::string numericCheckError;
    /// ONNX: the written bytes read back by Slimbench's own importer and run, against the
    /// engine's forward on the same input. Runs the file as shipped (Clip included), where
    /// the OpenCV check runs a copy rewritten around OpenCV 4.6's gaps.
    bool reimportRan = false;
    double reimportMaxAbsDifference = -1;  ///< relative to the outputs' size when they exceed 1
    std::string reimportError;
    bool preprocessingBakedIn = false;   ///< the file takes raw pixels
    std::string preprocessing;           ///< the input contract written with it, for people
    std::vector<std::string> notes;  ///< where the numeric check's runtime is known to differ, one line each
    /// ONNX: the rewrites made for inference before writing (passes::foldForInference), one
    /// line each ("bn1 into conv1"); empty when folding was off or found nothing.
    std::vector<std::string> folded;
};

/// The largest difference a verified export may show against the engine's own forward.
constexpr double kExportTolerance = 1e-4;

/// Exports `model` to ONNX at `opset` with batch 1 and its input contract in
/// `metadata_props`, verifies it (checker, strict shape inference, the written bytes
/// re-imported and run, an OpenCV DNN cross-check), and only then writes it atomically to
/// `path`. A file that fails the checker or does not reproduce the model when read back is
/// never written: Error(InvalidGraph) says why. `context` may cancel it up to the moment
/// the file is written (JobCancelled). Throws Error(Unsupported / InvalidGraph / FileWriteFailed).
///
/// With `fold` (the default) the file holds the inference form: BatchNorm folded into the
/// convolutions, 1×1 convolutions merged, Identity/Dropout gone (passes/folding.h), as
/// deployment runtimes want it; the read-back check still compares with the model as it is.
///
/// With `dynamicBatch` the batch dimension is the symbol "batch" (verified at batch 2) instead
/// of a static 1.
ExportReport exportModelToOnnx(const Model& model, const std::string& path, int opset = 13,
                               const JobContext& context = {}, bool fold = true, bool dynamicBatch = false);

/// Exports `model` as a TorchScript archive (see io::exportTorchScript), checks it by loading
/// it back and comparing outputs, and writes it atomically to `path` only when it matches.
ExportReport exportModelToTorchScript(const Model& model, const std::string& path, const JobContext& context = {});

/// Model file extensions Model::load() accepts, without the dot.
const std::vector<std::string>& modelFileExtensions();

} // namespace slim::engine
