#pragma once
/// @file
/// @brief Errors crypto/ reports as values (std::expected<T, crypto::Error>).

#include <string_view>

namespace palisade::crypto {

enum class Error {
    InitFailed, ///< libsodium could not initialise, or the self-test failed
    InvalidKey, ///< wrong length or malformed key
    LowOrderPoint, ///< X25519 produced the all-zero shared secret
    InvalidSignature, ///< Ed25519 verification failed
    DecryptFailed, ///< AEAD authentication failed (tampered, wrong key, wrong AD)
    MessageTooLarge, ///< exceeds a protocol limit (Noise: 65535 bytes)
    MessageTooShort, ///< truncated input
    NonceExhausted, ///< the cipher state reached the reserved nonce 2^64-1
    InvalidState, ///< a call out of order (for example reading when it is our turn to write)
    MissingKey, ///< a key the pattern needs was not supplied
    StreamTruncated, ///< a secretstream ended without its final tag
    KdfFailed, ///< a key derivation ran out of memory or failed
    InvalidEncoding, ///< malformed text encoding (for example an odd-length hex string)
    UnsupportedProtocol, ///< a Noise protocol name this build does not implement
};

/// A sentence for logs and users; never contains key material.
[[nodiscard]] std::string_view describe(Error error) noexcept;

} // namespace palisade::crypto
