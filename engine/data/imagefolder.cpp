// ImageFolder: one sub-folder per class, images decoded with OpenCV.
#include "data/dataset.h"

#include "core/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace slim::engine::data {

namespace {
bool isImage(const std::filesystem::path& path)
{
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    return extension == ".jpg" || extension == ".jpeg" || extension == ".png" || extension == ".bmp";
}

ImageDataset fromSamples(const std::string& root, const std::vector<std::string>& classNames,
                         const std::vector<cv::Mat>& images, const std::vector<std::int64_t>& labels,
                         const std::vector<std::int64_t>& pick, std::int64_t channels, std::int64_t height, std::int64_t width)
{
    ImageDataset dataset;
    dataset.source = root;
    dataset.classNames = classNames;
    dataset.classes = static_cast<std::int64_t>(classNames.size());
    const auto count = static_cast<std::int64_t>(pick.size());
    dataset.images = at::empty({count, channels, height, width}, at::kByte);
    std::vector<std::int64_t> picked;
    auto* out = dataset.images.data_ptr<std::uint8_t>();
    for (std::int64_t i = 0; i < count; ++i) {
        const cv::Mat& image = images[static_cast<std::size_t>(pick[static_cast<std::size_t>(i)])];
        std::vector<cv::Mat> planes;
        cv::split(image, planes);
        for (std::int64_t c = 0; c < channels; ++c)
            std::memcpy(out + (i * channels + c) * height * width, planes[static_cast<std::size_t>(c)].data,
                        static_cast<std::size_t>(height * width));
        picked.push_back(labels[static_cast<std::size_t>(pick[static_cast<std::size_t>(i)])]);
    }
    dataset.labels = at::tensor(picked, at::kLong);
    return dataset;
}
} // namespace

FolderSplit readImageFolder(const std::string& root, std::int64_t channels, std::int64_t height, std::int64_t width,
                            double validationFraction, std::uint64_t seed)
{
    namespace fs = std::filesystem;
    if (channels != 1 && channels != 3)
        throw Error(ErrorCode::InvalidArgument, "ImageFolder channels must be 1 or 3, got " + std::to_string(channels),
                    {"channels", std::to_string(channels)});
    if (validationFraction < 0 || validationFraction >= 1)
        throw Error(ErrorCode::InvalidArgument, "validation fraction must be in [0, 1)", {"validation", std::to_string(validationFraction)});
    std::error_code code;
    if (!fs::is_directory(root, code))
        throw Error(ErrorCode::FileNotFound, root + ": no such folder", {root});

    std::vector<std::string> classNames;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (entry.is_directory())
            classNames.push_back(entry.path().filename().string());
    }
    std::sort(classNames.begin(), classNames.end());
    if (classNames.size() < 2)
        throw Error(ErrorCode::InvalidArgument, root + ": an ImageFolder needs at least two class sub-folders, found "
                                                    + std::to_string(classNames.size()), {root, "fewer than two classes"});

    std::vector<cv::Mat> images;
    std::vector<std::int64_t> labels;
    std::int64_t skipped = 0;
    for (std::size_t label = 0; label < classNames.size(); ++label) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(fs::path(root) / classNames[label])) {
            if (entry.is_regular_file() && isImage(entry.path()))
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end()); // directory order differs between machines
        for (const fs::path& file : files) {
            cv::Mat image = cv::imread(file.string(), channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
            if (image.empty()) {
                ++skipped;
                continue;
            }
            if (channels == 3)
                cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
            if (image.rows != height || image.cols != width)
                cv::resize(image, image, cv::Size(static_cast<int>(width), static_cast<int>(height)), 0, 0, cv::INTER_AREA);
            images.push_back(image.isContinuous() ? image : image.clone());
            labels.push_back(static_cast<std::int64_t>(label));
        }
    }
    if (images.empty())
        throw Error(ErrorCode::InvalidArgument, root + ": no readable images (" + std::to_string(skipped) + " skipped)",
                    {root, "no readable images"});

    // Split each class separately so the validation part keeps the class balance.
    at::Generator generator = at::detail::createCPUGenerator(seed);
    std::vector<std::int64_t> trainPick;
    std::vector<std::int64_t> validationPick;
    for (std::size_t label = 0; label < classNames.size(); ++label) {
        std::vector<std::int64_t> members;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (labels[i] == static_cast<std::int64_t>(label))
                members.push_back(static_cast<std::int64_t>(i));
        }
        const at::Tensor order = at::randperm(static_cast<std::int64_t>(members.size()), generator, at::kLong);
        const auto validationCount = static_cast<std::int64_t>(validationFraction * static_cast<double>(members.size()) + 0.5);
        for (std::int64_t k = 0; k < order.size(0); ++k) {
            const std::int64_t member = members[static_cast<std::size_t>(order[k].item<std::int64_t>())];
            (k < validationCount ? validationPick : trainPick).push_back(member);
        }
    }
    FolderSplit split{fromSamples(root, classNames, images, labels, trainPick, channels, height, width),
                      fromSamples(root, classNames, images, labels, validationPick, channels, height, width)};
    split.train.skippedFiles = split.validation.skippedFiles = skipped;
    split.train.normalization = computeNormalization(split.train.images);
    split.validation.normalization = split.train.normalization; // statistics come from training data only
    return split;
}

} // namespace slim::engine::data
