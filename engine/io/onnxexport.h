#pragma once

#include "graph/graph.h"

#include <string>

namespace slim::engine::io {

struct OnnxExportOptions {
    int opset = 13;          ///< 11..17 (Debian's libonnx 1.12); 13 is the default, 12 for old RKNN toolkits
    std::int64_t batch = 1;  ///< the static batch dimension written on inputs and outputs
    /// Write the batch dimension as the symbol "batch" instead (runtimes that feed batches);
    /// `batch` is then the size the verification runs with. Static batch 1 suits NPUs.
    bool dynamicBatch = false;
};

/// What the export checked and measured.
struct OnnxVerification {
    bool checkerPassed = false;           ///< onnx::checker::check_model
    bool shapeInferencePassed = false;    ///< strict shape inference, and every inferred shape equals the graph's
    bool openCvRan = false;               ///< the numeric cross-check ran in OpenCV DNN
    double maxAbsDifference = -1;         ///< OpenCV's output against the engine's, on a seeded random input
    std::string openCvError;              ///< why OpenCV could not run it, if it could not
    /// Nodes OpenCV 4.6 computes differently from the ONNX standard (a fractional-scale
    /// Resize), so a difference there is OpenCV's; one line each, naming the node.
    std::vector<std::string> openCvCaveats;
};

struct OnnxExport {
    std::string bytes;                    ///< the serialized ModelProto, standard ONNX
    OnnxVerification verification;
};

/// Writes `graph` as ONNX with static shapes and checks it: the ONNX checker, strict shape
/// inference with a comparison of every value's shape, then a numeric cross-check in OpenCV
/// DNN on an in-memory copy rewritten around OpenCV 4.6's gaps (ReLU6 as Relu(x) − Relu(x − 6)).
/// A quantized graph (graph/fakequant.h) is written in QDQ form: each FakeQuantize as
/// QuantizeLinear → DequantizeLinear (uint8 for unsigned grids, int8 for signed ones, a Clip
/// before them for grids narrower than 8 bits), each quantized weight as int8 integers through
/// DequantizeLinear (per channel on its axis, which needs opset 13); OpenCV does not run it.
/// Throws Error(Unsupported) naming the node for what ONNX cannot express here (grids wider
/// than 8 bits; with a dynamic batch also a Resize to sizes that are not whole multiples of
/// its input), and
/// Error(InvalidGraph) when the checker or shape inference rejects the result.
OnnxExport exportOnnx(const graph::Graph& graph, const OnnxExportOptions& options = {});

} // namespace slim::engine::io
