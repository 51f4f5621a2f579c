#include "core/policy/EffectivePolicy.h"

#include <QtTest>

#include <set>

using namespace palisade::core;

namespace {

const std::string serverKey = "SfDqvY5CfkRh+NhbJLryeJ+6aRz96DIF/D7dsuxtUgw=";

PolicyEntry entry(std::string key, RawValue value, std::string origin = "/policies/managed/10.json")
{
    return { std::move(key), std::move(value), std::move(origin) };
}

bool hasProblem(const EffectivePolicy& policy, const std::string& key, const std::string& reasonPart)
{
    return std::ranges::any_of(policy.problems(), [&](const PolicyProblem& p) {
        return p.key == key && p.reason.find(reasonPart) != std::string::npos;
    });
}

} // namespace

class TestEffectivePolicy : public QObject {
    Q_OBJECT
private slots:
    void precedence_data()
    {
        QTest::addColumn<bool>("managed");
        QTest::addColumn<bool>("user");
        QTest::addColumn<bool>("recommended");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<int>("source");
        QTest::addColumn<bool>("locked");
        const int m = static_cast<int>(PolicySource::Managed);
        const int u = static_cast<int>(PolicySource::User);
        const int r = static_cast<int>(PolicySource::Recommended);
        const int d = static_cast<int>(PolicySource::Default);
        QTest::newRow("nothing set: default") << false << false << false << qint64 { 100 } << d << false;
        QTest::newRow("recommended only") << false << false << true << qint64 { 30 } << r << false;
        QTest::newRow("user only") << false << true << false << qint64 { 20 } << u << false;
        QTest::newRow("user beats recommended") << false << true << true << qint64 { 20 } << u << false;
        QTest::newRow("managed only") << true << false << false << qint64 { 10 } << m << true;
        QTest::newRow("managed beats recommended") << true << false << true << qint64 { 10 } << m << true;
        QTest::newRow("managed beats user") << true << true << false << qint64 { 10 } << m << true;
        QTest::newRow("managed beats all") << true << true << true << qint64 { 10 } << m << true;
    }
    void precedence()
    {
        QFETCH(bool, managed);
        QFETCH(bool, user);
        QFETCH(bool, recommended);
        QFETCH(qint64, expected);
        QFETCH(int, source);
        QFETCH(bool, locked);
        PolicyReadResult machine;
        UserChoices choices;
        if (managed) {
            machine.managed.push_back(entry("files.max_size_mb", std::int64_t { 10 }));
        }
        if (recommended) {
            machine.recommended.push_back(entry("files.max_size_mb", std::int64_t { 30 }, "/r/10.json"));
        }
        if (user) {
            choices["files.max_size_mb"] = std::int64_t { 20 };
        }
        const auto policy = EffectivePolicy::build(machine, choices);
        QCOMPARE(policy.get(policykeys::filesMaxSizeMb), expected);
        const auto* value = policy.find("files.max_size_mb");
        QVERIFY(value);
        QCOMPARE(static_cast<int>(value->source), source);
        QCOMPARE(value->locked, locked);
        QCOMPARE(policy.userMayChange("files.max_size_mb"), !locked);
        QVERIFY(policy.problems().empty());
    }

    void everyKeyHasAValueAndKnownKeysOnly()
    {
        const auto policy = EffectivePolicy::build({}, {});
        QCOMPARE(policy.values().size(), policyKeys().size());
        QVERIFY(!policy.userMayChange("no.such.key"));
        QVERIFY(policy.find("no.such.key") == nullptr);
        for (const auto& value : policy.values()) {
            QCOMPARE(value.source, PolicySource::Default);
            QCOMPARE(value.origin, std::string("built-in"));
        }
    }

    void laterEntryInALayerWins()
    {
        PolicyReadResult machine;
        machine.managed = { entry("files.max_size_mb", std::int64_t { 5 }, "/m/10.json"),
            entry("files.max_size_mb", std::int64_t { 7 }, "/m/20.json") };
        const auto policy = EffectivePolicy::build(machine, {});
        QCOMPARE(policy.get(policykeys::filesMaxSizeMb), 7);
        QCOMPARE(policy.find("files.max_size_mb")->origin, std::string("/m/20.json"));
    }

