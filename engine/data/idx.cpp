// MNIST-format IDX files (LeCun et al.): big-endian magic, dimensions, then raw bytes.
#include "data/dataset.h"

#include "core/error.h"
#include "io/atomicfile.h"

#include <ATen/ATen.h>
#include <zlib.h>

#include <cstring>
#include <filesystem>

namespace slim::engine::data {

namespace {

constexpr std::uint32_t kImageMagic = 0x00000803; // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelMagic = 0x00000801; // unsigned byte, 1 dimension

/// The whole file, gunzipped when it starts with the gzip signature.
std::string readMaybeGzip(const std::string& path)
{
    std::string raw = io::readWholeFile(path);
    if (raw.size() < 2 || static_cast<unsigned char>(raw[0]) != 0x1f || static_cast<unsigned char>(raw[1]) != 0x8b)
        return raw;
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw Error(ErrorCode::FileReadFailed, path + ": cannot start gzip decoding", {path, "gzip"});
    std::string out;
    std::array<char, 1 << 16> chunk{};
    stream.next_in = reinterpret_cast<Bytef*>(raw.data());
    stream.avail_in = static_cast<uInt>(raw.size());
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            inflateEnd(&stream);
            if (status == Z_BUF_ERROR)
                throw Error(ErrorCode::FileTruncated, path + ": truncated gzip stream", {path, "?", std::to_string(raw.size())});
            throw Error(ErrorCode::FileCorrupt, path + ": damaged gzip data", {path, "damaged gzip data"});
        }
        out.append(chunk.data(), chunk.size() - stream.avail_out);
        if (status != Z_STREAM_END && stream.avail_in == 0 && stream.avail_out != 0) {
            inflateEnd(&stream);
            throw Error(ErrorCode::FileTruncated, path + ": truncated gzip stream", {path, "?", std::to_string(raw.size())});
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

/// Checks the header and returns the dimensions that follow the magic number.
std::vector<std::int64_t> idxDimensions(const std::string& path, const std::string& bytes, std::uint32_t magic,
                                        std::size_t rank)
{
    const std::size_t headerSize = 4 + 4 * rank;
    if (bytes.size() < 4 || bigEndian32(bytes, 0) != magic) {
        const std::string what = bytes.size() >= 4 ? "magic number " + std::to_string(bigEndian32(bytes, 0)) + ", expected "
                                                         + std::to_string(magic)
                                                   : "too short for an IDX header";
        throw Error(ErrorCode::ForeignFile, path + ": not an IDX " + (rank == 3 ? "image" : "label") + " file (" + what + ")",
                    {path, what});
    }
    if (bytes.size() < headerSize)
        throw Error(ErrorCode::FileTruncated, path + ": truncated header",
                    {path, std::to_string(headerSize), std::to_string(bytes.size())});
    std::vector<std::int64_t> dims;
    std::int64_t count = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        dims.push_back(bigEndian32(bytes, 4 + 4 * i));
        count *= dims.back();
    }
    const auto expected = headerSize + static_cast<std::size_t>(count);
    if (bytes.size() < expected)
        throw Error(ErrorCode::FileTruncated,
                    path + ": truncated: " + std::to_string(expected) + " bytes expected, " + std::to_string(bytes.size())
                        + " present",
                    {path, std::to_string(expected), std::to_string(bytes.size())});
    return dims;
}

} // namespace

ImageDataset readIdx(const std::string& imagesPath, const std::string& labelsPath, std::int64_t classes)
{
    const std::string imageBytes = readMaybeGzip(imagesPath);
    const std::string labelBytes = readMaybeGzip(labelsPath);
    const auto imageDims = idxDimensions(imagesPath, imageBytes, kImageMagic, 3);
    const auto labelDims = idxDimensions(labelsPath, labelBytes, kLabelMagic, 1);
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
