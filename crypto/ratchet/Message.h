#pragma once
/// @file
/// @brief Wire formats of ratchet messages (untrusted input: every parser is strict and fuzzed).
///
///     RatchetMessage = version(1)=1 | type(1)=1 | ratchetKey(32) | pn(u32 BE) | n(u32 BE)
///                      | ciphertext (XChaCha20-Poly1305, >= 16 bytes)
///     PreKeyMessage  = version(1)=1 | type(1)=2 | identityKey(32, Ed25519) | baseKey(32)
///                      | signedPreKeyId(u32 BE) | hasOneTime(1: 0|1) | oneTimeId(u32 BE, 0 if none)
///                      | RatchetMessage
/// The first 42 bytes of a RatchetMessage (its header) are authenticated as associated data.

#include "crypto/ratchet/Error.h"
#include "crypto/ratchet/Primitives.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <vector>

namespace palisade::crypto::ratchet {

inline constexpr std::uint8_t kWireVersion = 1;
inline constexpr std::size_t kHeaderSize = 2 + kKeySize + 4 + 4;
inline constexpr std::size_t kPreKeyPrefixSize = 2 + kKeySize + kKeySize + 4 + 1 + 4;
/// Largest plaintext one message may carry (files use secretstream, not the ratchet).
inline constexpr std::size_t kMaxPlaintext = 1024 * 1024;
/// Largest message the parsers accept.
inline constexpr std::size_t kMaxMessage = kPreKeyPrefixSize + kHeaderSize + kMaxPlaintext + kAeadTagSize;

enum class MessageType : std::uint8_t {
    Ratchet = 1, ///< an ordinary Double Ratchet message
    PreKey = 2, ///< the initiator's messages until the responder first answers
};

/// The ratchet header: sender's current ratchet public key, previous chain length, number.
struct MessageHeader {
    PublicKey ratchetKey {};
    std::uint32_t previousChainLength = 0;
    std::uint32_t messageNumber = 0;
};

/// A parsed RatchetMessage; the spans point into the parsed input.
struct RatchetMessage {
    MessageHeader header;
    ByteView headerBytes; ///< the kHeaderSize bytes authenticated as AD
    ByteView ciphertext; ///< ciphertext || tag
};

/// A parsed PreKeyMessage; @c inner points into the parsed input.
struct PreKeyMessage {
    PublicKey identityKey {};
    PublicKey baseKey {};
    std::uint32_t signedPreKeyId = 0;
    std::optional<std::uint32_t> oneTimePreKeyId;
    ByteView inner; ///< a complete RatchetMessage
};

/// The type of a message; MalformedMessage / UnsupportedVersion when it has neither form.
[[nodiscard]] std::expected<MessageType, Error> messageType(ByteView message);
/// Parse a RatchetMessage strictly.
[[nodiscard]] std::expected<RatchetMessage, Error> parseRatchetMessage(ByteView message);
/// Parse a PreKeyMessage strictly (including its inner RatchetMessage).
[[nodiscard]] std::expected<PreKeyMessage, Error> parsePreKeyMessage(ByteView message);

/// Append a RatchetMessage header.
void writeHeader(std::vector<std::uint8_t>& out, const MessageHeader& header);
/// Append a PreKeyMessage prefix (the RatchetMessage follows).
void writePreKeyPrefix(std::vector<std::uint8_t>& out, const PublicKey& identityKey, const PublicKey& baseKey,
    std::uint32_t signedPreKeyId, std::optional<std::uint32_t> oneTimePreKeyId);

/// Big-endian helpers shared with the state codec.
void appendU32(std::vector<std::uint8_t>& out, std::uint32_t value);
[[nodiscard]] std::uint32_t readU32(const std::uint8_t* in) noexcept;

} // namespace palisade::crypto::ratchet
