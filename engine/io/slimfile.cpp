#include "io/slimfile.h"

#include "prune/masks.h"

#include "core/error.h"
#include "io/atomicfile.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

namespace slim::engine::io {

namespace {

using nlohmann::json;
using graph::DType;

constexpr char kMagic[8] = {'S', 'L', 'I', 'M', 'B', 'N', 'C', 'H'};
constexpr std::size_t kPrefixSize = 32;
constexpr std::size_t kAlignment = 64; // bytes; lets a future reader map tensors in place
constexpr std::size_t kCrcSize = 4;

std::uint32_t crc32(std::string_view bytes)
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> entries{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            entries[i] = c;
        }
        return entries;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char byte : bytes)
        crc = table[(crc ^ static_cast<unsigned char>(byte)) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

template <typename T>
void putLittle(std::string& out, T value)
{
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out += static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xFFu);
}

template <typename T>
T getLittle(const std::string& bytes, std::size_t offset)
{
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
    return static_cast<T>(value);
}

/// The dtype a tensor is stored as: "int64", "uint8" (masks) or "float32".
std::string tensorDTypeName(const at::Tensor& tensor)
{
    if (tensor.scalar_type() == at::kByte)
        return "uint8";
    return std::string(graph::dtypeName(tensor.scalar_type() == at::kLong ? DType::Int64 : DType::Float32));
}

/// The in-memory type of a stored dtype name, or nothing for a name this build does not know.
std::optional<at::ScalarType> storedScalarType(const std::string& dtype)
{
    if (dtype == "float32")
        return at::kFloat;
    if (dtype == "int64")
        return at::kLong;
    if (dtype == "uint8")
        return at::kByte;
    return std::nullopt;
}

/// The first format version that stores uint8 tensors.
constexpr std::uint32_t kUint8Version = 2;

json attributesToJson(const graph::Attributes& attrs)
{
    json out = json::object();
    for (const auto& entry : attrs.all()) {
        const std::string& name = entry.first;
        const graph::AttrValue& value = entry.second;
        std::visit(
            [&out, &name](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::int64_t>)
                    out[name] = {{"i", v}};
                else if constexpr (std::is_same_v<T, double>)
                    out[name] = {{"f", v}};
                else if constexpr (std::is_same_v<T, std::string>)
                    out[name] = {{"s", v}};
                else
                    out[name] = {{"ints", v}};
            },
            value);
    }
    return out;
}

class Corrupt {
public:
    explicit Corrupt(std::string path) : m_path(std::move(path)) {}
    [[noreturn]] void operator()(const std::string& what) const
    {
        throw Error(ErrorCode::FileCorrupt, m_path + ": corrupt checkpoint: " + what, {m_path, what});
    }

private:
    std::string m_path;
};

graph::Attributes attributesFromJson(const json& in, const Corrupt& corrupt)
{
    graph::Attributes attrs;
    for (const auto& [name, entry] : in.items()) {
        if (!entry.is_object() || entry.size() != 1)
            corrupt("attribute '" + name + "' is malformed");
        const auto first = entry.begin();
        const std::string& kind = first.key();
        const json& value = first.value();
        if (kind == "i" && value.is_number_integer())
            attrs.set(name, value.get<std::int64_t>());
        else if (kind == "f" && value.is_number())
            attrs.set(name, value.get<double>());
        else if (kind == "s" && value.is_string())
            attrs.set(name, value.get<std::string>());
        else if (kind == "ints" && value.is_array())
            attrs.set(name, value.get<std::vector<std::int64_t>>());
        else
            corrupt("attribute '" + name + "' has an unknown kind '" + kind + "'");
    }
    return attrs;
}

} // namespace

