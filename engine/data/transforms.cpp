#include "data/transforms.h"

#include "core/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace slim::engine::data {

at::Tensor applyTransforms(const at::Tensor& bytes, const TransformSpec& spec, at::Generator generator)
{
    at::Tensor batch = bytes.to(at::kFloat);
    // Dividing by 255 (not multiplying by its float reciprocal) keeps 0..1 inputs exactly as
    // the models here were trained on.
    if (std::abs(spec.pixelScale * 255.0 - 1.0) < 1e-12)
        batch.div_(255.0);
    else if (spec.pixelScale != 1.0)
        batch.mul_(spec.pixelScale);
    if (spec.resizeHeight > 0 && spec.resizeWidth > 0
        && (batch.size(2) != spec.resizeHeight || batch.size(3) != spec.resizeWidth))
        batch = at::upsample_bilinear2d(batch, {spec.resizeHeight, spec.resizeWidth}, false);

    const bool augment = generator.defined();
    const std::int64_t count = batch.size(0);
    if (augment && spec.cropPadding > 0) {
        const std::int64_t pad = spec.cropPadding;
        const std::int64_t height = batch.size(2);
        const std::int64_t width = batch.size(3);
        const at::Tensor padded = at::constant_pad_nd(batch, {pad, pad, pad, pad}, 0.0);
        const at::Tensor offsets = at::randint(0, 2 * pad + 1, {count, 2}, generator, at::kLong);
        const auto* offset = offsets.data_ptr<std::int64_t>();
        at::Tensor cropped = at::empty_like(batch);
        for (std::int64_t i = 0; i < count; ++i)
            cropped[i].copy_(padded[i].narrow(1, offset[2 * i], height).narrow(2, offset[2 * i + 1], width));
        batch = cropped;
    }
    if (augment && spec.horizontalFlip) {
        const at::Tensor flip = at::rand({count}, generator) < 0.5;
        const at::Tensor chosen = flip.nonzero().flatten();
        if (chosen.numel() > 0)
            batch.index_copy_(0, chosen, batch.index_select(0, chosen).flip({3}));
    }
    if (spec.normalize && !spec.normalization.mean.empty()) {
        const auto channels = static_cast<std::size_t>(batch.size(1));
        if (spec.normalization.mean.size() != channels || spec.normalization.std.size() != channels)
            throw Error(ErrorCode::InvalidArgument,
                        "normalisation has " + std::to_string(spec.normalization.mean.size()) + " channels, the data "
                            + std::to_string(channels),
                        {"normalization", "channel count"});
        const at::Tensor mean = at::tensor(spec.normalization.mean, at::kFloat).view({1, -1, 1, 1});
        const at::Tensor std = at::tensor(spec.normalization.std, at::kFloat).view({1, -1, 1, 1});
        batch.sub_(mean).div_(std);
    }
    return batch;
}

void applyContract(TransformSpec& spec, const Preprocessing& contract)
{
    spec.pixelScale = contract.pixelScale;
    spec.normalize = contract.normalizes();
    spec.normalization = {contract.mean, contract.std};
}

} // namespace slim::engine::data
