#include "crypto/Init.h"
#include "server/Accounts.h"
#include "server/support/FastHasher.h"
#include "server/support/ManualClock.h"
#include "server/support/MemoryStore.h"

#include <QtTest>

using namespace palisade::server;
using namespace std::chrono_literals;

namespace {
const std::string_view goodPassword = "correct horse battery";
DeviceKey keyOf(std::uint8_t b)
{
    DeviceKey k {};
    k.fill(b);
    return k;
}
} // namespace

class TestAccounts : public QObject {
    Q_OBJECT
    test::MemoryStore* m_store = nullptr;
    test::ManualClock* m_clock = nullptr;
    test::FastHasher* m_hasher = nullptr;
    Accounts* m_accounts = nullptr;
    Limits m_limits;

private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }
    void init()
    {
        m_store = new test::MemoryStore;
        m_clock = new test::ManualClock;
        m_hasher = new test::FastHasher;
        m_limits.lockoutThreshold = 3;
        m_limits.lockoutBaseSeconds = 10;
        m_limits.lockoutMaxSeconds = 60;
        m_accounts = new Accounts(*m_store, *m_hasher, *m_clock, m_limits);
        QVERIFY(m_accounts->addUser("alice", goodPassword).has_value());
    }
    void cleanup()
    {
        delete m_accounts;
        delete m_hasher;
        delete m_clock;
        delete m_store;
    }

    void passwordRules_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("rule");
        QTest::newRow("short") << "abc12"
                               << "at least 10";
        QTest::newRow("few distinct") << "aaaaabbbbbcccc"
                                      << "5 different";
        QTest::newRow("contains name") << "xx-BOB-1234"
                                       << "username";
        QTest::newRow("ok") << "plenty of entropy 42"
                            << "";
    }
    void passwordRules()
    {
        QFETCH(QString, password);
        QFETCH(QString, rule);
        const auto weakness = passwordWeakness(password.toStdString(), "bob");
        if (rule.isEmpty()) {
            QVERIFY(!weakness.has_value());
        } else {
            QVERIFY(weakness.has_value());
            QVERIFY2(weakness->find(rule.toStdString()) != std::string::npos, weakness->c_str());
        }
    }

    void usernames()
    {
        QVERIFY(isValidUsername("alice.smith-2_x"));
        QVERIFY(!isValidUsername(""));
        QVERIFY(!isValidUsername("Alice"));
        QVERIFY(!isValidUsername("a b"));
        QVERIFY(!isValidUsername(std::string(65, 'a')));
    }

    void addUserRefusesWeakAndDuplicate()
    {
        QCOMPARE(m_accounts->addUser("bob", "short").error(), Error::WeakPassword);
        QCOMPARE(m_accounts->addUser("alice", goodPassword).error(), Error::AlreadyExists);
        QCOMPARE(m_accounts->addUser("Bad Name", goodPassword).error(), Error::InvalidName);
        auto alice = m_store->findUser("alice");
        QVERIFY(alice.has_value());
        QVERIFY(alice->passwordHash.starts_with("$argon2id$"));
    }

    void enrolBindsDeviceThenKeyLogsIn()
    {
        auto result = m_accounts->enrol("alice", goodPassword, keyOf(1), "10.0.0.1", "1.0.0");
        QVERIFY(result.has_value());
        QVERIFY(result->enrolled);
        auto again = m_accounts->loginDevice(keyOf(1), "1.0.1");
        QVERIFY(again.has_value());
        QCOMPARE(again->device, result->device);
        QCOMPARE(m_store->devices(result->user)->front().clientVersion, std::string("1.0.1"));
        QCOMPARE(m_accounts->loginDevice(keyOf(2), "1.0.0").error(), Error::UnknownDevice);
    }

    void deviceKeyBelongsToOneAccount()
    {
        QVERIFY(m_accounts->addUser("bob", "another good one 7").has_value());
        QVERIFY(m_accounts->enrol("alice", goodPassword, keyOf(1), "a", "1.0.0").has_value());
        QCOMPARE(m_accounts->enrol("bob", "another good one 7", keyOf(1), "a", "1.0.0").error(),
            Error::InvalidRequest);
    }

    void unknownUserCostsAVerification()
    {
        const int before = m_hasher->verifications;
        QCOMPARE(
            m_accounts->enrol("nobody", goodPassword, keyOf(1), "a", "1").error(), Error::BadCredentials);
        QCOMPARE(m_hasher->verifications, before + 1);
        QCOMPARE(
            m_accounts->enrol("alice", "wrong password!", keyOf(1), "a", "1").error(), Error::BadCredentials);
        QCOMPARE(m_hasher->verifications, before + 2);
    }

    void lockoutGrowsExponentially()
    {
        QCOMPARE(lockoutSeconds(2, m_limits), std::int64_t { 0 });
        QCOMPARE(lockoutSeconds(3, m_limits), std::int64_t { 10 });
        QCOMPARE(lockoutSeconds(4, m_limits), std::int64_t { 20 });
        QCOMPARE(lockoutSeconds(5, m_limits), std::int64_t { 40 });
        QCOMPARE(lockoutSeconds(6, m_limits), std::int64_t { 60 });
        QCOMPARE(lockoutSeconds(1000, m_limits), std::int64_t { 60 });
    }

    void accountLockout()
    {
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(m_accounts->enrol("alice", "wrong password!", keyOf(1), "addr", "1").error(),
                Error::BadCredentials);
        }
        // Locked: even the right password is refused, without a verification.
        const int before = m_hasher->verifications;
        QCOMPARE(m_accounts->enrol("alice", goodPassword, keyOf(1), "other", "1").error(), Error::LockedOut);
        QCOMPARE(m_hasher->verifications, before);
        m_clock->advance(11s);
        QVERIFY(m_accounts->enrol("alice", goodPassword, keyOf(1), "other", "1").has_value());
        QCOMPARE(m_store->findUser("alice")->failedLogins, 0U);
    }

    void addressLockout()
    {
        // Unknown names from one address: locked after 4 × threshold failures.
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(m_accounts->enrol("user" + std::to_string(i), "x", keyOf(1), "1.2.3.4", "1").error(),
                Error::BadCredentials);
        }
        QVERIFY(m_accounts->addressLocked("1.2.3.4"));
        QCOMPARE(
            m_accounts->enrol("alice", goodPassword, keyOf(1), "1.2.3.4", "1").error(), Error::LockedOut);
        QVERIFY(m_accounts->enrol("alice", goodPassword, keyOf(1), "5.6.7.8", "1").has_value());
    }

    void disabledAccount()
    {
        QVERIFY(m_accounts->enrol("alice", goodPassword, keyOf(1), "a", "1").has_value());
        QVERIFY(m_accounts->setDisabled("alice", true).has_value());
        QCOMPARE(m_accounts->loginDevice(keyOf(1), "1").error(), Error::AccountDisabled);
        QCOMPARE(
            m_accounts->enrol("alice", goodPassword, keyOf(2), "a", "1").error(), Error::AccountDisabled);
        // A wrong password on a disabled account says only "bad credentials".
        QCOMPARE(
            m_accounts->enrol("alice", "wrong password!", keyOf(2), "a", "1").error(), Error::BadCredentials);
        QVERIFY(m_accounts->setDisabled("alice", false).has_value());
        QVERIFY(m_accounts->loginDevice(keyOf(1), "1").has_value());
        QCOMPARE(m_accounts->setDisabled("nobody", true).error(), Error::NotFound);
    }

    void resetPasswordClearsLockout()
    {
        for (int i = 0; i < 3; ++i) {
            (void)m_accounts->enrol("alice", "wrong password!", keyOf(1), "a", "1");
        }
        QCOMPARE(m_accounts->resetPassword("alice", "short").error(), Error::WeakPassword);
        QVERIFY(m_accounts->resetPassword("alice", "a brand new secret").has_value());
        QCOMPARE(m_accounts->enrol("alice", goodPassword, keyOf(1), "b", "1").error(), Error::BadCredentials);
        QVERIFY(m_accounts->enrol("alice", "a brand new secret", keyOf(1), "b", "1").has_value());
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "TestAccounts.moc"
