#pragma once
/// @file
/// @brief Argon2id key derivation from a passphrase (libsodium crypto_pwhash), with its cost
/// parameters as plain data so they can be stored beside the salt and checked on load.

#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>

namespace palisade::crypto {

/// Argon2id cost: passes over memory and memory in bytes.
struct PasswordHashParams {
    std::uint64_t opsLimit = 0;
    std::uint64_t memLimit = 0;

    friend bool operator==(const PasswordHashParams&, const PasswordHashParams&) = default;
};

/// Salt length of Argon2id in libsodium (crypto_pwhash_SALTBYTES).
inline constexpr std::size_t passwordSaltSize = 16;

/// libsodium's "interactive" cost (2 passes, 64 MiB): the fastest we accept for new keys.
[[nodiscard]] PasswordHashParams interactivePasswordParams() noexcept;
/// The default for a profile passphrase: 3 passes over 256 MiB (about a second on a desktop).
[[nodiscard]] PasswordHashParams moderatePasswordParams() noexcept;
/// True when @p params lie within libsodium's limits and within what Palisade accepts from a
/// file it did not write itself (at most 4 GiB and 16 passes, so a crafted key file cannot
/// make unlocking take forever or exhaust memory).
[[nodiscard]] bool acceptablePasswordParams(const PasswordHashParams& params) noexcept;

/// Derive @p outputSize bytes from @p passphrase and @p salt with Argon2id13.
/// Errors: InvalidKey (bad salt size, output size or parameters), KdfFailed (out of memory).
[[nodiscard]] std::expected<SecureBuffer, Error> derivePasswordKey(std::span<const std::uint8_t> passphrase,
    std::span<const std::uint8_t> salt, const PasswordHashParams& params, std::size_t outputSize = 32);

} // namespace palisade::crypto
