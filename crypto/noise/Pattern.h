#pragma once
/// @file
/// @brief Noise handshake patterns (spec §7) with the psk and fallback modifiers (§9, §10),
/// and parsing of full protocol names such as Noise_XXpsk3_25519_ChaChaPoly_BLAKE2b.

#include "crypto/Error.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::crypto::noise {

/// One token of a message pattern. DH tokens name the left (initiator, "Alice") key first.
enum class Token : std::uint8_t { E, S, EE, ES, SE, SS, Psk };

/// One handshake message: who sends it and its tokens.
struct MessagePattern {
    bool fromInitiator = true; ///< "->" (initiator to responder) or "<-"
    std::vector<Token> tokens;
};

/// A handshake pattern after its modifiers were applied.
struct HandshakePattern {
    std::string name; ///< e.g. "XXpsk3"
    std::vector<Token> initiatorPreMessage; ///< "-> ..." before "..." (E and/or S)
    std::vector<Token> responderPreMessage; ///< "<- ..." before "..."
    std::vector<MessagePattern> messages;
    bool fallback = false; ///< the fallback modifier was applied (the responder writes first)

    /// Number of psk tokens (each needs one pre-shared key, in order).
    [[nodiscard]] std::size_t pskCount() const noexcept;
    /// True when a psk modifier is present (then every "e" also does MixKey).
    [[nodiscard]] bool hasPsk() const noexcept { return pskCount() > 0; }
    /// Whether the given side sends its static key or has it in a pre-message.
    [[nodiscard]] bool needsLocalStatic(bool initiator) const noexcept;
    /// Whether the given side must know the peer's static key before the handshake.
    [[nodiscard]] bool needsRemoteStaticUpFront(bool initiator) const noexcept;
};

/// The pattern for a name with modifiers ("IK", "XXpsk0+psk2", "XXfallback").
/// Error::UnsupportedProtocol for unknown patterns or malformed modifiers.
[[nodiscard]] std::expected<HandshakePattern, Error> parsePattern(std::string_view name);

/// Parse "Noise_<pattern>_25519_ChaChaPoly_BLAKE2b", the only suite this build implements.
/// Error::UnsupportedProtocol for any other DH, cipher or hash.
[[nodiscard]] std::expected<HandshakePattern, Error> parseProtocolName(std::string_view protocolName);

} // namespace palisade::crypto::noise
