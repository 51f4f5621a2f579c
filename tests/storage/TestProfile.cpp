#include "crypto/Init.h"
#include "storage/ContactStore.h"
#include "storage/MessageStore.h"
#include "storage/PassphraseKeyStore.h"
#include "storage/Profile.h"
#include "storage/Schema.h"

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
constexpr std::string_view goodPassphrase = "purple elephant umbrella";
} // namespace

class TestProfile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }
    void init() { m_root.emplace(); }

    void createsPrivateFolderAndReopens()
    {
        {
            auto profile = openWith(goodPassphrase);
            QVERIFY2(profile, profile ? "" : describe(profile.error()).c_str());
            QVERIFY(writeMessage(profile->database(), "xylophone rendezvous"));
        }
        struct stat st { };
        QCOMPARE(::stat(dir().c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0700u);
        QCOMPARE(::stat((dir() / Profile::keyFileName).c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        auto profile = openWith(goodPassphrase);
        QVERIFY(profile);
        QCOMPARE(*schemaVersion(profile->database()), clientSchemaVersion());
        QCOMPARE(MessageStore(profile->database()).search("xylophone")->size(), std::size_t { 1 });
    }

    void nothingReadableOnDisk()
    {
        {
            auto profile = openWith(goodPassphrase);
            QVERIFY(profile);
            QVERIFY(writeMessage(profile->database(), "xylophone rendezvous"));
            const QString folder = QString::fromStdString(dir().string());
            QCOMPARE(test::filesContaining(folder, "xylophone"), QStringList {});
            QCOMPARE(test::filesContaining(folder, "rendezvous"), QStringList {});
        }
        const QString folder = QString::fromStdString(dir().string());
        QCOMPARE(test::filesContaining(folder, "xylophone"), QStringList {});
        QCOMPARE(test::filesContaining(folder, "SQLite format 3"), QStringList {});
        const auto cli
            = test::runSqlcipherCli(QString::fromStdString((dir() / Profile::databaseFileName).string()),
                "SELECT body FROM messages;\n");
        QVERIFY(!cli.out.contains("xylophone"));
        QVERIFY(cli.exitCode != 0 || !cli.err.isEmpty());
    }

    void wrongPassphraseChangesNothing()
    {
        QVERIFY(openWith(goodPassphrase));
        const auto before = snapshot();
        auto profile = openWith("purple elephant umbrellb");
        QVERIFY(!profile);
        QCOMPARE(profile.error().code, ErrorCode::WrongPassphrase);
        QCOMPARE(snapshot(), before);
    }

    void passphraseChangeRewrapsWithoutReencrypting()
    {
        {
            auto profile = openWith(goodPassphrase);
            QVERIFY(profile);
            QVERIFY(writeMessage(profile->database(), "keep me"));
            QVERIFY(profile->database().exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        const QByteArray dbBefore
            = test::readAll(QString::fromStdString((dir() / Profile::databaseFileName).string()));
        PassphraseKeyStore keys(dir() / Profile::keyFileName, pass(goodPassphrase), cheap());
        QVERIFY(keys.changePassphrase(pass("new passphrase entirely")));
        QCOMPARE(
            test::readAll(QString::fromStdString((dir() / Profile::databaseFileName).string())), dbBefore);
        QCOMPARE(openWith(goodPassphrase).error().code, ErrorCode::WrongPassphrase);
        auto profile = openWith("new passphrase entirely");
        QVERIFY(profile);
        QCOMPARE(MessageStore(profile->database()).search("keep")->size(), std::size_t { 1 });
    }

    void missingHalfIsAnErrorNotANewProfile_data()
    {
        QTest::addColumn<bool>("removeKey");
        QTest::newRow("key file missing") << true;
        QTest::newRow("database missing") << false;
    }

    void missingHalfIsAnErrorNotANewProfile()
    {
        QFETCH(bool, removeKey);
        QVERIFY(openWith(goodPassphrase));
        std::filesystem::remove(dir() / (removeKey ? Profile::keyFileName : Profile::databaseFileName));
        const auto before = snapshot();
        auto profile = openWith(goodPassphrase);
        QVERIFY(!profile);
        QCOMPARE(profile.error().code, ErrorCode::NotFound);
        QCOMPARE(snapshot(), before);
    }

    void damagedDatabaseIsCorruptAndUntouched()
    {
        {
            auto profile = openWith(goodPassphrase);
            QVERIFY(profile);
            QVERIFY(profile->database().exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        const auto dbPath = QString::fromStdString((dir() / Profile::databaseFileName).string());
        QByteArray bytes = test::readAll(dbPath);
        bytes[40] = static_cast<char>(bytes[40] ^ 0xff);
        QFile file(dbPath);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        file.close();
        const auto before = snapshot();
        auto profile = openWith(goodPassphrase);
        QVERIFY(!profile);
        QCOMPARE(profile.error().code, ErrorCode::Corrupt);
        QCOMPARE(snapshot(), before);
    }

private:
    std::filesystem::path dir() const
    {
        return std::filesystem::path(m_root->path().toStdString()) / "alice";
    }

    static PassphrasePolicy cheap() { return { 12, { 1, 8192 } }; }

    std::expected<Profile, Error> openWith(std::string_view passphrase)
    {
        PassphraseKeyStore keys(dir() / Profile::keyFileName, pass(passphrase), cheap());
        return Profile::open(dir(), keys);
    }

    static bool writeMessage(Database& db, const std::string& body)
    {
        ContactStore contacts(db);
        auto contact = contacts.add("bob", "", ContactState::Accepted, 1);
        if (!contact) {
            return false;
        }
        Message m;
        m.conversation = *contacts.conversationWith(*contact);
        m.dedupeId = { 1 };
        m.body = body;
        return MessageStore(db).add(m).has_value();
    }

    QMap<QString, QByteArray> snapshot() const
    {
        QMap<QString, QByteArray> files;
        const QString folder = QString::fromStdString(dir().string());
        for (const auto& name : QDir(folder).entryList(QDir::Files)) {
            files.insert(name, test::readAll(folder + u'/' + name));
        }
        return files;
    }

    std::optional<QTemporaryDir> m_root;
};

QTEST_GUILESS_MAIN(TestProfile)
#include "TestProfile.moc"
