#include "io/atomicfile.h"

#include "core/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

namespace slim::engine::io {

std::string readWholeFile(const std::string& path)
{
    std::error_code code;
    if (!std::filesystem::exists(path, code))
        throw Error(ErrorCode::FileNotFound, path + ": no such file", {path});
    if (std::filesystem::is_directory(path, code))
        throw Error(ErrorCode::FileReadFailed, path + ": is a folder, not a file", {path, "is a folder"});
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::FileReadFailed, path + ": cannot open: " + std::strerror(errno), {path, std::strerror(errno)});
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw Error(ErrorCode::FileReadFailed, path + ": read error", {path, "read error"});
    return bytes;
}

void writeFileAtomically(const std::string& path, std::string_view bytes)
{
    const auto fail = [&path](const std::string& reason) {
        throw Error(ErrorCode::FileWriteFailed, path + ": cannot write: " + reason, {path, reason});
    };
    std::random_device entropy;
    const std::string tempPath = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(entropy());
    const int fd = ::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        fail(std::strerror(errno));
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const std::string reason = std::strerror(errno);
            ::close(fd);
            ::unlink(tempPath.c_str());
            fail(reason);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(tempPath.c_str());
        fail(reason);
    }
    if (::rename(tempPath.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(tempPath.c_str());
        fail(reason);
    }
    // The rename is on disk only once the folder's entry is: sync it too, so a record of the
    // file made afterwards (a project's database row) cannot outlive it after a power cut.
    const std::string folder = std::filesystem::path(path).parent_path().string();
    const int directory = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory >= 0) {
        ::fsync(directory);
        ::close(directory);
    }
}

} // namespace slim::engine::io
