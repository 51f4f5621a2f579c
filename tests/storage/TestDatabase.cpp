#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/Database.h"
#include "storage/Transaction.h"

#include <QTemporaryDir>
#include <QtTest>

#include "StorageTestSupport.h"
#include <optional>

using namespace palisade;
using namespace palisade::storage;
using storage::test::filesContaining;
using storage::test::readAll;

class TestDatabase : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    void init()
    {
        m_dir.emplace();
        QVERIFY(m_dir->isValid());
        m_key = crypto::randomSecret(databaseKeySize);
    }

    void createsEncryptedFileWithExpectedSettings()
    {
        auto db = create();
        QCOMPARE(*db.queryText("PRAGMA journal_mode"), std::string("wal"));
        QCOMPARE(*db.queryInt64("PRAGMA foreign_keys"), 1);
        QCOMPARE(*db.queryInt64("PRAGMA secure_delete"), 1);
        QCOMPARE(*db.queryInt64("PRAGMA cipher_page_size"), 4096);
        QVERIFY(!db.queryText("PRAGMA cipher_version")->empty());
        QVERIFY(db.exec("CREATE TABLE t(x TEXT)"));
        db.close();
        const QByteArray head = readAll(dbPath()).left(16);
        QCOMPARE(head.size(), 16);
        QVERIFY(head != QByteArray("SQLite format 3\0", 16));
    }

    void noPlaintextInAnyFile()
    {
        auto db = create();
        QVERIFY(db.exec("CREATE TABLE t(body TEXT)"));
        auto insert = db.prepare("INSERT INTO t(body) VALUES (?)");
        QVERIFY(insert);
        QVERIFY(insert->bindAll(std::string_view("the quixotic zebracorn sings")));
        QVERIFY(insert->run());
        // Look while the WAL holds the row (before any checkpoint) and after closing.
        QVERIFY(QFile::exists(dbPath() + QStringLiteral("-wal")));
        QCOMPARE(filesContaining(m_dir->path(), "zebracorn"), QStringList {});
        db.close();
        QCOMPARE(filesContaining(m_dir->path(), "zebracorn"), QStringList {});
    }

    void sqlcipherCliNeedsTheRawKey()
    {
        {
            auto db = create();
            QVERIFY(db.exec("CREATE TABLE t(body TEXT); INSERT INTO t VALUES ('hello from palisade');"));
        }
        const auto without = test::runSqlcipherCli(dbPath(), "SELECT body FROM t;\n");
        QVERIFY2(without.exitCode != 0 || !without.err.isEmpty(), without.err.constData());
        QVERIFY(!without.out.contains("hello"));
        const QByteArray script = "PRAGMA key = \"x'" + test::hexOf(m_key)
            + "'\";\nPRAGMA cipher_page_size = 4096;\nSELECT body FROM t;\n";
        const auto with = test::runSqlcipherCli(dbPath(), script);
        QVERIFY2(with.out.contains("hello from palisade"), with.err.constData());
    }

    void reopenWithSameKey()
    {
        {
            auto db = create();
            QVERIFY(db.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (42);"));
        }
        auto db = Database::open(dbPath().toStdString(), m_key);
        QVERIFY2(db, db ? "" : describe(db.error()).c_str());
        QCOMPARE(*db->queryInt64("SELECT x FROM t"), 42);
    }

    void wrongKeyIsReportedAndChangesNothing()
    {
        {
            auto db = create();
            QVERIFY(db.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);"));
        }
        const QByteArray before = readAll(dbPath());
        const auto other = crypto::randomSecret(databaseKeySize);
        auto db = Database::open(dbPath().toStdString(), other);
        QVERIFY(!db);
        QCOMPARE(db.error().code, ErrorCode::WrongKey);
        QCOMPARE(readAll(dbPath()), before);
    }

    void missingFileIsNotCreated()
    {
        auto db = Database::open(dbPath().toStdString(), m_key);
        QVERIFY(!db);
        QCOMPARE(db.error().code, ErrorCode::NotFound);
        QVERIFY(!QFile::exists(dbPath()));
    }

    void damagedFilesAreRefusedAndLeftAlone_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("empty") << QStringLiteral("empty");
        QTest::newRow("truncated-to-100-bytes") << QStringLiteral("truncate");
        QTest::newRow("first-page-garbage") << QStringLiteral("garbage");
        QTest::newRow("plaintext-sqlite") << QStringLiteral("plaintext");
    }

    void damagedFilesAreRefusedAndLeftAlone()
    {
        QFETCH(QString, damage);
        {
            auto db = create();
            QVERIFY(db.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);"));
        }
        QFile::remove(dbPath() + QStringLiteral("-wal"));
        QFile::remove(dbPath() + QStringLiteral("-shm"));
        QByteArray bytes = readAll(dbPath());
        if (damage == QStringLiteral("empty")) {
            bytes.clear();
        } else if (damage == QStringLiteral("truncate")) {
            bytes.truncate(100);
        } else if (damage == QStringLiteral("garbage")) {
            for (int i = 16; i < 200; ++i) {
                bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
            }
        } else {
            bytes = QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\0');
        }
        writeFile(dbPath(), bytes);
        auto db = Database::open(dbPath().toStdString(), m_key);
        QVERIFY(!db);
        QVERIFY2(db.error().code == ErrorCode::Corrupt || db.error().code == ErrorCode::WrongKey,
            describe(db.error()).c_str());
        QVERIFY(!describe(db.error()).empty());
        QCOMPARE(readAll(dbPath()), bytes);
    }

    void damageBeyondTheFirstPageIsReportedAsCorrupt()
    {
        {
            auto db = create();
            QVERIFY(db.exec("CREATE TABLE t(x BLOB)"));
            for (int i = 0; i < 50; ++i) {
                QVERIFY(db.exec("INSERT INTO t VALUES (randomblob(3000))"));
            }
            QVERIFY(db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        QByteArray bytes = readAll(dbPath());
        QVERIFY(bytes.size() > 10 * 4096);
        bytes[5 * 4096 + 100] = static_cast<char>(bytes[5 * 4096 + 100] ^ 1);
        writeFile(dbPath(), bytes);
        auto db = Database::open(dbPath().toStdString(), m_key);
        QVERIFY(db);
        auto count = db->queryInt64("SELECT count(length(x)) FROM t");
        QVERIFY(!count);
        QCOMPARE(count.error().code, ErrorCode::Corrupt);
    }

    void statementBindsAndReadsEveryType()
    {
        auto db = create();
        QVERIFY(db.exec("CREATE TABLE t(i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)"));
        auto insert = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
        QVERIFY(insert);
        const std::vector<std::uint8_t> blob { 0, 1, 2, 255 };
        const std::optional<std::string> none;
        QVERIFY(insert->bindAll(std::int64_t { -7 }, 2.5, std::string("ünïcode"), blob, none));
        QVERIFY(insert->run());
        auto select = db.prepare("SELECT i, d, s, b, n FROM t");
        QVERIFY(select);
        QVERIFY(*select->step());
        QCOMPARE(select->columnInt64(0), -7);
        QCOMPARE(select->columnDouble(1), 2.5);
        QCOMPARE(select->columnText(2), std::string("ünïcode"));
        QCOMPARE(select->columnBlob(3), blob);
        QVERIFY(select->columnSecret(3).equals(blob));
        QVERIFY(select->columnIsNull(4));
        QVERIFY(!*select->step());
    }

    void sqlErrorsAreValues()
    {
        auto db = create();
        auto bad = db.prepare("SELEKT 1");
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Sql);
        QVERIFY(db.exec("CREATE TABLE t(x INTEGER UNIQUE)"));
        QVERIFY(db.exec("INSERT INTO t VALUES (1)"));
        auto dup = db.exec("INSERT INTO t VALUES (1)");
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, ErrorCode::Constraint);
    }

    void cachedStatementsAreReused()
    {
        auto db = create();
        QVERIFY(db.exec("CREATE TABLE t(x INTEGER)"));
        for (int i = 0; i < 3; ++i) {
            auto insert = db.cached("INSERT INTO t VALUES (?)");
            QVERIFY(insert);
            QVERIFY((*insert)->bindAll(i));
            QVERIFY((*insert)->run());
        }
        QCOMPARE(*db.queryInt64("SELECT sum(x) FROM t"), 3);
    }

    void transactionRollsBackUnlessCommitted()
    {
        auto db = create();
        QVERIFY(db.exec("CREATE TABLE t(x INTEGER)"));
        {
            auto tx = Transaction::begin(db);
            QVERIFY(tx);
            QVERIFY(db.exec("INSERT INTO t VALUES (1)"));
            QVERIFY(db.inTransaction());
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(*db.queryInt64("SELECT count(*) FROM t"), 0);
        {
            auto tx = Transaction::begin(db);
            QVERIFY(tx);
            QVERIFY(db.exec("INSERT INTO t VALUES (2)"));
            QVERIFY(tx->commit());
        }
        QCOMPARE(*db.queryInt64("SELECT count(*) FROM t"), 1);
    }

    // A tmpfs is not available to tests; max_page_count makes SQLite hit SQLITE_FULL the same way.
    void fullDiskIsAClearErrorAndKeepsCommittedData()
    {
        auto db = create();
        QVERIFY(db.exec("CREATE TABLE t(x BLOB)"));
        {
            auto tx = Transaction::begin(db);
            QVERIFY(tx);
            QVERIFY(db.exec("INSERT INTO t VALUES (randomblob(10000))"));
            QVERIFY(tx->commit());
        }
        const auto pages = *db.queryInt64("PRAGMA page_count");
        QVERIFY(db.exec("PRAGMA max_page_count = " + std::to_string(pages + 2)));
        {
            auto tx = Transaction::begin(db);
            QVERIFY(tx);
            auto full = db.exec("INSERT INTO t VALUES (randomblob(100000))");
            QVERIFY(!full);
            QCOMPARE(full.error().code, ErrorCode::DiskFull);
            QVERIFY(!describe(full.error()).empty());
        }
        QCOMPARE(*db.queryInt64("SELECT count(*) FROM t"), 1);
        QCOMPARE(*db.queryText("PRAGMA integrity_check"), std::string("ok"));
        QVERIFY(db.exec("PRAGMA max_page_count = 1000000"));
        QVERIFY(db.exec("INSERT INTO t VALUES (randomblob(100000))"));
        QCOMPARE(*db.queryInt64("SELECT count(*) FROM t"), 2);
    }

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("profile.db")); }

    Database create()
    {
        auto db = Database::open(dbPath().toStdString(), m_key, { .create = true });
        if (!db) {
            qFatal("open failed: %s", describe(db.error()).c_str());
        }
        return std::move(*db);
    }

    static void writeFile(const QString& path, const QByteArray& bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    std::optional<QTemporaryDir> m_dir;
    crypto::SecureBuffer m_key;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
