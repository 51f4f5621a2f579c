#pragma once
/// @file
/// @brief Strong identifier types of the server's data model.

#include <array>
#include <cstdint>
#include <functional>

namespace palisade::server {

/// An account (row id in the store).
struct UserId {
    std::int64_t value = 0;
    bool operator==(const UserId&) const = default;
};

/// A device of an account (row id in the store).
struct DeviceId {
    std::int64_t value = 0;
    bool operator==(const DeviceId&) const = default;
};

/// A device's Noise static public key (X25519, 32 bytes): its credential after enrolment.
using DeviceKey = std::array<std::uint8_t, 32>;

} // namespace palisade::server

// Specialised inside namespace std (not as std::hash<...>) so Qt's moc can parse test files.
namespace std {
template <> struct hash<palisade::server::UserId> {
    size_t operator()(palisade::server::UserId id) const noexcept { return hash<int64_t> {}(id.value); }
};
template <> struct hash<palisade::server::DeviceId> {
    size_t operator()(palisade::server::DeviceId id) const noexcept { return hash<int64_t> {}(id.value); }
};
} // namespace std
