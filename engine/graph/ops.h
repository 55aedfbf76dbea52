#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slim::engine::graph {

/// The operations of the IR. Attribute names and axis conventions follow PyTorch
/// (axes count the batch dimension, as in `torch.cat(xs, dim=1)`), while shapes stored on
/// values are per sample (see Value).
enum class OpKind {
    Conv2d,            ///< params weight [O, I/groups, kH, kW], bias? [O]; attrs stride, padding, dilation, groups
    BatchNorm2d,       ///< params weight, bias [C]; buffers running_mean, running_var, num_batches_tracked; attrs eps, momentum
    Linear,            ///< params weight [out, in], bias? [out]
    ReLU,
    ReLU6,
    LeakyReLU,         ///< attrs negative_slope
    SiLU,
    Sigmoid,
    HardSigmoid,
    HardSwish,
    GELU,
    Tanh,
    Softmax,           ///< attrs dim
    MaxPool2d,         ///< attrs kernel_size, stride, padding, dilation, ceil_mode
    AvgPool2d,         ///< attrs kernel_size, stride, padding, ceil_mode, count_include_pad
    AdaptiveAvgPool2d, ///< attrs output_size
    Flatten,           ///< attrs start_dim, end_dim
    Reshape,           ///< attrs shape (per sample; one entry may be -1)
    Add,               ///< two inputs, or one input and a constant buffer "operand" (attr reverse: operand op x)
    Mul,               ///< as Add
    Concat,            ///< attrs dim
    Dropout,           ///< attrs p
    Identity,
    ConvTranspose2d,   ///< params weight [I, O/groups, kH, kW], bias? [O]; attrs stride, padding, output_padding, dilation, groups
    Slice,             ///< attrs dim, start, end, step (Python slicing on one axis; splits and chunks become slices)
    Upsample,          ///< attrs mode ("nearest" | "bilinear"), size [H, W], align_corners, and the scale
                       ///< factors scale_h, scale_w when the model gave them (they set the sampling grid)
    Pad,               ///< attrs pads [left, right, top, bottom], mode ("constant" | "reflect" | "replicate"), value
    Mean,              ///< attrs dims, keepdim
    Permute,           ///< attrs dims (a permutation of all axes that keeps the batch axis first)
    Sub,               ///< as Add
    Div,               ///< as Add
    Clamp,             ///< attrs min, max (hardtanh, ONNX Clip; ReLU6 keeps its own op)
    FakeQuantize,      ///< simulated integer quantization of an activation (graph/fakequant.h):
                       ///< attrs quant_min, quant_max, axis (-1: per tensor), symmetric, averaging;
                       ///< buffers scale, zero_point, min_val, max_val
};

/// The fixed facts about one op kind.
struct OpInfo {
    OpKind kind;
    std::string_view name;   ///< stable name, used in files and UI ("Conv2d")
    int minInputs;
    int maxInputs;           ///< -1: any number
    bool hasWeights;         ///< carries learnable parameters
};

const OpInfo& opInfo(OpKind kind);
std::string_view opName(OpKind kind);
std::optional<OpKind> opFromName(std::string_view name);
/// Every op kind, in declaration order.
const std::vector<OpKind>& allOps();

} // namespace slim::engine::graph
