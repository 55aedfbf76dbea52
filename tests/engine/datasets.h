#pragma once

#include "data/dataset.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

namespace slim::engine::test {

/// 4 classes of 1×8×8 images: the class's quadrant is bright, plus seeded noise. Learnable in
/// a few steps, so tests can train on it.
inline data::ImageDataset quadrants(std::int64_t count, std::uint64_t seed)
{
    at::Generator generator = at::detail::createCPUGenerator(seed);
    data::ImageDataset set;
    set.classes = 4;
    set.labels = at::randint(0, 4, {count}, generator, at::kLong);
    at::Tensor images = at::randint(0, 90, {count, 1, 8, 8}, generator, at::kLong);
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t label = set.labels[i].item<std::int64_t>();
        images[i].narrow(1, (label / 2) * 4, 4).narrow(2, (label % 2) * 4, 4).add_(150);
    }
    set.images = images.to(at::kByte);
    set.normalization = data::computeNormalization(set.images);
    return set;
}

} // namespace slim::engine::test
