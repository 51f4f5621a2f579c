// Every handshake pattern of the table, with and without psk modifiers, interoperates with
// itself: both sides complete, agree on h, and their transport ciphers pair up.
#include "crypto/Init.h"
#include "crypto/NoiseTestUtil.h"
#include "crypto/Random.h"
#include "crypto/noise/HandshakeState.h"
#include "crypto/noise/Pattern.h"

#include <QtTest>

using namespace palisade::crypto;
using namespace palisade::crypto::noise;
using palisade::crypto::testing::NoiseKeys;
using palisade::crypto::testing::runHandshake;

class TestNoisePatterns : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(initialize().has_value()); }

    void tokens()
    {
        const auto ik = parsePattern("IK").value();
        QCOMPARE(ik.messages.size(), std::size_t { 2 });
        QVERIFY(ik.messages[0].tokens == (std::vector<Token> { Token::E, Token::ES, Token::S, Token::SS }));
        QVERIFY(ik.responderPreMessage == std::vector<Token> { Token::S });
        const auto psk = parsePattern("XXpsk0+psk3").value();
        QCOMPARE(psk.pskCount(), std::size_t { 2 });
        QCOMPARE(psk.messages[0].tokens.front(), Token::Psk);
        QCOMPARE(psk.messages[2].tokens.back(), Token::Psk);
        const auto fallback = parsePattern("XXfallback").value();
        QVERIFY(fallback.fallback);
        QVERIFY(fallback.initiatorPreMessage == std::vector<Token> { Token::E });
        QVERIFY(!fallback.messages.front().fromInitiator);
        QCOMPARE(parsePattern("XXfallback+psk0").error(), Error::UnsupportedProtocol);
        QCOMPARE(parsePattern("IKfallback").error(), Error::UnsupportedProtocol);
        QCOMPARE(parsePattern("XXpsk4").error(), Error::UnsupportedProtocol);
        QCOMPARE(parsePattern("XXpsk1+").error(), Error::UnsupportedProtocol);
        QCOMPARE(parsePattern("xx").error(), Error::UnsupportedProtocol);
    }

    void interoperates_data()
    {
        QTest::addColumn<QString>("pattern");
        for (const char* base :
            { "N", "K", "X", "NN", "NK", "NX", "KN", "KK", "KX", "XN", "XK", "XX", "IN", "IK", "IX" }) {
            QTest::newRow(base) << QString::fromLatin1(base);
            const QString psk0 = QString::fromLatin1(base) + QStringLiteral("psk0");
            QTest::newRow(qPrintable(psk0)) << psk0;
            const QString psk1 = QString::fromLatin1(base) + QStringLiteral("psk1");
            QTest::newRow(qPrintable(psk1)) << psk1;
        }
        QTest::newRow("XXpsk0+psk1+psk2+psk3") << QStringLiteral("XXpsk0+psk1+psk2+psk3");
    }
    void interoperates()
    {
        QFETCH(QString, pattern);
        const std::string name = "Noise_" + pattern.toStdString() + "_25519_ChaChaPoly_BLAKE2b";
        const auto parsed = parseProtocolName(name);
        QVERIFY(parsed.has_value());
        NoiseKeys keys;
        const auto psk = randomBytes(kKeySize);
        const std::vector<ByteView> psks(parsed->pskCount(), ByteView(psk));
        auto initiatorConfig = keys.config(name, Role::Initiator);
        auto responderConfig = keys.config(name, Role::Responder);
        initiatorConfig.psks = psks;
        responderConfig.psks = psks;
        auto initiator = HandshakeState::create(initiatorConfig);
        auto responder = HandshakeState::create(responderConfig);
        QVERIFY(initiator && responder);
        QVERIFY(runHandshake(*initiator, *responder, Bytes { 'p' }));
        QCOMPARE(initiator->handshakeHash(), responder->handshakeHash());
        if (parsed->needsLocalStatic(true)) {
            QCOMPARE(responder->remoteStaticPublicKey().value(), keys.initiator.publicKey);
        }
        auto i = initiator->split().value();
        auto r = responder->split().value();
        QCOMPARE(
            r.receive.decryptWithAd({}, i.send.encryptWithAd({}, Bytes { 1 }).value()).value(), Bytes { 1 });
        QCOMPARE(
            i.receive.decryptWithAd({}, r.send.encryptWithAd({}, Bytes { 2 }).value()).value(), Bytes { 2 });

        if (parsed->hasPsk()) { // a wrong psk must fail the handshake
            const auto other = randomBytes(kKeySize);
            responderConfig.psks = std::vector<ByteView>(parsed->pskCount(), ByteView(other));
            auto a = HandshakeState::create(initiatorConfig).value();
            auto b = HandshakeState::create(responderConfig).value();
            QVERIFY(!runHandshake(a, b));
        }
    }
};

QTEST_GUILESS_MAIN(TestNoisePatterns)
#include "TestNoisePatterns.moc"
