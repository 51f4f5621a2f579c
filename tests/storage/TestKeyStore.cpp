#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/Database.h"
#include "storage/KeyFile.h"
#include "storage/PassphraseKeyStore.h"

#include <QTemporaryDir>
#include <QtTest>

#include "StorageTestSupport.h"
#include <optional>
#include <string_view>
#include <sys/stat.h>

using namespace palisade;
using namespace palisade::storage;
using storage::test::pass;

namespace {
// Tests use libsodium's minimum cost; the benchmark measures the real default.
PassphrasePolicy cheapPolicy()
{
    return { 12, { 1, 8192 } };
}
} // namespace

class TestKeyStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }
    void init() { m_dir.emplace(); }

    void storeThenLoadRoundTrips()
    {
        PassphraseKeyStore store(keyPath(), pass("correct horse battery"), cheapPolicy());
        QVERIFY(!store.hasKey());
        const auto key = crypto::randomSecret(databaseKeySize);
        QVERIFY(store.storeKey(key));
        QVERIFY(store.hasKey());
        auto loaded = store.loadKey();
        QVERIFY(loaded);
        QVERIFY(loaded->equals(key.bytes()));
    }

    void fileIsOwnerOnlyAndHoldsNoKeyBytes()
    {
        PassphraseKeyStore store(keyPath(), pass("correct horse battery"), cheapPolicy());
        const auto key = crypto::randomSecret(databaseKeySize);
        QVERIFY(store.storeKey(key));
        struct stat st { };
        QCOMPARE(::stat(keyPath().c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        const QByteArray bytes = test::readAll(QString::fromStdString(keyPath()));
        QCOMPARE(bytes.size(), static_cast<qsizetype>(keyFileSize));
        QVERIFY(!bytes.contains(QByteArray(reinterpret_cast<const char*>(key.data()), 8)));
        QVERIFY(!bytes.contains("correct horse"));
        auto parsed = parseKeyFile({ reinterpret_cast<const std::uint8_t*>(bytes.data()), keyFileSize });
        QVERIFY(parsed);
        QCOMPARE(parsed->params, cheapPolicy().params);
    }

    void wrongPassphraseIsTypedAndModifiesNothing()
    {
        storeKey("correct horse battery");
        const QByteArray before = test::readAll(QString::fromStdString(keyPath()));
        PassphraseKeyStore wrong(keyPath(), pass("correct horse batterz"), cheapPolicy());
        auto loaded = wrong.loadKey();
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::WrongPassphrase);
        QCOMPARE(test::readAll(QString::fromStdString(keyPath())), before);
    }

    void changePassphraseRewrapsTheSameKey()
    {
        const auto key = storeKey("correct horse battery");
        PassphraseKeyStore store(keyPath(), pass("correct horse battery"), cheapPolicy());
        QVERIFY(store.changePassphrase(pass("a brand new passphrase")));
        PassphraseKeyStore oldOne(keyPath(), pass("correct horse battery"), cheapPolicy());
        QCOMPARE(oldOne.loadKey().error().code, ErrorCode::WrongPassphrase);
        PassphraseKeyStore newOne(keyPath(), pass("a brand new passphrase"), cheapPolicy());
        auto loaded = newOne.loadKey();
        QVERIFY(loaded);
        QVERIFY(loaded->equals(key.bytes()));
    }

    void changePassphraseNeedsTheCurrentOne()
    {
        storeKey("correct horse battery");
        const QByteArray before = test::readAll(QString::fromStdString(keyPath()));
        PassphraseKeyStore wrong(keyPath(), pass("not the passphrase"), cheapPolicy());
        QCOMPARE(
            wrong.changePassphrase(pass("attacker chosen pass")).error().code, ErrorCode::WrongPassphrase);
        QCOMPARE(test::readAll(QString::fromStdString(keyPath())), before);
    }

    void shortPassphraseIsRefusedByPolicy()
    {
        PassphraseKeyStore store(keyPath(), pass("ßhört"), cheapPolicy()); // 5 code points, 7 bytes
        auto stored = store.storeKey(crypto::randomSecret(databaseKeySize));
        QVERIFY(!stored);
        QCOMPARE(stored.error().code, ErrorCode::PassphraseTooShort);
        QVERIFY(!store.hasKey());
        QCOMPARE(codePointCount(pass("ßhört").bytes()), std::size_t { 5 });
        storeKey("correct horse battery");
        PassphraseKeyStore current(keyPath(), pass("correct horse battery"), cheapPolicy());
        QCOMPARE(current.changePassphrase(pass("short")).error().code, ErrorCode::PassphraseTooShort);
        QVERIFY(current.loadKey());
    }

    void damagedKeyFilesAreClearErrors_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<int>("expected");
        QTest::newRow("truncated") << 0 << int(ErrorCode::KeyFileCorrupt);
        QTest::newRow("bad-magic") << 1 << int(ErrorCode::KeyFileCorrupt);
        QTest::newRow("future-version") << 2 << int(ErrorCode::KeyFileVersion);
        QTest::newRow("huge-memlimit") << 3 << int(ErrorCode::KeyFileCorrupt);
        QTest::newRow("flipped-wrapped-key") << 4 << int(ErrorCode::WrongPassphrase);
        QTest::newRow("flipped-salt") << 5 << int(ErrorCode::WrongPassphrase);
        QTest::newRow("empty") << 6 << int(ErrorCode::KeyFileCorrupt);
        QTest::newRow("appended") << 7 << int(ErrorCode::KeyFileCorrupt);
    }

    void damagedKeyFilesAreClearErrors()
    {
        QFETCH(int, damage);
        QFETCH(int, expected);
        storeKey("correct horse battery");
        QByteArray bytes = test::readAll(QString::fromStdString(keyPath()));
        switch (damage) {
        case 0:
            bytes.chop(1);
            break;
        case 1:
            bytes[0] = 'X';
            break;
        case 2:
            bytes[8] = 2;
            break;
        case 3:
            bytes[27] = 0x7f;
            break;
        case 4:
            bytes[100] = static_cast<char>(bytes[100] ^ 1);
            break;
        case 5:
            bytes[30] = static_cast<char>(bytes[30] ^ 1);
            break;
        case 6:
            bytes.clear();
            break;
        default:
            bytes.append('!');
            break;
        }
        QFile file(QString::fromStdString(keyPath()));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        file.close();
        PassphraseKeyStore store(keyPath(), pass("correct horse battery"), cheapPolicy());
        auto loaded = store.loadKey();
        QVERIFY(!loaded);
        QCOMPARE(int(loaded.error().code), expected);
        QCOMPARE(test::readAll(QString::fromStdString(keyPath())), bytes);
    }

    void worldReadableKeyFileIsRefused()
    {
        storeKey("correct horse battery");
        QCOMPARE(::chmod(keyPath().c_str(), 0644), 0);
        PassphraseKeyStore store(keyPath(), pass("correct horse battery"), cheapPolicy());
        QCOMPARE(store.loadKey().error().code, ErrorCode::KeyFilePermissions);
    }

    void missingKeyFileIsNotFound()
    {
        PassphraseKeyStore store(keyPath(), pass("correct horse battery"), cheapPolicy());
        QCOMPARE(store.loadKey().error().code, ErrorCode::NotFound);
    }

private:
    std::string keyPath() const { return m_dir->filePath(QStringLiteral("profile.key")).toStdString(); }

    crypto::SecureBuffer storeKey(std::string_view passphrase)
    {
        PassphraseKeyStore store(keyPath(), pass(passphrase), cheapPolicy());
        auto key = crypto::randomSecret(databaseKeySize);
        if (!store.storeKey(key)) {
            qFatal("storeKey failed");
        }
        return key;
    }

    std::optional<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "TestKeyStore.moc"
