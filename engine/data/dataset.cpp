#include "data/dataset.h"

#include "core/error.h"

#include <ATen/ATen.h>

#include <filesystem>

namespace slim::engine::data {

std::vector<std::int64_t> ImageDataset::sampleShape() const
{
    return {images.size(1), images.size(2), images.size(3)};
}

ImageDataset ImageDataset::subset(const at::Tensor& indices) const
{
    ImageDataset part = *this;
    part.images = images.index_select(0, indices).contiguous();
    part.labels = labels.index_select(0, indices).contiguous();
    return part;
}

Normalization computeNormalization(const at::Tensor& images)
{
    Normalization result;
    if (!images.defined() || images.numel() == 0)
        return result;
    // Per channel in double, in chunks so a large data set needs no float copy of itself.
    const std::int64_t channels = images.size(1);
    std::vector<double> sum(static_cast<std::size_t>(channels), 0.0);
    std::vector<double> squares(static_cast<std::size_t>(channels), 0.0);
    constexpr std::int64_t kChunk = 4096; // images per chunk
    for (std::int64_t start = 0; start < images.size(0); start += kChunk) {
        const at::Tensor chunk = images.slice(0, start, std::min(start + kChunk, images.size(0))).to(at::kDouble).div_(255.0);
        const at::Tensor chunkSum = chunk.sum({0, 2, 3});
        const at::Tensor chunkSquares = chunk.pow(2).sum({0, 2, 3});
        for (std::int64_t c = 0; c < channels; ++c) {
            sum[static_cast<std::size_t>(c)] += chunkSum[c].item<double>();
            squares[static_cast<std::size_t>(c)] += chunkSquares[c].item<double>();
        }
    }
    const double count = static_cast<double>(images.numel() / channels);
    for (std::int64_t c = 0; c < channels; ++c) {
        const double mean = sum[static_cast<std::size_t>(c)] / count;
        const double variance = std::max(squares[static_cast<std::size_t>(c)] / count - mean * mean, 1e-12);
        result.mean.push_back(mean);
        result.std.push_back(std::sqrt(variance));
    }
    return result;
}

ImageDataset openDataset(const std::string& path, Split split, std::uint64_t seed)
{
    namespace fs = std::filesystem;
    std::error_code code;
    if (!fs::exists(path, code))
        throw Error(ErrorCode::FileNotFound, path + ": no such folder", {path});
    const fs::path root(path);
    const std::string prefix = split == Split::Train ? "train" : "t10k";
    for (const char* suffix : {".gz", ""}) {
        const fs::path images = root / (prefix + "-images-idx3-ubyte" + suffix);
        const fs::path labels = root / (prefix + "-labels-idx1-ubyte" + suffix);
        if (fs::exists(images) && fs::exists(labels)) {
            ImageDataset dataset = readIdx(images.string(), labels.string());
            if (path.find("fashion") != std::string::npos)
                dataset.classNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
            return dataset;
        }
    }
    if (fs::exists(root / "data_batch_1.bin") || fs::exists(root / "test_batch.bin") || fs::exists(root / "train.bin")
        || fs::exists(root / "test.bin"))
        return readCifar(path, split);
    if (fs::is_directory(root)) {
        // An ImageFolder at 32×32 colour by default; recipes can ask for other sizes.
        constexpr double kValidationFraction = 0.2;
        FolderSplit folder = readImageFolder(path, 3, 32, 32, kValidationFraction, seed);
        return split == Split::Train ? folder.train : folder.validation;
    }
    throw Error(ErrorCode::ForeignFile, path + ": not a data set Slimbench reads (IDX, CIFAR binary or an ImageFolder)",
                {path, "no known data set layout"});
}

} // namespace slim::engine::data
