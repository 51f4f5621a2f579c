#pragma once
/// @file
/// @brief Noise HandshakeState (spec §5.3) as an I/O-free state machine: feed it the
/// peer's messages with readMessage(), send what writeMessage() returns, then split().
/// Suite: Noise_<pattern>_25519_ChaChaPoly_BLAKE2b. Any error is final: afterwards every
/// call returns Error::InvalidState and the caller must drop the connection.

#include "crypto/Blake2b.h"
#include "crypto/Bytes.h"
#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"
#include "crypto/X25519.h"
#include "crypto/noise/CipherState.h"
#include "crypto/noise/Pattern.h"
#include "crypto/noise/SymmetricState.h"

#include <cstddef>
#include <expected>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace palisade::crypto::noise {

/// Left ("->", Alice) or right ("<-", Bob) party of the pattern.
enum class Role { Initiator, Responder };

/// What a party brings to a handshake. Views are copied by HandshakeState::create().
struct HandshakeConfig {
    std::string_view protocolName; ///< e.g. "Noise_IK_25519_ChaChaPoly_BLAKE2b"
    Role role = Role::Initiator;
    ByteView prologue; ///< bound into h; both sides must agree (Palisade: "PALISADE/1")
    ByteView localStaticSecret; ///< 32-byte X25519 secret, when the pattern sends or pre-shares "s"
    ByteView remoteStaticPublic; ///< the peer's pinned static key, when the pattern pre-shares it
    std::vector<ByteView> psks; ///< 32-byte pre-shared keys, in psk-token order
    /// Optional: the public key of localStaticSecret, which saves one scalar multiplication
    /// per handshake. It must match: a wrong one makes the peer reject the handshake.
    ByteView localStaticPublic;
};

/// The transport ciphers of one party after the handshake.
struct TransportCiphers {
    CipherState send;
    CipherState receive;
};

/// One party's handshake. Move-only; secrets in secure memory.
class HandshakeState {
public:
    /// Start a handshake. Error::UnsupportedProtocol, Error::MissingKey (a static key or psk
    /// the pattern needs is absent), Error::InvalidKey (a key or psk of the wrong length).
    /// A low-order remote static is refused by the first DH that uses it (LowOrderPoint).
    [[nodiscard]] static std::expected<HandshakeState, Error> create(const HandshakeConfig& config);

    /// Noise fallback (§10.2): after @p failed (an initiator that wrote, or a responder that
    /// could not read, the first message of e.g. IK) start @p config's "...fallback" pattern,
    /// reusing the ephemeral key the first message carried. Same role as before; the
    /// responder then writes first. Error::InvalidState when @p failed has no such ephemeral.
    [[nodiscard]] static std::expected<HandshakeState, Error> fallback(
        HandshakeState&& failed, const HandshakeConfig& config);

    /// Produce the next handshake message carrying @p payload (encrypted once a key exists).
    /// Error::InvalidState when it is not this party's turn; Error::MessageTooLarge above
    /// 65535 bytes; Error::LowOrderPoint when a DH with the peer's key is all zeros.
    [[nodiscard]] std::expected<Bytes, Error> writeMessage(ByteView payload);

    /// Consume the peer's next handshake message and return its payload.
    /// Error::InvalidState when it is not this party's turn to read (a replay, for one);
    /// Error::MessageTooShort / MessageTooLarge; Error::DecryptFailed (tampered, wrong key,
    /// wrong remote static); Error::LowOrderPoint.
    [[nodiscard]] std::expected<Bytes, Error> readMessage(ByteView message);

    /// True once every handshake message was written or read.
    [[nodiscard]] bool isComplete() const noexcept;
    /// True when the next call must be writeMessage() (false when complete or failed).
    [[nodiscard]] bool isMyTurnToWrite() const noexcept;

    /// Split() into this party's send and receive ciphers. Error::InvalidState before the
    /// handshake is complete or after a failure; may be called once.
    [[nodiscard]] std::expected<TransportCiphers, Error> split();

    /// h, for channel binding; final once isComplete().
    [[nodiscard]] const blake2b::Digest& handshakeHash() const noexcept
    {
        return m_symmetric.handshakeHash();
    }
    /// The peer's static key once known (pre-shared or received).
    [[nodiscard]] const std::optional<X25519PublicKey>& remoteStaticPublicKey() const noexcept
    {
        return m_rs;
    }
    [[nodiscard]] Role role() const noexcept { return m_role; }
    [[nodiscard]] const HandshakePattern& pattern() const noexcept { return m_pattern; }

#ifdef PALISADE_TEST_SEAMS
    /// Test seam (absent from release builds): the ephemeral secret the next "e" uses, so
    /// published vectors can be replayed. Error::InvalidState once an ephemeral exists.
    [[nodiscard]] std::expected<void, Error> setEphemeralForTesting(ByteView secret);
#endif

private:
    HandshakeState(HandshakePattern pattern, Role role, std::string_view protocolName);
    [[nodiscard]] static std::expected<HandshakeState, Error> initialize(HandshakePattern pattern,
        const HandshakeConfig& config, std::optional<X25519KeyPair> preMessageEphemeral,
        std::optional<X25519PublicKey> remoteEphemeral);
    [[nodiscard]] std::expected<void, Error> writeToken(Token token, Bytes& out);
    [[nodiscard]] std::expected<void, Error> readToken(Token token, ByteView& in);
    [[nodiscard]] std::expected<void, Error> mixSecret(Token token); // DH tokens and psk
    [[nodiscard]] bool isInitiator() const noexcept
    {
        return m_role == Role::Initiator;
    }
    template <typename T> std::expected<T, Error> fail(Error error);

    HandshakePattern m_pattern;
    Role m_role;
    SymmetricState m_symmetric;
    std::optional<X25519KeyPair> m_s;
    std::optional<X25519KeyPair> m_e;
    std::optional<X25519PublicKey> m_rs;
    std::optional<X25519PublicKey> m_re;
    std::vector<SecureBuffer> m_psks;
    std::size_t m_nextPsk = 0;
    std::size_t m_messageIndex = 0;
    bool m_failed = false;
    bool m_split = false;
};

} // namespace palisade::crypto::noise
