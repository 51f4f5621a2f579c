#pragma once
/// @file
/// @brief Errors of the X3DH / Double Ratchet layer, reported as values
/// (std::expected<T, ratchet::Error>). None of them carries key material.

#include <string_view>

namespace palisade::crypto::ratchet {

enum class Error {
    InvalidKey, ///< a key has the wrong length or is not a valid curve point
    LowOrderPoint, ///< a peer's X25519 key gave the all-zero shared secret
    InvalidSignature, ///< the signed prekey's Ed25519 signature did not verify
    MalformedMessage, ///< a message is truncated, too long or has unknown fields
    UnsupportedVersion, ///< a message or stored state has a version we do not know
    DecryptFailed, ///< authentication failed: tampered header or body, or wrong session
    DuplicateMessage, ///< the message was already decrypted (replay)
    TooManySkipped, ///< the message lies further ahead than the skipped-key bound allows
    MessageTooLarge, ///< the plaintext exceeds kMaxPlaintext
    ChainExhausted, ///< the message counter of a chain would overflow
    UnknownPreKey, ///< a prekey message names a prekey other than the ones supplied
    WrongSession, ///< a prekey message names an identity that is not this session's peer
    CorruptState, ///< stored session state failed validation
};

/// A sentence for logs and users; never contains key material or message text.
[[nodiscard]] std::string_view describe(Error error) noexcept;

} // namespace palisade::crypto::ratchet
