#include "core/preprocessing.h"

#include "core/error.h"

#include <cmath>
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <sstream>

namespace slim::engine {

namespace {

constexpr char kPixelScaleKey[] = "preprocessing.pixel_scale";
constexpr char kMeanKey[] = "normalization.mean";  // the names the first checkpoints used
constexpr char kStdKey[] = "normalization.std";
constexpr char kChannelOrderKey[] = "preprocessing.channel_order";

/// Numbers in files never follow the user's locale (a German one writes "0,286").
std::string formatNumber(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 9);
    return std::string(buffer, result.ptr);
}

std::string joined(const std::vector<double>& values, const char* separator)
{
    std::string text;
    for (const double value : values)
        text += (text.empty() ? "" : separator) + formatNumber(value);
    return text;
}

/// The pixel scale as written: "1/255" for the usual 0..1 range (exact, unlike any decimal).
std::string formatScale(double scale)
{
    return std::abs(scale * 255.0 - 1.0) < 1e-12 ? std::string("1/255") : formatNumber(scale);
}

double parseNumber(const std::string& key, const std::string& text)
{
    if (const auto slash = text.find('/'); slash != std::string::npos) {
        const double ratio = parseNumber(key, text.substr(0, slash)) / parseNumber(key, text.substr(slash + 1));
        if (!std::isfinite(ratio))
            throw Error(ErrorCode::InvalidArgument, "model metadata '" + key + "': '" + text + "' is not a number",
                        {key, "'" + text + "' is not a number"});
        return ratio;
    }
    std::size_t start = 0;
    while (start < text.size() && text[start] == ' ')
        ++start;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data() + start, text.data() + text.size(), value);
    std::size_t used = error == std::errc() ? static_cast<std::size_t>(end - text.data()) : 0;
    while (used > 0 && used < text.size() && text[used] == ' ')
        ++used;
    if (used == 0 || used != text.size() || !std::isfinite(value))
        throw Error(ErrorCode::InvalidArgument, "model metadata '" + key + "': '" + text + "' is not a number",
                    {key, "'" + text + "' is not a number"});
    return value;
}

std::vector<double> parseList(const std::map<std::string, std::string>& metadata, const std::string& key)
{
    std::vector<double> values;
    const auto it = metadata.find(key);
    if (it == metadata.end() || it->second.empty())
        return values;
    std::stringstream stream(it->second);
    for (std::string part; std::getline(stream, part, ',');)
        values.push_back(parseNumber(key, part));
    return values;
}


/// The contract under the given key names (checkpoint metadata and ONNX metadata_props name
/// mean and std differently).
struct Keys {
    const char* pixelScale;
    const char* mean;
    const char* std;
    const char* channelOrder;
};
constexpr Keys kMetadataKeys{kPixelScaleKey, kMeanKey, kStdKey, kChannelOrderKey};
constexpr Keys kPropertyKeys{kPixelScaleKey, "preprocessing.mean", "preprocessing.std", kChannelOrderKey};

Preprocessing parseContract(const std::map<std::string, std::string>& entries, const Keys& keys)
{
    Preprocessing preprocessing;
    if (const auto it = entries.find(keys.pixelScale); it != entries.end())
        preprocessing.pixelScale = parseNumber(keys.pixelScale, it->second);
    if (preprocessing.pixelScale <= 0)
        throw Error(ErrorCode::InvalidArgument, std::string("model metadata '") + keys.pixelScale + "' must be positive",
                    {keys.pixelScale, "must be positive"});
    preprocessing.mean = parseList(entries, keys.mean);
    preprocessing.std = parseList(entries, keys.std);
    if (preprocessing.mean.size() != preprocessing.std.size())
        throw Error(ErrorCode::InvalidArgument,
                    "model metadata: normalisation has " + std::to_string(preprocessing.mean.size()) + " means but "
                        + std::to_string(preprocessing.std.size()) + " standard deviations",
                    {keys.std, "length differs from the mean's"});
    for (const double deviation : preprocessing.std) {
        if (deviation <= 0)
            throw Error(ErrorCode::InvalidArgument, std::string("model metadata '") + keys.std + "' must be positive",
                        {keys.std, "must be positive"});
    }
    if (const auto it = entries.find(keys.channelOrder); it != entries.end())
        preprocessing.channelOrder = it->second;
    return preprocessing;
}

} // namespace

