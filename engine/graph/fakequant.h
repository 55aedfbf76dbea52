#pragma once

// Simulated integer quantization, as the executor runs it: q = clamp(zp + round(x · (1/s)), qmin, qmax),
// y = (q − zp)·s, rounding half to even, with straight-through gradients inside the range and
// none outside. (ATen's fused kernels multiply by the float reciprocal of s where ONNX's
// QuantizeLinear divides by s: about one value in a million lands one step apart, at a
// rounding tie; Slimbench reads QDQ files back into these same nodes.)
// (Jacob et al. 2018; Bengio et al. 2013). Activations are quantized by FakeQuantize nodes;
// the weights of Conv2d, ConvTranspose2d and Linear by attributes on the node itself:
//   weight_quant_min, weight_quant_max  the integer range (present: the weights are quantized)
//   weight_axis                         the per-channel axis of the weight (-1: per tensor)
//   weight_symmetric                    1: zero point 0 and a range symmetric about 0
// and the buffers weight_scale and weight_zero_point (one entry, or one per channel). Zero
// points are stored as floats holding integers.

#include "graph/graph.h"

#include <cstdint>
#include <string>
#include <utility>

namespace slim::engine::graph {

/// The integer range of `bits` bits: signed [−2^(b−1), 2^(b−1)−1] or unsigned [0, 2^b−1].
std::pair<std::int64_t, std::int64_t> quantRange(int bits, bool isSigned);

/// The bits of an integer range (the smallest b with 2^b ≥ qmax − qmin + 1).
int quantBits(std::int64_t quantMin, std::int64_t quantMax);

/// Scale and zero point that map [minValue, maxValue] (widened to include 0, per entry) onto
/// [quantMin, quantMax]; symmetric: zero point at the middle of the range and ±max|·|.
/// Scales never fall below 1e-8. Both results have the shape of `minValue`.
std::pair<at::Tensor, at::Tensor> quantParams(const at::Tensor& minValue, const at::Tensor& maxValue,
                                              std::int64_t quantMin, std::int64_t quantMax, bool symmetric);

/// y as above; `axis` indexes `x`'s dimensions, −1 for one scale. Straight-through gradient.
at::Tensor fakeQuantize(const at::Tensor& x, const at::Tensor& scale, const at::Tensor& zeroPoint, std::int64_t axis,
                        std::int64_t quantMin, std::int64_t quantMax);

/// Whether a Conv2d, ConvTranspose2d or Linear node carries weight quantization.
bool hasWeightQuantization(const Node& node);

/// Whether any node of `graph` is quantized (a FakeQuantize, or quantized weights).
bool isQuantized(const Graph& graph);

/// The bits `node`'s weight is stored at: its quantization grid's, or 32.
int weightBits(const Node& node);

/// What the parameters take stored at their bits: quantized weights at their grid's bits, every
/// other parameter (biases, BatchNorm, float layers) at 32, plus the quantizers' scales and zero
/// points. A float model's is 4 bytes per parameter.
std::int64_t parameterBytes(const Graph& graph);

/// The weight a node computes with: its "weight", fake-quantized when it carries weight
/// quantization. With `refresh` (training), the scale and zero point are first recomputed from
/// the current weight's min and max per channel (the buffers are updated in place, no gradient).
at::Tensor effectiveWeight(const Node& node, bool refresh);

/// A FakeQuantize node's forward. With `training`, its observed range moves toward the batch's
/// min and max by the "averaging" constant (0: frozen) and the scale follows, before quantizing.
at::Tensor runFakeQuantize(const Node& node, const at::Tensor& x, bool training);

/// What is wrong with a node's quantization settings for `channels` channels, or "" when
/// nothing is (shape inference reports it).
std::string quantizationProblem(const Node& node, std::int64_t channels);

} // namespace slim::engine::graph