    void badValuesAreReportedAndDropped()
    {
        PolicyReadResult machine;
        machine.managed = {
            entry("files.max_size_mb", std::string("50")), // a string is not an integer
            entry("files.enabled", std::int64_t { 2 }), // only 0/1 count as a boolean
            entry("notifications.preview", std::string("everything")),
            entry("ui.link_previews", true),
        };
        machine.recommended = { entry("files.max_size_mb", std::int64_t { 30 }, "/r/10.json") };
        UserChoices user { { "security.idle_lock_minutes", std::int64_t { -5 } } };
        const auto policy = EffectivePolicy::build(machine, user);
        QCOMPARE(policy.problems().size(), std::size_t { 5 });
        QVERIFY(hasProblem(policy, "files.max_size_mb", "expected integer, got a string"));
        QVERIFY(hasProblem(policy, "files.enabled", "expected boolean"));
        QVERIFY(hasProblem(policy, "notifications.preview", "must be one of: full sender none"));
        QVERIFY(hasProblem(policy, "ui.link_previews", "not supported"));
        QVERIFY(hasProblem(policy, "security.idle_lock_minutes", "from 0 to 1440"));
        // Dropped: the next layer down applies and nothing is locked by a rejected value.
        QCOMPARE(policy.get(policykeys::filesMaxSizeMb), 30);
        QCOMPARE(policy.find("files.max_size_mb")->source, PolicySource::Recommended);
        QCOMPARE(policy.get(policykeys::filesEnabled), true);
        QVERIFY(policy.userMayChange("files.enabled"));
        QCOMPARE(policy.get(policykeys::notificationsPreview), std::string("sender"));
        QCOMPARE(policy.get(policykeys::uiLinkPreviews), false);
        QCOMPARE(policy.get(policykeys::securityIdleLockMinutes), 10);
        QVERIFY(!policy.serverFailedClosed());
        for (const auto& problem : policy.problems()) {
            QVERIFY(!problem.origin.empty());
        }
    }

    void unknownKeysAreReported()
    {
        PolicyReadResult machine;
        machine.managed = { entry("files.max_size", std::int64_t { 5 }) };
        machine.recommended = { entry("ui.theme", std::string("dark"), "/r/10.json") };
        const auto policy = EffectivePolicy::build(machine, { { "Files.Enabled", false } });
        QCOMPARE(policy.problems().size(), std::size_t { 3 });
        QVERIFY(hasProblem(policy, "files.max_size", "unknown key"));
        QVERIFY(hasProblem(policy, "ui.theme", "unknown key"));
        QVERIFY(hasProblem(policy, "Files.Enabled", "unknown key"));
        QCOMPARE(policy.problems()[1].origin, std::string("/r/10.json"));
        QCOMPARE(policy.problems()[2].origin, std::string("user settings"));
        QCOMPARE(policy.get(policykeys::filesEnabled), true);
    }

