#include "core/policy/EffectivePolicy.h"
#include "core/policy/PolicyDirectoryReader.h"
#include "core/support/PolicyFixture.h"

#include <QtTest>

#include <unistd.h>

using namespace palisade::core;
using palisade::test::copyPolicyFixtures;
using palisade::test::writePolicyFile;

namespace {

bool hasProblem(
    const std::vector<PolicyProblem>& problems, const std::string& originEnd, const std::string& reason)
{
    return std::ranges::any_of(problems, [&](const PolicyProblem& p) {
        return p.origin.ends_with(originEnd) && p.reason.find(reason) != std::string::npos;
    });
}

int chmodPath(const QString& path, mode_t mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode);
}

} // namespace

class TestPolicyDirectoryReader : public QObject {
    Q_OBJECT
private slots:
    void missingRootMeansNoPolicy()
    {
        QTemporaryDir dir;
        const PolicyDirectoryReader reader(
            QString(dir.path() + QStringLiteral("/absent")).toStdString(), ::getuid());
        const auto result = reader.read();
        QVERIFY(result.managed.empty() && result.recommended.empty() && result.problems.empty());
    }

    void fixturesMergeInFileNameOrder()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        // Ignored: not *.json, hidden.
        QVERIFY(
            writePolicyFile(dir.filePath(QStringLiteral("managed/notes.txt")), "{\"files.enabled\": false}"));
        QVERIFY(writePolicyFile(
            dir.filePath(QStringLiteral("managed/.swap.json")), "{\"files.enabled\": false}"));
        const PolicyDirectoryReader reader(dir.path().toStdString(), ::getuid());
        const auto result = reader.read();
        QCOMPARE(result.managed.size(), std::size_t { 6 + 2 + 3 });
        QVERIFY(result.managed.front().origin.ends_with("managed/10-company.json"));
        QVERIFY(result.managed.back().origin.ends_with("managed/30-bad.json"));
        QCOMPARE(result.recommended.size(), std::size_t { 3 });
        QCOMPARE(result.problems.size(), std::size_t { 1 });
        QVERIFY(hasProblem(result.problems, "recommended/20-broken.json", "not valid JSON"));

