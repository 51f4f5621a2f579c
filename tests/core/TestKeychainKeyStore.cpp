// KeychainKeyStore against a real Secret Service: ctest runs this under
// tests/core/run_with_keyring.sh (gnome-keyring-daemon in a private D-Bus session).
#include "core/keychain/KeychainKeyStore.h"
#include "crypto/Init.h"
#include "crypto/Random.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "storage/Profile.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <optional>

using namespace palisade;
using palisade::core::KeychainKeyStore;
using palisade::storage::ErrorCode;

namespace {

constexpr const char* noKeychainFlag = "PALISADE_TEST_NO_KEYCHAIN";

QString uniqueProfileId()
{
    const auto random = crypto::randomSecret(8);
    return QStringLiteral("test-")
        + QString::fromLatin1(
            QByteArray(reinterpret_cast<const char*>(random.data()), static_cast<qsizetype>(random.size()))
                .toHex());
}

bool writeMessage(storage::Database& db, const std::string& body)
{
    if (!db.exec("INSERT OR IGNORE INTO contacts (id, user_id, state, updated_at) VALUES (1, 'alice', 2, 1);"
                 "INSERT OR IGNORE INTO conversations (id, contact_id) VALUES (1, 1);")) {
        return false;
    }
    storage::Message m;
    m.conversation = storage::ConversationId { 1 };
    m.dedupeId = { 1, 2, 3 };
    m.body = body;
    return storage::MessageStore(db).add(m).has_value();
}

} // namespace

class TestKeychainKeyStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    // The whole life of a profile key: created by Profile::open, read back by a new store,
    // opens the real SQLCipher database, never replaced by a different key, deleted.
    void storeReadOpenAndDelete()
    {
        if (qEnvironmentVariableIsSet(noKeychainFlag)) {
            return; // the child of withoutKeychainErrorsAreTyped runs only that function
        }
        QTemporaryDir root;
        const std::filesystem::path dir = root.filePath(QStringLiteral("profile")).toStdString();
        const QString id = uniqueProfileId();
        crypto::SecureBuffer firstKey;
        {
            KeychainKeyStore keys(id);
            QVERIFY(!keys.hasKey());
            QCOMPARE(keys.loadKey().error().code, ErrorCode::NotFound);
            auto profile = storage::Profile::open(dir, keys);
            QVERIFY2(profile, profile ? "" : storage::describe(profile.error()).c_str());
            QVERIFY(writeMessage(profile->database(), "keychain walrus"));
            auto stored = keys.loadKey();
            QVERIFY(stored);
            QCOMPARE(stored->size(), storage::databaseKeySize);
            firstKey = std::move(*stored);
        }
        // No key file beside the database: the key lives only in the keychain.
        QVERIFY(!std::filesystem::exists(dir / storage::Profile::keyFileName));

        KeychainKeyStore again(id);
        QVERIFY(again.hasKey());
        auto loaded = again.loadKey();
        QVERIFY(loaded);
        QVERIFY(loaded->equals(firstKey.bytes()));
        {
            auto profile = storage::Profile::open(dir, again);
            QVERIFY2(profile, profile ? "" : storage::describe(profile.error()).c_str());
            QCOMPARE(storage::MessageStore(profile->database()).search("walrus")->size(), std::size_t { 1 });
        }
        // The raw key from the keychain opens the database directly, a different key does not.
        QVERIFY(storage::Database::open(dir / storage::Profile::databaseFileName, *loaded));
        const auto other = crypto::randomSecret(storage::databaseKeySize);
        QCOMPARE(storage::Database::open(dir / storage::Profile::databaseFileName, other).error().code,
            ErrorCode::WrongKey);

        // A different key never replaces the one that opens the database; the same key is fine.
        QCOMPARE(again.storeKey(other).error().code, ErrorCode::AlreadyExists);
        QVERIFY(again.storeKey(firstKey));
        QVERIFY(again.loadKey()->equals(firstKey.bytes()));

        QVERIFY(again.removeKey());
        KeychainKeyStore gone(id);
        QVERIFY(!gone.hasKey());
        QCOMPARE(gone.loadKey().error().code, ErrorCode::NotFound);
        QCOMPARE(gone.removeKey().error().code, ErrorCode::NotFound);
        // The database is still there and is not recreated under a new key.
        const QString dbPath = QString::fromStdString((dir / storage::Profile::databaseFileName).string());
        QFile before(dbPath);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();
        auto reopened = storage::Profile::open(dir, gone);
        QVERIFY(!reopened);
        QCOMPARE(reopened.error().code, ErrorCode::NotFound);
        QVERIFY(!gone.hasKey());
        QFile after(dbPath);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
    }

    void profilesHaveSeparateEntries()
    {
        if (qEnvironmentVariableIsSet(noKeychainFlag)) {
            return;
        }
        KeychainKeyStore a(uniqueProfileId());
        KeychainKeyStore b(uniqueProfileId());
        const auto keyA = crypto::randomSecret(storage::databaseKeySize);
        const auto keyB = crypto::randomSecret(storage::databaseKeySize);
        QVERIFY(a.storeKey(keyA));
        QVERIFY(b.storeKey(keyB));
        QVERIFY(a.loadKey()->equals(keyA.bytes()));
        QVERIFY(b.loadKey()->equals(keyB.bytes()));
        QVERIFY(a.removeKey());
        QVERIFY(b.hasKey());
        QVERIFY(b.removeKey());
    }

    // With no Secret Service on the bus every call is a typed error, and Profile::open
    // creates nothing. Run in a child process whose session bus address leads nowhere.
    void withoutKeychainErrorsAreTyped()
    {
        if (!qEnvironmentVariableIsSet(noKeychainFlag)) {
            QProcess child;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QString::fromLatin1(noKeychainFlag), QStringLiteral("1"));
            env.insert(
                QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::ForwardedChannels);
            child.start(
                QCoreApplication::applicationFilePath(), { QStringLiteral("withoutKeychainErrorsAreTyped") });
            QVERIFY(child.waitForFinished(60000));
            QCOMPARE(child.exitStatus(), QProcess::NormalExit);
            QCOMPARE(child.exitCode(), 0);
            return;
        }
        KeychainKeyStore keys(uniqueProfileId());
        QVERIFY(!keys.hasKey());
        QCOMPARE(keys.loadKey().error().code, ErrorCode::KeychainUnavailable);
        QCOMPARE(keys.storeKey(crypto::randomSecret(storage::databaseKeySize)).error().code,
            ErrorCode::KeychainUnavailable);
        QCOMPARE(keys.removeKey().error().code, ErrorCode::KeychainUnavailable);
        QTemporaryDir root;
        const std::filesystem::path dir = root.filePath(QStringLiteral("profile")).toStdString();
        auto profile = storage::Profile::open(dir, keys);
        QVERIFY(!profile);
        QCOMPARE(profile.error().code, ErrorCode::KeychainUnavailable);
        QVERIFY(!std::filesystem::exists(dir / storage::Profile::databaseFileName));
    }
};

QTEST_GUILESS_MAIN(TestKeychainKeyStore)
#include "TestKeychainKeyStore.moc"
