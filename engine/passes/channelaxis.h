#pragma once

// How Reshape and Slice treat the channel axis, shared by the dependency analysis and channel
// removal so that both read a graph the same way. Internal to passes/.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <numeric>
#include <utility>
#include <vector>

namespace slim::engine::passes::detail {

/// A PyTorch axis (counting the batch, may be negative) as an index into a per-sample shape of
/// rank `sampleRank`; 0 is the channel axis.
inline std::int64_t sampleAxis(std::int64_t axis, std::size_t sampleRank)
{
    return (axis < 0 ? axis + static_cast<std::int64_t>(sampleRank) + 1 : axis) - 1;
}

struct ReshapeKind {
    enum Kind {
        ChannelBlocks,  ///< output channel j holds part of input channel j / blocks (Flatten-like; 1: unchanged)
        SplitChannels,  ///< C×rest → outer×inner×rest with outer·inner = C (a channel shuffle's first step)
        Other,          ///< mixes channels: not followed
    };
    Kind kind = Other;
    std::int64_t blocks = 1;  ///< ChannelBlocks: output channels per input channel
};

/// Classifies a reshape of the per-sample shape `in` (whose channel axis is not split) to `out`.
inline ReshapeKind classifyReshape(const std::vector<std::int64_t>& in, const std::vector<std::int64_t>& out)
{
    if (in.empty() || out.empty() || in[0] <= 0 || out[0] <= 0)
        return {};
    const auto product = [](auto first, auto last) {
        return std::accumulate(first, last, std::int64_t{1}, std::multiplies<>());
    };
    const std::int64_t restIn = product(in.begin() + 1, in.end());
    const std::int64_t restOut = product(out.begin() + 1, out.end());
    // Row-major order: input channel c is the block [c·restIn, (c+1)·restIn) of elements, output
    // channel j the block [j·restOut, (j+1)·restOut); they nest when restOut divides restIn.
    if (restOut > 0 && restIn % restOut == 0)
        return {ReshapeKind::ChannelBlocks, restIn / restOut};
    if (out.size() == in.size() + 1 && out[0] * out[1] == in[0]
        && std::equal(out.begin() + 2, out.end(), in.begin() + 1))
        return {ReshapeKind::SplitChannels, 1};
    return {};
}

/// The [start, end) a Slice with these attributes takes of an axis of `length`, clamped as
/// PyTorch and shape inference do.
inline std::pair<std::int64_t, std::int64_t> sliceBounds(std::int64_t start, std::int64_t end, std::int64_t length)
{
    const auto clamp = [length](std::int64_t index) {
        if (index < 0)
            index += length;
        return std::clamp<std::int64_t>(index, 0, length);
    };
    return {clamp(start), clamp(end)};
}

} // namespace slim::engine::passes::detail
