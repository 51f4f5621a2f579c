// Unit tests of core/e2e's MessagingService: pairs and groups of services over the
// in-process relay (E2eRelay), each with a real SQLCipher profile.
#include "crypto/Init.h"
#include "storage/ContactStore.h"

#include <QtTest>

#include "E2eHarness.h"

using namespace palisade;
using palisade::test::E2eClient;
using palisade::test::E2eRelay;
using palisade::test::run;
using palisade::test::settle;
using storage::MessageState;

class TestE2eMessaging : public QObject {
    Q_OBJECT

    net::asio::io_context m_io;
    test::TestClock m_clock;

    std::unique_ptr<E2eClient> client(E2eRelay& relay, const std::string& user, core::E2eOptions options = {})
    {
        return std::make_unique<E2eClient>(m_io, relay, relay.addDevice(user), m_clock, options);
    }
    static void befriend(E2eRelay& relay, E2eClient& a, E2eClient& b)
    {
        relay.makeBuddies(a.link->user(), b.link->user());
        a.addBuddy(b.link->user());
        b.addBuddy(a.link->user());
    }
    storage::MessageId send(E2eClient& from, const std::string& to, const std::string& text)
    {
        auto id = run(m_io, from.service->sendText(to, text));
        if (!id) {
            qWarning("sendText: %s", core::describe(id.error()).data());
            return {};
        }
        return *id;
    }
    static MessageState stateOf(E2eClient& c, const std::string& contact, storage::MessageId id)
    {
        for (const auto& m : c.messages(contact)) {
            if (m.id == id) {
                return m.state;
            }
        }
        return MessageState::Failed;
    }

private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    void sendAndReceiveWithDeliveryReceipt()
    {
        E2eRelay relay(m_io);
        auto alice = client(relay, "alice");
        auto bob = client(relay, "bob");
        befriend(relay, *alice, *bob);

        const auto id = send(*alice, "bob", "hello bob");
        settle(m_io);
        const auto got = bob->messages("alice");
        QCOMPARE(got.size(), std::size_t { 1 });
        QCOMPARE(got[0].body, std::string("hello bob"));
        QCOMPARE(got[0].direction, storage::Direction::Incoming);
        QCOMPARE(stateOf(*alice, "bob", id), MessageState::Delivered);
        QCOMPARE(relay.queued(*bob->link), std::size_t { 0 });
        QCOMPARE(relay.queued(*alice->link), std::size_t { 0 });

        // The answer travels on the established session; both directions keep working.
        send(*bob, "alice", "hi alice");
        send(*alice, "bob", "second");
        settle(m_io);
        QCOMPARE(alice->messages("bob").size(), std::size_t { 3 });
        QCOMPARE(bob->messages("alice").size(), std::size_t { 3 });
        for (const auto& c : relay.ciphertexts) {
            QVERIFY(c.find("hello bob") == std::string::npos);
        }
    }

    void multiDeviceFanOutAndOwnDeviceSync()
    {
        E2eRelay relay(m_io);
        auto alice1 = client(relay, "alice");
        auto alice2 = client(relay, "alice");
        auto bob1 = client(relay, "bob");
        auto bob2 = client(relay, "bob");
        for (auto* a : { alice1.get(), alice2.get() }) {
            a->addBuddy("bob");
        }
        for (auto* b : { bob1.get(), bob2.get() }) {
            b->addBuddy("alice");
        }
        relay.makeBuddies("alice", "bob");

        const auto id = send(*alice1, "bob", "to all of bob");
        settle(m_io);
        QCOMPARE(bob1->messages("alice").size(), std::size_t { 1 });
        QCOMPARE(bob2->messages("alice").size(), std::size_t { 1 });
        const auto copy = alice2->messages("bob");
        QCOMPARE(copy.size(), std::size_t { 1 });
        QCOMPARE(copy[0].direction, storage::Direction::Outgoing);
        QCOMPARE(copy[0].body, std::string("to all of bob"));
        QCOMPARE(copy[0].dedupeId, alice1->messages("bob")[0].dedupeId);
        QCOMPARE(stateOf(*alice1, "bob", id), MessageState::Delivered);

        // bob2 answers: both of alice's devices get it, and bob1 gets the copy.
        send(*bob2, "alice", "reply");
        settle(m_io);
        QCOMPARE(alice1->messages("bob").size(), std::size_t { 2 });
        QCOMPARE(alice2->messages("bob").size(), std::size_t { 2 });
        QCOMPARE(bob1->messages("alice").size(), std::size_t { 2 });
    }

