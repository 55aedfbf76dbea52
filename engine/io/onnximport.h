#pragma once

#include "graph/graph.h"

#include <string>

namespace slim::engine::io {

/// Reads an ONNX model (opsets 11–17) into a graph: Conv, BatchNormalization, Gemm, MatMul
/// with a constant weight, Relu, Clip (ReLU6 and plain clamps to [0, 6]), LeakyRelu, Sigmoid,
/// HardSigmoid, HardSwish, Tanh, Softmax, MaxPool, AveragePool, GlobalAveragePool, Flatten,
/// Reshape with a constant shape, Add, Mul, Concat, Identity, Dropout and Constant.
/// Initializers become parameters. Input shapes must be static; `inputShape` (C, H, W)
/// replaces a dynamic one. Unsupported ops, dynamic shapes and damaged files throw Error
/// naming the node or the problem; `path` is used in messages.
graph::Graph importOnnx(const std::string& bytes, const std::string& path, const std::vector<std::int64_t>& inputShape = {});

/// Reads an `.onnx` file.
graph::Graph loadOnnx(const std::string& path, const std::vector<std::int64_t>& inputShape = {});

} // namespace slim::engine::io
