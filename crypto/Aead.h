#pragma once
/// @file
/// @brief Authenticated encryption: ChaCha20-Poly1305 (IETF, 96-bit nonce; RFC 8439) and
/// XChaCha20-Poly1305 (192-bit nonce, safe with random nonces). Ciphertext = data || 16-byte tag.

#include "crypto/Bytes.h"
#include "crypto/Error.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>

namespace palisade::crypto {

/// One AEAD construction; use the two instances below.
class Aead {
public:
    static constexpr std::size_t kKeySize = 32;
    static constexpr std::size_t kTagSize = 16;

    /// Encrypt into @p out (at least plaintext + kTagSize bytes); returns the bytes written.
    /// Error::InvalidKey on a wrong key or nonce length, Error::MessageTooLarge when @p out
    /// is too small. @p out may alias @p plaintext exactly (in-place encryption).
    [[nodiscard]] std::expected<std::size_t, Error> encrypt(ByteView key, ByteView nonce, ByteView ad,
        ByteView plaintext, std::span<std::uint8_t> out) const noexcept;
    /// Encrypt into a new vector.
    [[nodiscard]] std::expected<Bytes, Error> encrypt(
        ByteView key, ByteView nonce, ByteView ad, ByteView plaintext) const;

    /// Decrypt into @p out (at least ciphertext - kTagSize bytes); returns the bytes written.
    /// Error::MessageTooShort when shorter than a tag, Error::DecryptFailed on any
    /// authentication failure (then @p out holds no plaintext).
    [[nodiscard]] std::expected<std::size_t, Error> decrypt(ByteView key, ByteView nonce, ByteView ad,
        ByteView ciphertext, std::span<std::uint8_t> out) const noexcept;
    /// Decrypt into a new vector.
    [[nodiscard]] std::expected<Bytes, Error> decrypt(
        ByteView key, ByteView nonce, ByteView ad, ByteView ciphertext) const;

    /// The nonce length this construction takes.
    [[nodiscard]] std::size_t nonceSize() const noexcept { return m_nonceSize; }

    using EncryptFn = int (*)(unsigned char*, unsigned long long*, const unsigned char*, unsigned long long,
        const unsigned char*, unsigned long long, const unsigned char*, const unsigned char*,
        const unsigned char*);
    using DecryptFn = int (*)(unsigned char*, unsigned long long*, unsigned char*, const unsigned char*,
        unsigned long long, const unsigned char*, unsigned long long, const unsigned char*,
        const unsigned char*);
    constexpr Aead(std::size_t nonceSize, EncryptFn encryptFn, DecryptFn decryptFn) noexcept
        : m_nonceSize(nonceSize)
        , m_encrypt(encryptFn)
        , m_decrypt(decryptFn)
    {
    }

private:
    std::size_t m_nonceSize;
    EncryptFn m_encrypt;
    DecryptFn m_decrypt;
};

/// ChaCha20-Poly1305 IETF: 12-byte nonce; never reuse a (key, nonce) pair.
[[nodiscard]] const Aead& chaCha20Poly1305() noexcept;
/// XChaCha20-Poly1305: 24-byte nonce, random nonces are safe.
[[nodiscard]] const Aead& xChaCha20Poly1305() noexcept;

} // namespace palisade::crypto
