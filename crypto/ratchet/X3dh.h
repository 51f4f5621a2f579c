#pragma once
/// @file
/// @brief X3DH (Signal's Extended Triple Diffie-Hellman) on libsodium: an Ed25519 identity
/// key per device (its X25519 form for DH), a signed prekey (X25519, Ed25519-signed by the
/// identity key), optional one-time prekeys. KDF input 0xFF*32 || DH1 || DH2 || DH3 [|| DH4]
/// with DH1 = DH(IK_A, SPK_B), DH2 = DH(EK_A, IK_B), DH3 = DH(EK_A, SPK_B), DH4 = DH(EK_A, OPK_B).
/// Associated data AD = IK_A || IK_B (the Ed25519 identity keys, initiator first).

#include "crypto/SecureBuffer.h"
#include "crypto/ratchet/Error.h"
#include "crypto/ratchet/Primitives.h"

#include <array>
#include <cstdint>
#include <expected>
#include <optional>

namespace palisade::crypto::ratchet {

/// Size of the X3DH associated data (two Ed25519 public keys).
inline constexpr std::size_t kAssociatedDataSize = 2 * kKeySize;
using AssociatedData = std::array<std::uint8_t, kAssociatedDataSize>;

/// A device's long-term Ed25519 identity key pair (secret in libsodium's 64-byte form).
struct IdentityKeyPair {
    SecureBuffer secretKey;
    PublicKey publicKey {};

    /// A fresh random identity.
    [[nodiscard]] static IdentityKeyPair generate();
    /// Rebuild from a stored 64-byte secret; InvalidKey when it is malformed.
    [[nodiscard]] static std::expected<IdentityKeyPair, Error> fromSecret(ByteView secret);
};

/// An X25519 prekey pair with the id the server and the peer refer to it by.
struct PreKeyPair {
    std::uint32_t id = 0;
    SecureBuffer secretKey;
    PublicKey publicKey {};

    /// A fresh random prekey with @p id.
    [[nodiscard]] static PreKeyPair generate(std::uint32_t id);
};

/// A signed prekey: the pair plus the identity key's signature over signedPreKeyMessage().
struct SignedPreKey {
    PreKeyPair keyPair;
    Signature signature {};

    /// A fresh prekey with @p id, signed by @p identity (InvalidKey for a malformed identity).
    [[nodiscard]] static std::expected<SignedPreKey, Error> generate(
        const IdentityKeyPair& identity, std::uint32_t id);
};

/// The public half of a one-time prekey, as published in a bundle.
struct OneTimePreKeyPublic {
    std::uint32_t id = 0;
    PublicKey key {};
};

/// What the server hands out for a device: everything needed to start a session with it.
struct PreKeyBundle {
    PublicKey identityKey {}; ///< Ed25519
    std::uint32_t signedPreKeyId = 0;
    PublicKey signedPreKey {}; ///< X25519
    Signature signedPreKeySignature {};
    std::optional<OneTimePreKeyPublic> oneTimePreKey;
};

/// The bytes an identity key signs for a signed prekey: a context string then the key.
[[nodiscard]] std::array<std::uint8_t, 24 + kKeySize> signedPreKeyMessage(const PublicKey& signedPreKey);
/// True when the bundle's signed prekey carries a valid signature by its identity key.
[[nodiscard]] bool verifyBundle(const PreKeyBundle& bundle);

/// The two secrets X3DH hands to the Double Ratchet.
struct X3dhSecrets {
    SecureBuffer keys; ///< root key || chain key, 32 bytes each
    /// The first root key.
    [[nodiscard]] ByteView rootKey() const noexcept { return keys.bytes().first(kKeySize); }
    /// The responder's first sending chain key.
    [[nodiscard]] ByteView chainKey() const noexcept { return keys.bytes().subspan(kKeySize, kKeySize); }
};

/// Initiator side on raw X25519 keys (exposed for known-answer tests).
/// @p remoteOneTimePreKey may be null.
[[nodiscard]] std::expected<X3dhSecrets, Error> x3dhInitiatorSecrets(ByteView identitySecret,
    ByteView baseSecret, const PublicKey& remoteIdentity, const PublicKey& remoteSignedPreKey,
    const PublicKey* remoteOneTimePreKey, ByteView info);

/// Responder side on raw X25519 keys; an empty @p oneTimeSecret means none was used.
[[nodiscard]] std::expected<X3dhSecrets, Error> x3dhResponderSecrets(ByteView identitySecret,
    ByteView signedPreKeySecret, ByteView oneTimeSecret, const PublicKey& remoteIdentity,
    const PublicKey& remoteBase, ByteView info);

/// AD = initiator identity || responder identity (Ed25519 public keys).
[[nodiscard]] AssociatedData associatedData(const PublicKey& initiator, const PublicKey& responder);

/// Result of starting a session as the initiator.
struct X3dhInitiation {
    X3dhSecrets secrets;
    PublicKey baseKey {}; ///< our ephemeral public key, sent in the first message
};

/// Initiator: verify the bundle's signature, then run X3DH with a fresh ephemeral key.
[[nodiscard]] std::expected<X3dhInitiation, Error> x3dhInitiate(
    const IdentityKeyPair& ours, const PreKeyBundle& theirs);

/// Responder: run X3DH for an initiator's identity and base key; @p oneTimePreKey may be null.
[[nodiscard]] std::expected<X3dhSecrets, Error> x3dhRespond(const IdentityKeyPair& ours,
    const SignedPreKey& signedPreKey, const PreKeyPair* oneTimePreKey, const PublicKey& remoteIdentity,
    const PublicKey& remoteBase);

} // namespace palisade::crypto::ratchet
