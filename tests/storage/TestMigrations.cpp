#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/ContactStore.h"
#include "storage/MessageStore.h"
#include "storage/Migrations.h"
#include "storage/Schema.h"

#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <optional>

using namespace palisade;
using namespace palisade::storage;

class TestMigrations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    void init()
    {
        m_dir.emplace();
        auto db = Database::open(m_dir->filePath(QStringLiteral("p.db")).toStdString(),
            crypto::randomSecret(databaseKeySize), { .create = true });
        QVERIFY(db);
        m_db.emplace(std::move(*db));
    }

    void freshDatabaseReachesTheLatestVersion()
    {
        QCOMPARE(*schemaVersion(*m_db), 0);
        QCOMPARE(*migrate(*m_db, clientMigrations()), clientSchemaVersion());
        QCOMPARE(*schemaVersion(*m_db), clientSchemaVersion());
        QCOMPARE(*migrate(*m_db, clientMigrations()), clientSchemaVersion()); // idempotent
        QCOMPARE(*m_db->queryText("PRAGMA integrity_check"), std::string("ok"));
    }

    // Each earlier version, filled with data, upgrades to the latest with the data intact.
    void fromEveryEarlierVersionWithData_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 1; v < clientSchemaVersion(); ++v) {
            QTest::addRow("from-v%d", v) << v;
        }
    }

    void fromEveryEarlierVersionWithData()
    {
        QFETCH(int, from);
        const auto all = clientMigrations();
        QCOMPARE(*migrate(*m_db, all.first(static_cast<std::size_t>(from))), from);
        // Version-1 tables exist from every version on; write through SQL of that version.
        QVERIFY(
            m_db->exec("INSERT INTO contacts (id, user_id, state, updated_at) VALUES (1, 'alice', 2, 1);"
                       "INSERT INTO conversations (id, contact_id) VALUES (1, 1);"
                       "INSERT INTO messages (conversation_id, dedupe_id, direction, state, body, sent_at, "
                       "received_at) VALUES (1, x'01', 0, 1, 'migrated marmalade', 10, 10);"));
        QCOMPARE(*migrate(*m_db, all), clientSchemaVersion());
        MessageStore messages(*m_db);
        auto found = messages.search("marmalade");
        QVERIFY(found);
        QCOMPARE(found->size(), std::size_t { 1 });
        QCOMPARE(found->front().body, std::string("migrated marmalade"));
        auto alice = ContactStore(*m_db).find("alice");
        QVERIFY(alice && alice->has_value());
        QCOMPARE(*m_db->queryText("PRAGMA integrity_check"), std::string("ok"));
    }

    // Version 3 switches the index to a queue: messages indexed under version 2 stay
    // searchable and removable, and messages added afterwards are queued, then found.
    void fromVersion2TheIndexStaysConsistent()
    {
        const auto all = clientMigrations();
        QCOMPARE(*migrate(*m_db, all.first(2)), 2);
        QVERIFY(m_db->exec("INSERT INTO contacts (id, user_id, state, updated_at) VALUES (1, 'alice', 2, 1);"
                           "INSERT INTO conversations (id, contact_id) VALUES (1, 1);"));
        for (int i = 0; i < 50; ++i) {
            QVERIFY(m_db->run("INSERT INTO messages (conversation_id, dedupe_id, direction, state, body, "
                              "sent_at, received_at) VALUES (1, ?, 0, 1, ?, ?, ?)",
                std::vector<std::uint8_t> { static_cast<std::uint8_t>(i) },
                std::string("old quince ") + std::to_string(i), i, i));
        }
        QCOMPARE(*migrate(*m_db, all), clientSchemaVersion());
        QCOMPARE(*m_db->queryInt64("SELECT count(*) FROM messages_fts_pending"), 0);
        MessageStore messages(*m_db);
        QCOMPARE(messages.search("quince", 100)->size(), std::size_t { 50 });
        Message fresh;
        fresh.conversation = ConversationId { 1 };
        fresh.dedupeId = { 0xff, 0xfe };
        fresh.body = "new quince";
        fresh.sentAt = fresh.receivedAt = 100;
        QVERIFY(messages.add(fresh));
        QCOMPARE(*messages.pendingIndexCount(), std::size_t { 1 });
        QCOMPARE(messages.search("quince", 100)->size(), std::size_t { 51 });
        QCOMPARE(*messages.deleteReceivedBefore(10), std::size_t { 10 });
        QCOMPARE(messages.search("quince", 100)->size(), std::size_t { 41 });
        QVERIFY(m_db->exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"));
        QCOMPARE(*m_db->queryText("PRAGMA integrity_check"), std::string("ok"));
    }

    void newerSchemaIsRefusedAndUntouched()
    {
        QVERIFY(m_db->exec("PRAGMA user_version = 99"));
        auto result = migrate(*m_db, clientMigrations());
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::SchemaTooNew);
        QVERIFY(!describe(result.error()).empty());
        QCOMPARE(*schemaVersion(*m_db), 99);
        QCOMPARE(*m_db->queryInt64("SELECT count(*) FROM sqlite_master"), 0);
    }

    void failedStepRollsBackToThePreviousVersion()
    {
        const std::array<Migration, 2> steps { { { 1, "CREATE TABLE a (x INTEGER);" },
            { 2, "CREATE TABLE b (x INTEGER); CREATE TABLE a (x INTEGER);" } } };
        auto result = migrate(*m_db, steps);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Migration);
        QCOMPARE(*schemaVersion(*m_db), 1);
        QCOMPARE(*m_db->queryInt64("SELECT count(*) FROM sqlite_master WHERE name = 'b'"), 0);
        QCOMPARE(*m_db->queryInt64("SELECT count(*) FROM sqlite_master WHERE name = 'a'"), 1);
    }

    void migrationsMustBeNumberedInOrder()
    {
        const std::array<Migration, 2> steps { { { 1, "CREATE TABLE a (x);" },
            { 3, "CREATE TABLE b (x);" } } };
        QVERIFY(!migrate(*m_db, steps));
        QCOMPARE(*schemaVersion(*m_db), 0);
    }

private:
    std::optional<QTemporaryDir> m_dir;
    std::optional<Database> m_db;
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
