#pragma once
/// @file
/// @brief X25519 key agreement (RFC 7748) that refuses low-order peer keys.

#include "crypto/Bytes.h"
#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>

namespace palisade::crypto {

/// An X25519 public key (32 bytes, little-endian u-coordinate).
using X25519PublicKey = std::array<std::uint8_t, 32>;

/// An X25519 key pair; the secret scalar stays in secure memory.
struct X25519KeyPair {
    X25519PublicKey publicKey {};
    SecureBuffer secretKey;
};

namespace x25519 {

inline constexpr std::size_t kKeySize = 32;

/// A fresh random key pair.
[[nodiscard]] X25519KeyPair generateKeyPair();

/// The key pair for a given 32-byte secret (Error::InvalidKey on another length).
[[nodiscard]] std::expected<X25519KeyPair, Error> keyPairFromSecret(ByteView secret);

/// DH(secret, peer) into @p out. Error::InvalidKey on wrong lengths; Error::LowOrderPoint
/// when the result is all zeros (a low-order or otherwise malicious peer key).
[[nodiscard]] std::expected<void, Error> dh(
    ByteView secret, ByteView peerPublic, std::span<std::uint8_t, kKeySize> out) noexcept;

/// DH(secret, peer) into a new secure buffer; same errors as above.
[[nodiscard]] std::expected<SecureBuffer, Error> dh(const SecureBuffer& secret, ByteView peerPublic);

} // namespace x25519
} // namespace palisade::crypto
