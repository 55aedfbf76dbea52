// libFuzzer target: any bytes given to the ONNX importer either give a graph that validates
// or throw slim::engine::Error; nothing else (no crash, no other exception, no sanitizer report).
#include "core/error.h"
#include "io/onnximport.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const slim::engine::graph::Graph graph = slim::engine::io::importOnnx(bytes, "fuzz.onnx", {3, 8, 8});
        graph.validate();
    } catch (const slim::engine::Error&) {
    }
    return 0;
}
