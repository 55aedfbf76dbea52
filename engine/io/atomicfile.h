#pragma once

#include <string>
#include <string_view>

namespace slim::engine::io {

/// Reads a whole file. Throws Error(FileNotFound) or Error(FileReadFailed) naming it.
std::string readWholeFile(const std::string& path);

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it over
/// `path`, so readers see the old file or the new one, never half of one. On failure the old
/// file is untouched and Error(FileWriteFailed) names the path and the reason.
void writeFileAtomically(const std::string& path, std::string_view bytes);

} // namespace slim::engine::io
