// libFuzzer target: bytes given to the TorchScript importer give a graph or throw
// slim::engine::Error.
#include "core/error.h"
#include "io/torchscriptimport.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const slim::engine::graph::Graph graph = slim::engine::io::importTorchScript(bytes, "fuzz.pt", {3, 8, 8});
        graph.validate();
    } catch (const slim::engine::Error&) {
    }
    return 0;
}
