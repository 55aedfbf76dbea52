#pragma once

#include "graph/graph.h"

#include <string>

namespace slim::engine::io {

/// Reads an ONNX model (opsets 11–17) into a graph: Conv, ConvTranspose, BatchNormalization,
/// Gemm and MatMul with a constant weight, Add, Sub, Mul, Div (tensor or constant operands),
/// Relu, Clip (to [0, 6] or [0, ∞)), LeakyRelu, Sigmoid, HardSigmoid, HardSwish, Tanh, Softmax,
/// MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape, Transpose, Concat, Split, Slice,
/// Resize/Upsample (nearest and linear as PyTorch writes them), Pad, ReduceMean, Constant,
/// Identity, Dropout, and Shape/Gather/Unsqueeze/Concat/Cast/ConstantOfShape chains that fold to
/// constants (the batch size is tracked and may only lead a reshape). Initializers become
/// parameters. Input shapes must be static; `inputShape` (C, H, W)
/// replaces a dynamic one. Unsupported ops, dynamic shapes and damaged files throw Error
/// naming the node or the problem; `path` is used in messages.
graph::Graph importOnnx(const std::string& bytes, const std::string& path, const std::vector<std::int64_t>& inputShape = {});

/// A serialized ONNX TensorProto (the `.pb` files of ONNX's test data) as a tensor: float32
/// and int64 are read. Throws Error(FileCorrupt / Unsupported); `path` is used in messages.
at::Tensor readOnnxTensor(const std::string& bytes, const std::string& path);

/// Reads an `.onnx` file.
graph::Graph loadOnnx(const std::string& path, const std::vector<std::int64_t>& inputShape = {});

} // namespace slim::engine::io
