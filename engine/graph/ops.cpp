#include "graph/ops.h"

#include <array>

namespace slim::engine::graph {

namespace {
constexpr std::array kOps{
    OpInfo{OpKind::Conv2d, "Conv2d", 1, 1, true},
    OpInfo{OpKind::BatchNorm2d, "BatchNorm2d", 1, 1, true},
    OpInfo{OpKind::Linear, "Linear", 1, 1, true},
    OpInfo{OpKind::ReLU, "ReLU", 1, 1, false},
    OpInfo{OpKind::ReLU6, "ReLU6", 1, 1, false},
    OpInfo{OpKind::LeakyReLU, "LeakyReLU", 1, 1, false},
    OpInfo{OpKind::SiLU, "SiLU", 1, 1, false},
    OpInfo{OpKind::Sigmoid, "Sigmoid", 1, 1, false},
    OpInfo{OpKind::HardSigmoid, "HardSigmoid", 1, 1, false},
    OpInfo{OpKind::HardSwish, "HardSwish", 1, 1, false},
    OpInfo{OpKind::GELU, "GELU", 1, 1, false},
    OpInfo{OpKind::Tanh, "Tanh", 1, 1, false},
    OpInfo{OpKind::Softmax, "Softmax", 1, 1, false},
    OpInfo{OpKind::MaxPool2d, "MaxPool2d", 1, 1, false},
    OpInfo{OpKind::AvgPool2d, "AvgPool2d", 1, 1, false},
    OpInfo{OpKind::AdaptiveAvgPool2d, "AdaptiveAvgPool2d", 1, 1, false},
    OpInfo{OpKind::Flatten, "Flatten", 1, 1, false},
    OpInfo{OpKind::Reshape, "Reshape", 1, 1, false},
    OpInfo{OpKind::Add, "Add", 1, 2, false},
    OpInfo{OpKind::Mul, "Mul", 1, 2, false},
    OpInfo{OpKind::Concat, "Concat", 1, -1, false},
    OpInfo{OpKind::Dropout, "Dropout", 1, 1, false},
    OpInfo{OpKind::Identity, "Identity", 1, 1, false},
    OpInfo{OpKind::ConvTranspose2d, "ConvTranspose2d", 1, 1, true},
    OpInfo{OpKind::Slice, "Slice", 1, 1, false},
    OpInfo{OpKind::Upsample, "Upsample", 1, 1, false},
    OpInfo{OpKind::Pad, "Pad", 1, 1, false},
    OpInfo{OpKind::Mean, "Mean", 1, 1, false},
    OpInfo{OpKind::Permute, "Permute", 1, 1, false},
    OpInfo{OpKind::Sub, "Sub", 1, 2, false},
    OpInfo{OpKind::Div, "Div", 1, 2, false},
    OpInfo{OpKind::Clamp, "Clamp", 1, 1, false},
    OpInfo{OpKind::FakeQuantize, "FakeQuantize", 1, 1, false},
};

static_assert(kOps.size() == static_cast<std::size_t>(OpKind::FakeQuantize) + 1, "every OpKind needs an OpInfo");
} // namespace

const OpInfo& opInfo(OpKind kind)
{
    return kOps[static_cast<std::size_t>(kind)];
}

std::string_view opName(OpKind kind)
{
    return opInfo(kind).name;
}

std::optional<OpKind> opFromName(std::string_view name)
{
    for (const OpInfo& info : kOps) {
        if (info.name == name)
            return info.kind;
    }
    return std::nullopt;
}

const std::vector<OpKind>& allOps()
{
    static const std::vector<OpKind> ops = [] {
        std::vector<OpKind> all;
        for (const OpInfo& info : kOps)
            all.push_back(info.kind);
        return all;
    }();
    return ops;
}

} // namespace slim::engine::graph
