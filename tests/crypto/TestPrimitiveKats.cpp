// Published known-answer tests for every primitive crypto/ wraps (RFC 7748, RFC 8439,
// draft-irtf-cfrg-xchacha-03, RFC 8032, RFC 7693/BLAKE2 reference, RFC 4231, RFC 5869).
#include "crypto/Aead.h"
#include "crypto/Blake2b.h"
#include "crypto/CryptoTestUtil.h"
#include "crypto/Ed25519.h"
#include "crypto/HkdfSha256.h"
#include "crypto/HmacBlake2b.h"
#include "crypto/Init.h"
#include "crypto/SelfTest.h"
#include "crypto/X25519.h"

#include <QtTest>

using namespace palisade::crypto;
using palisade::crypto::testing::hex;
using palisade::crypto::testing::hexQ;
using palisade::crypto::testing::toQHex;

namespace {
const QByteArray kSunscreen
    = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen "
      "would be it.";
}

class TestPrimitiveKats : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(initialize().has_value()); }

    void startUpSelfTestPasses() { QVERIFY(selfTest().has_value()); }

    void x25519Rfc7748_data()
    {
        QTest::addColumn<QByteArray>("scalar");
        QTest::addColumn<QByteArray>("u");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("rfc7748 5.2 #1")
            << QByteArray("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")
            << QByteArray("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
            << QByteArray("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        QTest::newRow("rfc7748 6.1 alice-bob")
            << QByteArray("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
            << QByteArray("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
            << QByteArray("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        QTest::newRow("rfc7748 6.1 bob-alice")
            << QByteArray("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
            << QByteArray("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
            << QByteArray("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }
    void x25519Rfc7748()
    {
        QFETCH(QByteArray, scalar);
        QFETCH(QByteArray, u);
        QFETCH(QByteArray, out);
        auto shared = x25519::dh(SecureBuffer::copyOf(hexQ(scalar)), hexQ(u));
        QVERIFY(shared.has_value());
        QCOMPARE(toQHex(shared->bytes()), out);
    }

    void x25519PublicFromSecret()
    {
        auto alice = x25519::keyPairFromSecret(
            hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        QVERIFY(alice.has_value());
        QCOMPARE(toQHex(alice->publicKey),
            QByteArray("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
    }

    void aeadKats_data()
    {
        QTest::addColumn<bool>("extended");
        QTest::addColumn<QByteArray>("nonce");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("ChaCha20-Poly1305 RFC 8439 2.8.2")
            << false << QByteArray("070000004041424344454647")
            << QByteArray("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282"
                          "fafb69da92"
                          "728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675"
                          "945585808b"
                          "4831d7bc3ff4def08e4b7a9de576d26586cec64b6116"
                          "1ae10b594f09e26a7e902ecbd0600691");
        QTest::newRow("XChaCha20-Poly1305 draft-irtf-cfrg-xchacha-03 A.3.1")
            << true << QByteArray("404142434445464748494a4b4c4d4e4f5051525354555657")
            << QByteArray("bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440b"
                          "f3a82f4eda"
                          "7e39ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc36948"
                          "8f76b23835"
                          "65d3fff921f9664c97637da9768812f615c68b13b52e"
                          "c0875924c1c7987947deafd8780acf49");
    }
    void aeadKats()
    {
        QFETCH(bool, extended);
        QFETCH(QByteArray, nonce);
        QFETCH(QByteArray, expected);
        const Aead& aead = extended ? xChaCha20Poly1305() : chaCha20Poly1305();
        const auto key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        const auto ad = hex("50515253c0c1c2c3c4c5c6c7");
        auto ct = aead.encrypt(key, hexQ(nonce), ad, asBytes(kSunscreen.toStdString()));
        QVERIFY(ct.has_value());
        QCOMPARE(toQHex(*ct), expected);
        auto pt = aead.decrypt(key, hexQ(nonce), ad, *ct);
        QVERIFY(pt.has_value());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(pt->data()), static_cast<qsizetype>(pt->size())),
            kSunscreen);
    }

    void ed25519Rfc8032()
    {
        auto pair = ed25519::keyPairFromSeed(
            hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        QVERIFY(pair.has_value());
        QCOMPARE(toQHex(pair->publicKey),
            QByteArray("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        auto sig = ed25519::sign(pair->secretKey, {});
        QVERIFY(sig.has_value());
        QCOMPARE(toQHex(*sig),
            QByteArray("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3"
                       "9701cf9b46bd"
                       "25bf5f0595bbe24655141438e7a100b"));
        QVERIFY(ed25519::verify(pair->publicKey, {}, *sig).has_value());
    }

    void blake2b512_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("empty") << QByteArray()
                               << QByteArray(
                                      "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e10"
                                      "31afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
        QTest::newRow("abc (RFC 7693 App. A)") << QByteArray("abc")
                                               << QByteArray("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b"
                                                             "74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc"
                                                             "9518d38aa8dbf1925ab92386edd4009923");
    }
    void blake2b512()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, digest);
        QCOMPARE(toQHex(blake2b::hash(asBytes(input.toStdString()))), digest);
    }

    // HMAC-BLAKE2b has no RFC vectors; these come from Python's hmac module over
    // hashlib.blake2b (block size 128), an implementation independent of ours.
    void hmacBlake2bReference_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("mac");
        QTest::newRow("short key")
            << QByteArray("6b6579") // "key"
            << QByteArray("The quick brown fox jumps over the lazy dog")
            << QByteArray("92294f92c0dfb9b00ec9ae8bd94d7e7d8a036b885a499f149dfe2fd2199394aaaf6b"
                          "8894a1730cccb2cd050f9bcf5062a38b51b0dab33207f8ef35ae2c9df51b");
        QByteArray longKey;
        for (int i = 0; i < 200; ++i) {
            longKey.append(static_cast<char>(i));
        }
        QTest::newRow("200-byte key (hashed first)")
            << longKey.toHex() << QByteArray("abc")
            << QByteArray("feb09eb5b1c557085c0a53bdf39ef7bc9af291f21d7c917cd1cf09542aab95362de79b3925fe55d929"
                          "97423b5a68"
                          "be1bda2f6518df34fa1053bb3ef559b08200");
    }
    void hmacBlake2bReference()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, mac);
        QCOMPARE(toQHex(hmacBlake2b(hexQ(key), asBytes(data.toStdString()))), mac);
    }

    void hmacSha256Rfc4231_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("mac");
        QTest::newRow("case 1") << QByteArray(20, '\x0b') << QByteArray("Hi There")
                                << QByteArray(
                                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        QTest::newRow("case 2") << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
                                << QByteArray(
                                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QTest::newRow("case 6 (long key)")
            << QByteArray(131, '\xaa') << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
            << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
    void hmacSha256Rfc4231()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, mac);
        QCOMPARE(toQHex(hmacSha256(asBytes(key.toStdString()), asBytes(data.toStdString()))), mac);
    }

    void hkdfSha256Rfc5869_data()
    {
        QTest::addColumn<QByteArray>("ikm");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<QByteArray>("info");
        QTest::addColumn<int>("length");
        QTest::addColumn<QByteArray>("okm");
        QTest::newRow("A.1")
            << QByteArray("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
            << QByteArray("000102030405060708090a0b0c") << QByteArray("f0f1f2f3f4f5f6f7f8f9") << 42
            << QByteArray("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5"
                          "b887185865");
        QTest::newRow("A.2")
            << QByteArray("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324"
                          "25262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a"
                          "4b4c4d4e4f")
            << QByteArray("606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f8081828384"
                          "85868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aa"
                          "abacadaeaf")
            << QByteArray("b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4"
                          "d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa"
                          "fbfcfdfeff")
            << 82
            << QByteArray("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99ca"
                          "c7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01"
                          "d5c1f3434f1d87");
        QTest::newRow("A.3 (no salt, no info)")
            << QByteArray("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b") << QByteArray() << QByteArray()
            << 42
            << QByteArray(
                   "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }
    void hkdfSha256Rfc5869()
    {
        QFETCH(QByteArray, ikm);
        QFETCH(QByteArray, salt);
        QFETCH(QByteArray, info);
        QFETCH(int, length);
        QFETCH(QByteArray, okm);
        auto out = hkdfSha256(hexQ(salt), hexQ(ikm), hexQ(info), static_cast<std::size_t>(length));
        QVERIFY(out.has_value());
        QCOMPARE(toQHex(out->bytes()), okm);
    }
};

QTEST_GUILESS_MAIN(TestPrimitiveKats)
#include "TestPrimitiveKats.moc"
