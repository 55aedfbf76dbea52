#include "graph/attributes.h"

#include "core/error.h"

namespace slim::engine::graph {

namespace {
template <typename T>
const T& typed(const std::map<std::string, AttrValue>& values, const std::string& name, const char* typeName)
{
    const auto it = values.find(name);
    if (it == values.end())
        throw Error(ErrorCode::InvalidGraph, "missing attribute '" + name + "'", {"", "missing attribute " + name});
    if (const T* value = std::get_if<T>(&it->second))
        return *value;
    throw Error(ErrorCode::InvalidGraph, "attribute '" + name + "' is not " + typeName,
                {"", "attribute " + name + " is not " + typeName});
}
} // namespace

std::int64_t Attributes::getInt(const std::string& name) const
{
    return typed<std::int64_t>(m_values, name, "an integer");
}

std::int64_t Attributes::getInt(const std::string& name, std::int64_t fallback) const
{
    return has(name) ? getInt(name) : fallback;
}

double Attributes::getFloat(const std::string& name) const
{
    // Integers written where a real is expected ("eps": 0 in a hand-written file) are accepted.
    const auto it = m_values.find(name);
    if (it != m_values.end()) {
        if (const auto* asInt = std::get_if<std::int64_t>(&it->second))
            return static_cast<double>(*asInt);
    }
    return typed<double>(m_values, name, "a real number");
}

double Attributes::getFloat(const std::string& name, double fallback) const
{
    return has(name) ? getFloat(name) : fallback;
}

std::string Attributes::getString(const std::string& name, const std::string& fallback) const
{
    return has(name) ? typed<std::string>(m_values, name, "a string") : fallback;
}

std::vector<std::int64_t> Attributes::getInts(const std::string& name) const
{
    return typed<std::vector<std::int64_t>>(m_values, name, "a list of integers");
}

std::vector<std::int64_t> Attributes::getInts(const std::string& name, std::vector<std::int64_t> fallback) const
{
    return has(name) ? getInts(name) : fallback;
}

} // namespace slim::engine::graph
