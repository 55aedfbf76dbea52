#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine {

/// Which zoo model to build, for which input and number of classes.
struct ZooSpec {
    std::string model;             ///< a name from zooModelNames()
    std::int64_t channels = 3;
    std::int64_t height = 32;
    std::int64_t width = 32;
    std::int64_t classes = 10;
    std::uint64_t seed = 0;        ///< initialisation seed
};

/// The zoo's model names, in the order the UI lists them.
const std::vector<std::string>& zooModelNames();

/// `model` with its usual input and classes: CIFAR-style nets 3×32×32 and 10 classes,
/// ImageNet-style nets (resnet18, mobilenetv2) 3×224×224 and 1000 classes.
/// Throws Error(UnknownModel) for a name not in the zoo.
ZooSpec zooDefaults(const std::string& model);

/// The zoo model `model` shaped for inputs of `inputShape` (C, H, W) and for `classes`
/// classes, such as a data set's: the one answer the CLI and the GUI give to which model a zoo
/// name means at which size. An empty `inputShape`, or `classes` below 1, keeps the
/// zooDefaults() value. Throws Error(UnknownModel) for a name not in the zoo and
/// Error(InvalidArgument) for a shape that is not C, H, W; buildZooModel() checks the sizes.
ZooSpec zooSpecFor(const std::string& model, const std::vector<std::int64_t>& inputShape, std::int64_t classes);

} // namespace slim::engine
