#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/ContactStore.h"
#include "storage/MessageStore.h"
#include "storage/Transaction.h"

#include <QtTest>

#include "StorageTestSupport.h"
#include <optional>

using namespace palisade;
using namespace palisade::storage;

namespace {
Message message(ConversationId conversation, int n, std::string body, Timestamp at)
{
    Message m;
    m.conversation = conversation;
    m.dedupeId = { static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8), 0x42 };
    m.direction = n % 2 == 0 ? Direction::Incoming : Direction::Outgoing;
    m.state = MessageState::Sent;
    m.body = std::move(body);
    m.sentAt = at;
    m.receivedAt = at;
    return m;
}
} // namespace

class TestMessageStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    void init()
    {
        m_dir.emplace();
        m_db.emplace(test::openClientDatabase(*m_dir, crypto::randomSecret(databaseKeySize)));
        ContactStore contacts(*m_db);
        auto alice = contacts.add("alice", "Alice", ContactState::Accepted, 1);
        auto bob = contacts.add("bob", "Bob", ContactState::Accepted, 1);
        QVERIFY(alice && bob);
        m_alice = *contacts.conversationWith(*alice);
        m_bob = *contacts.conversationWith(*bob);
    }

    void addDedupesAndReadsBack()
    {
        MessageStore store(*m_db);
        auto id = store.add(message(m_alice, 1, "hello there", 1000));
        QVERIFY(id && id->has_value());
        auto again = store.add(message(m_alice, 1, "hello there (replayed)", 1001));
        QVERIFY(again);
        QVERIFY(!again->has_value());
        auto page = store.latest(m_alice);
        QVERIFY(page);
        QCOMPARE(page->size(), std::size_t { 1 });
        QCOMPARE(page->front().body, std::string("hello there"));
        QCOMPARE(page->front().id, **id);
        QVERIFY(store.setState(**id, MessageState::Read));
        QCOMPARE(store.latest(m_alice)->front().state, MessageState::Read);
    }

    void latestIsNewestFirstAndPages()
    {
        MessageStore store(*m_db);
        std::vector<Message> batch;
        for (int i = 0; i < 120; ++i) {
            batch.push_back(message(i % 2 == 0 ? m_alice : m_bob, i, "m" + std::to_string(i), 1000 + i));
        }
        QCOMPARE(*store.addBatch(batch), std::size_t { 120 });
        auto first = store.latest(m_alice, 50);
        QVERIFY(first);
        QCOMPARE(first->size(), std::size_t { 50 });
        QCOMPARE(first->front().body, std::string("m118"));
        QCOMPARE(first->back().body, std::string("m20"));
        auto second = store.latest(m_alice, 50, std::pair { first->back().sentAt, first->back().id });
        QVERIFY(second);
        QCOMPARE(second->size(), std::size_t { 10 });
        QCOMPARE(second->front().body, std::string("m18"));
        QCOMPARE(second->back().body, std::string("m0"));
    }

    void batchIsAllOrNothing()
    {
        MessageStore store(*m_db);
        std::vector<Message> batch { message(m_alice, 1, "one", 1),
            message(ConversationId { 9999 }, 2, "bad", 2) };
        auto added = store.addBatch(batch);
        QVERIFY(!added);
        QCOMPARE(added.error().code, ErrorCode::Constraint);
        QCOMPARE(store.latest(m_alice)->size(), std::size_t { 0 });
    }

    void searchFindsWordsPrefixesAndPhrasesNewestFirst()
    {
        MessageStore store(*m_db);
        std::vector<Message> batch { message(m_alice, 1, "The quarterly report is ready", 1),
            message(m_bob, 2, "lunch at noon?", 2),
            message(m_alice, 3, "Report: quarterly numbers attached", 3),
            message(m_bob, 4, "Grüße aus München", 4), message(m_alice, 5, "ready when you are", 5) };
        QVERIFY(store.addBatch(batch));
        auto word = store.search("quarterly");
        QVERIFY(word);
        QCOMPARE(word->size(), std::size_t { 2 });
        QCOMPARE(word->front().body, std::string("Report: quarterly numbers attached"));
        QCOMPARE(store.search("quar*")->size(), std::size_t { 2 });
        QCOMPARE(store.search("REPORT ready")->size(), std::size_t { 1 });
        QCOMPARE(store.search("\"quarterly report\"")->size(), std::size_t { 1 });
        QCOMPARE(store.search("münchen")->size(), std::size_t { 1 });
        QCOMPARE(store.search("quarterly", 1)->size(), std::size_t { 1 });
        QCOMPARE(store.search("nothing-here-xyz")->size(), std::size_t { 0 });
    }

    void hostileQueriesNeverReachFtsSyntax_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("or") << QByteArray("ready OR lunch");
        QTest::newRow("near") << QByteArray("ready NEAR/2 lunch");
        QTest::newRow("column") << QByteArray("body:ready");
        QTest::newRow("unbalanced") << QByteArray("\"ready (lunch");
        QTest::newRow("sql") << QByteArray("'); DELETE FROM messages; --");
        QTest::newRow("stars") << QByteArray("** r* *");
        QTest::newRow("docid") << QByteArray("docid:1 rowid");
    }

    void hostileQueriesNeverReachFtsSyntax()
    {
        QFETCH(QByteArray, query);
        MessageStore store(*m_db);
        QVERIFY(
            store.addBatch(std::vector { message(m_alice, 1, "ready", 1), message(m_bob, 2, "lunch", 2) }));
        auto found
            = store.search(std::string_view(query.constData(), static_cast<std::size_t>(query.size())));
        QVERIFY2(found, found ? "" : describe(found.error()).c_str());
        // Every term is required, so "ready OR lunch" means ready AND or AND lunch: nothing.
        QCOMPARE(found->size(), std::size_t { 0 });
        QCOMPARE(store.latest(m_alice)->size(), std::size_t { 1 });
    }

    void emptyQueryIsAnError()
    {
        MessageStore store(*m_db);
        QCOMPARE(store.search(" -- ").error().code, ErrorCode::InvalidQuery);
    }

    void retentionDeletesMessagesAndTheirIndexEntries()
    {
        MessageStore store(*m_db);
        QVERIFY(store.addBatch(std::vector {
            message(m_alice, 1, "ancient secret", 100), message(m_alice, 2, "recent secret", 5000) }));
        QCOMPARE(*store.deleteReceivedBefore(1000), std::size_t { 1 });
        QCOMPARE(store.search("ancient")->size(), std::size_t { 0 });
        QCOMPARE(store.search("secret")->size(), std::size_t { 1 });
        QCOMPARE(
            *m_db->queryInt64("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'ancient'"), 0);
        QCOMPARE(*m_db->queryText("PRAGMA integrity_check"), std::string("ok"));
        QVERIFY(m_db->exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"));
        QCOMPARE(*store.deleteReceivedBefore(1000), std::size_t { 0 });
    }

    // Inserts only queue messages for the index; search indexes the queue first, so a
    // committed message is always found, and indexPending() empties the queue in slices.
    void searchNeverMissesACommittedMessage()
    {
        MessageStore store(*m_db);
        QVERIFY(store.add(message(m_alice, 1, "first pineapple", 1)));
        QCOMPARE(*store.pendingIndexCount(), std::size_t { 1 });
        QCOMPARE(store.search("pineapple")->size(), std::size_t { 1 });
        QCOMPARE(*store.pendingIndexCount(), std::size_t { 0 });
        std::vector<Message> batch;
        for (int i = 2; i < 12; ++i) {
            batch.push_back(message(m_bob, i, "pineapple number " + std::to_string(i), i));
        }
        QVERIFY(store.addBatch(batch));
        QCOMPARE(*store.pendingIndexCount(), std::size_t { 10 });
        QCOMPARE(*store.indexPending(4), std::size_t { 4 });
        QCOMPARE(*store.pendingIndexCount(), std::size_t { 6 });
        auto found = store.search("pineapple");
        QVERIFY(found);
        QCOMPARE(found->size(), std::size_t { 11 });
        QCOMPARE(found->front().body, std::string("pineapple number 11"));
        QCOMPARE(*store.indexPending(), std::size_t { 0 });
        QVERIFY(m_db->exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"));
    }

    // Deleting or editing a message works whether or not it was indexed yet, and leaves a
    // consistent index (FTS4 'integrity-check' compares it with the messages table).
    void deleteAndEditBeforeAndAfterIndexing()
    {
        MessageStore store(*m_db);
        QVERIFY(store.addBatch(
            std::vector { message(m_alice, 1, "indexed apple", 1), message(m_alice, 2, "indexed pear", 2) }));
        QVERIFY(store.indexPending());
        QVERIFY(store.addBatch(
            std::vector { message(m_alice, 3, "queued apple", 3), message(m_alice, 4, "queued pear", 4) }));
        QVERIFY(m_db->exec("DELETE FROM messages WHERE body IN ('indexed pear', 'queued pear')"));
        QVERIFY(m_db->exec("UPDATE messages SET body = 'indexed plum' WHERE body = 'indexed apple';"
                           "UPDATE messages SET body = 'queued plum' WHERE body = 'queued apple'"));
        QCOMPARE(*store.pendingIndexCount(), std::size_t { 2 });
        QCOMPARE(store.search("pear")->size(), std::size_t { 0 });
        QCOMPARE(store.search("apple")->size(), std::size_t { 0 });
        QCOMPARE(store.search("plum")->size(), std::size_t { 2 });
        QVERIFY(m_db->exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"));
        QCOMPARE(*store.deleteReceivedBefore(100), std::size_t { 2 });
        QCOMPARE(*store.pendingIndexCount(), std::size_t { 0 });
        QVERIFY(m_db->exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"));
    }

    void addAndSearchJoinTheCallersTransaction()
    {
        MessageStore store(*m_db);
        {
            auto tx = Transaction::begin(*m_db);
            QVERIFY(tx);
            QVERIFY(store.add(message(m_alice, 1, "rolled back", 1)));
            QCOMPARE(store.search("rolled")->size(), std::size_t { 1 }); // indexes inside it
        }
        QCOMPARE(*store.pendingIndexCount(), std::size_t { 0 });
        QCOMPARE(store.latest(m_alice)->size(), std::size_t { 0 });
    }

    void removingAContactRemovesItsMessages()
    {
        MessageStore store(*m_db);
        QVERIFY(store.add(message(m_bob, 1, "bye bob", 1)));
        ContactStore contacts(*m_db);
        auto bob = contacts.find("bob");
        QVERIFY(bob && bob->has_value());
        QVERIFY(contacts.remove((*bob)->id));
        QCOMPARE(store.latest(m_bob)->size(), std::size_t { 0 });
        QCOMPARE(store.search("bob")->size(), std::size_t { 0 });
    }

private:
    std::optional<QTemporaryDir> m_dir;
    std::optional<Database> m_db;
    ConversationId m_alice;
    ConversationId m_bob;
};

QTEST_GUILESS_MAIN(TestMessageStore)
#include "TestMessageStore.moc"
