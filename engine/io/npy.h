#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace slim::engine::io {

/// A float32 array as stored in NumPy's `.npy` format, C order.
struct NpyArray {
    std::vector<std::int64_t> shape;
    std::vector<float> data;
};

/// Reads a `.npy` file of float32, or float64 or uint8 (converted), in C order, version 1–3 headers.
/// Throws Error(FileNotFound, FileTruncated, ForeignFile, Unsupported) naming the file.
NpyArray readNpy(const std::string& path);

/// Writes `array` as a version-1 `.npy` float32 file (little-endian, C order), atomically.
void writeNpy(const std::string& path, const NpyArray& array);

} // namespace slim::engine::io
