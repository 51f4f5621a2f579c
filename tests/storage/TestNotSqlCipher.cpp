// Linked against Debian's plain libsqlite3 instead of SQLCipher (tests/storage/CMakeLists.txt):
// the check Database::open runs first must refuse it with the typed NotSqlCipher error.
#include "storage/CipherCheck.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QtTest>

#include <string>

using namespace palisade::storage;

class TestNotSqlCipher : public QObject {
    Q_OBJECT
private slots:
    void plainSqliteIsRefused()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("plain.db")).toStdString();
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
            SQLITE_OK);
        // Really the plain library: a connection works, and it does not know the pragma.
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr),
            SQLITE_OK);
        auto refused = detail::requireSqlCipher(db);
        sqlite3_close_v2(db);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::NotSqlCipher);
        QVERIFY(refused.error().detail.find(sqlite3_libversion()) != std::string::npos);
        QVERIFY(describe(refused.error()).starts_with(std::string(describe(ErrorCode::NotSqlCipher))));
    }
};

QTEST_GUILESS_MAIN(TestNotSqlCipher)
#include "TestNotSqlCipher.moc"
