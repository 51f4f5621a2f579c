#pragma once
/// @file
/// @brief Errors of the end-to-end messaging service, reported as values.

#include <string_view>

namespace palisade::core {

enum class E2eError {
    Storage, ///< the profile database failed
    Crypto, ///< a key or session could not be created or used
    Network, ///< the link is down or dropped before the answer
    ServerRefused, ///< the server answered with an error
    NotABuddy, ///< the contact is not a mutual buddy
    IdentityHeld, ///< the contact's identity changed; sending waits until the user accepts it
    NoDevices, ///< the contact has no device with published prekeys
    UnknownContact, ///< no such contact in the profile
    Malformed, ///< a message or answer could not be decoded
};

/// A sentence for logs and users; never contains message text or keys.
[[nodiscard]] std::string_view describe(E2eError error) noexcept;

} // namespace palisade::core
