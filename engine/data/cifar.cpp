// CIFAR-10 / CIFAR-100 binary batches (Krizhevsky, 2009): each record is its label byte(s)
// followed by 3072 bytes, the red, green and blue 32×32 planes.
#include "data/dataset.h"

#include "core/error.h"
#include "io/atomicfile.h"

#include <ATen/ATen.h>

#include <cstring>
#include <filesystem>

namespace slim::engine::data {

namespace {
constexpr std::int64_t kPixels = 3 * 32 * 32;

void appendBatch(const std::string& path, std::int64_t labelBytes, std::int64_t classes, std::vector<std::uint8_t>& pixels,
                 std::vector<std::int64_t>& labels)
{
    const std::string bytes = io::readWholeFile(path);
    const std::int64_t record = labelBytes + kPixels;
    if (bytes.empty() || static_cast<std::int64_t>(bytes.size()) % record != 0)
        throw Error(ErrorCode::FileTruncated,
                    path + ": " + std::to_string(bytes.size()) + " bytes is not a whole number of " + std::to_string(record)
                        + "-byte CIFAR records",
                    {path, std::to_string((static_cast<std::int64_t>(bytes.size()) / record + 1) * record),
                     std::to_string(bytes.size())});
    const std::int64_t count = static_cast<std::int64_t>(bytes.size()) / record;
    for (std::int64_t i = 0; i < count; ++i) {
        const char* entry = bytes.data() + i * record;
        // CIFAR-100 stores the coarse label first and the fine one second; we train on fine.
        const std::int64_t label = static_cast<unsigned char>(entry[labelBytes - 1]);
        if (label >= classes)
            throw Error(ErrorCode::FileCorrupt,
                        path + ": record " + std::to_string(i) + " has label " + std::to_string(label) + ", out of range for "
                            + std::to_string(classes) + " classes",
                        {path, "label " + std::to_string(label) + " out of range"});
        labels.push_back(label);
        pixels.insert(pixels.end(), entry + labelBytes, entry + record);
    }
}
} // namespace

ImageDataset readCifar(const std::string& folder, Split split)
{
    namespace fs = std::filesystem;
    const fs::path root(folder);
    std::vector<std::string> files;
    std::int64_t labelBytes = 1;
    std::int64_t classes = 10;
    if (fs::exists(root / "data_batch_1.bin") || fs::exists(root / "test_batch.bin")) {
        if (split == Split::Train) {
            for (int i = 1; i <= 5; ++i)
                files.push_back((root / ("data_batch_" + std::to_string(i) + ".bin")).string());
        } else {
            files.push_back((root / "test_batch.bin").string());
        }
    } else if (fs::exists(root / "train.bin") || fs::exists(root / "test.bin")) {
        labelBytes = 2;
        classes = 100;
        files.push_back((root / (split == Split::Train ? "train.bin" : "test.bin")).string());
    } else {
        throw Error(ErrorCode::FileNotFound, folder + ": no CIFAR batches (data_batch_1.bin or train.bin) here", {folder});
    }
    std::vector<std::uint8_t> pixels;
    std::vector<std::int64_t> labels;
    for (const std::string& file : files)
        appendBatch(file, labelBytes, classes, pixels, labels);

    ImageDataset dataset;
    dataset.source = folder;
    dataset.classes = classes;
    const auto count = static_cast<std::int64_t>(labels.size());
    dataset.images = at::empty({count, 3, 32, 32}, at::kByte);
    std::memcpy(dataset.images.data_ptr(), pixels.data(), pixels.size());
    dataset.labels = at::tensor(labels, at::kLong);
    if (classes == 10)
        dataset.classNames = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
    dataset.normalization = computeNormalization(dataset.images);
    return dataset;
}

} // namespace slim::engine::data
