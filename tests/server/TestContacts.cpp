#include "crypto/Init.h"
#include "server/Contacts.h"
#include "server/FileRelay.h"
#include "server/Prekeys.h"
#include "server/support/ManualClock.h"
#include "server/support/MemoryStore.h"

#include <QtTest>

using namespace palisade::server;
using namespace std::chrono_literals;

class TestContacts : public QObject {
    Q_OBJECT
    test::MemoryStore m_store;
    UserId alice, bob, carol;

    UserId add(const std::string& name, bool listed = false)
    {
        UserRecord r;
        r.name = name;
        r.listed = listed;
        return *m_store.addUser(r);
    }

private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }
    void init()
    {
        m_store = test::MemoryStore {};
        alice = add("alice");
        bob = add("bob");
        carol = add("carol", true);
    }

    void requestAcceptMakesBuddies()
    {
        Contacts contacts(m_store, false);
        QCOMPARE(*contacts.mayRoute(alice, bob), false);
        QCOMPARE(*contacts.request(alice, bob), Relation::OutgoingRequest);
        QCOMPARE(*contacts.relation(bob, alice), Relation::IncomingRequest);
        QCOMPARE(*contacts.mayRoute(alice, bob), false); // a pending request routes nothing
        QVERIFY(contacts.accept(bob, alice).has_value());
        QCOMPARE(*contacts.mayRoute(alice, bob), true);
        QCOMPARE(*contacts.mayRoute(bob, alice), true);
        QCOMPARE(contacts.buddies(alice)->size(), std::size_t { 1 });
        QCOMPARE(*contacts.mayRoute(alice, carol), false);
    }

    void crossedRequestsAccept()
    {
        Contacts contacts(m_store, false);
        QVERIFY(contacts.request(alice, bob).has_value());
        QCOMPARE(*contacts.request(bob, alice), Relation::Buddies);
    }

    void declineAndRemove()
    {
        Contacts contacts(m_store, false);
        QCOMPARE(contacts.accept(bob, alice).error(), Error::InvalidRequest); // nothing pending
        QVERIFY(contacts.request(alice, bob).has_value());
        QVERIFY(contacts.decline(bob, alice).has_value());
        QCOMPARE(*contacts.relation(alice, bob), Relation::None);
        QVERIFY(contacts.request(alice, bob).has_value());
        QVERIFY(contacts.accept(bob, alice).has_value());
        QVERIFY(contacts.remove(alice, bob).has_value());
        QCOMPARE(*contacts.mayRoute(bob, alice), false);
    }

    void blockStopsEverything()
    {
        Contacts contacts(m_store, true); // even when strangers are allowed
        QVERIFY(contacts.request(alice, bob).has_value());
        QVERIFY(contacts.accept(bob, alice).has_value());
        QVERIFY(contacts.block(bob, alice).has_value());
        QCOMPARE(*contacts.mayRoute(alice, bob), false);
        QCOMPARE(*contacts.mayRoute(bob, alice), false);
        QCOMPARE(*contacts.relation(bob, alice), Relation::BlockedByMe);
        // alice's new request is swallowed, never seen by bob
        QCOMPARE(*contacts.request(alice, bob), Relation::OutgoingRequest);
        QVERIFY(m_store.incomingRequests(bob)->empty());
        QVERIFY(contacts.unblock(bob, alice).has_value());
        QCOMPARE(*contacts.mayRoute(alice, bob), true); // strangers allowed by this server
    }

    void directory()
    {
        Contacts contacts(m_store, false);
        QCOMPARE(contacts.lookup("bob")->size(), std::size_t { 1 });
        QVERIFY(contacts.lookup("bo")->empty()); // unlisted: exact name only
        QCOMPARE(contacts.lookup("ca")->size(), std::size_t { 1 }); // listed: prefix
        auto b = *m_store.findUser("bob");
        b.disabled = true;
        QVERIFY(m_store.updateUser(b).has_value());
        QVERIFY(contacts.lookup("bob")->empty());
    }

    void prekeysBuddiesOnlyAndConsumedOnce()
    {
        Contacts contacts(m_store, false);
        Limits limits;
        limits.prekeyLowWatermark = 2;
        Prekeys prekeys(m_store, contacts, limits);
        DeviceRecord d;
        d.user = bob;
        const DeviceId bobDevice = *m_store.addDevice(d);
        QCOMPARE(*prekeys.upload(bobDevice, { 1, 2, 3 }, { { 10 }, { 11 }, { 12 } }), std::size_t { 3 });
        QCOMPARE(prekeys.fetch(alice, bob).error(), Error::NotBuddies);
        QVERIFY(contacts.request(alice, bob).has_value());
        QVERIFY(contacts.accept(bob, alice).has_value());
        std::vector<std::vector<std::uint8_t>> seen;
        for (int i = 0; i < 4; ++i) {
            std::vector<DeviceId> low;
            auto bundles = prekeys.fetch(alice, bob, &low);
            QVERIFY(bundles.has_value());
            QCOMPARE(bundles->size(), std::size_t { 1 });
            QCOMPARE(bundles->front().signedBundle, (std::vector<std::uint8_t> { 1, 2, 3 }));
            if (i < 3) {
                QVERIFY(bundles->front().oneTimePrekey.has_value());
                QVERIFY(std::find(seen.begin(), seen.end(), *bundles->front().oneTimePrekey) == seen.end());
                seen.push_back(*bundles->front().oneTimePrekey);
                QCOMPARE(low.size(), i >= 1 ? std::size_t { 1 } : std::size_t { 0 });
            } else {
                QVERIFY(!bundles->front().oneTimePrekey.has_value());
            }
        }
        QCOMPARE(
            prekeys.upload(bobDevice, std::vector<std::uint8_t>(5000), {}).error(), Error::QuotaExceeded);
        QCOMPARE(prekeys.upload(bobDevice, {}, { {} }).error(), Error::InvalidRequest);
    }

    void fileRelay()
    {
        Contacts contacts(m_store, false);
        test::ManualClock clock;
        Limits limits;
        limits.fileQuotaMb = 1;
        limits.fileTtlHours = 1;
        FileRelay relay(m_store, contacts, clock, limits);
        QCOMPARE(relay.begin(alice, { bob }, 10, 2).error(), Error::NotBuddies);
        QVERIFY(contacts.request(alice, bob).has_value());
        QVERIFY(contacts.accept(bob, alice).has_value());
        QCOMPARE(relay.begin(alice, { bob }, 2 * 1024 * 1024, 40).error(), Error::QuotaExceeded);
        QCOMPARE(relay.begin(alice, { bob }, 10, 0).error(), Error::InvalidRequest);
        auto id = relay.begin(alice, { bob }, 10, 2);
        QVERIFY(id.has_value());
        QCOMPARE(*relay.put(alice, *id, 0, std::vector<std::uint8_t>(6, 1)), 1U);
        QCOMPARE(relay.put(bob, *id, 1, { 1 }).error(), Error::NotFound); // not the sender
        QCOMPARE(relay.put(alice, *id, 2, { 1 }).error(), Error::InvalidRequest); // out of order
        QCOMPARE(*relay.put(alice, *id, 0, std::vector<std::uint8_t>(6, 1)), 1U); // resumed: ignored
        QCOMPARE(*relay.resumeIndex(alice, *id), 1U);
        QCOMPARE(relay.fetch(bob, *id, 0).error(), Error::NotFound); // not complete yet
        QCOMPARE(relay.finish(alice, *id).error(), Error::InvalidRequest);
        QCOMPARE(relay.put(alice, *id, 1, std::vector<std::uint8_t>(5, 2)).error(), Error::InvalidRequest);
        QCOMPARE(*relay.put(alice, *id, 1, std::vector<std::uint8_t>(4, 2)), 2U);
        QVERIFY(relay.finish(alice, *id).has_value());
        QCOMPARE(*relay.fetch(bob, *id, 1), std::vector<std::uint8_t>(4, 2));
        QCOMPARE(relay.fetch(carol, *id, 1).error(), Error::NotFound); // not a named recipient
        QCOMPARE(relay.fetch(bob, *id, 2).error(), Error::NotFound);
        clock.advance(3601s);
        QCOMPARE(relay.fetch(bob, *id, 0).error(), Error::NotFound);
        QCOMPARE(*relay.expire(), std::size_t { 1 });
    }
};

QTEST_GUILESS_MAIN(TestContacts)
#include "TestContacts.moc"
