#pragma once
/// @file
/// @brief Client versions ("MAJOR.MINOR.PATCH") and the minimum-version rule.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace palisade::server {

/// A parsed semantic version without pre-release tags.
struct Version {
    std::uint16_t major = 0;
    std::uint16_t minor = 0;
    std::uint16_t patch = 0;

    /// "1.2.3" → Version; nullopt for anything else (signs, spaces, >65535, missing parts).
    [[nodiscard]] static std::optional<Version> parse(std::string_view text);
    [[nodiscard]] std::string toString() const;
    bool operator==(const Version&) const = default;
    /// Ordering by (major, minor, patch).
    [[nodiscard]] std::uint64_t rank() const noexcept
    {
        return (std::uint64_t { major } << 32) | (std::uint64_t { minor } << 16) | patch;
    }
};

/// True when @p client may connect to a server whose minimum is @p minimum.
[[nodiscard]] inline bool meetsMinimum(const Version& client, const Version& minimum) noexcept
{
    return client.rank() >= minimum.rank();
}

} // namespace palisade::server
