// X3DH: both sides agree (with and without a one-time prekey), the signed prekey's signature
// is enforced, low-order and invalid keys are refused.
#include "crypto/Init.h"
#include "crypto/ratchet/Kdf.h"

#include <QtTest>

#include "RatchetTestSupport.h"

using namespace palisade::crypto::ratchet;
using namespace palisade::crypto::ratchet::test;

class TestX3dh : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }

    void bothSidesAgree_data()
    {
        QTest::addColumn<bool>("withOneTime");
        QTest::newRow("with one-time prekey") << true;
        QTest::newRow("signed prekey only") << false;
    }
    void bothSidesAgree()
    {
        QFETCH(bool, withOneTime);
        const auto alice = IdentityKeyPair::generate();
        const Responder bob;
        const auto initiation = x3dhInitiate(alice, bob.bundle(withOneTime));
        QVERIFY(initiation.has_value());
        const auto responded = x3dhRespond(bob.identity, bob.signedPreKey,
            withOneTime ? &bob.oneTime : nullptr, alice.publicKey, initiation->baseKey);
        QVERIFY(responded.has_value());
        QVERIFY(primitives::equal(initiation->secrets.rootKey(), responded->rootKey()));
        QVERIFY(primitives::equal(initiation->secrets.chainKey(), responded->chainKey()));
        QVERIFY(!primitives::equal(initiation->secrets.rootKey(), initiation->secrets.chainKey()));
    }

    void oneTimePrekeyChangesTheSecret()
    {
        const auto alice = IdentityKeyPair::generate();
        const Responder bob;
        const auto initiation = x3dhInitiate(alice, bob.bundle(true));
        QVERIFY(initiation.has_value());
        // Responder forgetting the one-time prekey derives something else.
        const auto responded
            = x3dhRespond(bob.identity, bob.signedPreKey, nullptr, alice.publicKey, initiation->baseKey);
        QVERIFY(responded.has_value());
        QVERIFY(!primitives::equal(initiation->secrets.rootKey(), responded->rootKey()));
    }

    void badSignatureRejected_data()
    {
        QTest::addColumn<int>("what");
        QTest::newRow("flipped signature bit") << 0;
        QTest::newRow("substituted prekey") << 1;
        QTest::newRow("signed by another identity") << 2;
    }
    void badSignatureRejected()
    {
        QFETCH(int, what);
        const auto alice = IdentityKeyPair::generate();
        const Responder bob;
        PreKeyBundle bundle = bob.bundle();
        if (what == 0) {
            bundle.signedPreKeySignature[5] ^= 0x01;
        } else if (what == 1) {
            bundle.signedPreKey = PreKeyPair::generate(7).publicKey;
        } else {
            bundle.signedPreKeySignature
                = SignedPreKey::generate(IdentityKeyPair::generate(), 7).value().signature;
            bundle.signedPreKey = bob.signedPreKey.keyPair.publicKey;
        }
        QVERIFY(!verifyBundle(bundle));
        const auto initiation = x3dhInitiate(alice, bundle);
        QVERIFY(!initiation.has_value());
        QCOMPARE(initiation.error(), Error::InvalidSignature);
        QVERIFY(!Session::initiate(alice, bundle).has_value());
    }

    void lowOrderKeysRefused()
    {
        // The identity point (order 1) as an X25519 key: DH output is all zeros.
        PublicKey lowOrder {};
        lowOrder[0] = 1;
        const auto alice = IdentityKeyPair::generate();
        const Responder bob;
        // A one-time prekey is not signed, so a hostile server could substitute one.
        PreKeyBundle bundle = bob.bundle();
        bundle.oneTimePreKey->key = lowOrder;
        const auto initiation = x3dhInitiate(alice, bundle);
        QVERIFY(!initiation.has_value());
        QCOMPARE(initiation.error(), Error::LowOrderPoint);
        // The responder refuses a low-order base key.
        const auto responded
            = x3dhRespond(bob.identity, bob.signedPreKey, nullptr, alice.publicKey, lowOrder);
        QVERIFY(!responded.has_value());
        QCOMPARE(responded.error(), Error::LowOrderPoint);
    }

    void invalidIdentityKeyRefused()
    {
        const Responder bob;
        PublicKey notAPoint {};
        notAPoint.fill(0xFF);
        const auto responded = x3dhRespond(
            bob.identity, bob.signedPreKey, nullptr, notAPoint, PreKeyPair::generate(1).publicKey);
        QVERIFY(!responded.has_value());
        QCOMPARE(responded.error(), Error::InvalidKey);
    }

    void identityFromSecretRoundTrip()
    {
        const auto identity = IdentityKeyPair::generate();
        const auto again = IdentityKeyPair::fromSecret(identity.secretKey.bytes());
        QVERIFY(again.has_value());
        QCOMPARE(again->publicKey, identity.publicKey);
        std::vector<std::uint8_t> broken(
            identity.secretKey.bytes().begin(), identity.secretKey.bytes().end());
        broken[40] ^= 0x01; // public half no longer matches the seed
        QVERIFY(!IdentityKeyPair::fromSecret(broken).has_value());
        QVERIFY(!IdentityKeyPair::fromSecret(ByteView(broken).first(32)).has_value());
    }

    void associatedDataOrder()
    {
        PublicKey a {};
        PublicKey b {};
        a.fill(1);
        b.fill(2);
        const AssociatedData ad = associatedData(a, b);
        QCOMPARE(ad[0], std::uint8_t { 1 });
        QCOMPARE(ad[kKeySize], std::uint8_t { 2 });
    }
};

QTEST_GUILESS_MAIN(TestX3dh)
#include "TestX3dh.moc"
