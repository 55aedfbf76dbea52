#include "io/npy.h"

#include "core/error.h"
#include "io/atomicfile.h"

#include <cstring>
#include <limits>
#include <regex>

namespace slim::engine::io {

namespace {
constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;

[[noreturn]] void foreign(const std::string& path, const std::string& what)
{
    throw Error(ErrorCode::ForeignFile, path + ": not a NumPy .npy file we can read: " + what, {path, what});
}

/// The value of `key` in the header's Python dict literal, as text.
std::string headerField(const std::string& path, const std::string& header, const std::string& key)
{
    const std::regex pattern("['\"]" + key + "['\"]\\s*:\\s*(\\([^)]*\\)|'[^']*'|\"[^\"]*\"|True|False)");
    std::smatch match;
    if (!std::regex_search(header, match, pattern))
        foreign(path, "header has no '" + key + "'");
    return match[1].str();
}
} // namespace

NpyArray readNpy(const std::string& path)
{
    const std::string bytes = readWholeFile(path);
    if (bytes.empty())
        throw Error(ErrorCode::FileEmpty, path + ": the file is empty", {path});
    if (bytes.size() < kMagicSize + 4 || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0)
        foreign(path, "missing the \\x93NUMPY signature");
    const auto major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerLength = 0;
    std::size_t headerStart = 0;
    if (major == 1) {
        headerLength = static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            throw Error(ErrorCode::FileTruncated, path + ": truncated header", {path, "12", std::to_string(bytes.size())});
        for (int i = 3; i >= 0; --i)
            headerLength = (headerLength << 8) | static_cast<unsigned char>(bytes[8 + static_cast<std::size_t>(i)]);
        headerStart = 12;
    } else {
        throw Error(ErrorCode::Unsupported, path + ": .npy format version " + std::to_string(major) + " is not supported",
                    {".npy version " + std::to_string(major)});
    }
    if (bytes.size() < headerStart + headerLength)
        throw Error(ErrorCode::FileTruncated, path + ": truncated header",
                    {path, std::to_string(headerStart + headerLength), std::to_string(bytes.size())});
    const std::string header = bytes.substr(headerStart, headerLength);

    const std::string descr = headerField(path, header, "descr");
    const bool isFloat32 = descr == "'<f4'" || descr == "\"<f4\"";
    const bool isFloat64 = descr == "'<f8'" || descr == "\"<f8\"";
    // Raw images (`infer --raw`) usually come as uint8.
    const bool isUint8 = descr == "'|u1'" || descr == "\"|u1\"";
    if (!isFloat32 && !isFloat64 && !isUint8)
        throw Error(ErrorCode::Unsupported, path + ": element type " + descr + " is not supported (use float32 or uint8)",
                    {"npy dtype " + descr});
    if (headerField(path, header, "fortran_order") != "False")
        throw Error(ErrorCode::Unsupported, path + ": Fortran-ordered arrays are not supported (use np.ascontiguousarray)",
                    {"Fortran order"});

    NpyArray array;
    const std::string shapeText = headerField(path, header, "shape");
    const std::regex number("\\d+");
    std::int64_t count = 1;
    for (auto it = std::sregex_iterator(shapeText.begin(), shapeText.end(), number); it != std::sregex_iterator(); ++it) {
        const std::int64_t dim = std::stoll(it->str());
        if (dim != 0 && count > std::numeric_limits<std::int64_t>::max() / 8 / dim)
            foreign(path, "shape is too large");
        array.shape.push_back(dim);
        count *= dim;
    }

    const std::size_t elementSize = isFloat32 ? 4 : isUint8 ? 1 : 8;
    const std::size_t dataStart = headerStart + headerLength;
    const std::size_t needed = static_cast<std::size_t>(count) * elementSize;
    if (bytes.size() - dataStart < needed)
        throw Error(ErrorCode::FileTruncated,
                    path + ": truncated: shape needs " + std::to_string(needed) + " data bytes, file has "
                        + std::to_string(bytes.size() - dataStart),
                    {path, std::to_string(dataStart + needed), std::to_string(bytes.size())});
    array.data.resize(static_cast<std::size_t>(count));
    if (isFloat32) {
        std::memcpy(array.data.data(), bytes.data() + dataStart, needed);
    } else if (isUint8) {
        for (std::size_t i = 0; i < array.data.size(); ++i)
            array.data[i] = static_cast<float>(static_cast<unsigned char>(bytes[dataStart + i]));
    } else {
        for (std::size_t i = 0; i < array.data.size(); ++i) {
            double value = 0;
            std::memcpy(&value, bytes.data() + dataStart + i * 8, 8);
            array.data[i] = static_cast<float>(value);
        }
    }
    return array;
}

void writeNpy(const std::string& path, const NpyArray& array)
{
    std::string shape = "(";
    for (const std::int64_t dim : array.shape)
        shape += std::to_string(dim) + ", ";
    if (array.shape.size() > 1)
        shape.erase(shape.size() - 2);
    else if (array.shape.size() == 1)
        shape.erase(shape.size() - 1); // "(5,)"
    shape += ")";
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    // Pad with spaces so the data starts on a 64-byte boundary, ending the header with '\n'.
    const std::size_t unpadded = kMagicSize + 4 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';

    std::string bytes(kMagic, kMagicSize);
    bytes += '\x01';
    bytes += '\x00';
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>((header.size() >> 8) & 0xff);
    bytes += header;
    bytes.append(reinterpret_cast<const char*>(array.data.data()), array.data.size() * sizeof(float));
    writeFileAtomically(path, bytes);
}

} // namespace slim::engine::io
