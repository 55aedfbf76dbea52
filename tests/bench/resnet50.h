#pragma once

// torchvision's resnet50 (bottleneck blocks, stride on the 3×3), which the zoo does not carry,
// for the benchmarks that report ResNet-50 at 224.

#include "graph/graphbuilder.h"

#include <string>

namespace slim::bench {

/// Randomly initialised as the zoo initialises (seed 0).
inline engine::graph::Graph resnet50()
{
    engine::graph::GraphBuilder b(0);
    engine::graph::ValueId x = b.input("input", {3, 224, 224});
    x = b.relu("relu", b.batchNorm2d("bn1", b.conv2d("conv1", x, 64, 7, 2, 3, 1, false)));
    x = b.maxPool2d("maxpool", x, 3, 2, 1);
    const std::int64_t planes[] = {64, 128, 256, 512};
    const int blocks[] = {3, 4, 6, 3};
    for (int stage = 0; stage < 4; ++stage) {
        for (int block = 0; block < blocks[stage]; ++block) {
            const std::string prefix = "layer" + std::to_string(stage + 1) + "." + std::to_string(block);
            const std::int64_t stride = stage > 0 && block == 0 ? 2 : 1;
            const std::int64_t width = planes[stage];
            engine::graph::ValueId y = b.relu(prefix + ".relu1", b.batchNorm2d(prefix + ".bn1", b.conv2d(prefix + ".conv1", x, width, 1, 1, 0, 1, false)));
            y = b.relu(prefix + ".relu2", b.batchNorm2d(prefix + ".bn2", b.conv2d(prefix + ".conv2", y, width, 3, stride, 1, 1, false)));
            y = b.batchNorm2d(prefix + ".bn3", b.conv2d(prefix + ".conv3", y, width * 4, 1, 1, 0, 1, false));
            engine::graph::ValueId shortcut = x;
            if (block == 0)
                shortcut = b.batchNorm2d(prefix + ".downsample.1", b.conv2d(prefix + ".downsample.0", x, width * 4, 1, stride, 0, 1, false));
            x = b.relu(prefix + ".relu3", b.add(prefix + ".add", y, shortcut));
        }
    }
    return b.finish({b.linear("fc", b.flatten("flatten", b.adaptiveAvgPool2d("avgpool", x, 1)), 1000)});
}

} // namespace slim::bench
