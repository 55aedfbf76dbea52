#pragma once

// Post-training quantization as one job, in plain data for the CLI and the app: the
// quantized model, its calibration, the per-layer error, the size at its bits and, given a
// data set, top-1 of the float and the quantized model.

#include "core/job.h"
#include "model.h"
#include "quant/quantize.h"

#include <cstdint>
#include <string>

namespace slim::engine {

struct QuantizeRequest {
    quant::QuantSettings settings;
    std::string calibration;              ///< a data set whose training images calibrate the ranges
    std::int64_t calibrationBatches = 8;
    std::int64_t batchSize = 64;          ///< calibration batch size
    std::string dataset;                  ///< top-1 on its test split; empty: not measured
    std::int64_t evalBatchSize = 256;
    std::uint64_t seed = 0;               ///< the order of the calibration images
};

struct QuantizeResult {
    Model model;                          ///< the quantized model
    quant::PrepareReport prepared;
    quant::QuantReport report;            ///< per-layer SQNR (activations on the first calibration batch) and size
    std::int64_t calibrationBatches = 0;
    double calibrationMs = 0;
    double top1Float = -1;                ///< negative when not measured
    double top1Quantized = -1;
    std::int64_t evaluationSamples = 0;
};

/// Quantizes `model` as `request` says (quant::prepareQuantization(), then calibrate()).
/// Validates before any work: bad settings, a missing calibration set, a data set whose
/// images or classes do not fit, batches < 1 each throw Error naming it. `model` is never
/// changed. Reports progress; cancel throws JobCancelled. Any thread.
QuantizeResult runQuantizeJob(const Model& model, const QuantizeRequest& request, const JobContext& context = {});

} // namespace slim::engine