        const auto policy = EffectivePolicy::build(result, {});
        const auto* size = policy.find("files.max_size_mb");
        QCOMPARE(std::get<std::int64_t>(size->value), 25); // 20-files.json overrides 10-company.json
        QVERIFY(size->origin.ends_with("managed/20-files.json"));
        QVERIFY(size->locked);
        QCOMPARE(policy.get(policykeys::filesBlockedExtensions),
            (std::vector<std::string> { "exe", "js", "scr", "vbs" }));
        QCOMPARE(policy.get(policykeys::serverAddress), std::string("im.example.com:7443"));
        QCOMPARE(policy.get(policykeys::securityIdleLockMinutes), 5);
        QCOMPARE(policy.get(policykeys::notificationsPreview), std::string("none"));
        QCOMPARE(policy.find("notifications.preview")->source, PolicySource::Recommended);
        QVERIFY(!policy.serverFailedClosed());
        QVERIFY(hasProblem(policy.problems(), "managed/30-bad.json", "must be one of"));
        QVERIFY(hasProblem(policy.problems(), "managed/30-bad.json", "unknown key"));
        QCOMPARE(policy.problems().size(), std::size_t { 3 });
    }

    void renamingAFileChangesTheWinner()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        QVERIFY(QFile::rename(dir.filePath(QStringLiteral("managed/20-files.json")),
            dir.filePath(QStringLiteral("managed/05-files.json"))));
        const auto policy
            = EffectivePolicy::load(PolicyDirectoryReader(dir.path().toStdString(), ::getuid()), {});
        QCOMPARE(policy.get(policykeys::filesMaxSizeMb), 50);
    }

    void groupOrWorldWritableFileIsRefused_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("group-writable") << 0664;
        QTest::newRow("world-writable") << 0646;
    }
    void groupOrWorldWritableFileIsRefused()
    {
        QFETCH(int, mode);
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        QVERIFY(
            chmodPath(dir.filePath(QStringLiteral("managed/20-files.json")), static_cast<mode_t>(mode)) == 0);
        const auto result = PolicyDirectoryReader(dir.path().toStdString(), ::getuid()).read();
        QVERIFY(
            hasProblem(result.problems, "managed/20-files.json", "writable by group or others (refused)"));
        const auto policy = EffectivePolicy::build(result, {});
        QCOMPARE(policy.get(policykeys::filesMaxSizeMb), 50); // only 10-company.json applies
    }

    void writableDirectoryIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        QVERIFY(chmodPath(dir.filePath(QStringLiteral("managed")), 0775) == 0);
        auto result = PolicyDirectoryReader(dir.path().toStdString(), ::getuid()).read();
        QVERIFY(result.managed.empty());
        QCOMPARE(result.recommended.size(), std::size_t { 3 });
        QVERIFY(hasProblem(result.problems, "/managed", "writable by group or others (refused)"));

        QVERIFY(chmodPath(dir.filePath(QStringLiteral("managed")), 0755) == 0);
        QVERIFY(chmodPath(dir.path(), 0757) == 0);
        result = PolicyDirectoryReader(dir.path().toStdString(), ::getuid()).read();
        QVERIFY(result.managed.empty() && result.recommended.empty());
        QCOMPARE(result.problems.size(), std::size_t { 1 });
    }

    void wrongOwnerIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        // Everything here belongs to us; a reader requiring another owner refuses the root.
        const uid_t other = ::getuid() + 1;
        auto result = PolicyDirectoryReader(dir.path().toStdString(), other).read();
        QVERIFY(result.managed.empty() && result.recommended.empty());
        QVERIFY(hasProblem(result.problems, dir.path().toStdString(),
            "not owned by uid " + std::to_string(other) + " (refused)"));
        if (::geteuid() == 0) {
            // As root we can also hand one file to someone else: that file alone is refused.
            const QString file = dir.filePath(QStringLiteral("managed/20-files.json"));
            QVERIFY(::chown(QFile::encodeName(file).constData(), 4242, 4242) == 0);
            result = PolicyDirectoryReader(dir.path().toStdString(), 0).read();
            QVERIFY(hasProblem(result.problems, "managed/20-files.json", "not owned by uid 0"));
            QCOMPARE(result.managed.size(), std::size_t { 6 + 3 });
        }
    }

    void nonObjectAndNonFileAreReported()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        QVERIFY(writePolicyFile(dir.filePath(QStringLiteral("recommended/30-list.json")), "[1, 2]"));
        QVERIFY(QDir().mkdir(dir.filePath(QStringLiteral("recommended/40-dir.json"))));
        const auto result = PolicyDirectoryReader(dir.path().toStdString(), ::getuid()).read();
        QVERIFY(hasProblem(result.problems, "recommended/30-list.json", "not a JSON object"));
        QVERIFY(hasProblem(result.problems, "recommended/40-dir.json", "not a regular file"));
    }

    void jsonTypesBecomeRawValues()
    {
        const auto entries = parsePolicyJson("{\"a\": true, \"b\": 42, \"c\": 1.5, \"d\": \"x\", \"e\": "
                                             "[\"p\", \"q\"], \"f\": [1], \"g\": {}, \"h\": null}",
            "f.json");
        QVERIFY(entries);
        QCOMPARE(entries->size(), std::size_t { 8 });
        std::map<std::string, RawValue> byKey;
        for (const auto& e : *entries) {
            QCOMPARE(e.origin, std::string("f.json"));
            byKey[e.key] = e.value;
        }
        QVERIFY(byKey["a"] == RawValue { true });
        QVERIFY(byKey["b"] == RawValue { std::int64_t { 42 } });
        QVERIFY(byKey["c"] == RawValue { 1.5 });
        QVERIFY(byKey["d"] == RawValue { std::string("x") });
        const RawValue list { std::vector<std::string> { "p", "q" } };
        QVERIFY(byKey["e"] == list);
        QVERIFY(std::holds_alternative<UnsupportedValue>(byKey["f"]));
        QVERIFY(std::holds_alternative<UnsupportedValue>(byKey["g"]));
        QVERIFY(std::holds_alternative<UnsupportedValue>(byKey["h"]));
        QVERIFY(!parsePolicyJson("{\"a\": ", "f.json"));
    }
};

QTEST_GUILESS_MAIN(TestPolicyDirectoryReader)
#include "TestPolicyDirectoryReader.moc"
