#pragma once
/// @file
/// @brief The vocabulary of the managed policy (DESIGN.md "Managed policy"): raw values as a
/// source delivers them, validated values, the layers and where a value came from.

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace palisade::core {

/// A value a source could not express as one of the types below (a JSON object, null, a
/// list holding a non-text item, a registry binary). @c what names it for the report.
struct UnsupportedValue {
    std::string what;
    bool operator==(const UnsupportedValue&) const = default;
};

/// A value exactly as a policy source delivered it, before validation.
using RawValue
    = std::variant<UnsupportedValue, bool, std::int64_t, double, std::string, std::vector<std::string>>;

/// A validated policy value: every key has exactly one of these types.
using PolicyValue = std::variant<bool, std::int64_t, std::string, std::vector<std::string>>;

/// One key=value as a source read it, with where it came from (a file path, a registry key).
struct PolicyEntry {
    std::string key;
    RawValue value;
    std::string origin;
};

/// Something wrong with the policy: a refused file, an unknown key, a bad value. The value
/// itself is never quoted (it may hold a proxy password).
struct PolicyProblem {
    std::string origin; ///< file path, registry key, "user settings"
    std::string key; ///< empty when the whole file or directory is concerned
    std::string reason;
    bool operator==(const PolicyProblem&) const = default;
};

/// What a machine-level source (files, registry, managed preferences) holds. Within each
/// layer a later entry overrides an earlier one with the same key.
struct PolicyReadResult {
    std::vector<PolicyEntry> managed; ///< locked by IT
    std::vector<PolicyEntry> recommended; ///< IT's default; the user may change it
    std::vector<PolicyProblem> problems; ///< refused files or directories, parse errors
};

/// The user's own choices (from the profile's settings store), by key.
using UserChoices = std::map<std::string, RawValue, std::less<>>;

/// Which layer an effective value comes from, highest precedence first.
enum class PolicySource {
    Managed, ///< locked by IT
    User, ///< the user's own choice
    Recommended, ///< IT's recommendation
    Default, ///< built into the client
    FailedClosed, ///< a bad server.* value: the whole server group is emptied
};

/// "managed", "user", "recommended", "default" or "failed closed".
[[nodiscard]] const char* sourceName(PolicySource source) noexcept;

} // namespace palisade::core
