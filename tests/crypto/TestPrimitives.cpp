// Behaviour of the primitives under hostile input: low-order keys, tampering, truncation,
// wrong lengths, and the round trips the higher layers rely on.
#include "crypto/Aead.h"
#include "crypto/Bytes.h"
#include "crypto/CryptoTestUtil.h"
#include "crypto/Ed25519.h"
#include "crypto/HkdfSha256.h"
#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretStream.h"
#include "crypto/X25519.h"

#include <QtTest>

using namespace palisade::crypto;
using palisade::crypto::testing::hex;

class TestPrimitives : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(initialize().has_value()); }

    void hexRoundTripAndErrors()
    {
        const Bytes bytes { 0x00, 0x7f, 0x80, 0xff };
        QCOMPARE(toHex(bytes), std::string("007f80ff"));
        QCOMPARE(fromHex("007F80ff").value(), bytes);
        QCOMPARE(fromHex("abc").error(), Error::InvalidEncoding);
        QCOMPARE(fromHex("zz").error(), Error::InvalidEncoding);
        QVERIFY(fromHex("").value().empty());
    }

    void constantTimeEqual_()
    {
        const Bytes a { 1, 2, 3 };
        QVERIFY(constantTimeEqual(a, Bytes { 1, 2, 3 }));
        QVERIFY(!constantTimeEqual(a, Bytes { 1, 2, 4 }));
        QVERIFY(!constantTimeEqual(a, Bytes { 1, 2 }));
        QVERIFY(constantTimeEqual({}, {}));
    }

    void randomIsNotConstant()
    {
        const auto a = randomBytes(32);
        const auto b = randomBytes(32);
        QCOMPARE(a.size(), std::size_t { 32 });
        QVERIFY(a != b);
        QCOMPARE(randomSecret(16).size(), std::size_t { 16 });
        QVERIFY(randomUniform(10) < 10U);
    }

    // Every point of order 1, 2, 4 or 8 on Curve25519 (and the non-canonical encodings
    // libsodium's blocklist names), with and without the ignored top bit set.
    void x25519RejectsLowOrderPoints_data()
    {
        QTest::addColumn<QByteArray>("point");
        const char* points[] = {
            "0000000000000000000000000000000000000000000000000000000000000000", // 0, order 4
            "0100000000000000000000000000000000000000000000000000000000000000", // 1, order 1
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", // order 8
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p-1, order 2
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p = 0
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p+1 = 1
        };
        for (const char* point : points) {
            QTest::newRow(point) << QByteArray(point);
            auto highBit = hex(point);
            highBit[31] |= 0x80;
            QTest::newRow(QByteArray(QByteArray("top bit ") + point).constData()) << testing::toQHex(highBit);
        }
    }
    void x25519RejectsLowOrderPoints()
    {
        QFETCH(QByteArray, point);
        const auto pair = x25519::generateKeyPair();
        auto shared = x25519::dh(pair.secretKey, testing::hexQ(point));
        QVERIFY(!shared.has_value());
        QCOMPARE(shared.error(), Error::LowOrderPoint);
    }

    void x25519AgreesAndChecksLengths()
    {
        const auto a = x25519::generateKeyPair();
        const auto b = x25519::generateKeyPair();
        auto ab = x25519::dh(a.secretKey, b.publicKey);
        auto ba = x25519::dh(b.secretKey, a.publicKey);
        QVERIFY(ab && ba);
        QVERIFY(ab->equals(ba->bytes()));
        QCOMPARE(x25519::dh(a.secretKey, Bytes(31)).error(), Error::InvalidKey);
        QCOMPARE(x25519::keyPairFromSecret(Bytes(33)).error(), Error::InvalidKey);
    }

    void ed25519RejectsForgery()
    {
        const auto pair = ed25519::generateKeyPair();
        const Bytes message { 'h', 'i' };
        auto sig = ed25519::sign(pair.secretKey, message);
        QVERIFY(sig.has_value());
        QVERIFY(ed25519::verify(pair.publicKey, message, *sig).has_value());
        auto bad = *sig;
        bad[10] ^= 1;
        QCOMPARE(ed25519::verify(pair.publicKey, message, bad).error(), Error::InvalidSignature);
        QCOMPARE(ed25519::verify(pair.publicKey, Bytes { 'h', 'o' }, *sig).error(), Error::InvalidSignature);
        QCOMPARE(ed25519::verify(pair.publicKey, message, ByteView(*sig).first(63)).error(),
            Error::InvalidSignature);
        QCOMPARE(ed25519::verify(Bytes(31), message, *sig).error(), Error::InvalidKey);
        QCOMPARE(ed25519::sign(SecureBuffer(32), message).error(), Error::InvalidKey);
    }

    void ed25519ToX25519AgreesWithDh()
    {
        const auto alice = ed25519::generateKeyPair();
        const auto bob = x25519::generateKeyPair();
        auto alicePublic = ed25519::toX25519PublicKey(alice.publicKey);
        auto aliceSecret = ed25519::toX25519SecretKey(alice.secretKey);
        QVERIFY(alicePublic && aliceSecret);
        auto viaAlice = x25519::dh(*aliceSecret, bob.publicKey);
        auto viaBob = x25519::dh(bob.secretKey, *alicePublic);
        QVERIFY(viaAlice && viaBob);
        QVERIFY(viaAlice->equals(viaBob->bytes()));
    }

    void ed25519ToX25519IsChecked()
    {
        // The identity point (small order) and a y that is not on the curve.
        QCOMPARE(ed25519::toX25519PublicKey(
                     hex("0100000000000000000000000000000000000000000000000000000000000000"))
                     .error(),
            Error::InvalidKey);
        QCOMPARE(ed25519::toX25519PublicKey(
                     hex("0200000000000000000000000000000000000000000000000000000000000000"))
                     .error(),
            Error::InvalidKey);
        QCOMPARE(ed25519::toX25519PublicKey(Bytes(16)).error(), Error::InvalidKey);
        QCOMPARE(ed25519::toX25519SecretKey(SecureBuffer(32)).error(), Error::InvalidKey);
    }

    void aeadRejectsTampering_data()
    {
        QTest::addColumn<bool>("extended");
        QTest::newRow("chacha20poly1305-ietf") << false;
        QTest::newRow("xchacha20poly1305") << true;
    }
    void aeadRejectsTampering()
    {
        QFETCH(bool, extended);
        const Aead& aead = extended ? xChaCha20Poly1305() : chaCha20Poly1305();
        const auto key = randomBytes(Aead::kKeySize);
        const auto nonce = randomBytes(aead.nonceSize());
        const Bytes ad { 1, 2, 3 };
        const Bytes plaintext(100, 0x42);
        auto ct = aead.encrypt(key, nonce, ad, plaintext);
        QVERIFY(ct.has_value());
        QCOMPARE(ct->size(), plaintext.size() + Aead::kTagSize);
        QCOMPARE(aead.decrypt(key, nonce, ad, *ct).value(), plaintext);

        auto flipped = *ct;
        flipped[5] ^= 0x01; // body
        QCOMPARE(aead.decrypt(key, nonce, ad, flipped).error(), Error::DecryptFailed);
        flipped = *ct;
        flipped.back() ^= 0x80; // tag
        QCOMPARE(aead.decrypt(key, nonce, ad, flipped).error(), Error::DecryptFailed);
        QCOMPARE(aead.decrypt(key, nonce, Bytes { 1, 2, 4 }, *ct).error(), Error::DecryptFailed);
        auto otherNonce = nonce;
        otherNonce[0] ^= 1;
        QCOMPARE(aead.decrypt(key, otherNonce, ad, *ct).error(), Error::DecryptFailed);
        QCOMPARE(
            aead.decrypt(key, nonce, ad, ByteView(*ct).first(ct->size() - 1)).error(), Error::DecryptFailed);
        QCOMPARE(aead.decrypt(key, nonce, ad, ByteView(*ct).first(15)).error(), Error::MessageTooShort);
        QCOMPARE(aead.encrypt(ByteView(key).first(31), nonce, ad, plaintext).error(), Error::InvalidKey);
        QCOMPARE(aead.encrypt(key, ByteView(nonce).first(8), ad, plaintext).error(), Error::InvalidKey);
        Bytes small(plaintext.size());
        QCOMPARE(aead.encrypt(key, nonce, ad, plaintext, small).error(), Error::MessageTooLarge);
    }

    void hkdfSha256RejectsBadLengths()
    {
        QCOMPARE(hkdfSha256({}, Bytes(32), {}, 0).error(), Error::KdfFailed);
        QCOMPARE(hkdfSha256({}, Bytes(32), {}, 255 * 32 + 1).error(), Error::KdfFailed);
        QVERIFY(hkdfSha256({}, Bytes(32), {}, 255 * 32).has_value());
    }

    void secretStreamRoundTrip()
    {
        const auto key = randomBytes(secretstream::kKeySize);
        auto writer = SecretStreamWriter::create(key);
        QVERIFY(writer.has_value());
        auto c1 = writer->push(Bytes(1000, 1), false);
        auto c2 = writer->push(Bytes(10, 2), true);
        QVERIFY(c1 && c2);
        QCOMPARE(writer->push(Bytes(1), false).error(), Error::InvalidState);

        auto reader = SecretStreamReader::create(key, writer->header());
        QVERIFY(reader.has_value());
        QCOMPARE(reader->finish().error(), Error::StreamTruncated);
        QCOMPARE(reader->pull(*c1).value(), Bytes(1000, 1));
        QVERIFY(!reader->finished());
        QCOMPARE(reader->pull(*c2).value(), Bytes(10, 2));
        QVERIFY(reader->finished());
        QVERIFY(reader->finish().has_value());
        QCOMPARE(reader->pull(*c2).error(), Error::InvalidState);
    }

    void secretStreamDetectsTruncationReorderAndTamper()
    {
        const auto key = randomBytes(secretstream::kKeySize);
        auto writer = SecretStreamWriter::create(key);
        QVERIFY(writer.has_value());
        const auto c1 = writer->push(Bytes(64, 1), false).value();
        const auto c2 = writer->push(Bytes(64, 2), false).value();
        const auto c3 = writer->push(Bytes(64, 3), true).value();

        { // the final chunk dropped: every chunk authenticates, the stream does not
            auto reader = SecretStreamReader::create(key, writer->header()).value();
            QVERIFY(reader.pull(c1).has_value());
            QVERIFY(reader.pull(c2).has_value());
            QCOMPARE(reader.finish().error(), Error::StreamTruncated);
        }
        { // reordered
            auto reader = SecretStreamReader::create(key, writer->header()).value();
            QCOMPARE(reader.pull(c2).error(), Error::DecryptFailed);
            QCOMPARE(reader.pull(c1).error(), Error::InvalidState); // failed once, stays failed
        }
        { // tampered
            auto reader = SecretStreamReader::create(key, writer->header()).value();
            auto bad = c1;
            bad[20] ^= 4;
            QCOMPARE(reader.pull(bad).error(), Error::DecryptFailed);
        }
        { // truncated chunk, wrong key
            auto reader = SecretStreamReader::create(key, writer->header()).value();
            QCOMPARE(reader.pull(ByteView(c3).first(16)).error(), Error::MessageTooShort);
            auto wrong = SecretStreamReader::create(randomBytes(32), writer->header()).value();
            QCOMPARE(wrong.pull(c1).error(), Error::DecryptFailed);
        }
        QCOMPARE(SecretStreamReader::create(key, Bytes(23)).error(), Error::InvalidKey);
        QCOMPARE(SecretStreamWriter::create(Bytes(31)).error(), Error::InvalidKey);
    }
};

QTEST_GUILESS_MAIN(TestPrimitives)
#include "TestPrimitives.moc"
