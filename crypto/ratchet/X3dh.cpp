#include "crypto/ratchet/X3dh.h"

#include "crypto/ratchet/Kdf.h"

#include <algorithm>
#include <string_view>

namespace palisade::crypto::ratchet {

namespace {

constexpr std::string_view kSignedPreKeyContext = "Palisade_SignedPreKey_v1";
static_assert(kSignedPreKeyContext.size() == 24);

X3dhSecrets deriveSecrets(ByteView dhOutputs, ByteView info)
{
    X3dhSecrets secrets { SecureBuffer(2 * kKeySize) };
    kdf::x3dh(secrets.keys.mutableBytes().first(kKeySize), secrets.keys.mutableBytes().subspan(kKeySize),
        dhOutputs, info);
    return secrets;
}

/// One X3DH Diffie-Hellman: our secret with their public key.
struct DhInput {
    ByteView secret;
    const PublicKey* remote = nullptr;
};

/// DH over each input in order (DH1..DH4), then the X3DH KDF.
std::expected<X3dhSecrets, Error> agree(std::span<const DhInput> inputs, ByteView info)
{
    StackSecret<kKeySize * kdf::kMaxX3dhDh> dh;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const auto out = dh.mutableBytes().subspan(i * kKeySize, kKeySize);
        if (auto r = primitives::x25519(out, inputs[i].secret, *inputs[i].remote); !r) {
            return std::unexpected(r.error());
        }
    }
    return deriveSecrets(dh.bytes().first(inputs.size() * kKeySize), info);
}

} // namespace

IdentityKeyPair IdentityKeyPair::generate()
{
    IdentityKeyPair pair;
    primitives::ed25519Generate(pair.secretKey, pair.publicKey);
    return pair;
}

std::expected<IdentityKeyPair, Error> IdentityKeyPair::fromSecret(ByteView secret)
{
    if (secret.size() != kEd25519SecretSize) {
        return std::unexpected(Error::InvalidKey);
    }
    IdentityKeyPair pair;
    pair.secretKey = SecureBuffer::copyOf(secret);
    std::copy_n(secret.data() + kKeySize, kKeySize, pair.publicKey.data());
    // The stored public half must belong to the seed: sign and verify once.
    static constexpr std::uint8_t probe[] = { 'p', 'r', 'o', 'b', 'e' };
    const auto signature = primitives::ed25519Sign(pair.secretKey, probe);
    if (!signature || !primitives::ed25519Verify(pair.publicKey, probe, *signature)) {
        return std::unexpected(Error::InvalidKey);
    }
    return pair;
}

PreKeyPair PreKeyPair::generate(std::uint32_t id)
{
    PreKeyPair pair;
    pair.id = id;
    pair.secretKey = SecureBuffer(kKeySize);
    primitives::x25519Generate(pair.secretKey.mutableBytes(), pair.publicKey);
    return pair;
}

std::expected<SignedPreKey, Error> SignedPreKey::generate(const IdentityKeyPair& identity, std::uint32_t id)
{
    SignedPreKey signedPreKey { PreKeyPair::generate(id), {} };
    const auto signature
        = primitives::ed25519Sign(identity.secretKey, signedPreKeyMessage(signedPreKey.keyPair.publicKey));
    if (!signature) {
        return std::unexpected(signature.error());
    }
    signedPreKey.signature = *signature;
    return signedPreKey;
}

std::array<std::uint8_t, 24 + kKeySize> signedPreKeyMessage(const PublicKey& signedPreKey)
{
    std::array<std::uint8_t, 24 + kKeySize> message {};
    std::copy(kSignedPreKeyContext.begin(), kSignedPreKeyContext.end(), message.begin());
    std::copy(signedPreKey.begin(), signedPreKey.end(), message.begin() + 24);
    return message;
}

bool verifyBundle(const PreKeyBundle& bundle)
{
    return primitives::ed25519Verify(
        bundle.identityKey, signedPreKeyMessage(bundle.signedPreKey), bundle.signedPreKeySignature);
}

