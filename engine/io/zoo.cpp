// The built-in model zoo. Each builder mirrors the PyTorch definition its comment names, with
// node names equal to that definition's module paths, so parameter counts, MACs and
// checkpoints line up with what students see in PyTorch.
#include "io/zoo.h"

#include "core/error.h"
#include "graph/graphbuilder.h"

#include <functional>
#include <map>

namespace slim::engine {

using graph::GraphBuilder;
using graph::OpKind;
using graph::ValueId;

namespace {

enum class Family { Cifar, ImageNet };

struct ZooEntry {
    std::string name;
    Family family;
    std::function<ValueId(GraphBuilder&, ValueId, const ZooSpec&)> build;
};

ValueId convBnAct(GraphBuilder& b, const std::string& prefix, ValueId x, std::int64_t out, std::int64_t kernel,
                  std::int64_t stride, std::int64_t groups, OpKind activation)
{
    // torchvision's Conv2dNormActivation: children 0 (conv), 1 (bn), 2 (activation).
    x = b.conv2d(prefix + ".0", x, out, kernel, stride, (kernel - 1) / 2, groups, false);
    x = b.batchNorm2d(prefix + ".1", x);
    return b.op(activation, prefix + ".2", {x});
}

/// LeNet-5 (LeCun et al., 1998) with ReLU and max pooling: 6@5×5 (padding 2, so 28×28 keeps
/// its size), pool, 16@5×5, pool, then 120, 84 and `classes` units.
ValueId lenet5(GraphBuilder& b, ValueId x, const ZooSpec& spec)
{
    x = b.relu("relu1", b.conv2d("conv1", x, 6, 5, 1, 2));
    x = b.maxPool2d("pool1", x, 2, 2);
    x = b.relu("relu2", b.conv2d("conv2", x, 16, 5));
    x = b.maxPool2d("pool2", x, 2, 2);
    x = b.flatten("flatten", x);
    x = b.relu("relu3", b.linear("fc1", x, 120));
    x = b.relu("relu4", b.linear("fc2", x, 84));
    return b.linear("fc3", x, spec.classes);
}

/// CIFAR-style VGG with BatchNorm (as in network slimming, Liu et al. 2017): 3×3 convs
/// with bias (as torchvision's vgg*_bn, and as REFERENCE.md counts them), BN, ReLU, 2×2 max pools, global average pool and one linear layer. A pool
/// that would shrink the map below 1×1 (small inputs) is left out.
ValueId vgg(GraphBuilder& b, ValueId x, const ZooSpec& spec, const std::vector<int>& config)
{
    int index = 0;
    for (const int entry : config) {
        const std::string prefix = "features." + std::to_string(index);
        if (entry == 0) {
            const auto& shape = b.shape(x);
            if (shape[1] >= 2 && shape[2] >= 2)
                x = b.maxPool2d(prefix, x, 2, 2);
            ++index;
        } else {
            x = b.conv2d(prefix, x, entry, 3, 1, 1, 1, true);
            x = b.batchNorm2d("features." + std::to_string(index + 1), x);
            x = b.relu("features." + std::to_string(index + 2), x);
            index += 3;
        }
    }
    x = b.adaptiveAvgPool2d("avgpool", x, 1);
    x = b.flatten("flatten", x);
    return b.linear("classifier", x, spec.classes);
}

constexpr int M = 0; // a max pool in a VGG configuration
const std::vector<int> kVgg11{64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M};
const std::vector<int> kVgg16{64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M};
const std::vector<int> kVgg19{64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M};

/// A ResNet basic block; the shortcut is a 1×1 conv + BN whenever the shape changes
/// ("option B" of He et al., 2016).
ValueId basicBlock(GraphBuilder& b, const std::string& prefix, ValueId x, std::int64_t planes, std::int64_t stride)
{
    const std::int64_t inPlanes = b.shape(x)[0];
    ValueId out = b.conv2d(prefix + ".conv1", x, planes, 3, stride, 1, 1, false);
    out = b.relu(prefix + ".relu1", b.batchNorm2d(prefix + ".bn1", out));
    out = b.conv2d(prefix + ".conv2", out, planes, 3, 1, 1, 1, false);
    out = b.batchNorm2d(prefix + ".bn2", out);
    ValueId shortcut = x;
    if (stride != 1 || inPlanes != planes) {
        shortcut = b.conv2d(prefix + ".downsample.0", x, planes, 1, stride, 0, 1, false);
        shortcut = b.batchNorm2d(prefix + ".downsample.1", shortcut);
    }
    return b.relu(prefix + ".relu2", b.add(prefix + ".add", out, shortcut));
}

/// CIFAR ResNet-(6n+2) (He et al., 2016, §4.2): 16-32-64 channels, n blocks per stage.
ValueId cifarResNet(GraphBuilder& b, ValueId x, const ZooSpec& spec, int blocksPerStage)
{
    x = b.relu("relu", b.batchNorm2d("bn1", b.conv2d("conv1", x, 16, 3, 1, 1, 1, false)));
    const std::int64_t planes[] = {16, 32, 64};
    for (int stage = 0; stage < 3; ++stage) {
        for (int block = 0; block < blocksPerStage; ++block) {
            const std::int64_t stride = (stage > 0 && block == 0) ? 2 : 1;
            x = basicBlock(b, "layer" + std::to_string(stage + 1) + "." + std::to_string(block), x, planes[stage], stride);
        }
    }
    x = b.flatten("flatten", b.adaptiveAvgPool2d("avgpool", x, 1));
    return b.linear("fc", x, spec.classes);
}

/// torchvision's resnet18.
ValueId resnet18(GraphBuilder& b, ValueId x, const ZooSpec& spec)
{
    x = b.relu("relu", b.batchNorm2d("bn1", b.conv2d("conv1", x, 64, 7, 2, 3, 1, false)));
    x = b.maxPool2d("maxpool", x, 3, 2, 1);
    const std::int64_t planes[] = {64, 128, 256, 512};
    for (int stage = 0; stage < 4; ++stage) {
        for (int block = 0; block < 2; ++block) {
            const std::int64_t stride = (stage > 0 && block == 0) ? 2 : 1;
            x = basicBlock(b, "layer" + std::to_string(stage + 1) + "." + std::to_string(block), x, planes[stage], stride);
        }
    }
    x = b.flatten("flatten", b.adaptiveAvgPool2d("avgpool", x, 1));
    return b.linear("fc", x, spec.classes);
}

/// torchvision's mobilenet_v2 (Sandler et al., 2018) at width 1.0.
ValueId mobilenetv2(GraphBuilder& b, ValueId x, const ZooSpec& spec)
{
    struct Stage { std::int64_t expand, channels, repeats, stride; };
    constexpr Stage kStages[] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
                                 {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    int index = 0;
    x = convBnAct(b, "features.0", x, 32, 3, 2, 1, OpKind::ReLU6);
    for (const Stage& stage : kStages) {
        for (std::int64_t repeat = 0; repeat < stage.repeats; ++repeat) {
            const std::string prefix = "features." + std::to_string(++index) + ".conv";
            const std::int64_t stride = repeat == 0 ? stage.stride : 1;
            const std::int64_t inChannels = b.shape(x)[0];
            const std::int64_t hidden = inChannels * stage.expand;
            ValueId y = x;
            int child = 0;
            if (stage.expand != 1)
                y = convBnAct(b, prefix + "." + std::to_string(child++), y, hidden, 1, 1, 1, OpKind::ReLU6);
            y = convBnAct(b, prefix + "." + std::to_string(child++), y, hidden, 3, stride, hidden, OpKind::ReLU6);
            y = b.conv2d(prefix + "." + std::to_string(child++), y, stage.channels, 1, 1, 0, 1, false);
            y = b.batchNorm2d(prefix + "." + std::to_string(child), y);
            if (stride == 1 && inChannels == stage.channels)
                y = b.add("features." + std::to_string(index) + ".add", x, y);
            x = y;
        }
    }
    x = convBnAct(b, "features." + std::to_string(++index), x, 1280, 1, 1, 1, OpKind::ReLU6);
    x = b.flatten("flatten", b.adaptiveAvgPool2d("avgpool", x, 1));
    graph::Attributes dropout;
    dropout.set("p", 0.2);
    x = b.op(OpKind::Dropout, "classifier.0", {x}, dropout);
    return b.linear("classifier.1", x, spec.classes);
}

const std::vector<ZooEntry>& zooEntries()
{
    using namespace std::placeholders;
    static const std::vector<ZooEntry> entries{
        {"lenet5", Family::Cifar, lenet5},
        {"vgg11", Family::Cifar, [](auto& b, auto x, const auto& s) { return vgg(b, x, s, kVgg11); }},
        {"vgg16", Family::Cifar, [](auto& b, auto x, const auto& s) { return vgg(b, x, s, kVgg16); }},
        {"vgg19", Family::Cifar, [](auto& b, auto x, const auto& s) { return vgg(b, x, s, kVgg19); }},
        {"resnet20", Family::Cifar, [](auto& b, auto x, const auto& s) { return cifarResNet(b, x, s, 3); }},
        {"resnet32", Family::Cifar, [](auto& b, auto x, const auto& s) { return cifarResNet(b, x, s, 5); }},
        {"resnet56", Family::Cifar, [](auto& b, auto x, const auto& s) { return cifarResNet(b, x, s, 9); }},
        {"resnet110", Family::Cifar, [](auto& b, auto x, const auto& s) { return cifarResNet(b, x, s, 18); }},
        {"resnet18", Family::ImageNet, resnet18},
        {"mobilenetv2", Family::ImageNet, mobilenetv2},
    };
    return entries;
}

const ZooEntry& findEntry(const std::string& model)
{
    for (const ZooEntry& entry : zooEntries()) {
        if (entry.name == model)
            return entry;
    }
    std::string known;
    for (const std::string& name : zooModelNames())
        known += (known.empty() ? "" : ", ") + name;
    throw Error(ErrorCode::UnknownModel, "unknown zoo model '" + model + "' (known: " + known + ")", {model, known});
}

} // namespace

const std::vector<std::string>& zooModelNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (const ZooEntry& entry : zooEntries())
            all.push_back(entry.name);
        return all;
    }();
    return names;
}

