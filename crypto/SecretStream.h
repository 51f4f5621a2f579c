#pragma once
/// @file
/// @brief Chunked file encryption with crypto_secretstream_xchacha20poly1305. The reader
/// insists on the final tag: a stream cut short is an error, not a shorter file.

#include "crypto/Bytes.h"
#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>

namespace palisade::crypto {

namespace secretstream {
inline constexpr std::size_t kKeySize = 32;
inline constexpr std::size_t kHeaderSize = 24;
inline constexpr std::size_t kOverhead = 17; ///< per chunk: 1 tag byte + 16-byte MAC
using Header = std::array<std::uint8_t, kHeaderSize>;
} // namespace secretstream

/// Encrypting side. Move-only; the stream state lives in secure memory.
class SecretStreamWriter {
public:
    /// Start a stream under @p key (32 bytes); the header must reach the reader.
    [[nodiscard]] static std::expected<SecretStreamWriter, Error> create(ByteView key);

    /// The header to send before the first chunk.
    [[nodiscard]] const secretstream::Header& header() const noexcept { return m_header; }

    /// Encrypt one chunk; @p final marks the last one. Error::InvalidState after the final chunk.
    [[nodiscard]] std::expected<Bytes, Error> push(ByteView plaintext, bool final);

private:
    SecretStreamWriter() = default;
    SecureBuffer m_state;
    secretstream::Header m_header {};
    bool m_finished = false;
};

/// Decrypting side. Move-only; the stream state lives in secure memory.
class SecretStreamReader {
public:
    /// Start reading a stream under @p key from its header (Error::InvalidKey on bad sizes,
    /// Error::DecryptFailed on a header libsodium refuses).
    [[nodiscard]] static std::expected<SecretStreamReader, Error> create(ByteView key, ByteView header);

    /// Decrypt one chunk. Error::MessageTooShort, Error::DecryptFailed (tampered, reordered,
    /// or wrong key), Error::InvalidState after the final chunk.
    [[nodiscard]] std::expected<Bytes, Error> pull(ByteView chunk);

    /// True once the chunk carrying the final tag has been read.
    [[nodiscard]] bool finished() const noexcept { return m_finished; }

    /// Call at end of input: Error::StreamTruncated unless the final chunk was read.
    [[nodiscard]] std::expected<void, Error> finish() const noexcept;

private:
    SecretStreamReader() = default;
    SecureBuffer m_state;
    bool m_finished = false;
    bool m_failed = false;
};

} // namespace palisade::crypto
