#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretBox.h"

#include <QtTest>

#include <array>

using namespace palisade::crypto;

class TestSecretBox : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(initialize().has_value()); }

    void roundTrip()
    {
        const auto key = randomSecret(secretBoxKeySize);
        const std::array<std::uint8_t, 5> message { 1, 2, 3, 4, 5 };
        auto sealed = secretBoxSeal(key, message);
        QVERIFY(sealed);
        QCOMPARE(sealed->ciphertext.size(), message.size() + secretBoxMacSize);
        auto opened = secretBoxOpen(key, sealed->nonce, sealed->ciphertext);
        QVERIFY(opened);
        QVERIFY(opened->equals(message));
    }

    void emptyMessageRoundTrips()
    {
        const auto key = randomSecret(secretBoxKeySize);
        auto sealed = secretBoxSeal(key, {});
        QVERIFY(sealed);
        auto opened = secretBoxOpen(key, sealed->nonce, sealed->ciphertext);
        QVERIFY(opened);
        QVERIFY(opened->empty());
    }

    void noncesAreFresh()
    {
        const auto key = randomSecret(secretBoxKeySize);
        const std::array<std::uint8_t, 1> message { 7 };
        auto a = secretBoxSeal(key, message);
        auto b = secretBoxSeal(key, message);
        QVERIFY(a && b);
        QVERIFY(a->nonce != b->nonce);
        QVERIFY(a->ciphertext != b->ciphertext);
    }

    void tamperingIsDetected_data()
    {
        QTest::addColumn<int>("part"); // 0 ciphertext byte, 1 MAC byte, 2 nonce, 3 key, 4 truncate
        QTest::newRow("ciphertext") << 0;
        QTest::newRow("mac") << 1;
        QTest::newRow("nonce") << 2;
        QTest::newRow("key") << 3;
        QTest::newRow("truncated") << 4;
    }

    void tamperingIsDetected()
    {
        QFETCH(int, part);
        auto key = randomSecret(secretBoxKeySize);
        const std::array<std::uint8_t, 32> message {};
        auto sealed = secretBoxSeal(key, message);
        QVERIFY(sealed);
        switch (part) {
        case 0:
            sealed->ciphertext.back() ^= 1;
            break;
        case 1:
            sealed->ciphertext.front() ^= 0x80;
            break;
        case 2:
            sealed->nonce[3] ^= 1;
            break;
        case 3:
            key.data()[0] ^= 1;
            break;
        default:
            sealed->ciphertext.pop_back();
            break;
        }
        auto opened = secretBoxOpen(key, sealed->nonce, sealed->ciphertext);
        QVERIFY(!opened);
        QCOMPARE(opened.error(), Error::DecryptFailed);
    }

    void rejectsWrongKeySizeAndShortInput()
    {
        const SecureBuffer shortKey(16);
        QCOMPARE(secretBoxSeal(shortKey, {}).error(), Error::InvalidKey);
        const auto key = randomSecret(secretBoxKeySize);
        const std::array<std::uint8_t, secretBoxMacSize - 1> tooShort {};
        QCOMPARE(secretBoxOpen(key, SecretBoxNonce {}, tooShort).error(), Error::MessageTooShort);
    }
};

QTEST_GUILESS_MAIN(TestSecretBox)
#include "TestSecretBox.moc"
