#pragma once
/// @file
/// @brief Noise CipherState (spec §5.1) for ChaChaPoly: a key and a 64-bit counter nonce.
/// Nonce 2^64-1 is reserved (Error::NonceExhausted); messages are at most 65535 bytes; a
/// failed decryption leaves the nonce where it was.

#include "crypto/Bytes.h"
#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <limits>
#include <span>
#include <utility>

namespace palisade::crypto::noise {

inline constexpr std::size_t kMaxMessageSize = 65535; ///< Noise's limit for any message
inline constexpr std::size_t kTagSize = 16;
inline constexpr std::size_t kKeySize = 32;
inline constexpr std::size_t kMaxPlaintextSize = kMaxMessageSize - kTagSize; ///< one transport message
inline constexpr std::uint64_t kReservedNonce = std::numeric_limits<std::uint64_t>::max();

/// Transport (or handshake) encryption state. Move-only; the key lives in secure memory.
/// Not thread-safe: one owner at a time.
class CipherState {
public:
    CipherState() = default;
    /// A moved-from CipherState has no key.
    CipherState(CipherState&& other) noexcept;
    CipherState& operator=(CipherState&& other) noexcept;
    CipherState(const CipherState&) = delete;
    CipherState& operator=(const CipherState&) = delete;
    ~CipherState() = default;

    /// InitializeKey(k): a 32-byte key, or an empty view for "no key"; the nonce restarts at 0.
    void initializeKey(ByteView key);
    /// Whether a key is set (without one, encryption is the identity function).
    [[nodiscard]] bool hasKey() const noexcept { return m_hasKey; }
    /// The next nonce this state will use.
    [[nodiscard]] std::uint64_t nonce() const noexcept { return m_nonce; }

    /// EncryptWithAd into @p out (plaintext + 16 bytes when keyed); returns the bytes written.
    /// Error::MessageTooLarge when the result would exceed 65535 bytes or @p out is too small,
    /// Error::NonceExhausted at nonce 2^64-1.
    [[nodiscard]] std::expected<std::size_t, Error> encryptWithAd(
        ByteView ad, ByteView plaintext, std::span<std::uint8_t> out) noexcept;
    /// EncryptWithAd into a new vector.
    [[nodiscard]] std::expected<Bytes, Error> encryptWithAd(ByteView ad, ByteView plaintext);

    /// DecryptWithAd into @p out (ciphertext - 16 bytes when keyed); returns the bytes written.
    /// Error::DecryptFailed on authentication failure (the nonce does not advance),
    /// Error::MessageTooShort / MessageTooLarge on impossible sizes, Error::NonceExhausted.
    [[nodiscard]] std::expected<std::size_t, Error> decryptWithAd(
        ByteView ad, ByteView ciphertext, std::span<std::uint8_t> out) noexcept;
    /// DecryptWithAd into a new vector.
    [[nodiscard]] std::expected<Bytes, Error> decryptWithAd(ByteView ad, ByteView ciphertext);

    /// Rekey() (spec §4.2/§11.3): k = first 32 bytes of ENCRYPT(k, 2^64-1, "", 32 zero bytes).
    /// The nonce is unchanged. Error::MissingKey without a key.
    [[nodiscard]] std::expected<void, Error> rekey() noexcept;

#ifdef PALISADE_TEST_SEAMS
    /// Test seam (absent from release builds): jump the nonce, e.g. to 2^64-2.
    void setNonceForTesting(std::uint64_t nonce) noexcept
    {
        m_nonce = nonce;
    }
#endif

private:
    SecureBuffer m_key;
    std::uint64_t m_nonce = 0;
    bool m_hasKey = false;
};

} // namespace palisade::crypto::noise
