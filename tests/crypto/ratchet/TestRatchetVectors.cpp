// Replays every entry of tests/data/ratchet/libsignal-x3dh-ratchet-kats.json through the KDFs
// the sessions use (with Signal's info strings); fails when the file runs zero entries.
#include "crypto/Init.h"
#include "crypto/ratchet/Kdf.h"

#include <QJsonArray>
#include <QtTest>

#include "RatchetTestSupport.h"

using namespace palisade::crypto::ratchet;
using namespace palisade::crypto::ratchet::test;

class TestRatchetVectors : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }

    void replayAll()
    {
        const QJsonObject root = loadJson(QStringLiteral("libsignal-x3dh-ratchet-kats.json"));
        const QJsonArray vectors = root.value(QStringLiteral("vectors")).toArray();
        QCOMPARE(vectors.size(), 3);
        int ran = 0;
        for (const auto& value : vectors) {
            const QJsonObject v = value.toObject();
            const QString name = v.value(QStringLiteral("name")).toString();
            if (name.startsWith(QStringLiteral("symmetric_chain_step"))) {
                chainStep(v);
            } else if (name.startsWith(QStringLiteral("x3dh_session_init_as_bob"))) {
                asBob(v);
            } else if (name.startsWith(QStringLiteral("x3dh_session_init_as_alice"))) {
                asAlice(v);
            } else {
                QFAIL(qPrintable(QStringLiteral("unknown vector ") + name));
            }
            if (QTest::currentTestFailed()) {
                return;
            }
            ++ran;
        }
        qInfo("ratchet vectors: %d run, %d passed, 0 skipped", ran, ran);
        QCOMPARE(ran, 3);
    }

    /// Palisade's own answers for its info strings (generated with Python hmac/hashlib).
    void palisadeKdfKats()
    {
        const QJsonArray vectors = loadJson(QStringLiteral("palisade-ratchet-kdf-kats.json"))
                                       .value(QStringLiteral("vectors"))
                                       .toArray();
        QCOMPARE(vectors.size(), 5);
        int ran = 0;
        for (const auto& value : vectors) {
            const QJsonObject v = value.toObject();
            const auto s = [&](const char* key) { return v.value(QLatin1StringView(key)).toString(); };
            const QString function = s("function");
            std::array<std::uint8_t, kKeySize> a {};
            std::array<std::uint8_t, kKeySize> b {};
            if (function == QStringLiteral("kdf::x3dh")) {
                QCOMPARE(s("info"), QString::fromLatin1(kdf::kX3dhInfo));
                kdf::x3dh(a, b, fromHex(s("dh_outputs")), palisade::crypto::asBytes(kdf::kX3dhInfo));
                QCOMPARE(toHex(a), s("root_key"));
                QCOMPARE(toHex(b), s("chain_key"));
            } else if (function == QStringLiteral("kdf::root")) {
                QCOMPARE(s("info"), QString::fromLatin1(kdf::kRootInfo));
                auto root = fromHex(s("root_key"));
                kdf::root(root, b, root, fromHex(s("dh_output")), palisade::crypto::asBytes(kdf::kRootInfo));
                QCOMPARE(toHex(root), s("new_root_key"));
                QCOMPARE(toHex(b), s("chain_key"));
            } else if (function == QStringLiteral("kdf::chain")) {
                kdf::chain(a, b, fromHex(s("chain_key")));
                QCOMPARE(toHex(a), s("message_key"));
                QCOMPARE(toHex(b), s("next_chain_key"));
            } else if (function == QStringLiteral("kdf::messageKeys")) {
                QCOMPARE(s("info"), QString::fromLatin1(kdf::kMessageKeyInfo));
                std::array<std::uint8_t, kAeadKeySize + kAeadNonceSize> okm {};
                kdf::messageKeys(
                    okm, fromHex(s("message_key")), palisade::crypto::asBytes(kdf::kMessageKeyInfo));
                QCOMPARE(toHex(ByteView(okm).first(kAeadKeySize)), s("aead_key"));
                QCOMPARE(toHex(ByteView(okm).subspan(kAeadKeySize)), s("aead_nonce"));
            } else {
                QFAIL(qPrintable(QStringLiteral("unknown function ") + function));
            }
            ++ran;
        }
        qInfo("palisade KDF known answers: %d run, %d passed", ran, ran);
    }

private:
    static QString field(const QJsonObject& v, const char* group, const char* key)
    {
        return v.value(QLatin1StringView(group)).toObject().value(QLatin1StringView(key)).toString();
    }

    void chainStep(const QJsonObject& v)
    {
        const auto chainKey = fromHex(v.value(QStringLiteral("chain_key")).toString());
        QCOMPARE(chainKey.size(), kKeySize);
        std::array<std::uint8_t, kKeySize> seed {};
        std::array<std::uint8_t, kKeySize> next {};
        kdf::chain(seed, next, chainKey);
        std::array<std::uint8_t, 80> okm {};
        kdf::messageKeys(okm, seed, palisade::crypto::asBytes("WhisperMessageKeys"));
        QCOMPARE(toHex(seed), field(v, "computed_by_research", "message_key_seed"));
        QCOMPARE(toHex(ByteView(okm).first(32)), field(v, "upstream_expected", "cipher_key"));
        QCOMPARE(toHex(ByteView(okm).subspan(32, 32)), field(v, "upstream_expected", "mac_key"));
        QCOMPARE(toHex(ByteView(okm).subspan(64, 16)), field(v, "computed_by_research", "iv"));
        QCOMPARE(toHex(next), field(v, "upstream_expected", "next_chain_key"));
        // Aliasing next chain key onto the input, as the sessions do, gives the same result.
        auto inPlace = chainKey;
        kdf::chain(seed, inPlace, inPlace);
        QCOMPARE(toHex(inPlace), field(v, "upstream_expected", "next_chain_key"));
    }

    void asBob(const QJsonObject& v)
    {
        const auto in = [&](const char* key) { return field(v, "inputs", key); };
        const auto secrets = x3dhResponderSecrets(fromHex(in("bob_identity_private")),
            fromHex(in("bob_signed_prekey_private")), {}, djbKey(in("alice_identity_public")),
            djbKey(in("alice_base_public")), palisade::crypto::asBytes("WhisperText"));
        QVERIFY(secrets.has_value());
        QCOMPARE(toHex(secrets->chainKey()), field(v, "upstream_expected", "bob_sender_chain_key"));
        QCOMPARE(toHex(secrets->rootKey()), field(v, "computed_by_research", "root_key"));
    }

    void asAlice(const QJsonObject& v)
    {
        const auto in = [&](const char* key) { return field(v, "inputs", key); };
        const PublicKey bobIdentity = djbKey(in("bob_identity_public"));
        const PublicKey bobSignedPreKey = djbKey(in("bob_signed_prekey_public"));
        const auto secrets
            = x3dhInitiatorSecrets(fromHex(in("alice_identity_private")), fromHex(in("alice_base_private")),
                bobIdentity, bobSignedPreKey, nullptr, palisade::crypto::asBytes("WhisperText"));
        QVERIFY(secrets.has_value());
        QCOMPARE(toHex(secrets->chainKey()), field(v, "upstream_expected", "alice_receiver_chain_key"));
        QCOMPARE(toHex(secrets->rootKey()), field(v, "computed_by_research", "root_key"));
    }
};

QTEST_GUILESS_MAIN(TestRatchetVectors)
#include "TestRatchetVectors.moc"
