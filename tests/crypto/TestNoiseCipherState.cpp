// Noise CipherState under hostile use: nonce exhaustion, failed decrypts that must not move
// the nonce, size limits, replay and reordering of transport messages, Rekey.
#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/noise/CipherState.h"

#include <QtTest>

using namespace palisade::crypto;
using namespace palisade::crypto::noise;

#ifndef PALISADE_TEST_SEAMS
#error "nonce exhaustion is reached through PALISADE_TEST_SEAMS"
#endif

namespace {

struct Pair {
    CipherState sender;
    CipherState receiver;
};

Pair keyedPair()
{
    const auto key = randomBytes(kKeySize);
    Pair pair;
    pair.sender.initializeKey(key);
    pair.receiver.initializeKey(key);
    return pair;
}

} // namespace

class TestNoiseCipherState : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(initialize().has_value()); }

    void withoutKeyIsIdentity()
    {
        CipherState cipher;
        QVERIFY(!cipher.hasKey());
        const Bytes data { 1, 2, 3 };
        QCOMPARE(cipher.encryptWithAd({}, data).value(), data);
        QCOMPARE(cipher.decryptWithAd({}, data).value(), data);
        QCOMPARE(cipher.nonce(), std::uint64_t { 0 });
        QCOMPARE(cipher.rekey().error(), Error::MissingKey);
    }

    void reservedNonceIsNeverUsed()
    {
        auto [sender, receiver] = keyedPair();
        sender.setNonceForTesting(kReservedNonce - 1);
        receiver.setNonceForTesting(kReservedNonce - 1);
        auto last = sender.encryptWithAd({}, Bytes(8, 1));
        QVERIFY(last.has_value());
        QCOMPARE(sender.nonce(), kReservedNonce);
        QCOMPARE(sender.encryptWithAd({}, Bytes(8, 1)).error(), Error::NonceExhausted);
        QCOMPARE(sender.encryptWithAd({}, Bytes(8, 1)).error(), Error::NonceExhausted);
        QVERIFY(receiver.decryptWithAd({}, *last).has_value());
        QCOMPARE(receiver.decryptWithAd({}, *last).error(), Error::NonceExhausted);
        // Rekey is still allowed at exhaustion (it uses the reserved nonce internally only).
        QVERIFY(sender.rekey().has_value());
        QCOMPARE(sender.nonce(), kReservedNonce);
    }

    void failedDecryptDoesNotAdvanceNonce_data()
    {
        QTest::addColumn<int>("corruptAt"); // -1: last byte (tag)
        QTest::newRow("body") << 0;
        QTest::newRow("middle") << 5;
        QTest::newRow("tag") << -1;
    }
    void failedDecryptDoesNotAdvanceNonce()
    {
        QFETCH(int, corruptAt);
        auto [sender, receiver] = keyedPair();
        const Bytes ad { 9, 9 };
        const auto genuine = sender.encryptWithAd(ad, Bytes(32, 7)).value();
        auto forged = genuine;
        forged[corruptAt < 0 ? forged.size() - 1 : static_cast<std::size_t>(corruptAt)] ^= 0x01;
        QCOMPARE(receiver.decryptWithAd(ad, forged).error(), Error::DecryptFailed);
        QCOMPARE(receiver.nonce(), std::uint64_t { 0 });
        QCOMPARE(receiver.decryptWithAd(Bytes { 9, 8 }, genuine).error(), Error::DecryptFailed);
        QCOMPARE(receiver.decryptWithAd(ad, ByteView(genuine).first(genuine.size() - 1)).error(),
            Error::DecryptFailed);
        QCOMPARE(receiver.nonce(), std::uint64_t { 0 });
        QCOMPARE(receiver.decryptWithAd(ad, genuine).value(), Bytes(32, 7));
        QCOMPARE(receiver.nonce(), std::uint64_t { 1 });
    }

    void replayAndReorderAreRejected()
    {
        auto [sender, receiver] = keyedPair();
        const auto first = sender.encryptWithAd({}, Bytes { 1 }).value();
        const auto second = sender.encryptWithAd({}, Bytes { 2 }).value();
        QCOMPARE(receiver.decryptWithAd({}, second).error(), Error::DecryptFailed); // reordered
        QCOMPARE(receiver.decryptWithAd({}, first).value(), Bytes { 1 });
        QCOMPARE(receiver.decryptWithAd({}, first).error(), Error::DecryptFailed); // replayed
        QCOMPARE(receiver.decryptWithAd({}, second).value(), Bytes { 2 });
    }

    void sizeLimits()
    {
        auto [sender, receiver] = keyedPair();
        auto largest = sender.encryptWithAd({}, Bytes(kMaxPlaintextSize, 3));
        QVERIFY(largest.has_value());
        QCOMPARE(largest->size(), kMaxMessageSize);
        QCOMPARE(receiver.decryptWithAd({}, *largest).value().size(), kMaxPlaintextSize);
        QCOMPARE(sender.encryptWithAd({}, Bytes(kMaxPlaintextSize + 1, 3)).error(), Error::MessageTooLarge);
        QCOMPARE(receiver.decryptWithAd({}, Bytes(kMaxMessageSize + 1, 3)).error(), Error::MessageTooLarge);
        QCOMPARE(receiver.decryptWithAd({}, Bytes(kTagSize - 1, 3)).error(), Error::MessageTooShort);
        QCOMPARE(receiver.nonce(), std::uint64_t { 1 });
        Bytes tooSmall(4);
        QCOMPARE(sender.encryptWithAd({}, Bytes(8, 1), tooSmall).error(), Error::MessageTooLarge);
        CipherState unkeyed;
        QCOMPARE(unkeyed.encryptWithAd({}, Bytes(kMaxMessageSize + 1, 3)).error(), Error::MessageTooLarge);
    }

    void rekeyKeepsBothSidesInStep()
    {
        auto [sender, receiver] = keyedPair();
        const auto before = sender.encryptWithAd({}, Bytes { 1 }).value();
        QVERIFY(receiver.decryptWithAd({}, before).has_value());
        QVERIFY(sender.rekey().has_value());
        QCOMPARE(sender.nonce(), std::uint64_t { 1 }); // Rekey does not reset the nonce
        const auto after = sender.encryptWithAd({}, Bytes { 2 }).value();
        QCOMPARE(receiver.decryptWithAd({}, after).error(), Error::DecryptFailed); // not rekeyed yet
        QVERIFY(receiver.rekey().has_value());
        QCOMPARE(receiver.decryptWithAd({}, after).value(), Bytes { 2 });
    }

    void movedFromHasNoKey()
    {
        auto [sender, receiver] = keyedPair();
        CipherState moved(std::move(sender));
        QVERIFY(moved.hasKey());
        QVERIFY(!sender.hasKey()); // NOLINT(bugprone-use-after-move): the moved-from state is the contract
        QCOMPARE(sender.rekey().error(), Error::MissingKey);
        CipherState assigned;
        assigned = std::move(moved);
        QVERIFY(assigned.hasKey());
        QCOMPARE(
            receiver.decryptWithAd({}, assigned.encryptWithAd({}, Bytes { 4 }).value()).value(), Bytes { 4 });
    }

    void inPlaceEncryption()
    {
        auto [sender, receiver] = keyedPair();
        Bytes buffer(64 + kTagSize, 5);
        auto written = sender.encryptWithAd({}, ByteView(buffer).first(64), buffer);
        QVERIFY(written.has_value());
        QCOMPARE(*written, buffer.size());
        QCOMPARE(receiver.decryptWithAd({}, buffer).value(), Bytes(64, 5));
    }
};

QTEST_GUILESS_MAIN(TestNoiseCipherState)
#include "TestNoiseCipherState.moc"