void saveSlim(const graph::Graph& graph, const std::string& path, const TrainingState* state)
{
    std::string data;
    json tensors = json::array();
    std::uint32_t version = 1; // the oldest that holds every tensor, so older builds read what they can
    auto addTensor = [&data, &tensors, &version](const at::Tensor& tensor) {
        const at::Tensor contiguous = tensor.detach().to(at::kCPU).contiguous();
        data.append((kAlignment - data.size() % kAlignment) % kAlignment, '\0');
        const auto nbytes = static_cast<std::size_t>(contiguous.numel()) * contiguous.element_size();
        const std::string dtype = tensorDTypeName(contiguous);
        if (dtype == "uint8")
            version = std::max(version, kUint8Version);
        tensors.push_back({{"dtype", dtype},
                           {"shape", contiguous.sizes().vec()},
                           {"offset", data.size()},
                           {"nbytes", nbytes}});
        data.append(static_cast<const char*>(contiguous.data_ptr()), nbytes);
        return tensors.size() - 1;
    };

    json values = json::array();
    for (const graph::Value& value : graph.values())
        values.push_back({{"name", value.name}, {"shape", value.shape}, {"dtype", graph::dtypeName(value.dtype)}});
    json nodes = json::array();
    for (const graph::Node& node : graph.nodes()) {
        json params = json::array();
        json buffers = json::array();
        for (const graph::NamedTensor& named : node.params)
            params.push_back({{"name", named.name}, {"tensor", addTensor(named.tensor)}});
        for (const graph::NamedTensor& named : node.buffers)
            buffers.push_back({{"name", named.name}, {"tensor", addTensor(named.tensor)}});
        nodes.push_back({{"name", node.name},
                         {"op", graph::opName(node.op)},
                         {"attrs", attributesToJson(node.attrs)},
                         {"inputs", node.inputs},
                         {"outputs", node.outputs},
                         {"params", params},
                         {"buffers", buffers}});
    }
    json header = {{"format", "slimbench-checkpoint"},
                         {"version", version},
                         {"producer", std::string("Slimbench ") + SLIMBENCH_VERSION},
                         {"metadata", graph.metadata()},
                         {"graph", {{"values", values}, {"nodes", nodes}, {"inputs", graph.inputs()}, {"outputs", graph.outputs()}}},
                         {"tensors", tensors}};
    if (state) {
        json stateTensors = json::array();
        for (const graph::NamedTensor& named : state->tensors)
            stateTensors.push_back({{"name", named.name}, {"tensor", addTensor(named.tensor)}});
        header["training_state"] = {{"values", state->values}, {"tensors", stateTensors}};
        header["tensors"] = tensors;
        header["version"] = version;
    }
    const std::string headerText = header.dump();

    std::string file(kMagic, sizeof kMagic);
    putLittle<std::uint32_t>(file, version);
    putLittle<std::uint32_t>(file, 0);
    putLittle<std::uint64_t>(file, headerText.size());
    putLittle<std::uint64_t>(file, data.size());
    file += headerText;
    file += data;
    putLittle<std::uint32_t>(file, crc32(file));
    writeFileAtomically(path, file);
}

graph::Graph loadSlim(const std::string& path, TrainingState* state)
{
    return loadSlimBytes(readWholeFile(path), path, state);
}

