#pragma once
/// @file
/// @brief Symmetric authenticated encryption of small secrets (libsodium crypto_secretbox:
/// XSalsa20-Poly1305 with a random 24-byte nonce), used to wrap keys under other keys.

#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <vector>

namespace palisade::crypto {

inline constexpr std::size_t secretBoxKeySize = 32;
inline constexpr std::size_t secretBoxNonceSize = 24;
inline constexpr std::size_t secretBoxMacSize = 16;

using SecretBoxNonce = std::array<std::uint8_t, secretBoxNonceSize>;

/// A sealed message: the nonce it was sealed with and MAC || ciphertext.
struct SealedBox {
    SecretBoxNonce nonce {};
    std::vector<std::uint8_t> ciphertext;
};

/// Encrypt and authenticate @p plaintext under @p key with a fresh random nonce.
/// Errors: InvalidKey when the key is not 32 bytes.
[[nodiscard]] std::expected<SealedBox, Error> secretBoxSeal(
    const SecureBuffer& key, std::span<const std::uint8_t> plaintext);

/// Verify and decrypt. Errors: InvalidKey, MessageTooShort, DecryptFailed (wrong key or tampered).
/// The plaintext comes back in a SecureBuffer because what we wrap are keys.
[[nodiscard]] std::expected<SecureBuffer, Error> secretBoxOpen(
    const SecureBuffer& key, const SecretBoxNonce& nonce, std::span<const std::uint8_t> ciphertext);

} // namespace palisade::crypto
