#pragma once

// The RKNN bundle for Rockchip NPUs: the float ONNX, calibration images, a conversion script
// for rknn-toolkit2 and a README, and running that script with a Python that has the toolkit.
// rknn-toolkit2 is Rockchip's Python package (its own virtual environment); Slimbench never
// imports it, it writes what the toolkit reads and runs the script as a child process.

#include "core/job.h"
#include "model.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace slim::engine {

/// The platforms rknn-toolkit2 2.x converts for.
const std::vector<std::string>& rknnTargets();

struct RknnBundleOptions {
    std::string target = "rk3588";        ///< one of rknnTargets()
    int opset = 12;                       ///< 12 by default: older toolkits want it; 13 on request
    bool quantize = true;                 ///< RKNN's own post-training quantization from dataset.txt
    std::string quantizedDtype = "w8a8";  ///< w8a8, w8a16, w16a16i
    std::string algorithm = "normal";     ///< normal, mmse, kl_divergence
    std::string method = "channel";       ///< channel, layer
    /// The data set the calibration images come from (its training split); required to quantize.
    std::string calibrationDataset;
    std::int64_t calibrationCount = 100;  ///< images written for dataset.txt, spread over the split
    bool analysis = true;                 ///< run accuracy_analysis on the first calibration image
};

struct RknnBundle {
    std::string folder;
    std::vector<std::string> files;       ///< what was written, relative to `folder`
    ExportReport onnx;                    ///< the verified float ONNX
    std::int64_t calibrationImages = 0;
    std::vector<double> meanValues;       ///< RKNN's mean_values, in pixel units (0..255)
    std::vector<double> stdValues;        ///< RKNN's std_values, in pixel units
    /// Advice: widths the target computes less well, and the like. One line each.
    std::vector<std::string> warnings;
};

/// Writes the bundle into `folder` (created; files in it of the same names are replaced):
/// `model.onnx` (float, static shapes, BatchNorm folded, verified as every export is),
/// `images/calib_NNNN.png` with `dataset.txt` listing their absolute paths (raw 8-bit pixels,
/// grey or RGB as the model takes them: RKNN normalises them itself; the script lists them anew
/// when it runs, so the folder may move), `convert_rknn.py` (config with the model's
/// normalisation in pixel units, so it is applied exactly once, and RGB-to-BGR for BGR models) and
/// `README.md` (English and Chinese). Widths that are not multiples of 16 (8 for 16-bit
/// types) come back as warnings naming the layers. Throws Error(InvalidArgument) naming the
/// setting for an unknown target, dtype, algorithm or method, quantization without a data
/// set, or calibration images whose size differs from the model's input; the errors of
/// exportModelToOnnx(); JobCancelled when `context` cancels.
RknnBundle writeRknnBundle(const Model& model, const std::string& folder, const RknnBundleOptions& options,
                           const JobContext& context = {});

/// Whether `python` can import rknn.api: "" when it can, else a message saying what is wrong
/// (no such program, or a Python without rknn-toolkit2, with its own words).
std::string checkRknnPython(const std::string& python);

/// One layer of the toolkit's error_analysis.txt: the quantized simulator against the float
/// run, accumulated up to the layer (entire) and for the layer alone (single).
struct RknnLayerError {
    std::string op;    ///< the bracketed type, "Conv"
    std::string name;
    double entireCosine = 0;
    double entireEuclidean = 0;
    double singleCosine = 0;
    double singleEuclidean = 0;
};

/// Reads error_analysis.txt as rknn-toolkit2 writes it: comment and header lines, then one
/// line per layer, `[OpType] name  cos | euc  cos | euc`. Throws Error(InvalidArgument)
/// naming the file and line for a layer line it cannot read, or when it holds no layer.
std::vector<RknnLayerError> readRknnErrorAnalysis(const std::string& path);

struct RknnConversion {
    std::string rknnPath;                    ///< the .rknn written
    std::vector<RknnLayerError> layers;      ///< from snapshot/error_analysis.txt; empty without analysis
    std::string log;                         ///< everything the script printed
    std::string analysisProblem;             ///< why the analysis could not be read, if it could not
};

/// Runs `folder`/convert_rknn.py with `python` as a child process, handing each line it prints
/// to `logLine` (any thread: the caller's), and reads the analysis it wrote. Cancel stops the
/// process and its children (JobCancelled). A model.rknn and analysis from an earlier run are
/// removed first; the script writes model.rknn only whole. Throws Error(InvalidArgument) when
/// `python` cannot be run or lacks the toolkit, and Error(Unsupported) with the failed step, or
/// the toolkit's last words, when a step fails.
RknnConversion convertRknnBundle(const std::string& folder, const std::string& python, const JobContext& context = {},
                                 const std::function<void(const std::string&)>& logLine = {});

} // namespace slim::engine
