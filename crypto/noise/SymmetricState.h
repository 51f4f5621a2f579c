#pragma once
/// @file
/// @brief Noise SymmetricState (spec §5.2) over BLAKE2b: chaining key ck, handshake hash h
/// and the handshake's CipherState.

#include "crypto/Blake2b.h"
#include "crypto/Bytes.h"
#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"
#include "crypto/noise/CipherState.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string_view>

namespace palisade::crypto::noise {

inline constexpr std::size_t kHashSize = blake2b::kDigestSize;

/// The two transport CipherStates Split() returns, in the spec's order.
struct SplitCiphers {
    CipherState initiatorToResponder; ///< c1
    CipherState responderToInitiator; ///< c2
};

/// Symmetric part of a handshake. Move-only; ck lives in secure memory.
class SymmetricState {
public:
    /// InitializeSymmetric(protocol_name): h = name padded to 64 bytes or BLAKE2b(name); ck = h.
    explicit SymmetricState(std::string_view protocolName);

    void mixKey(ByteView inputKeyMaterial);
    void mixHash(ByteView data) noexcept;
    void mixKeyAndHash(ByteView inputKeyMaterial);

    /// EncryptAndHash into @p out (plaintext + 16 bytes once a key exists); bytes written.
    [[nodiscard]] std::expected<std::size_t, Error> encryptAndHash(
        ByteView plaintext, std::span<std::uint8_t> out) noexcept;
    /// DecryptAndHash into @p out (which must not overlap @p ciphertext); Error::DecryptFailed
    /// when authentication fails.
    [[nodiscard]] std::expected<std::size_t, Error> decryptAndHash(
        ByteView ciphertext, std::span<std::uint8_t> out) noexcept;

    /// Split(): the transport ciphers. Call once, at the end of the handshake.
    [[nodiscard]] SplitCiphers split();

    /// h: after the handshake, the channel-binding value both sides share.
    [[nodiscard]] const blake2b::Digest& handshakeHash() const noexcept { return m_h; }
    /// Whether the handshake cipher has a key yet (decides if "s" carries a tag).
    [[nodiscard]] bool hasKey() const noexcept { return m_cipher.hasKey(); }

#ifdef PALISADE_TEST_SEAMS
    /// Test seam (absent from release builds): the chaining key, for known-answer tests.
    [[nodiscard]] ByteView chainingKeyForTesting() const noexcept
    {
        return m_ck.bytes();
    }
#endif

private:
    SecureBuffer m_ck;
    blake2b::Digest m_h {};
    CipherState m_cipher;
};

} // namespace palisade::crypto::noise
