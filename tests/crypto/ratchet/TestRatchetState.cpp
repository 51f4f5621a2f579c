// Session state serialisation: round trip mid-conversation (pending prekey data, skipped
// keys), and strict rejection of corrupted, truncated, extended or inconsistent state.
#include "crypto/Init.h"

#include <sodium.h>

#include <QtTest>

#include "RatchetTestSupport.h"

using namespace palisade::crypto::ratchet;
using namespace palisade::crypto::ratchet::test;

namespace {

constexpr std::size_t kChecksum = 32;
constexpr std::size_t kFlagsAt = 5;
constexpr std::size_t kRatchetPublicAt = 6 + 3 * kKeySize;
constexpr std::size_t kCountsAt = 6 + 5 * kKeySize + 4 * kKeySize;
constexpr std::size_t kSkippedCountAt = kCountsAt + 5 * 4;

/// Recompute the trailing checksum so a test reaches the structural checks behind it.
std::vector<std::uint8_t> resealed(std::vector<std::uint8_t> state)
{
    std::array<std::uint8_t, crypto_hash_sha512_BYTES> hash {};
    crypto_hash_sha512(hash.data(), state.data(), state.size() - kChecksum);
    std::copy_n(hash.begin(), kChecksum, state.end() - kChecksum);
    return state;
}

/// A pair mid-conversation: Alice still awaiting a reply, Bob holding skipped keys.
struct Busy {
    Pair p;
    std::vector<std::vector<std::uint8_t>> undelivered;
    bool make()
    {
        if (!p.start()) {
            return false;
        }
        for (int i = 0; i < 5; ++i) {
            undelivered.push_back(p.alice->encrypt(text("m" + std::to_string(i))).value());
        }
        return p.bobSession->decrypt(undelivered.back()).has_value();
    }
};

} // namespace

class TestRatchetState : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }

    void roundTripContinuesTheConversation()
    {
        Busy b;
        QVERIFY(b.make());
        QCOMPARE(b.p.bobSession->skippedKeyCount(), std::size_t { 4 });
        QVERIFY(b.p.alice->awaitingReply());
        const auto aliceState = stateOf(*b.p.alice);
        const auto bobState = stateOf(*b.p.bobSession);
        auto alice = Session::deserialize(aliceState);
        auto bob = Session::deserialize(bobState);
        QVERIFY(alice.has_value() && bob.has_value());
        QCOMPARE(stateOf(*alice), aliceState);
        QCOMPARE(stateOf(*bob), bobState);
        QVERIFY(alice->awaitingReply());
        QCOMPARE(bob->skippedKeyCount(), std::size_t { 4 });
        QCOMPARE(bob->remoteIdentity(), b.p.aliceIdentity.publicKey);
        // Restored Bob reads a skipped message, a new prekey message, and replies.
        QCOMPARE(bob->decrypt(b.undelivered[1]).value(), text("m1"));
        QCOMPARE(bob->decrypt(alice->encrypt(text("after")).value()).value(), text("after"));
        QCOMPARE(alice->decrypt(bob->encrypt(text("reply")).value()).value(), text("reply"));
        QVERIFY(!alice->awaitingReply());
        // A replay is still refused after a round trip through storage.
        auto again = Session::deserialize(stateOf(*bob));
        QVERIFY(again.has_value());
        QCOMPARE(again->decrypt(b.undelivered[1]).error(), Error::DuplicateMessage);
    }

    void everyBitFlipRejected()
    {
        Busy b;
        QVERIFY(b.make());
        const auto state = stateOf(*b.p.bobSession);
        for (std::size_t i = 0; i < state.size(); ++i) {
            auto bad = state;
            bad[i] ^= static_cast<std::uint8_t>(1U << (i % 8));
            QVERIFY2(!Session::deserialize(bad).has_value(), qPrintable(QStringLiteral("byte %1").arg(i)));
        }
    }

    void truncatedOrExtendedRejected()
    {
        Busy b;
        QVERIFY(b.make());
        const auto state = stateOf(*b.p.alice);
        for (std::size_t n = 0; n < state.size(); ++n) {
            QVERIFY(!Session::deserialize(ByteView(state).first(n)).has_value());
        }
        auto longer = state;
        longer.insert(longer.end() - kChecksum, std::uint8_t { 0 });
        QCOMPARE(Session::deserialize(resealed(longer)).error(), Error::CorruptState);
    }

    void versionAndMagicChecked()
    {
        Busy b;
        QVERIFY(b.make());
        auto state = stateOf(*b.p.alice);
        auto magic = state;
        magic[0] = 'X';
        QCOMPARE(Session::deserialize(resealed(magic)).error(), Error::CorruptState);
        auto version = state;
        version[4] = Session::kStateVersion + 1;
        QCOMPARE(Session::deserialize(resealed(version)).error(), Error::UnsupportedVersion);
    }

    void inconsistentFieldsRejected_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::newRow("unknown flag") << 0;
        QTest::newRow("no receiving chain") << 1;
        QTest::newRow("pending on responder") << 2;
        QTest::newRow("ratchet public does not match secret") << 3;
        QTest::newRow("skipped count too high") << 4;
        QTest::newRow("duplicate skipped entry") << 5;
        QTest::newRow("one-time id without flag") << 6;
        QTest::newRow("skipped count beyond the data") << 7;
    }
    void inconsistentFieldsRejected()
    {
        QFETCH(int, mutation);
        Busy b;
        QVERIFY(b.make());
        auto state = stateOf(mutation == 6 ? *b.p.alice : *b.p.bobSession);
        QVERIFY(Session::deserialize(state).has_value());
        constexpr std::size_t entrySize = kKeySize + 4 + kKeySize;
        switch (mutation) {
        case 0:
            state[kFlagsAt] |= 0x80;
            break;
        case 1:
            state[kFlagsAt] &= static_cast<std::uint8_t>(~0x02);
            break;
        case 2:
            state[kFlagsAt] |= 0x04;
            break;
        case 3:
            state[kRatchetPublicAt] ^= 0x01;
            break;
        case 4:
            state[kSkippedCountAt] = 0xFF;
            break;
        case 5: // copy entry 0's (key, number) over entry 1's
            std::copy_n(state.begin() + kSkippedCountAt + 2, kKeySize + 4,
                state.begin() + kSkippedCountAt + 2 + entrySize);
            break;
        case 6: // Alice's state has the one-time flag; clear it but keep the id
            state[kFlagsAt] &= static_cast<std::uint8_t>(~0x08);
            break;
        default: // claims one more entry than the state holds
            state[kSkippedCountAt + 1] = static_cast<std::uint8_t>(state[kSkippedCountAt + 1] + 1);
            break;
        }
        QCOMPARE(Session::deserialize(resealed(state)).error(), Error::CorruptState);
    }
};

QTEST_GUILESS_MAIN(TestRatchetState)
#include "TestRatchetState.moc"
