#pragma once

#include "core/preprocessing.h"
#include "data/dataset.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

namespace slim::engine::data {

/// What happens to a batch of bytes on its way to the model, in this order: resize, random
/// crop after zero padding, random horizontal flip, scale to 0..1, normalise.
struct TransformSpec {
    std::int64_t resizeHeight = 0;   ///< 0 keeps the size
    std::int64_t resizeWidth = 0;
    std::int64_t cropPadding = 0;    ///< pixels of zero padding before a random crop back to size; 0 = off
    bool horizontalFlip = false;     ///< flip each sample with probability ½
    double pixelScale = 1.0 / 255.0; ///< raw byte to value; 1/255 gives 0..1
    bool normalize = true;
    Normalization normalization;     ///< per-channel mean/std; empty = the data set's own
};

/// Makes `spec` apply `contract` (scale and normalisation) and nothing else of its own.
void applyContract(TransformSpec& spec, const Preprocessing& contract);

/// Turns N×C×H×W uint8 into float, applying `spec`. Random choices come from `generator`;
/// pass an undefined generator for evaluation, which skips the random steps.
at::Tensor applyTransforms(const at::Tensor& bytes, const TransformSpec& spec, at::Generator generator);

} // namespace slim::engine::data