    void redeliveredEnvelopesAreDeduplicated()
    {
        E2eRelay relay(m_io);
        auto alice = client(relay, "alice");
        auto bob = client(relay, "bob");
        befriend(relay, *alice, *bob);
        relay.dropAcks = true;
        send(*alice, "bob", "once");
        send(*alice, "bob", "twice");
        settle(m_io);
        QCOMPARE(relay.queued(*bob->link), std::size_t { 2 });
        relay.dropAcks = false;
        relay.disconnect(*bob->link);
        relay.connect(*bob->link);
        settle(m_io);
        QCOMPARE(bob->messages("alice").size(), std::size_t { 2 });
        QCOMPARE(bob->stored, 2);
        QCOMPARE(relay.queued(*bob->link), std::size_t { 0 });
        const auto log = bob->securityKinds();
        QVERIFY(std::find(log.begin(), log.end(), "undecryptable_message") == log.end());
    }

    void outOfOrderDeliveryIsStoredInSenderOrder()
    {
        E2eRelay relay(m_io);
        auto alice = client(relay, "alice");
        auto bob = client(relay, "bob");
        befriend(relay, *alice, *bob);
        send(*alice, "bob", "m0");
        settle(m_io);
        relay.setHoldPushes(*bob->link, true);
        for (int i = 1; i <= 5; ++i) {
            send(*alice, "bob", "m" + std::to_string(i));
        }
        QCOMPARE(relay.heldCount(*bob->link), std::size_t { 5 });
        relay.setHoldPushes(*bob->link, false);
        relay.releaseHeld(*bob->link, { 4, 2, 0, 3, 1 });
        settle(m_io);
        const auto got = bob->messages("alice");
        QCOMPARE(got.size(), std::size_t { 6 });
        for (int i = 0; i <= 5; ++i) {
            QCOMPARE(got[static_cast<std::size_t>(i)].body, "m" + std::to_string(i));
        }
    }

    void identityChangeHoldsSendingUntilAccepted()
    {
        E2eRelay relay(m_io);
        core::E2eOptions eager;
        eager.deviceRefreshMs = 0;
        auto alice = client(relay, "alice", eager);
        auto bob = client(relay, "bob");
        befriend(relay, *alice, *bob);
        send(*alice, "bob", "before");
        settle(m_io);
        const auto before = alice->service->safetyNumber("bob");
        QVERIFY(before.has_value());
        QCOMPARE(*before, *bob->service->safetyNumber("alice"));
        QVERIFY(alice->service->setVerified("bob", true).has_value());

        // bob's device is reinstalled: same device id, a new profile and identity key.
        auto& link = *bob->link;
        bob.reset();
        auto reinstalled = std::make_unique<E2eClient>(m_io, relay, link, m_clock);
        reinstalled->addBuddy("alice");

        const auto sentBefore = link.sent[v1::Frame::kSendEnvelope];
        const auto id = send(*alice, "bob", "after");
        settle(m_io);
        QCOMPARE(alice->identityChanges, std::vector<std::string> { "bob" });
        QVERIFY(alice->service->isHeld("bob"));
        QCOMPARE(stateOf(*alice, "bob", id), MessageState::Pending);
        QVERIFY(reinstalled->messages("alice").empty());
        QCOMPARE(link.sent[v1::Frame::kSendEnvelope], sentBefore);
        auto contact = storage::ContactStore(alice->db).find("bob");
        QVERIFY(contact && *contact);
        QVERIFY(!(*contact)->verified);
        QVERIFY(*alice->service->safetyNumber("bob") != *before);
        const auto log = alice->securityKinds();
        QVERIFY(std::find(log.begin(), log.end(), "identity_changed") != log.end());

        QVERIFY(run(m_io, alice->service->acceptIdentity("bob")).has_value());
        settle(m_io);
        QVERIFY(!alice->service->isHeld("bob"));
        QCOMPARE(stateOf(*alice, "bob", id), MessageState::Delivered);
        QCOMPARE(reinstalled->messages("alice").size(), std::size_t { 1 });
    }

    void strangerMessagesAreDroppedAndLogged()
    {
        E2eRelay relay(m_io);
        auto bob = client(relay, "bob");
        auto mallory = client(relay, "mallory");
        // The server lets them talk (allow_strangers), but bob never accepted mallory.
        relay.makeBuddies("bob", "mallory");
        mallory->addBuddy("bob");
        send(*mallory, "bob", "let me in");
        settle(m_io);
        QVERIFY(bob->messages("mallory").empty());
        const auto log = bob->securityKinds();
        QVERIFY(std::find(log.begin(), log.end(), "message_from_stranger") != log.end());
        QCOMPARE(relay.queued(*bob->link), std::size_t { 0 });
    }

