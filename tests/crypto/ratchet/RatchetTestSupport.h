#pragma once
// Helpers shared by the ratchet tests: hex, byte strings, a started Alice/Bob session pair.
#include "crypto/ratchet/Session.h"

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace palisade::crypto::ratchet::test {

inline std::vector<std::uint8_t> fromHex(const QString& hex)
{
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    return { raw.begin(), raw.end() };
}

inline QString toHex(ByteView bytes)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()))
            .toHex());
}

inline std::vector<std::uint8_t> text(std::string_view s)
{
    return { s.begin(), s.end() };
}

/// A Signal "DJB" public key (0x05 || key) as a raw X25519 key.
inline PublicKey djbKey(const QString& hex)
{
    const auto bytes = fromHex(hex);
    PublicKey key {};
    if (bytes.size() == kKeySize + 1 && bytes[0] == 0x05) {
        std::copy(bytes.begin() + 1, bytes.end(), key.begin());
    }
    return key;
}

inline QJsonObject loadJson(const QString& name)
{
    QFile file(QStringLiteral(PALISADE_TEST_DATA_DIR "/ratchet/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// Bob's published keys plus his identity.
struct Responder {
    IdentityKeyPair identity = IdentityKeyPair::generate();
    SignedPreKey signedPreKey = SignedPreKey::generate(identity, 7).value();
    PreKeyPair oneTime = PreKeyPair::generate(42);

    [[nodiscard]] PreKeyBundle bundle(bool withOneTime = true) const
    {
        PreKeyBundle b;
        b.identityKey = identity.publicKey;
        b.signedPreKeyId = signedPreKey.keyPair.id;
        b.signedPreKey = signedPreKey.keyPair.publicKey;
        b.signedPreKeySignature = signedPreKey.signature;
        if (withOneTime) {
            b.oneTimePreKey = OneTimePreKeyPublic { oneTime.id, oneTime.publicKey };
        }
        return b;
    }
};

/// Alice and Bob after Alice's first message reached Bob.
struct Pair {
    IdentityKeyPair aliceIdentity = IdentityKeyPair::generate();
    Responder bob;
    std::optional<Session> alice;
    std::optional<Session> bobSession;

    bool start()
    {
        auto a = Session::initiate(aliceIdentity, bob.bundle());
        if (!a) {
            return false;
        }
        alice.emplace(std::move(*a));
        const auto first = alice->encrypt(text("hello"));
        if (!first) {
            return false;
        }
        auto accepted = Session::accept(bob.identity, bob.signedPreKey, &bob.oneTime, *first);
        if (!accepted || accepted->plaintext != text("hello")) {
            return false;
        }
        bobSession.emplace(std::move(accepted->session));
        return true;
    }
};

inline std::vector<std::uint8_t> stateOf(const Session& s)
{
    const SecureBuffer state = s.serialize();
    return { state.bytes().begin(), state.bytes().end() };
}

} // namespace palisade::crypto::ratchet::test
