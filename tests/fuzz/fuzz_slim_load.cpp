// libFuzzer target: any bytes given to the .slim loader either give a graph that validates or
// throw slim::engine::Error. The CRC is not fixed up here, so besides the seed corpus most
// inputs stop at the checksum; fuzz_slim_load also runs with SLIMBENCH_FUZZ_FIX_CRC=1 set, which
// rewrites the trailing CRC-32 so the header and tensor parsing behind it are reached.
#include "core/error.h"
#include "io/slimfile.h"

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string bytes(reinterpret_cast<const char*>(data), size);
    static const bool fixCrc = std::getenv("SLIMBENCH_FUZZ_FIX_CRC") != nullptr;
    if (fixCrc && bytes.size() > 4) {
        const auto crc = static_cast<std::uint32_t>(
            crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size() - 4)));
        std::memcpy(bytes.data() + bytes.size() - 4, &crc, 4);
    }
    try {
        const slim::engine::graph::Graph graph = slim::engine::io::loadSlimBytes(bytes, "fuzz.slim");
        graph.validate();
    } catch (const slim::engine::Error&) {
    }
    return 0;
}