    void prekeysAreToppedUpWhenLow()
    {
        E2eRelay relay(m_io);
        relay.lowWatermark = 5;
        core::E2eOptions small;
        small.prekeys.oneTimeTarget = 8;
        auto bob = client(relay, "bob", small);
        QCOMPARE(relay.oneTimePrekeys(*bob->link), std::size_t { 8 });
        std::vector<std::unique_ptr<E2eClient>> others;
        for (int i = 0; i < 4; ++i) {
            auto other = client(relay, "user" + std::to_string(i));
            befriend(relay, *other, *bob);
            send(*other, "bob", "hi");
            others.push_back(std::move(other));
        }
        settle(m_io);
        // 8 - 4 = 4 < 5: bob was told and uploaded back to the target.
        QCOMPARE(relay.oneTimePrekeys(*bob->link), std::size_t { 8 });
        QCOMPARE(bob->messages("user3").size(), std::size_t { 1 });
    }

    void pendingMessagesAreResentAfterReconnect()
    {
        E2eRelay relay(m_io);
        auto alice = client(relay, "alice");
        auto bob = client(relay, "bob");
        befriend(relay, *alice, *bob);
        send(*alice, "bob", "first");
        settle(m_io);
        relay.disconnect(*alice->link);
        const auto id = send(*alice, "bob", "while offline");
        QCOMPARE(stateOf(*alice, "bob", id), MessageState::Pending);
        relay.connect(*alice->link);
        QVERIFY(run(m_io, alice->service->onConnected()).has_value());
        settle(m_io);
        QCOMPARE(stateOf(*alice, "bob", id), MessageState::Delivered);
        QCOMPARE(bob->messages("alice").size(), std::size_t { 2 });
    }

    void newAndRemovedDevicesOfAContact()
    {
        E2eRelay relay(m_io);
        core::E2eOptions eager;
        eager.deviceRefreshMs = 0;
        auto alice = client(relay, "alice", eager);
        auto bob1 = client(relay, "bob");
        befriend(relay, *alice, *bob1);
        send(*alice, "bob", "one");
        auto bob2 = client(relay, "bob");
        bob2->addBuddy("alice");
        send(*alice, "bob", "two");
        settle(m_io);
        QCOMPARE(
            alice->newDevices, std::vector<std::string> { "bob/" + std::to_string(bob2->link->device()) });
        QCOMPARE(bob2->messages("alice").size(), std::size_t { 1 });
        QVERIFY(!alice->service->isHeld("bob"));

        relay.removeDevice(*bob2->link);
        send(*alice, "bob", "three");
        settle(m_io);
        QCOMPARE(alice->removedDevices,
            std::vector<std::string> { "bob/" + std::to_string(bob2->link->device()) });
        QCOMPARE(bob1->messages("alice").size(), std::size_t { 3 });
    }

    void strictPolicyHoldsForNewDevices()
    {
        E2eRelay relay(m_io);
        core::E2eOptions strict;
        strict.deviceRefreshMs = 0;
        strict.strictIdentity = true;
        auto alice = client(relay, "alice", strict);
        auto bob1 = client(relay, "bob");
        befriend(relay, *alice, *bob1);
        send(*alice, "bob", "one");
        auto bob2 = client(relay, "bob");
        const auto id = send(*alice, "bob", "two");
        settle(m_io);
        QVERIFY(alice->service->isHeld("bob"));
        QCOMPARE(stateOf(*alice, "bob", id), MessageState::Pending);
    }

    void readReceiptsOnlyWhenAllowed()
    {
        E2eRelay relay(m_io);
        core::E2eOptions allow;
        allow.sendReadReceipts = true;
        auto alice = client(relay, "alice");
        auto bob = client(relay, "bob", allow);
        auto carol = client(relay, "carol");
        befriend(relay, *alice, *bob);
        befriend(relay, *alice, *carol);
        const auto toBob = send(*alice, "bob", "read me");
        const auto toCarol = send(*alice, "carol", "read me too");
        settle(m_io);
        QVERIFY(run(m_io, bob->service->markRead("alice")).has_value());
        QVERIFY(run(m_io, carol->service->markRead("alice")).has_value());
        settle(m_io);
        QCOMPARE(stateOf(*alice, "bob", toBob), MessageState::Read);
        QCOMPARE(stateOf(*alice, "carol", toCarol), MessageState::Delivered);
        QCOMPARE(carol->messages("alice")[0].state, MessageState::Read);
    }
};

QTEST_GUILESS_MAIN(TestE2eMessaging)
#include "TestE2eMessaging.moc"
