#pragma once
/// @file
/// @brief Internal adapter: the primitives the ratchet uses, mapped onto the shared crypto/
/// layer (X25519 with the low-order check, Ed25519 and its checked X25519 conversion,
/// HMAC-SHA-256, XChaCha20-Poly1305, randomness) with ratchet::Error results. Every other
/// ratchet file calls these, never libsodium or another crypto/ header directly.
///
/// Three operations stay on libsodium here because the shared API would put a sodium_malloc'd
/// buffer on the per-message path (each costs page-granular mmap/mprotect/mlock syscalls):
/// X25519 public-key derivation, HKDF-SHA-256 expansion (built on crypto::hmacSha256), and
/// SHA-512 (not in the shared layer).

#include "crypto/Bytes.h"
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

using crypto::ByteView;
using MutableBytes = std::span<std::uint8_t>;

namespace primitives {

/// Fresh X25519 key pair: a random 32-byte secret into @p secret, its public key.
void x25519Generate(MutableBytes secret, PublicKey& publicKey);
/// The public key of an X25519 secret (32 bytes).
[[nodiscard]] std::expected<PublicKey, Error> x25519Public(ByteView secret);
/// X25519(secret, publicKey) into @p out (32 bytes); LowOrderPoint when the result is zero.
[[nodiscard]] std::expected<void, Error> x25519(
    MutableBytes out, ByteView secret, const PublicKey& publicKey);

/// Fresh Ed25519 key pair; the secret is libsodium's 64-byte form.
void ed25519Generate(SecureBuffer& secret, PublicKey& publicKey);
/// Detached Ed25519 signature of @p message (InvalidKey unless @p secret has 64 bytes).
[[nodiscard]] std::expected<Signature, Error> ed25519Sign(const SecureBuffer& secret, ByteView message);
/// True when @p signature is a valid signature of @p message by @p publicKey.
[[nodiscard]] bool ed25519Verify(const PublicKey& publicKey, ByteView message, const Signature& signature);
/// The X25519 form of an Ed25519 public key; InvalidKey when it is not a valid point.
[[nodiscard]] std::expected<PublicKey, Error> ed25519PublicToX25519(const PublicKey& publicKey);
/// The X25519 form of an Ed25519 secret key (32 bytes).
[[nodiscard]] std::expected<SecureBuffer, Error> ed25519SecretToX25519(const SecureBuffer& secret);

/// HMAC-SHA-256(key, data) into @p out (32 bytes).
void hmacSha256(MutableBytes out, ByteView key, ByteView data);
/// HKDF-SHA-256 (RFC 5869) filling @p out (at most 255*32 bytes); an empty salt means 32 zeros.
void hkdfSha256(MutableBytes out, ByteView salt, ByteView ikm, ByteView info);
/// SHA-512 of the concatenation of @p first and @p second into @p out (64 bytes).
void sha512(MutableBytes out, ByteView first, ByteView second);

/// XChaCha20-Poly1305 (IETF): appends ciphertext||tag to @p out; InvalidKey on bad lengths.
[[nodiscard]] std::expected<void, Error> aeadEncrypt(
    std::vector<std::uint8_t>& out, ByteView key, ByteView nonce, ByteView ad, ByteView plaintext);
/// XChaCha20-Poly1305 (IETF) open; @p out receives the plaintext (resized), untouched on failure.
[[nodiscard]] std::expected<void, Error> aeadDecrypt(
    std::vector<std::uint8_t>& out, ByteView key, ByteView nonce, ByteView ad, ByteView ciphertext);

/// Constant-time equality of two equally long byte strings.
[[nodiscard]] bool equal(ByteView a, ByteView b) noexcept;
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
    [[nodiscard]] ByteView bytes() const noexcept { return m_bytes; }

private:
    std::array<std::uint8_t, N> m_bytes {};
};

} // namespace palisade::crypto::ratchet
