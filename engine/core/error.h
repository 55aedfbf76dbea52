#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace slim::engine {

/// What went wrong, as a code the app turns into translated text. The English message in
/// `what()` is for logs and the CLI; `args()` carries the pieces the translation needs
/// (a file name, a node name, a number), in the order the code's documentation gives.
enum class ErrorCode {
    InvalidArgument,  ///< args: the argument, what is wrong
    UnknownModel,     ///< args: the name asked for, the list of known names
    FileNotFound,     ///< args: path
    FileReadFailed,   ///< args: path, system reason
    FileWriteFailed,  ///< args: path, system reason
    FileEmpty,        ///< args: path
    FileTruncated,    ///< args: path, bytes expected, bytes present
    FileCorrupt,      ///< args: path, what is broken
    ForeignFile,      ///< args: path, what the file seems to be
    FutureVersion,    ///< args: path, the file's version, the newest version this build reads
    InvalidGraph,     ///< args: node name, what is wrong
    ShapeMismatch,    ///< args: node name, what does not fit
    Unsupported,      ///< args: what is not supported
    Diverged,         ///< args: epoch, batch, the loss value ("nan", "inf")
    InvalidRecipe,    ///< args: the field ("optimizer.lr"), what is wrong
};

/// The one exception type the engine throws for bad input or impossible requests.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message, std::vector<std::string> args = {})
        : std::runtime_error(message), m_code(code), m_args(std::move(args)) {}

    ErrorCode code() const noexcept { return m_code; }
    const std::vector<std::string>& args() const noexcept { return m_args; }

private:
    ErrorCode m_code;
    std::vector<std::string> m_args;
};

/// Throws Error(InvalidArgument) for a setting outside its range: "ratio: must be at least 0
/// and below 1, got 1.5", with args {setting, what}.
[[noreturn]] void throwOutOfRange(const std::string& setting, double value, const std::string& range);

/// The first line of a library's message (LibTorch appends backtraces after it).
inline std::string firstLine(const std::string& text)
{
    return text.substr(0, text.find('\n'));
}

} // namespace slim::engine
