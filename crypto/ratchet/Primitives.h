#pragma once
/// @file
/// @brief Internal adapter: the few libsodium primitives the ratchet uses (X25519 with the
/// low-order check, Ed25519 and its X25519 conversion, HMAC-SHA-256, HKDF-SHA-256,
/// XChaCha20-Poly1305, SHA-512). Every other ratchet file calls these and never libsodium
/// directly, so moving to the shared crypto/ primitives is a change to Primitives.cpp only.

#include "crypto/SecureBuffer.h"
#include "crypto/ratchet/Error.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <vector>

namespace palisade::crypto::ratchet {

inline constexpr std::size_t kKeySize = 32; ///< X25519 / Ed25519 public keys, chain keys
inline constexpr std::size_t kSignatureSize = 64; ///< Ed25519 signatures
inline constexpr std::size_t kEd25519SecretSize = 64; ///< libsodium's Ed25519 secret key (seed || pk)
inline constexpr std::size_t kAeadKeySize = 32; ///< XChaCha20-Poly1305 key
inline constexpr std::size_t kAeadNonceSize = 24; ///< XChaCha20-Poly1305 nonce
inline constexpr std::size_t kAeadTagSize = 16; ///< Poly1305 tag

/// A public key (X25519 or Ed25519, the context says which). Public, so a plain array.
using PublicKey = std::array<std::uint8_t, kKeySize>;
/// An Ed25519 signature.
using Signature = std::array<std::uint8_t, kSignatureSize>;

using Bytes = std::span<const std::uint8_t>;
using MutableBytes = std::span<std::uint8_t>;

namespace primitives {

/// Fresh X25519 key pair; the secret is a 32-byte SecureBuffer.
void x25519Generate(SecureBuffer& secret, PublicKey& publicKey);
/// The public key of an X25519 secret (32 bytes).
[[nodiscard]] std::expected<PublicKey, Error> x25519Public(Bytes secret);
/// X25519(secret, publicKey) into @p out (32 bytes); LowOrderPoint when the result is zero.
[[nodiscard]] std::expected<void, Error> x25519(MutableBytes out, Bytes secret, const PublicKey& publicKey);

/// Fresh Ed25519 key pair; the secret is libsodium's 64-byte form.
void ed25519Generate(SecureBuffer& secret, PublicKey& publicKey);
/// Detached Ed25519 signature of @p message.
[[nodiscard]] Signature ed25519Sign(Bytes secret, Bytes message);
/// True when @p signature is a valid signature of @p message by @p publicKey.
[[nodiscard]] bool ed25519Verify(const PublicKey& publicKey, Bytes message, const Signature& signature);
/// The X25519 form of an Ed25519 public key; InvalidKey when it is not a valid point.
[[nodiscard]] std::expected<PublicKey, Error> ed25519PublicToX25519(const PublicKey& publicKey);
/// The X25519 form of an Ed25519 secret key (32 bytes into @p out).
[[nodiscard]] std::expected<void, Error> ed25519SecretToX25519(MutableBytes out, Bytes secret);

/// HMAC-SHA-256(key, data) into @p out (32 bytes).
void hmacSha256(MutableBytes out, Bytes key, Bytes data);
/// HKDF-SHA-256 (RFC 5869) filling @p out (at most 255*32 bytes); an empty salt means 32 zeros.
void hkdfSha256(MutableBytes out, Bytes salt, Bytes ikm, Bytes info);
/// SHA-512 of the concatenation of @p first and @p second into @p out (64 bytes).
void sha512(MutableBytes out, Bytes first, Bytes second);

/// XChaCha20-Poly1305 (IETF): appends ciphertext||tag to @p out.
void aeadEncrypt(std::vector<std::uint8_t>& out, Bytes key, Bytes nonce, Bytes ad, Bytes plaintext);
/// XChaCha20-Poly1305 (IETF) open; @p out receives the plaintext (resized), untouched on failure.
[[nodiscard]] std::expected<void, Error> aeadDecrypt(
    std::vector<std::uint8_t>& out, Bytes key, Bytes nonce, Bytes ad, Bytes ciphertext);

/// Constant-time equality of two equally long byte strings.
[[nodiscard]] bool equal(Bytes a, Bytes b) noexcept;
/// Zero @p bytes in a way the compiler keeps.
void wipe(MutableBytes bytes) noexcept;

} // namespace primitives

/// A fixed-size secret on the stack for short-lived intermediates (one KDF step), wiped
/// when it leaves scope. Long-lived secrets live in SecureBuffer.
template <std::size_t N> class StackSecret {
public:
    StackSecret() = default;
    ~StackSecret() { primitives::wipe(m_bytes); }
    StackSecret(const StackSecret&) = delete;
    StackSecret& operator=(const StackSecret&) = delete;
    [[nodiscard]] std::uint8_t* data() noexcept { return m_bytes.data(); }
    [[nodiscard]] MutableBytes mutableBytes() noexcept { return m_bytes; }
    [[nodiscard]] Bytes bytes() const noexcept { return m_bytes; }

private:
    std::array<std::uint8_t, N> m_bytes {};
};

} // namespace palisade::crypto::ratchet
