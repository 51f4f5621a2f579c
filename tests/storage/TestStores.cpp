#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/AccountStore.h"
#include "storage/ContactStore.h"
#include "storage/SecurityLog.h"
#include "storage/SettingsStore.h"
#include "storage/TransferStore.h"

#include <QtTest>

#include "StorageTestSupport.h"
#include <array>
#include <optional>

using namespace palisade;
using namespace palisade::storage;

class TestStores : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    void init()
    {
        m_dir.emplace();
        m_db.emplace(test::openClientDatabase(*m_dir, crypto::randomSecret(databaseKeySize)));
    }

    void accountAndSecrets()
    {
        AccountStore store(*m_db);
        QVERIFY(!store.account()->has_value());
        QVERIFY(store.setAccount({ "alice", "laptop", "chat.example.com:7443", 42 }));
        auto account = store.account();
        QVERIFY(account && account->has_value());
        QCOMPARE((*account)->deviceId, std::string("laptop"));
        const auto secret = crypto::randomSecret(32);
        QVERIFY(store.putSecret(credential::deviceKey, "current", secret, 1));
        QVERIFY(store.putSecret(credential::oneTimePrekey, "7", crypto::randomSecret(32), 1));
        QVERIFY(store.putSecret(credential::oneTimePrekey, "8", crypto::randomSecret(32), 1));
        auto loaded = store.secret(credential::deviceKey, "current");
        QVERIFY(loaded && loaded->has_value());
        QVERIFY((*loaded)->equals(secret.bytes()));
        QCOMPARE(*store.secretNames(credential::oneTimePrekey), (std::vector<std::string> { "7", "8" }));
        QVERIFY(store.removeSecret(credential::oneTimePrekey, "7"));
        QCOMPARE(store.secretNames(credential::oneTimePrekey)->size(), std::size_t { 1 });
        QVERIFY(!store.secret(credential::identityKey, "current")->has_value());
    }

    void contactsAndVerification()
    {
        ContactStore store(*m_db);
        auto id = store.add("bob", "Bob", ContactState::RequestSent, 1);
        QVERIFY(id);
        QCOMPARE(
            store.add("bob", "Bob again", ContactState::RequestSent, 2).error().code, ErrorCode::Constraint);
        const std::array<std::uint8_t, 3> key1 { 1, 2, 3 };
        const std::array<std::uint8_t, 3> key2 { 1, 2, 4 };
        QVERIFY(store.setIdentityKey(*id, key1, 2));
        QVERIFY(store.setVerified(*id, true, 3));
        QVERIFY(store.setIdentityKey(*id, key1, 4)); // same key: stays verified
        QVERIFY((*store.find("bob"))->verified);
        QVERIFY(store.setIdentityKey(*id, key2, 5)); // changed key: verification is lost
        auto bob = store.find("bob");
        QVERIFY(bob && bob->has_value());
        QVERIFY(!(*bob)->verified);
        QCOMPARE((*bob)->identityKey, (std::vector<std::uint8_t> { 1, 2, 4 }));
        QVERIFY(store.setState(*id, ContactState::Blocked, 6));
        QCOMPARE(store.all()->front().state, ContactState::Blocked);
        QVERIFY(!store.find("carol")->has_value());
    }

    void conversationsOrderedByActivity()
    {
        ContactStore store(*m_db);
        auto a = store.conversationWith(*store.add("a", "", ContactState::Accepted, 1));
        auto b = store.conversationWith(*store.add("b", "", ContactState::Accepted, 1));
        QVERIFY(a && b);
        QCOMPARE(*store.conversationWith((*store.find("a"))->id), *a); // same conversation again
        QVERIFY(store.touch(*a, 100, 2));
        QVERIFY(store.touch(*b, 200, 1));
        auto list = store.conversations();
        QVERIFY(list);
        QCOMPARE(list->size(), std::size_t { 2 });
        QCOMPARE(list->front().id, *b);
        QCOMPARE(list->back().unread, 2);
        QVERIFY(store.touch(*a, 50, 0, true));
        QCOMPARE(store.conversations()->back().unread, 0);
        QCOMPARE(store.conversations()->back().lastActivity, 100);
    }

    void settings()
    {
        SettingsStore store(*m_db);
        QVERIFY(!store.value("notifications.sound")->has_value());
        QVERIFY(store.setValue("notifications.sound", "off"));
        QVERIFY(store.setValue("notifications.sound", "on"));
        QCOMPARE(**store.value("notifications.sound"), std::string("on"));
        QVERIFY(store.remove("notifications.sound"));
        QVERIFY(!store.value("notifications.sound")->has_value());
    }

    void transfers()
    {
        ContactStore contacts(*m_db);
        auto conversation = contacts.conversationWith(*contacts.add("a", "", ContactState::Accepted, 1));
        TransferStore store(*m_db);
        Transfer t;
        t.id = "t-1";
        t.conversation = *conversation;
        t.fileName = "report.pdf";
        t.size = 1234;
        t.sha256.assign(32, 0xab);
        t.updatedAt = 5;
        QVERIFY(store.add(t));
        QCOMPARE(store.add(t).error().code, ErrorCode::Constraint);
        QCOMPARE(store.unfinished()->size(), std::size_t { 1 });
        QVERIFY(store.setState("t-1", TransferState::Quarantined, "/quarantine/t-1", 9));
        auto found = store.find("t-1");
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->state, TransferState::Quarantined);
        QCOMPARE((*found)->localPath, std::string("/quarantine/t-1"));
        QCOMPARE((*found)->sha256, t.sha256);
        QCOMPARE(store.unfinished()->size(), std::size_t { 0 });
    }

    void securityLog()
    {
        SecurityLog log(*m_db);
        QVERIFY(log.append(10, "identity_changed", "contact bob"));
        QVERIFY(log.append(20, "stranger_dropped", "from mallory"));
        auto recent = log.recent();
        QVERIFY(recent);
        QCOMPARE(recent->size(), std::size_t { 2 });
        QCOMPARE(recent->front().kind, std::string("stranger_dropped"));
        QCOMPARE(*log.deleteBefore(15), std::size_t { 1 });
        QCOMPARE(log.recent()->size(), std::size_t { 1 });
    }

private:
    std::optional<QTemporaryDir> m_dir;
    std::optional<Database> m_db;
};

QTEST_GUILESS_MAIN(TestStores)
#include "TestStores.moc"
