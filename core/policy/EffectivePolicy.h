#pragma once
/// @file
/// @brief The merged policy: for every key its effective value, the layer it came from and
/// whether IT locked it. Precedence: managed (locked) > the user's choice > recommended >
/// built-in default. Unknown keys and bad values are reported and dropped; a bad server.*
/// value anywhere empties the whole server group (fails closed: no address, no keys, no
/// trust on first use). Immutable once built; safe to read from any thread.

#include "core/policy/PolicyKeys.h"
#include "core/policy/PolicyReader.h"
#include "core/policy/PolicyTypes.h"

#include <string>
#include <string_view>
#include <vector>

namespace palisade::core {

/// One key's effective value.
struct EffectiveValue {
    const PolicyKeySpec* spec = nullptr;
    PolicyValue value;
    PolicySource source = PolicySource::Default;
    bool locked = false; ///< the user cannot change it
    std::string origin; ///< file or registry key it came from; "built-in"; "user settings"
};

/// The merged, validated policy.
class EffectivePolicy {
public:
    /// Merges what a machine source read with the user's choices.
    [[nodiscard]] static EffectivePolicy build(const PolicyReadResult& machine, const UserChoices& user);

    /// Reads @p reader now and merges it with @p user.
    [[nodiscard]] static EffectivePolicy load(const PolicyReader& reader, const UserChoices& user);

    /// Every known key, sorted by name.
    [[nodiscard]] const std::vector<EffectiveValue>& values() const noexcept { return m_values; }

    /// The value of @p key, nullptr for an unknown key.
    [[nodiscard]] const EffectiveValue* find(std::string_view key) const noexcept;

    /// Typed look-up: get(policykeys::filesMaxSizeMb) is a std::int64_t.
    template <class T> [[nodiscard]] const T& get(PolicyKey<T> key) const
    {
        return std::get<T>(find(key.name)->value);
    }

    /// True when the user may change @p key (known and not locked).
    [[nodiscard]] bool userMayChange(std::string_view key) const noexcept;

    /// Refused files, unknown keys, bad values, each with where and why.
    [[nodiscard]] const std::vector<PolicyProblem>& problems() const noexcept { return m_problems; }

    /// True when a bad server.* value emptied the server group.
    [[nodiscard]] bool serverFailedClosed() const noexcept { return m_serverFailedClosed; }

    /// Lower-case hex SHA-256 over the canonical serialisation of every effective value and
    /// its lock (canonicalText()): the policy fingerprint of the compliance report.
    [[nodiscard]] std::string digest() const;

    /// One record per key in name order: "<key>\n<locked 0|1>\n<value>\n", where a boolean is
    /// "true"/"false", an integer is decimal, a string is "s<byte length>:<bytes>" and a list
    /// is "l<count>:" followed by its strings. Sources are not part of it.
    [[nodiscard]] std::string canonicalText() const;

private:
    std::vector<EffectiveValue> m_values;
    std::vector<PolicyProblem> m_problems;
    bool m_serverFailedClosed = false;
};

} // namespace palisade::core