    void badServerValueFailsClosed_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("inUserLayer");
        QTest::newRow("bad key list") << QStringLiteral("server.public_keys") << false;
        QTest::newRow("bad address") << QStringLiteral("server.address") << false;
        QTest::newRow("bad tofu flag") << QStringLiteral("server.allow_tofu") << false;
        QTest::newRow("user's bad key") << QStringLiteral("server.public_keys") << true;
    }
    void badServerValueFailsClosed()
    {
        QFETCH(QString, key);
        QFETCH(bool, inUserLayer);
        PolicyReadResult machine;
        machine.managed = { entry("server.address", std::string("im.example.com:7443")),
            entry("server.public_keys", std::vector<std::string> { serverKey }),
            entry("server.allow_tofu", false) };
        const std::map<QString, RawValue> bad { { QStringLiteral("server.public_keys"),
                                                    std::vector<std::string> { serverKey, "bm90IGEga2V5" } },
            { QStringLiteral("server.address"), std::string("im.example.com") },
            { QStringLiteral("server.allow_tofu"), std::string("false") } };
        UserChoices user;
        if (inUserLayer) {
            user[key.toStdString()] = bad.at(key);
        } else {
            machine.recommended = { entry(key.toStdString(), bad.at(key), "/r/50.json") };
        }
        const auto policy = EffectivePolicy::build(machine, user);
        QVERIFY(policy.serverFailedClosed());
        QVERIFY(hasProblem(policy, key.toStdString(), "fail closed"));
        QCOMPARE(policy.get(policykeys::serverAddress), std::string());
        QVERIFY(policy.get(policykeys::serverPublicKeys).empty());
        QCOMPARE(policy.get(policykeys::serverAllowTofu), false);
        for (const auto* name : { "server.address", "server.public_keys", "server.allow_tofu" }) {
            QCOMPARE(policy.find(name)->source, PolicySource::FailedClosed);
            QCOMPARE(policy.userMayChange(name), inUserLayer);
        }
        // Other groups are untouched.
        QCOMPARE(policy.find("files.enabled")->source, PolicySource::Default);
    }

    void goodServerPolicyIsEffective()
    {
        PolicyReadResult machine;
        machine.managed = { entry("server.address", std::string("[::1]:7443")),
            entry("server.public_keys", std::vector<std::string> { serverKey }) };
        const auto policy
            = EffectivePolicy::build(machine, { { "server.address", std::string("evil.example:1") } });
        QVERIFY(!policy.serverFailedClosed());
        QCOMPARE(policy.get(policykeys::serverAddress), std::string("[::1]:7443"));
        QCOMPARE(policy.get(policykeys::serverPublicKeys), std::vector<std::string> { serverKey });
        QVERIFY(!policy.userMayChange("server.address"));
        QVERIFY(policy.userMayChange("server.allow_tofu"));
    }

    void digestIsStableAndFollowsValues()
    {
        PolicyReadResult machine;
        machine.managed = { entry("files.max_size_mb", std::int64_t { 10 }) };
        const auto a = EffectivePolicy::build(machine, {});
        const auto b = EffectivePolicy::build(machine, {});
        QCOMPARE(a.digest(), b.digest());
        QCOMPARE(a.digest().size(), std::size_t { 64 });
        // Known answer: the canonical text is part of the compliance contract.
        QVERIFY(a.canonicalText().find("files.max_size_mb\n1\n10\n") != std::string::npos);
        QVERIFY(a.canonicalText().find("server.address\n0\ns0:\n") != std::string::npos);

        std::set<std::string> digests { a.digest(), EffectivePolicy::build({}, {}).digest() };
        PolicyReadResult other;
        other.managed = { entry("files.max_size_mb", std::int64_t { 11 }) };
        digests.insert(EffectivePolicy::build(other, {}).digest());
        // Same value, not locked: a different policy.
        digests.insert(EffectivePolicy::build({}, { { "files.max_size_mb", std::int64_t { 10 } } }).digest());
        PolicyReadResult list;
        list.managed = { entry("files.blocked_extensions", std::vector<std::string> { "exe", "scr" }) };
        digests.insert(EffectivePolicy::build(list, {}).digest());
        list.managed = { entry("files.blocked_extensions", std::vector<std::string> { "exescr" }) };
        digests.insert(EffectivePolicy::build(list, {}).digest());
        QCOMPARE(digests.size(), std::size_t { 6 });

        // The source does not change the digest: the same value from another file.
        PolicyReadResult moved;
        moved.managed = { entry("files.max_size_mb", std::int64_t { 10 }, "/m/99-other.json") };
        QCOMPARE(EffectivePolicy::build(moved, {}).digest(), a.digest());
    }
};

QTEST_GUILESS_MAIN(TestEffectivePolicy)
#include "TestEffectivePolicy.moc"
