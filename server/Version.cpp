#include "server/Version.h"

#include <array>
#include <charconv>

namespace palisade::server {

std::optional<Version> Version::parse(std::string_view text)
{
    std::array<std::uint16_t, 3> parts {};
    std::size_t index = 0;
    while (index < parts.size()) {
        const std::size_t dot = text.find('.');
        const std::string_view part = text.substr(0, dot);
        if (part.empty() || part.size() > 5) {
            return std::nullopt;
        }
        unsigned value = 0;
        for (char c : part) {
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
        }
        auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (ec != std::errc {} || end != part.data() + part.size() || value > 65535U) {
            return std::nullopt;
        }
        parts[index++] = static_cast<std::uint16_t>(value);
        const bool last = index == parts.size();
        if (last != (dot == std::string_view::npos)) {
            return std::nullopt;
        }
        if (!last) {
            text.remove_prefix(dot + 1);
        }
    }
    return Version { parts[0], parts[1], parts[2] };
}

std::string Version::toString() const
{
    return std::to_string(major) + '.' + std::to_string(minor) + '.' + std::to_string(patch);
}

} // namespace palisade::server
