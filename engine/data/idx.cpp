// MNIST-format IDX files (LeCun et al.): big-endian magic, dimensions, then raw bytes.
#include "data/dataset.h"

#include "core/error.h"
#include "io/atomicfile.h"

#include <ATen/ATen.h>
#include <zlib.h>

#include <array>
#include <cstring>
#include <filesystem>

namespace slim::engine::data {

namespace {

constexpr std::uint32_t kImageMagic = 0x00000803; // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelMagic = 0x00000801; // unsigned byte, 1 dimension

/// An IDX file's bytes, gunzipped when the file starts with the gzip signature.
struct IdxBytes {
    std::string bytes;
    bool cutShort = false;  ///< a gzip stream that ends before its end marker: `bytes` is what it held
};

IdxBytes readMaybeGzip(const std::string& path)
{
    std::string raw = io::readWholeFile(path);
    if (raw.size() < 2 || static_cast<unsigned char>(raw[0]) != 0x1f || static_cast<unsigned char>(raw[1]) != 0x8b)
        return {std::move(raw), false};
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw Error(ErrorCode::FileReadFailed, path + ": cannot start gzip decoding", {path, "gzip"});
    IdxBytes out;
    std::array<char, 1 << 16> chunk{};
    stream.next_in = reinterpret_cast<Bytef*>(raw.data());
    stream.avail_in = static_cast<uInt>(raw.size());
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
            inflateEnd(&stream);
            throw Error(ErrorCode::FileCorrupt, path + ": damaged gzip data", {path, "damaged gzip data"});
        }
        out.bytes.append(chunk.data(), chunk.size() - stream.avail_out);
        // No input left and no progress: the stream was cut off. Keep what it held, so the
        // header can tell how much was expected.
        if (status == Z_BUF_ERROR || (status != Z_STREAM_END && stream.avail_in == 0 && stream.avail_out != 0)) {
            out.cutShort = true;
            break;
        }
    }
    inflateEnd(&stream);
    return out;
}

std::uint32_t bigEndian32(const std::string& bytes, std::size_t offset)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[offset + i]);
    return value;
}

/// Throws Error(FileTruncated) naming `path`, the bytes `part` needs and the bytes there are.
[[noreturn]] void truncated(const std::string& path, const IdxBytes& data, const std::string& part, std::uint64_t expected)
{
    const std::string present = std::to_string(data.bytes.size());
    const std::string message =
        data.cutShort ? path + ": truncated gzip stream: the IDX " + part + " needs " + std::to_string(expected)
                            + " bytes, only " + present + " could be decompressed"
                      : path + ": truncated " + part + ": " + std::to_string(expected) + " bytes expected, " + present
                            + " present";
    throw Error(ErrorCode::FileTruncated, message, {path, std::to_string(expected), present});
}

/// Checks the header and returns the dimensions that follow the magic number.
std::vector<std::int64_t> idxDimensions(const std::string& path, const IdxBytes& data, std::uint32_t magic,
                                        std::size_t rank)
{
    const std::string& bytes = data.bytes;
    const std::size_t headerSize = 4 + 4 * rank;
    if (bytes.empty() && !data.cutShort)
        throw Error(ErrorCode::FileEmpty, path + ": the file is empty", {path});
    if (bytes.size() < 4)
        truncated(path, data, "header", headerSize);
    if (bigEndian32(bytes, 0) != magic) {
        const std::string what = "magic number " + std::to_string(bigEndian32(bytes, 0)) + ", expected " + std::to_string(magic);
        throw Error(ErrorCode::ForeignFile, path + ": not an IDX " + (rank == 3 ? "image" : "label") + " file (" + what + ")",
                    {path, what});
    }
    if (bytes.size() < headerSize)
        truncated(path, data, "header", headerSize);
    std::vector<std::int64_t> dims;
    std::uint64_t expected = headerSize;
    std::uint64_t count = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        dims.push_back(bigEndian32(bytes, 4 + 4 * i));
        if (__builtin_mul_overflow(count, static_cast<std::uint64_t>(dims.back()), &count)
            || __builtin_add_overflow(count, std::uint64_t{headerSize}, &expected)) {
            std::string shape;
            for (std::size_t k = 0; k < rank; ++k)
                shape += (k ? "×" : "") + std::to_string(bigEndian32(bytes, 4 + 4 * k));
            throw Error(ErrorCode::FileCorrupt, path + ": the header's dimensions " + shape + " are impossible",
                        {path, "impossible dimensions " + shape});
        }
    }
    if (bytes.size() < expected)
        truncated(path, data, "data", expected);
    if (bytes.size() > expected)
        throw Error(ErrorCode::FileCorrupt,
                    path + ": " + std::to_string(expected) + " bytes expected from the header's dimensions, "
                        + std::to_string(bytes.size()) + " present",
                    {path, std::to_string(expected) + " bytes expected, " + std::to_string(bytes.size()) + " present"});
    if (data.cutShort)
        throw Error(ErrorCode::FileCorrupt,
                    path + ": the gzip stream ends after the " + std::to_string(expected)
                        + " bytes of IDX data but before its end marker and checksum",
                    {path, "gzip stream without its end"});
    return dims;
}

} // namespace

ImageDataset readIdx(const std::string& imagesPath, const std::string& labelsPath, std::int64_t classes)
{
    const IdxBytes imageData = readMaybeGzip(imagesPath);
    const IdxBytes labelData = readMaybeGzip(labelsPath);
    const auto imageDims = idxDimensions(imagesPath, imageData, kImageMagic, 3);
    const auto labelDims = idxDimensions(labelsPath, labelData, kLabelMagic, 1);
    const std::string& imageBytes = imageData.bytes;
    const std::string& labelBytes = labelData.bytes;
    if (imageDims[0] != labelDims[0])
        throw Error(ErrorCode::FileCorrupt,
                    imagesPath + " has " + std::to_string(imageDims[0]) + " images but " + labelsPath + " has "
                        + std::to_string(labelDims[0]) + " labels",
                    {labelsPath, "image and label counts differ"});

    ImageDataset dataset;
    dataset.source = imagesPath;
    dataset.classes = classes;
    dataset.images = at::empty({imageDims[0], 1, imageDims[1], imageDims[2]}, at::kByte);
    std::memcpy(dataset.images.data_ptr(), imageBytes.data() + 16, static_cast<std::size_t>(dataset.images.numel()));
    at::Tensor labels = at::empty({labelDims[0]}, at::kByte);
    std::memcpy(labels.data_ptr(), labelBytes.data() + 8, static_cast<std::size_t>(labels.numel()));
    dataset.labels = labels.to(at::kLong);
    if (dataset.size() > 0) {
        const std::int64_t maxLabel = dataset.labels.max().item<std::int64_t>();
        if (maxLabel >= classes)
            throw Error(ErrorCode::FileCorrupt,
                        labelsPath + ": label " + std::to_string(maxLabel) + " is out of range for " + std::to_string(classes)
                            + " classes",
                        {labelsPath, "label " + std::to_string(maxLabel) + " out of range"});
    }
    dataset.normalization = computeNormalization(dataset.images);
    return dataset;
}

} // namespace slim::engine::data
