#pragma once
/// @file
/// @brief A Double Ratchet session (Signal's specification) started by X3DH.
///
/// Not thread-safe: one owner (the client core's network thread) uses a session at a time.
/// Every failing call leaves the session exactly as it was: a tampered, replayed or
/// undecryptable message changes no state.

#include "crypto/SecureBuffer.h"
#include "crypto/ratchet/Error.h"
#include "crypto/ratchet/Message.h"
#include "crypto/ratchet/SkippedKeys.h"
#include "crypto/ratchet/X3dh.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <vector>

namespace palisade::crypto::ratchet {

class Session {
public:
    /// Most message keys one incoming message may make us derive and keep (skipped messages).
    static constexpr std::uint32_t kMaxSkip = SkippedKeys::kCapacity;
    /// Version of the serialised state format.
    static constexpr std::uint8_t kStateVersion = 1;

    struct Accepted;

    /// Start a session as the initiator from the peer's bundle (verifies its signature).
    /// Messages are PreKeyMessages until the peer's first reply has been decrypted.
    [[nodiscard]] static std::expected<Session, Error> initiate(
        const IdentityKeyPair& ours, const PreKeyBundle& theirs);

    /// Start a session as the responder from the first PreKeyMessage, decrypting it.
    /// @p signedPreKey and @p oneTimePreKey must be the ones the message names (see
    /// parsePreKeyMessage()); pass null when it names no one-time prekey. On success the
    /// caller deletes the one-time prekey.
    [[nodiscard]] static std::expected<Accepted, Error> accept(const IdentityKeyPair& ours,
        const SignedPreKey& signedPreKey, const PreKeyPair* oneTimePreKey, ByteView preKeyMessage);

    /// Encrypt @p plaintext into a wire message (RatchetMessage or, while awaiting the
    /// peer's first reply, PreKeyMessage).
    [[nodiscard]] std::expected<std::vector<std::uint8_t>, Error> encrypt(ByteView plaintext);

    /// Decrypt a wire message of this session. On any error the state is unchanged.
    [[nodiscard]] std::expected<std::vector<std::uint8_t>, Error> decrypt(ByteView message);

    /// The versioned binary state, for encrypted storage. Contains secrets.
    [[nodiscard]] SecureBuffer serialize() const;
    /// Rebuild a session from serialize()'s output; CorruptState or UnsupportedVersion on
    /// anything that does not validate strictly.
    [[nodiscard]] static std::expected<Session, Error> deserialize(ByteView state);

    /// Our Ed25519 identity key.
    [[nodiscard]] const PublicKey& localIdentity() const noexcept { return m_localIdentity; }
    /// The peer's Ed25519 identity key.
    [[nodiscard]] const PublicKey& remoteIdentity() const noexcept { return m_remoteIdentity; }
    /// The X3DH base (ephemeral) key that started the session; identifies it.
    [[nodiscard]] const PublicKey& baseKey() const noexcept { return m_baseKey; }
    /// True while we are the initiator and the peer has not yet replied.
    [[nodiscard]] bool awaitingReply() const noexcept { return m_pending.has_value(); }
    /// Number of stored skipped-message keys.
    [[nodiscard]] std::size_t skippedKeyCount() const noexcept { return m_skipped.size(); }

private:
    /// The initiator's X3DH data, repeated in every message until the first reply.
    struct Pending {
        std::uint32_t signedPreKeyId = 0;
        std::optional<std::uint32_t> oneTimePreKeyId;
    };
    Session();
    [[nodiscard]] ByteView rootKey() const noexcept;
    [[nodiscard]] ByteView sendingChain() const noexcept;
    [[nodiscard]] ByteView receivingChain() const noexcept;
    [[nodiscard]] ByteView ratchetSecret() const noexcept;
    [[nodiscard]] MutableBytes secret(std::size_t index) noexcept;
    [[nodiscard]] AssociatedData associatedData() const noexcept;
    [[nodiscard]] std::expected<std::vector<std::uint8_t>, Error> decryptRatchet(
        ByteView message, ByteView preKeyPrefix);

    // m_secrets = root key | sending chain key | receiving chain key | our ratchet secret
    SecureBuffer m_secrets;
    PublicKey m_ratchetPublic {};
    PublicKey m_remoteRatchet {};
    PublicKey m_localIdentity {};
    PublicKey m_remoteIdentity {};
    PublicKey m_baseKey {};
    bool m_initiator = false;
    bool m_hasReceivingChain = false; // false only for a responder before its first message
    std::uint32_t m_sendCount = 0; // Ns
    std::uint32_t m_receiveCount = 0; // Nr
    std::uint32_t m_previousSendCount = 0; // PN
    std::optional<Pending> m_pending;
    SkippedKeys m_skipped;
};

/// A responder's new session and the plaintext of the message that started it.
struct Session::Accepted {
    Session session;
    std::vector<std::uint8_t> plaintext;
};

} // namespace palisade::crypto::ratchet
