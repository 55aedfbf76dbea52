#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace slim::engine {

/// A model's input contract (DESIGN.md §5): how raw pixels become the tensor it was trained
/// on, x = (pixel · pixelScale − mean[c]) / std[c]. Training writes it into the model;
/// evaluation, validation, `infer --raw`, the ONNX metadata and a baked-in ONNX prologue all
/// read it from there, so every consumer applies the same thing.
struct Preprocessing {
    /// Raw pixel (0..255) to the model's value range; 1/255 gives 0..1 (every data set reader
    /// here delivers 8-bit pixels), 1 means the model takes raw pixels.
    double pixelScale = 1.0 / 255.0;
    std::vector<double> mean;  ///< per channel, in the scaled range; empty: no normalisation
    std::vector<double> std;   ///< per channel, same length as `mean`
    std::string channelOrder;  ///< "RGB", "BGR", "GRAY", or empty when unknown

    bool normalizes() const { return !mean.empty(); }
    /// Whether applying it changes anything (a scale other than 1, or a normalisation).
    bool isIdentity() const { return pixelScale == 1.0 && mean.empty(); }
    bool operator==(const Preprocessing&) const = default;
};

/// Reads the contract from a model's metadata (keys `preprocessing.pixel_scale`,
/// `normalization.mean`, `normalization.std`, `preprocessing.channel_order`). A model
/// without them takes pixels scaled to 0..1 without normalisation. Throws
/// Error(InvalidArgument) naming the key when a value does not parse or the lengths differ.
Preprocessing preprocessingFromMetadata(const std::map<std::string, std::string>& metadata);

/// Writes `preprocessing` into `metadata`, replacing what was there.
void writePreprocessingMetadata(std::map<std::string, std::string>& metadata, const Preprocessing& preprocessing);

/// The contract as ONNX `metadata_props` entries: preprocessing.pixel_scale,
/// preprocessing.mean, preprocessing.std (comma-separated), preprocessing.channel_order, and
/// "preprocessing", a sentence for people.
std::vector<std::pair<std::string, std::string>> preprocessingProperties(const Preprocessing& preprocessing);
/// Reads those entries back; nullopt when the file carries none. Throws as
/// preprocessingFromMetadata does.
std::optional<Preprocessing> preprocessingFromProperties(const std::map<std::string, std::string>& properties);

/// One line for people: "pixels × 1/255, mean [0.286], std [0.353], GRAY", or
/// "pixels as given (no scaling or normalisation)".
std::string describePreprocessing(const Preprocessing& preprocessing);

/// Applies it in place to N×C×H×W (or C×H×W) raw pixel values laid out in C order, with
/// `channels` the size of the channel axis. Throws Error(ShapeMismatch) when the contract's
/// channel count differs.
void applyPreprocessing(const Preprocessing& preprocessing, std::int64_t channels, std::int64_t pixelsPerChannel,
                        std::vector<float>& values);

} // namespace slim::engine