ZooSpec zooDefaults(const std::string& model)
{
    const ZooEntry& entry = findEntry(model);
    ZooSpec spec;
    spec.model = model;
    if (entry.family == Family::ImageNet) {
        spec.height = spec.width = 224;
        spec.classes = 1000;
    }
    return spec;
}

ZooSpec zooSpecFor(const std::string& model, const std::vector<std::int64_t>& inputShape, std::int64_t classes)
{
    ZooSpec spec = zooDefaults(model);
    if (!inputShape.empty()) {
        if (inputShape.size() != 3)
            throw Error(ErrorCode::InvalidArgument,
                        "a zoo model's input is C×H×W, got " + std::to_string(inputShape.size()) + " sizes",
                        {"input", std::to_string(inputShape.size()) + " sizes"});
        spec.channels = inputShape[0];
        spec.height = inputShape[1];
        spec.width = inputShape[2];
    }
    if (classes > 0)
        spec.classes = classes;
    return spec;
}

graph::Graph io::buildZooModel(const ZooSpec& spec)
{
    const ZooEntry& entry = findEntry(spec.model);
    // Bounds keep a typo (an input of 3×32000×32000) from allocating gigabytes.
    constexpr std::int64_t kMaxChannels = 64;     // input channels
    constexpr std::int64_t kMaxSide = 4096;       // pixels per side
    constexpr std::int64_t kMaxClasses = 100000;
    if (spec.channels < 1 || spec.channels > kMaxChannels)
        throw Error(ErrorCode::InvalidArgument, "input channels must be 1.." + std::to_string(kMaxChannels) + ", got "
                                                    + std::to_string(spec.channels), {"channels", std::to_string(spec.channels)});
    if (spec.height < 1 || spec.width < 1 || spec.height > kMaxSide || spec.width > kMaxSide)
        throw Error(ErrorCode::InvalidArgument, "input size must be 1.." + std::to_string(kMaxSide) + " per side, got "
                                                    + std::to_string(spec.height) + "×" + std::to_string(spec.width),
                    {"input", std::to_string(spec.height) + "×" + std::to_string(spec.width)});
    if (spec.classes < 1 || spec.classes > kMaxClasses)
        throw Error(ErrorCode::InvalidArgument, "classes must be 1.." + std::to_string(kMaxClasses) + ", got "
                                                    + std::to_string(spec.classes), {"classes", std::to_string(spec.classes)});
    GraphBuilder builder(spec.seed);
    const ValueId input = builder.input("input", {spec.channels, spec.height, spec.width});
    ValueId output;
    try {
        output = entry.build(builder, input, spec);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::ShapeMismatch)
            throw;
        throw Error(ErrorCode::InvalidArgument,
                    spec.model + " cannot take a " + std::to_string(spec.channels) + "×" + std::to_string(spec.height) + "×"
                        + std::to_string(spec.width) + " input: " + error.what(),
                    {"input", error.what()});
    }
    graph::Graph graph = builder.finish({output});
    graph.metadata()["zoo"] = spec.model;
    graph.metadata()["zoo.seed"] = std::to_string(spec.seed);
    graph.metadata()["classes"] = std::to_string(spec.classes);
    graph.metadata()["name"] = spec.model;
    return graph;
}

} // namespace slim::engine