Preprocessing preprocessingFromMetadata(const std::map<std::string, std::string>& metadata)
{
    return parseContract(metadata, kMetadataKeys);
}

std::vector<std::pair<std::string, std::string>> preprocessingProperties(const Preprocessing& preprocessing)
{
    std::vector<std::pair<std::string, std::string>> properties{
        {kPropertyKeys.pixelScale, formatScale(preprocessing.pixelScale)},
        {kPropertyKeys.mean, joined(preprocessing.mean, ",")},
        {kPropertyKeys.std, joined(preprocessing.std, ",")},
        {kPropertyKeys.channelOrder, preprocessing.channelOrder},
        {"preprocessing", "x = (pixel * pixel_scale - mean[c]) / std[c]: " + describePreprocessing(preprocessing)},
    };
    return properties;
}

std::optional<Preprocessing> preprocessingFromProperties(const std::map<std::string, std::string>& properties)
{
    if (!properties.count(kPropertyKeys.pixelScale))
        return std::nullopt;
    return parseContract(properties, kPropertyKeys);
}

void writePreprocessingMetadata(std::map<std::string, std::string>& metadata, const Preprocessing& preprocessing)
{
    metadata[kPixelScaleKey] = formatScale(preprocessing.pixelScale);
    if (preprocessing.normalizes()) {
        metadata[kMeanKey] = joined(preprocessing.mean, ",");
        metadata[kStdKey] = joined(preprocessing.std, ",");
    } else {
        metadata.erase(kMeanKey);
        metadata.erase(kStdKey);
    }
    if (preprocessing.channelOrder.empty())
        metadata.erase(kChannelOrderKey);
    else
        metadata[kChannelOrderKey] = preprocessing.channelOrder;
}

std::string describePreprocessing(const Preprocessing& preprocessing)
{
    if (preprocessing.isIdentity())
        return "pixels as given (no scaling or normalisation)"
               + (preprocessing.channelOrder.empty() ? std::string() : ", " + preprocessing.channelOrder);
    std::string text = "pixels × " + formatScale(preprocessing.pixelScale);
    if (preprocessing.normalizes())
        text += ", mean [" + joined(preprocessing.mean, ", ") + "], std [" + joined(preprocessing.std, ", ") + "]";
    else
        text += ", no normalisation";
    if (!preprocessing.channelOrder.empty())
        text += ", " + preprocessing.channelOrder;
    return text;
}

void applyPreprocessing(const Preprocessing& preprocessing, std::int64_t channels, std::int64_t pixelsPerChannel,
                        std::vector<float>& values)
{
    if (preprocessing.normalizes() && static_cast<std::int64_t>(preprocessing.mean.size()) != channels)
        throw Error(ErrorCode::ShapeMismatch,
                    "the model's normalisation has " + std::to_string(preprocessing.mean.size())
                        + " channels but the input has " + std::to_string(channels),
                    {"input", "channel count"});
    if (channels < 1 || pixelsPerChannel < 1)
        throw Error(ErrorCode::ShapeMismatch, "the input has no pixels to preprocess", {"input", "empty"});
    const std::int64_t plane = pixelsPerChannel;
    const auto total = static_cast<std::int64_t>(values.size());
    for (std::int64_t start = 0, index = 0; start < total; start += plane, ++index) {
        const std::size_t channel = static_cast<std::size_t>(index % channels);
        const double mean = preprocessing.normalizes() ? preprocessing.mean[channel] : 0.0;
        const double deviation = preprocessing.normalizes() ? preprocessing.std[channel] : 1.0;
        for (std::int64_t i = start; i < std::min(start + plane, total); ++i) {
            float& value = values[static_cast<std::size_t>(i)];
            value = static_cast<float>((value * preprocessing.pixelScale - mean) / deviation);
        }
    }
}

} // namespace slim::engine