std::expected<X3dhSecrets, Error> x3dhInitiatorSecrets(ByteView identitySecret, ByteView baseSecret,
    const PublicKey& remoteIdentity, const PublicKey& remoteSignedPreKey,
    const PublicKey* remoteOneTimePreKey, ByteView info)
{
    const DhInput inputs[] = { { identitySecret, &remoteSignedPreKey }, { baseSecret, &remoteIdentity },
        { baseSecret, &remoteSignedPreKey }, { baseSecret, remoteOneTimePreKey } };
    return agree(std::span(inputs).first(remoteOneTimePreKey != nullptr ? 4 : 3), info);
}

std::expected<X3dhSecrets, Error> x3dhResponderSecrets(ByteView identitySecret, ByteView signedPreKeySecret,
    ByteView oneTimeSecret, const PublicKey& remoteIdentity, const PublicKey& remoteBase, ByteView info)
{
    const DhInput inputs[] = { { signedPreKeySecret, &remoteIdentity }, { identitySecret, &remoteBase },
        { signedPreKeySecret, &remoteBase }, { oneTimeSecret, &remoteBase } };
    return agree(std::span(inputs).first(oneTimeSecret.empty() ? 3 : 4), info);
}

AssociatedData associatedData(const PublicKey& initiator, const PublicKey& responder)
{
    AssociatedData ad {};
    std::copy(initiator.begin(), initiator.end(), ad.begin());
    std::copy(responder.begin(), responder.end(), ad.begin() + kKeySize);
    return ad;
}

std::expected<X3dhInitiation, Error> x3dhInitiate(const IdentityKeyPair& ours, const PreKeyBundle& theirs)
{
    if (!verifyBundle(theirs)) {
        return std::unexpected(Error::InvalidSignature);
    }
    const auto remoteIdentity = primitives::ed25519PublicToX25519(theirs.identityKey);
    if (!remoteIdentity) {
        return std::unexpected(remoteIdentity.error());
    }
    const auto identitySecret = primitives::ed25519SecretToX25519(ours.secretKey);
    if (!identitySecret) {
        return std::unexpected(identitySecret.error());
    }
    StackSecret<kKeySize> baseSecret;
    X3dhInitiation initiation;
    primitives::x25519Generate(baseSecret.mutableBytes(), initiation.baseKey);
    const PublicKey* oneTime = theirs.oneTimePreKey ? &theirs.oneTimePreKey->key : nullptr;
    auto secrets = x3dhInitiatorSecrets(identitySecret->bytes(), baseSecret.bytes(), *remoteIdentity,
        theirs.signedPreKey, oneTime, asBytes(kdf::kX3dhInfo));
    if (!secrets) {
        return std::unexpected(secrets.error());
    }
    initiation.secrets = std::move(*secrets);
    return initiation;
}

std::expected<X3dhSecrets, Error> x3dhRespond(const IdentityKeyPair& ours, const SignedPreKey& signedPreKey,
    const PreKeyPair* oneTimePreKey, const PublicKey& remoteIdentity, const PublicKey& remoteBase)
{
    const auto remoteIdentityX = primitives::ed25519PublicToX25519(remoteIdentity);
    if (!remoteIdentityX) {
        return std::unexpected(remoteIdentityX.error());
    }
    const auto identitySecret = primitives::ed25519SecretToX25519(ours.secretKey);
    if (!identitySecret) {
        return std::unexpected(identitySecret.error());
    }
    return x3dhResponderSecrets(identitySecret->bytes(), signedPreKey.keyPair.secretKey.bytes(),
        oneTimePreKey != nullptr ? oneTimePreKey->secretKey.bytes() : ByteView {}, *remoteIdentityX,
        remoteBase, asBytes(kdf::kX3dhInfo));
}

} // namespace palisade::crypto::ratchet
