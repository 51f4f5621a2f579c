// Double Ratchet sessions: conversation, out-of-order delivery, the skipped-key bound,
// tampering, replay, truncation, simultaneous sending, wrong sessions, size limits.
// Every failure must leave the session state byte-for-byte unchanged.
#include "crypto/Init.h"

#include <QtTest>

#include "RatchetTestSupport.h"
#include <algorithm>

using namespace palisade::crypto::ratchet;
using namespace palisade::crypto::ratchet::test;

namespace {

std::vector<std::uint8_t> numbered(int i)
{
    return text("message " + std::to_string(i));
}

} // namespace

class TestRatchetSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }

    void conversation()
    {
        Pair p;
        QVERIFY(p.start());
        QVERIFY(p.alice->awaitingReply());
        QCOMPARE(p.bobSession->remoteIdentity(), p.aliceIdentity.publicKey);
        QCOMPARE(p.alice->remoteIdentity(), p.bob.identity.publicKey);
        QCOMPARE(p.alice->baseKey(), p.bobSession->baseKey());
        for (int round = 0; round < 20; ++round) {
            for (int k = 0; k <= round % 3; ++k) {
                const auto m = p.bobSession->encrypt(numbered(round * 10 + k));
                QVERIFY(m.has_value());
                QCOMPARE(messageType(*m).value(), MessageType::Ratchet);
                const auto d = p.alice->decrypt(*m);
                QVERIFY(d.has_value());
                QCOMPARE(*d, numbered(round * 10 + k));
            }
            QVERIFY(!p.alice->awaitingReply());
            const auto m = p.alice->encrypt(numbered(-round));
            QVERIFY(m.has_value());
            QCOMPARE(messageType(*m).value(), MessageType::Ratchet);
            const auto d = p.bobSession->decrypt(*m);
            QVERIFY(d.has_value());
            QCOMPARE(*d, numbered(-round));
        }
        QCOMPARE(p.alice->skippedKeyCount(), std::size_t { 0 });
        QCOMPARE(p.bobSession->skippedKeyCount(), std::size_t { 0 });
    }

    void emptyAndMaximalPlaintext()
    {
        Pair p;
        QVERIFY(p.start());
        const auto empty = p.alice->encrypt({});
        QVERIFY(empty.has_value());
        QVERIFY(p.bobSession->decrypt(*empty).value().empty());
        const std::vector<std::uint8_t> big(kMaxPlaintext, 0xAB);
        const auto m = p.bobSession->encrypt(big);
        QVERIFY(m.has_value());
        QCOMPARE(p.alice->decrypt(*m).value(), big);
        const std::vector<std::uint8_t> tooBig(kMaxPlaintext + 1, 0);
        const auto before = stateOf(*p.bobSession);
        QCOMPARE(p.bobSession->encrypt(tooBig).error(), Error::MessageTooLarge);
        QCOMPARE(stateOf(*p.bobSession), before);
    }

    void outOfOrderWithinChain()
    {
        Pair p;
        QVERIFY(p.start());
        std::vector<std::vector<std::uint8_t>> sent;
        for (int i = 0; i < 10; ++i) {
            sent.push_back(p.alice->encrypt(numbered(i)).value());
        }
        const int order[] = { 3, 0, 9, 1, 2, 8, 4, 7, 5, 6 };
        for (int i : order) {
            const auto d = p.bobSession->decrypt(sent[static_cast<std::size_t>(i)]);
            QVERIFY2(d.has_value(), qPrintable(QString::number(i)));
            QCOMPARE(*d, numbered(i));
        }
        QCOMPARE(p.bobSession->skippedKeyCount(), std::size_t { 0 });
    }

    void outOfOrderAcrossRatchetSteps()
    {
        Pair p;
        QVERIFY(p.start());
        const auto a1 = p.alice->encrypt(numbered(1)).value();
        const auto a2 = p.alice->encrypt(numbered(2)).value();
        QVERIFY(p.bobSession->decrypt(a1).has_value());
        const auto b1 = p.bobSession->encrypt(numbered(100)).value();
        const auto b2 = p.bobSession->encrypt(numbered(101)).value();
        QCOMPARE(p.alice->decrypt(b2).value(), numbered(101)); // b1 skipped
        const auto a3 = p.alice->encrypt(numbered(3)).value(); // new chain; a2 still in flight
        QCOMPARE(p.bobSession->decrypt(a3).value(), numbered(3));
        QCOMPARE(p.bobSession->skippedKeyCount(), std::size_t { 1 });
        QCOMPARE(p.bobSession->decrypt(a2).value(), numbered(2));
        QCOMPARE(p.alice->decrypt(b1).value(), numbered(100));
        QCOMPARE(p.alice->skippedKeyCount(), std::size_t { 0 });
        QCOMPARE(p.bobSession->skippedKeyCount(), std::size_t { 0 });
    }

    void bothSidesSendAtOnce()
    {
        Pair p;
        QVERIFY(p.start());
        std::vector<std::vector<std::uint8_t>> fromAlice;
        std::vector<std::vector<std::uint8_t>> fromBob;
        for (int i = 0; i < 3; ++i) {
            fromAlice.push_back(p.alice->encrypt(numbered(i)).value());
            fromBob.push_back(p.bobSession->encrypt(numbered(50 + i)).value());
        }
        // Alice had no reply yet: her messages still carry the X3DH prefix.
        QCOMPARE(messageType(fromAlice[0]).value(), MessageType::PreKey);
        for (int i = 0; i < 3; ++i) {
            const auto idx = static_cast<std::size_t>(i);
            QCOMPARE(p.alice->decrypt(fromBob[idx]).value(), numbered(50 + i));
            QCOMPARE(p.bobSession->decrypt(fromAlice[idx]).value(), numbered(i));
        }
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(p.bobSession->decrypt(p.alice->encrypt(numbered(7)).value()).value(), numbered(7));
            QCOMPARE(p.alice->decrypt(p.bobSession->encrypt(numbered(8)).value()).value(), numbered(8));
        }
    }

    void skippedKeyBoundAndEviction()
    {
        Pair p;
        QVERIFY(p.start()); // Bob has read Alice's message 0
        std::vector<std::vector<std::uint8_t>> chainA;
        for (int i = 1; i <= 1002; ++i) {
            chainA.push_back(p.alice->encrypt(numbered(i)).value());
        }
        // Message 1002 would skip 1001 keys: over the bound, refused, nothing stored.
        const auto before = stateOf(*p.bobSession);
        QCOMPARE(p.bobSession->decrypt(chainA[1001]).error(), Error::TooManySkipped);
        QCOMPARE(stateOf(*p.bobSession), before);
        // Message 1001 skips exactly 1000: accepted, the store is full.
        QCOMPARE(p.bobSession->decrypt(chainA[1000]).value(), numbered(1001));
        QCOMPARE(p.bobSession->skippedKeyCount(), SkippedKeys::kCapacity);
        // A new chain from Alice stores more keys; the oldest (messages 1.. of chain A) go.
        QVERIFY(p.alice->decrypt(p.bobSession->encrypt(numbered(0)).value()).has_value());
        std::vector<std::vector<std::uint8_t>> chainB;
        for (int i = 0; i < 6; ++i) {
            chainB.push_back(p.alice->encrypt(numbered(2000 + i)).value());
        }
        QCOMPARE(p.bobSession->decrypt(chainB[5]).value(), numbered(2005));
        QCOMPARE(p.bobSession->skippedKeyCount(), SkippedKeys::kCapacity);
        QVERIFY(!p.bobSession->decrypt(chainA[0]).has_value()); // evicted: unreadable
        QCOMPARE(p.bobSession->decrypt(chainA[1001]).value(), numbered(1002)); // skipped via pn
        QCOMPARE(p.bobSession->decrypt(chainA[999]).value(), numbered(1000));
        QCOMPARE(p.bobSession->decrypt(chainB[0]).value(), numbered(2000));
        QCOMPARE(p.bobSession->skippedKeyCount(), SkippedKeys::kCapacity - 3);
    }

    void tooFarAheadInNewChain()
    {
        Pair p;
        QVERIFY(p.start());
        QVERIFY(p.alice->decrypt(p.bobSession->encrypt(numbered(0)).value()).has_value());
        std::vector<std::uint8_t> last;
        for (int i = 0; i <= 1001; ++i) {
            last = p.alice->encrypt(numbered(i)).value();
        }
        const auto before = stateOf(*p.bobSession);
        QCOMPARE(p.bobSession->decrypt(last).error(), Error::TooManySkipped);
        QCOMPARE(stateOf(*p.bobSession), before);
    }

    void tamperingRejected_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("same chain") << 0;
        QTest::newRow("new ratchet key") << 1;
        QTest::newRow("prekey message") << 2;
    }
    void tamperingRejected()
    {
        QFETCH(int, kind);
        Pair p;
        QVERIFY(p.start());
        Session* receiver = &*p.bobSession;
        std::vector<std::uint8_t> message;
        if (kind == 0) {
            QVERIFY(p.alice->decrypt(p.bobSession->encrypt(numbered(0)).value()).has_value());
            QVERIFY(p.bobSession->decrypt(p.alice->encrypt(numbered(1)).value()).has_value());
            message = p.alice->encrypt(numbered(2)).value(); // same chain as the one Bob just read
        } else if (kind == 1) {
            message = p.bobSession->encrypt(numbered(3)).value(); // Alice must ratchet
            receiver = &*p.alice;
        } else {
            message = p.alice->encrypt(numbered(4)).value(); // still a PreKeyMessage
            QCOMPARE(messageType(message).value(), MessageType::PreKey);
        }
        const auto before = stateOf(*receiver);
        for (std::size_t i = 0; i < message.size(); ++i) {
            for (std::uint8_t bit : { std::uint8_t { 0x01 }, std::uint8_t { 0x80 } }) {
                auto bad = message;
                bad[i] ^= bit;
                QVERIFY2(!receiver->decrypt(bad).has_value(), qPrintable(QStringLiteral("byte %1").arg(i)));
            }
        }
        QCOMPARE(stateOf(*receiver), before);
        QVERIFY(receiver->decrypt(message).has_value());
    }

    void tamperedFirstMessageCreatesNoSession()
    {
        Pair p;
        auto alice = Session::initiate(p.aliceIdentity, p.bob.bundle());
        QVERIFY(alice.has_value());
        const auto first = alice->encrypt(numbered(1)).value();
        for (std::size_t i = 0; i < first.size(); i += 7) {
            auto bad = first;
            bad[i] ^= 0x04;
            QVERIFY(!Session::accept(p.bob.identity, p.bob.signedPreKey, &p.bob.oneTime, bad).has_value());
        }
        QCOMPARE(Session::accept(p.bob.identity, p.bob.signedPreKey, nullptr, first).error(),
            Error::UnknownPreKey);
        const auto otherSigned = SignedPreKey::generate(p.bob.identity, 8).value();
        QCOMPARE(Session::accept(p.bob.identity, otherSigned, &p.bob.oneTime, first).error(),
            Error::UnknownPreKey);
        QVERIFY(Session::accept(p.bob.identity, p.bob.signedPreKey, &p.bob.oneTime, first).has_value());
    }

    void replayRejected()
    {
        Pair p;
        QVERIFY(p.start());
        const auto a1 = p.alice->encrypt(numbered(1)).value();
        const auto a2 = p.alice->encrypt(numbered(2)).value();
        QVERIFY(p.bobSession->decrypt(a2).has_value()); // a1 becomes a skipped key
        auto before = stateOf(*p.bobSession);
        QCOMPARE(p.bobSession->decrypt(a2).error(), Error::DuplicateMessage);
        QCOMPARE(stateOf(*p.bobSession), before);
        QVERIFY(p.bobSession->decrypt(a1).has_value()); // skipped key used once...
        before = stateOf(*p.bobSession);
        QCOMPARE(p.bobSession->decrypt(a1).error(), Error::DuplicateMessage); // ...and gone
        QCOMPARE(stateOf(*p.bobSession), before);
        // After a ratchet step, a message of the old chain is still refused.
        QVERIFY(p.alice->decrypt(p.bobSession->encrypt(numbered(3)).value()).has_value());
        QVERIFY(p.bobSession->decrypt(p.alice->encrypt(numbered(4)).value()).has_value());
        before = stateOf(*p.bobSession);
        QVERIFY(!p.bobSession->decrypt(a2).has_value());
        QCOMPARE(stateOf(*p.bobSession), before);
    }

    void truncationRejected()
    {
        Pair p;
        QVERIFY(p.start());
        const auto m = p.bobSession->encrypt(numbered(5)).value();
        const auto first = p.alice->encrypt(numbered(6)).value();
        const auto beforeAlice = stateOf(*p.alice);
        for (std::size_t n = 0; n < m.size(); ++n) {
            QVERIFY(!p.alice->decrypt(ByteView(m).first(n)).has_value());
        }
        QCOMPARE(stateOf(*p.alice), beforeAlice);
        auto longer = m;
        longer.push_back(0);
        QVERIFY(!p.alice->decrypt(longer).has_value());
        QCOMPARE(stateOf(*p.alice), beforeAlice);
        const auto beforeBob = stateOf(*p.bobSession);
        for (std::size_t n = 0; n < first.size(); ++n) {
            QVERIFY(!p.bobSession->decrypt(ByteView(first).first(n)).has_value());
        }
        QCOMPARE(stateOf(*p.bobSession), beforeBob);
        QCOMPARE(p.alice->decrypt(m).value(), numbered(5));
    }

    void otherSessionsRejected()
    {
        Pair p;
        Pair q;
        QVERIFY(p.start());
        QVERIFY(q.start());
        const auto before = stateOf(*p.bobSession);
        QVERIFY(!p.bobSession->decrypt(q.alice->encrypt(numbered(1)).value()).has_value());
        QVERIFY(!p.bobSession->decrypt(q.bobSession->encrypt(numbered(1)).value()).has_value());
        QCOMPARE(stateOf(*p.bobSession), before);
        // A prekey message of another initiator names the wrong identity / base key.
        auto other = Session::initiate(q.aliceIdentity, p.bob.bundle(false));
        QVERIFY(other.has_value());
        QCOMPARE(p.bobSession->decrypt(other->encrypt(numbered(2)).value()).error(), Error::WrongSession);
        // The initiator never accepts a prekey message.
        QCOMPARE(p.alice->decrypt(other->encrypt(numbered(2)).value()).error(), Error::WrongSession);
        QCOMPARE(stateOf(*p.bobSession), before);
    }

    void garbageRejected()
    {
        Pair p;
        QVERIFY(p.start());
        const auto before = stateOf(*p.bobSession);
        QCOMPARE(p.bobSession->decrypt({}).error(), Error::MalformedMessage);
        const std::uint8_t wrongVersion[] = { 2, 1, 0, 0 };
        QCOMPARE(p.bobSession->decrypt(wrongVersion).error(), Error::UnsupportedVersion);
        std::vector<std::uint8_t> zeroKey(kHeaderSize + kAeadTagSize, 0);
        zeroKey[0] = kWireVersion;
        zeroKey[1] = 1;
        QCOMPARE(p.bobSession->decrypt(zeroKey).error(), Error::LowOrderPoint);
        QCOMPARE(stateOf(*p.bobSession), before);
    }
};

QTEST_GUILESS_MAIN(TestRatchetSession)
#include "TestRatchetSession.moc"
