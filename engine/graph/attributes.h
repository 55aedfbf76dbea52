#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace slim::engine::graph {

using AttrValue = std::variant<std::int64_t, double, std::string, std::vector<std::int64_t>>;

/// A node's attributes: named integers, reals, strings and integer lists.
/// Getters with a default return it when the name is absent; getters without one throw
/// Error(InvalidGraph) naming the attribute, so a malformed file cannot crash a pass.
class Attributes {
public:
    void set(const std::string& name, AttrValue value) { m_values[name] = std::move(value); }
    bool has(const std::string& name) const { return m_values.count(name) != 0; }

    std::int64_t getInt(const std::string& name) const;
    std::int64_t getInt(const std::string& name, std::int64_t fallback) const;
    double getFloat(const std::string& name) const;
    double getFloat(const std::string& name, double fallback) const;
    std::string getString(const std::string& name, const std::string& fallback) const;
    std::vector<std::int64_t> getInts(const std::string& name) const;
    std::vector<std::int64_t> getInts(const std::string& name, std::vector<std::int64_t> fallback) const;

    const std::map<std::string, AttrValue>& all() const { return m_values; }
    bool operator==(const Attributes&) const = default;

private:
    std::map<std::string, AttrValue> m_values;
};

} // namespace slim::engine::graph
