#pragma once

#include <cmath>
#include <cstdint>
#include <optional>

namespace slim::engine::io {

/// The longest side an imported Upsample or Resize may produce, in pixels: 2^20, far beyond
/// any CNN's feature map, yet small enough that a mistyped scale factor is refused at import
/// instead of overflowing the size or allocating terabytes at the first forward pass.
constexpr std::int64_t kMaxResampledSide = std::int64_t{1} << 20;

/// Whether `side` is an output side an importer accepts: 1..kMaxResampledSide.
inline bool isResampledSide(std::int64_t side)
{
    return side >= 1 && side <= kMaxResampledSide;
}

/// floor(length × scale), the output side PyTorch and ONNX give a scaled axis, or nullopt when
/// it is not an accepted side (a zero, negative, NaN, infinite or huge scale). Computed in
/// double and checked before any conversion to an integer, so no scale is undefined behaviour.
/// Any thread.
inline std::optional<std::int64_t> scaledSide(std::int64_t length, double scale)
{
    const double side = std::floor(static_cast<double>(length) * scale);
    if (!(side >= 1 && side <= static_cast<double>(kMaxResampledSide)))
        return std::nullopt;
    return static_cast<std::int64_t>(side);
}

} // namespace slim::engine::io