graph::Graph loadSlimBytes(const std::string& bytes, const std::string& path, TrainingState* state)
{
    const Corrupt corrupt(path);
    if (bytes.empty())
        throw Error(ErrorCode::FileEmpty, path + ": the file is empty", {path});
    const std::size_t magicBytes = std::min(bytes.size(), sizeof kMagic);
    if (std::memcmp(bytes.data(), kMagic, magicBytes) != 0) {
        // ONNX files are protobufs whose first field is ir_version (tag byte 0x08).
        const std::string what = bytes.rfind("\x89PNG", 0) == 0        ? "a PNG image"
                                 : bytes.rfind("PK\x03\x04", 0) == 0 ? "a ZIP archive (a PyTorch .pt file?)"
                                 : bytes[0] == '\x08'                 ? "an ONNX model; give it the .onnx extension"
                                                                      : "unrecognised data";
        throw Error(ErrorCode::ForeignFile, path + ": not a Slimbench checkpoint (" + what + ")", {path, what});
    }
    if (bytes.size() < kPrefixSize + kCrcSize)
        throw Error(ErrorCode::FileTruncated, path + ": truncated: only " + std::to_string(bytes.size()) + " bytes",
                    {path, std::to_string(kPrefixSize + kCrcSize), std::to_string(bytes.size())});
    const auto version = getLittle<std::uint32_t>(bytes, 8);
    if (version > kSlimFormatVersion)
        throw Error(ErrorCode::FutureVersion,
                    path + ": written by a newer Slimbench (format version " + std::to_string(version)
                        + "; this build reads up to " + std::to_string(kSlimFormatVersion) + ")",
                    {path, std::to_string(version), std::to_string(kSlimFormatVersion)});
    if (version == 0)
        corrupt("format version 0");
    const auto headerLength = getLittle<std::uint64_t>(bytes, 16);
    const auto dataLength = getLittle<std::uint64_t>(bytes, 24);
    if (headerLength > bytes.size() || dataLength > bytes.size()
        || kPrefixSize + headerLength + dataLength + kCrcSize > bytes.size()) {
        const std::uint64_t expected = kPrefixSize + headerLength + dataLength + kCrcSize;
        if (headerLength > (1ull << 40) || dataLength > (1ull << 44))
            corrupt("section lengths are impossible");
        throw Error(ErrorCode::FileTruncated,
                    path + ": truncated: " + std::to_string(expected) + " bytes expected, " + std::to_string(bytes.size())
                        + " present",
                    {path, std::to_string(expected), std::to_string(bytes.size())});
    }
    const std::size_t end = kPrefixSize + headerLength + dataLength;
    if (end + kCrcSize != bytes.size())
        corrupt("unexpected bytes after the data section");
    if (crc32(std::string_view(bytes.data(), end)) != getLittle<std::uint32_t>(bytes, end))
        corrupt("checksum mismatch (the file was damaged after it was written)");

    json header;
    try {
        header = json::parse(bytes.begin() + kPrefixSize, bytes.begin() + static_cast<std::ptrdiff_t>(kPrefixSize + headerLength));
    } catch (const json::exception& error) {
        corrupt(std::string("header is not valid JSON: ") + error.what());
    }

    graph::Graph graph;
    try {
        const std::string_view data(bytes.data() + kPrefixSize + headerLength, dataLength);
        const json& tensorTable = header.at("tensors");
        auto loadTensor = [&](const json& ref) -> at::Tensor {
            const auto index = ref.at("tensor").get<std::size_t>();
            if (index >= tensorTable.size())
                corrupt("tensor index " + std::to_string(index) + " out of range");
            const json& entry = tensorTable[index];
            const std::string dtype = entry.at("dtype").get<std::string>();
            const auto shape = entry.at("shape").get<std::vector<std::int64_t>>();
            const auto offset = entry.at("offset").get<std::uint64_t>();
            const auto nbytes = entry.at("nbytes").get<std::uint64_t>();
            const std::optional<at::ScalarType> stored = storedScalarType(dtype);
            if (!stored)
                corrupt("tensor dtype '" + dtype + "' is unknown");
            const at::ScalarType type = *stored;
            std::int64_t count = 1;
            for (const std::int64_t dim : shape) {
                if (dim < 0 || (dim > 0 && count > static_cast<std::int64_t>(dataLength) / dim))
                    corrupt("tensor shape does not fit the data section");
                count *= dim;
            }
            if (nbytes != static_cast<std::uint64_t>(count) * at::elementSize(type) || offset > dataLength
                || nbytes > dataLength - offset)
                corrupt("tensor " + std::to_string(index) + " lies outside the data section");
            at::Tensor tensor = at::empty(shape, at::TensorOptions().dtype(type));
            std::memcpy(tensor.data_ptr(), data.data() + offset, nbytes);
            return tensor;
        };

        const json& g = header.at("graph");
        for (const json& value : g.at("values")) {
            const std::string dtype = value.at("dtype").get<std::string>();
            graph.addValue(value.at("name").get<std::string>(), value.at("shape").get<graph::Shape>(),
                           dtype == "int64" ? DType::Int64 : DType::Float32);
        }
        const auto valueCount = static_cast<graph::ValueId>(graph.values().size());
        auto checkIds = [&](const std::vector<graph::ValueId>& ids, const std::string& what) {
            for (const graph::ValueId id : ids) {
                if (id < 0 || id >= valueCount)
                    corrupt(what + " refers to value " + std::to_string(id) + ", which does not exist");
            }
            return ids;
        };
        for (const graph::ValueId id : checkIds(g.at("inputs").get<std::vector<graph::ValueId>>(), "graph input"))
            graph.markInput(id);
        for (const json& n : g.at("nodes")) {
            graph::Node node;
            node.name = n.at("name").get<std::string>();
            const std::string op = n.at("op").get<std::string>();
            const auto kind = graph::opFromName(op);
            if (!kind)
                corrupt("node '" + node.name + "' has an op this build does not know: '" + op + "'");
            node.op = *kind;
            node.attrs = attributesFromJson(n.at("attrs"), corrupt);
            node.inputs = checkIds(n.at("inputs").get<std::vector<graph::ValueId>>(), "node '" + node.name + "'");
            node.outputs = checkIds(n.at("outputs").get<std::vector<graph::ValueId>>(), "node '" + node.name + "'");
            for (const json& p : n.at("params"))
                node.params.push_back({p.at("name").get<std::string>(), loadTensor(p)});
            for (const json& b : n.at("buffers"))
                node.buffers.push_back({b.at("name").get<std::string>(), loadTensor(b)});
            graph.addNode(std::move(node));
        }
        for (const graph::ValueId id : checkIds(g.at("outputs").get<std::vector<graph::ValueId>>(), "graph output"))
            graph.markOutput(id);
        if (header.contains("metadata"))
            graph.metadata() = header.at("metadata").get<std::map<std::string, std::string>>();
        if (state) {
            *state = {};
            if (header.contains("training_state")) {
                const json& saved = header.at("training_state");
                state->values = saved.at("values").get<std::map<std::string, std::string>>();
                for (const json& t : saved.at("tensors"))
                    state->tensors.push_back({t.at("name").get<std::string>(), loadTensor(t)});
            }
        }
    } catch (const json::exception& error) {
        corrupt(std::string("header is incomplete: ") + error.what());
    }
    try {
        graph.validate();
    } catch (const Error& error) {
        corrupt(std::string("the stored graph is invalid: ") + error.what());
    }
    // A mask multiplies its weight in place during training: one of another shape would
    // broadcast, and values other than 0 and 1 would scale weights.
    for (const graph::Node& node : graph.nodes()) {
        const at::Tensor mask = node.tensor(prune::kWeightMaskName);
        if (!mask.defined())
            continue;
        const at::Tensor weight = node.tensor("weight");
        if (!weight.defined() || mask.sizes() != weight.sizes() || mask.scalar_type() != at::kByte)
            corrupt("the weight mask of '" + node.name + "' does not match its weight");
        if (mask.gt(1).any().item<bool>())
            corrupt("the weight mask of '" + node.name + "' holds values other than 0 and 1");
    }
    return graph;
}

} // namespace slim::engine::io
