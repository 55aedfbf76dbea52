#pragma once

// Quantization on the IR: a float model becomes one whose weights and activations are
// simulated at a chosen bit width (graph/fakequant.h); post-training quantization calibrates
// its ranges on data, quantization-aware training (a training stage) learns under them.

#include "core/job.h"
#include "graph/fakequant.h"
#include "graph/graph.h"
#include "quant/observer.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace slim::engine::data { class DataLoader; }

namespace slim::engine::quant {

struct QuantSettings {
    int weightBits = 8;
    int activationBits = 8;
    bool perChannel = true;            ///< weights: one scale per output channel
    bool weightSymmetric = true;       ///< weights: zero point 0, a signed grid
    bool activationSymmetric = false;  ///< activations: signed grid about 0 (else unsigned with a zero point)
    /// Activations' observer; weights use their min and max per channel (Mse: the least-error
    /// range per channel).
    ObserverKind observer = ObserverKind::MinMax;
    double percentile = 99.99;         ///< Percentile observer
    double averaging = 0.01;           ///< MovingAverage observer, and how fast QAT's activation ranges follow
    bool keepEndsAt8Bits = false;      ///< the first and the last layer with weights stay at 8 bits
    std::map<std::string, int> layerBits;  ///< by layer name: that layer's weight and output bits
};

/// Throws Error(InvalidArgument) naming the field when `settings` is impossible: bits outside
/// 2–16, a percentile outside (50, 100], an averaging constant outside (0, 1].
void validate(const QuantSettings& settings);

struct PrepareReport {
    std::vector<std::string> foldedBatchNorms;  ///< "bn1 into conv1"
    std::vector<std::string> weightLayers;      ///< layers whose weights are quantized
    std::vector<std::string> activationPoints;  ///< the values quantized (graph inputs included)
};

/// The quantized form of `model`: BatchNorm folded into the convolutions before it
/// (passes/folding.h, exact in evaluation), the weights of every Conv2d, ConvTranspose2d and
/// Linear quantized (scales from the weights as they are), and a FakeQuantize node after each
/// graph input and each value an integer pipeline would requantize: the output of every
/// operation except those that keep values on their grid (max pooling, reshapes, slices,
/// concatenation, nearest upsampling, padding, Identity, Dropout), taken after a following
/// ReLU, ReLU6 or clamp, which fuse; graph outputs stay in floating point. Activation ranges
/// start empty: calibrate() them before use. A new graph; `model` is unchanged. Throws
/// Error(InvalidArgument) for bad settings or an unknown layer in layerBits, and
/// Error(Unsupported) when the model is quantized already.
graph::Graph prepareQuantization(const graph::Graph& model, const QuantSettings& settings, PrepareReport* report = nullptr);

/// Post-training calibration of a prepared graph: runs up to `batches` batches of `loader`
/// in floating point (quantization off), observes every FakeQuantize node's input with
/// `settings.observer`, and sets their ranges, scales and zero points. Two passes over the
/// batches when the observer needs a histogram. Returns the batches used. Reports progress;
/// cancel throws JobCancelled.
std::int64_t calibrate(graph::Graph& quantized, data::DataLoader& loader, std::int64_t batches,
                       const QuantSettings& settings, const JobContext& context = {});

/// The same from batches in memory (tests, and the CLI's single-image paths).
void calibrate(graph::Graph& quantized, const std::vector<at::Tensor>& batches, const QuantSettings& settings);

/// One quantized tensor's signal-to-quantization-noise ratio, 10·log10(Σx² / Σ(x − q(x))²).
struct LayerQuantError {
    std::string name;   ///< the layer whose weights or output (after a fused ReLU) this is; "input" for the input
    bool weight = true;
    int bits = 8;
    double sqnrDb = 0;  ///< +inf when quantization changes nothing
};

struct QuantReport {
    std::vector<LayerQuantError> layers;  ///< weights in graph order, then activations
    std::int64_t bytes = 0;       ///< parameters at their bits (biases and the rest at 32)
    std::int64_t floatBytes = 0;  ///< the same parameters at 32 bits
};

/// SQNR of every quantized weight, and of every activation on `sample` (one batch, run in
/// evaluation), and the model's size at its bits. Pure.
QuantReport quantizationReport(const graph::Graph& quantized, const at::Tensor& sample);

/// The bits a quantized graph uses most for weights and for activations (0: none quantized).
std::pair<int, int> dominantBits(const graph::Graph& quantized);

/// Moves a quantized graph to other bit widths (a stepwise schedule): every weight and
/// activation that no layerBits or first/last rule pinned gets the new bits; scales follow
/// from the observed ranges (activations) and the current weights. Throws Error(InvalidArgument)
/// for bits outside 2–16.
void setBits(graph::Graph& quantized, int weightBits, int activationBits);

/// Whether any node of `graph` is quantized (graph/fakequant.h).
using graph::isQuantized;

} // namespace slim::engine::quant
