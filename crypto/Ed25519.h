#pragma once
/// @file
/// @brief Ed25519 signatures and the checked conversion of Ed25519 keys to X25519 keys.

#include "crypto/Bytes.h"
#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"
#include "crypto/X25519.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>

namespace palisade::crypto {

/// An Ed25519 public key (32 bytes).
using Ed25519PublicKey = std::array<std::uint8_t, 32>;
/// A detached Ed25519 signature (64 bytes).
using Ed25519Signature = std::array<std::uint8_t, 64>;

/// An Ed25519 key pair; the 64-byte secret key (seed || public) stays in secure memory.
struct Ed25519KeyPair {
    Ed25519PublicKey publicKey {};
    SecureBuffer secretKey;
};

namespace ed25519 {

inline constexpr std::size_t kPublicKeySize = 32;
inline constexpr std::size_t kSecretKeySize = 64;
inline constexpr std::size_t kSeedSize = 32;
inline constexpr std::size_t kSignatureSize = 64;

/// A fresh random key pair.
[[nodiscard]] Ed25519KeyPair generateKeyPair();

/// The key pair derived from a 32-byte seed (Error::InvalidKey on another length).
[[nodiscard]] std::expected<Ed25519KeyPair, Error> keyPairFromSeed(ByteView seed);

/// Sign @p message. Error::InvalidKey when @p secretKey is not 64 bytes.
[[nodiscard]] std::expected<Ed25519Signature, Error> sign(const SecureBuffer& secretKey, ByteView message);

/// Verify a detached signature: Error::InvalidKey on a malformed key length,
/// Error::InvalidSignature when it does not verify.
[[nodiscard]] std::expected<void, Error> verify(ByteView publicKey, ByteView message, ByteView signature);

/// The X25519 public key of an Ed25519 public key. Error::InvalidKey when the point is not
/// on the curve, has small order, or has the wrong length.
[[nodiscard]] std::expected<X25519PublicKey, Error> toX25519PublicKey(ByteView publicKey);

/// The X25519 secret of an Ed25519 secret key (Error::InvalidKey on the wrong length).
[[nodiscard]] std::expected<SecureBuffer, Error> toX25519SecretKey(const SecureBuffer& secretKey);

} // namespace ed25519
} // namespace palisade::crypto
