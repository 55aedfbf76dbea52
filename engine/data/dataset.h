#pragma once

#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::data {

/// Per-channel normalisation, (x / 255 − mean) / std, remembered with the data set so the
/// same numbers reach training, evaluation and export.
struct Normalization {
    std::vector<double> mean;  ///< one per channel, in 0..1 pixel units
    std::vector<double> std;
};

/// An image data set held in memory as bytes: N×C×H×W uint8 images and N int64 labels.
/// Readers check everything they read and throw Error naming the file and the problem.
struct ImageDataset {
    at::Tensor images;
    at::Tensor labels;
    std::int64_t classes = 0;
    std::vector<std::string> classNames;  ///< empty where the format has none
    std::string source;                   ///< where it was read from, for messages
    std::int64_t skippedFiles = 0;        ///< unreadable images left out (ImageFolder)
    Normalization normalization;          ///< statistics to normalise with

    std::int64_t size() const { return images.defined() ? images.size(0) : 0; }
    std::vector<std::int64_t> sampleShape() const; ///< C, H, W
    /// The samples at `indices` (a view-free copy), keeping classes and normalisation.
    ImageDataset subset(const at::Tensor& indices) const;
};

/// Mean and standard deviation per channel over all images, in 0..1 units.
Normalization computeNormalization(const at::Tensor& images);

enum class Split { Train, Test };

/// Reads MNIST-format IDX files (`.gz` or raw): an idx3 image file and an idx1 label file.
ImageDataset readIdx(const std::string& imagesPath, const std::string& labelsPath, std::int64_t classes = 10);

/// Reads the CIFAR-10 (`data_batch_1..5.bin`, `test_batch.bin`) or CIFAR-100 (`train.bin`,
/// `test.bin`, fine labels) binary batches from `folder`.
ImageDataset readCifar(const std::string& folder, Split split);

/// Result of reading an ImageFolder: the training and validation parts.
struct FolderSplit {
    ImageDataset train;
    ImageDataset validation;
};

/// Reads `root/<class>/<image>` (jpg, png, bmp; grey or colour) with OpenCV, resized to
/// `height`×`width` with `channels` 1 or 3, and splits it per class into training and
/// validation by a seeded shuffle. Unreadable images are skipped and counted.
FolderSplit readImageFolder(const std::string& root, std::int64_t channels, std::int64_t height, std::int64_t width,
                            double validationFraction, std::uint64_t seed);

/// Opens a data set by path: a folder with IDX files (`train-images-idx3-ubyte[.gz]`, ...),
/// a folder with CIFAR batches, or an ImageFolder (its validation part for Split::Test).
/// `/usr/share/datasets/fashion-mnist` is the embedded default.
ImageDataset openDataset(const std::string& path, Split split, std::uint64_t seed = 0);

/// Debian's Fashion-MNIST (package dataset-fashion-mnist).
constexpr const char* kFashionMnistPath = "/usr/share/datasets/fashion-mnist";

} // namespace slim::engine::data
