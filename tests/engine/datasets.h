#pragma once

#include "data/dataset.h"
#include "graph/graph.h"

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

/// Trained-looking BatchNorm: γ in [0.5, 1.5], β in [-0.5, 0.5] and running statistics drawn
/// from `mean` and `variance` ranges, so that a removed channel really carries a value (β ≠ 0)
/// and eval-mode BN is not an identity.
inline void randomizeBatchNorm(graph::Graph& graph, std::uint64_t seed, std::pair<double, double> mean = {-0.2, 0.2},
                               std::pair<double, double> variance = {0.5, 1.5})
{
    at::Generator generator = at::detail::createCPUGenerator(seed);
    at::NoGradGuard noGrad;
    for (graph::Node& node : graph.nodes()) {
        if (node.op != graph::OpKind::BatchNorm2d)
            continue;
        const std::int64_t channels = node.tensor("weight").size(0);
        node.setTensor("weight", at::empty({channels}).uniform_(0.5, 1.5, generator));
        node.setTensor("bias", at::empty({channels}).uniform_(-0.5, 0.5, generator));
        node.setTensor("running_mean", at::empty({channels}).uniform_(mean.first, mean.second, generator));
        node.setTensor("running_var", at::empty({channels}).uniform_(variance.first, variance.second, generator));
    }
}

} // namespace slim::engine::test
