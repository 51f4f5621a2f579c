#include "core/ClientInfo.h"
#include "core/policy/EffectivePolicy.h"
#include "core/policy/PolicyDirectoryReader.h"
#include "core/support/PolicyFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <unistd.h>

using namespace palisade::core;
using palisade::test::copyPolicyFixtures;
using palisade::test::writePolicyFile;

namespace {

struct Run {
    int status = -1;
    QByteArray out;
    QByteArray err;
};

Run runPalisade(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(PALISADE_EXE), arguments);
    Run run;
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.status = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool hasLine(const QByteArray& text, const QString& pattern)
{
    const QRegularExpression line(
        QStringLiteral("^") + pattern + QStringLiteral("$"), QRegularExpression::MultilineOption);
    return line.match(QString::fromUtf8(text)).hasMatch();
}

} // namespace

class TestPalisadeCli : public QObject {
    Q_OBJECT
private slots:
    void version()
    {
        const auto run = runPalisade({ QStringLiteral("--version") });
        QCOMPARE(run.status, 0);
        const std::string expected = "palisade " + std::string(clientVersion()) + " (linux)\n";
        QCOMPARE(run.out.toStdString(), expected);
    }

    void usageErrors()
    {
        QCOMPARE(runPalisade({ QStringLiteral("--no-such-option") }).status, 2);
        QCOMPARE(runPalisade({ QStringLiteral("--json") }).status, 2);
        QCOMPARE(runPalisade({ QStringLiteral("extra") }).status, 2);
        const auto help = runPalisade({ QStringLiteral("--help") });
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.contains("--print-policy"));
    }

    void printPolicyText()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        const auto run
            = runPalisade({ QStringLiteral("--print-policy"), QStringLiteral("--policy-root"), dir.path() });
        QCOMPARE(run.status, 3); // problems were reported
        QVERIFY2(hasLine(run.out,
                     QStringLiteral(
                         "files\\.max_size_mb\\s+managed\\s+yes\\s+25\\s+\\(.*/managed/20-files\\.json\\)")),
            run.out.constData());
        QVERIFY(hasLine(run.out,
            QStringLiteral("server\\.address\\s+managed\\s+yes\\s+im\\.example\\.com:7443\\s+\\(.*/managed/"
                           "10-company\\.json\\)")));
        QVERIFY(hasLine(run.out,
            QStringLiteral("notifications\\.preview\\s+recommended\\s+no\\s+none\\s+\\(.*/recommended/"
                           "10-defaults\\.json\\)")));
        QVERIFY(
            hasLine(run.out, QStringLiteral("files\\.enabled\\s+default\\s+no\\s+true\\s+\\(built-in\\)")));
        QVERIFY(hasLine(run.out, QStringLiteral("Problems \\(3\\):")));
        QVERIFY(hasLine(
            run.out, QStringLiteral("  .*/managed/30-bad\\.json: files\\.scanner: must be one of: .*")));
        QVERIFY(hasLine(
            run.out, QStringLiteral("  .*/managed/30-bad\\.json: chat\\.colour: unknown key \\(ignored\\)")));
        QVERIFY(hasLine(run.out, QStringLiteral("  .*/recommended/20-broken\\.json: not valid JSON .*")));
        const auto expected
            = EffectivePolicy::load(PolicyDirectoryReader(dir.path().toStdString(), ::getuid()), {});
        const std::string digestLine = "Policy digest (SHA-256): " + expected.digest();
        QVERIFY(run.out.contains(digestLine.c_str()));
    }

    void printPolicyJson()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        const auto run = runPalisade({ QStringLiteral("--print-policy"), QStringLiteral("--json"),
            QStringLiteral("--policy-root"), dir.path() });
        QCOMPARE(run.status, 3);
        QJsonParseError error {};
        const QJsonObject root = QJsonDocument::fromJson(run.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject policies = root.value(QStringLiteral("policies")).toObject();
        QCOMPARE(static_cast<std::size_t>(policies.size()), policyKeys().size());
        const QJsonObject size = policies.value(QStringLiteral("files.max_size_mb")).toObject();
        QCOMPARE(size.value(QStringLiteral("value")).toInteger(), 25);
        QCOMPARE(size.value(QStringLiteral("source")).toString(), QStringLiteral("managed"));
        QCOMPARE(size.value(QStringLiteral("locked")).toBool(), true);
        const QJsonObject keys = policies.value(QStringLiteral("server.public_keys")).toObject();
        QCOMPARE(keys.value(QStringLiteral("value")).toArray().size(), 1);
        QCOMPARE(policies.value(QStringLiteral("history.retention_days"))
                     .toObject()
                     .value(QStringLiteral("source"))
                     .toString(),
            QStringLiteral("recommended"));
        QCOMPARE(root.value(QStringLiteral("problems")).toArray().size(), 3);
        QCOMPARE(root.value(QStringLiteral("server_failed_closed")).toBool(), false);
        const auto expected
            = EffectivePolicy::load(PolicyDirectoryReader(dir.path().toStdString(), ::getuid()), {});
        QCOMPARE(root.value(QStringLiteral("digest")).toString().toStdString(), expected.digest());
    }

    void cleanPolicyRefusedFileAndRedactedProxy()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        for (const char* name : { "managed/30-bad.json", "recommended/20-broken.json" }) {
            QVERIFY(QFile::remove(dir.filePath(QString::fromLatin1(name))));
        }
        QVERIFY(writePolicyFile(dir.filePath(QStringLiteral("managed/40-proxy.json")),
            "{\"network.proxy\": \"socks5://svc-im:Hunter2Secret@proxy.corp:1080\"}"));
        auto run
            = runPalisade({ QStringLiteral("--print-policy"), QStringLiteral("--policy-root"), dir.path() });
        QCOMPARE(run.status, 0);
        QVERIFY(hasLine(run.out, QStringLiteral("Problems: none")));
        QVERIFY(hasLine(run.out,
            QStringLiteral("network\\.proxy\\s+managed\\s+yes\\s+socks5://"
                           "svc-im:\\*\\*\\*@proxy\\.corp:1080\\s+\\(.*\\)")));
        QVERIFY(!run.out.contains("Hunter2Secret"));
        run = runPalisade({ QStringLiteral("--print-policy"), QStringLiteral("--json"),
            QStringLiteral("--policy-root"), dir.path() });
        QCOMPARE(run.status, 0);
        QVERIFY(!run.out.contains("Hunter2Secret"));

        // A group-writable file is refused and reported; its values do not apply.
        QVERIFY(::chmod(QFile::encodeName(dir.filePath(QStringLiteral("managed/20-files.json"))).constData(),
                    0664)
            == 0);
        run = runPalisade({ QStringLiteral("--print-policy"), QStringLiteral("--policy-root"), dir.path() });
        QCOMPARE(run.status, 3);
        QVERIFY(hasLine(run.out,
            QStringLiteral("  .*/managed/20-files\\.json: writable by group or others \\(refused\\)")));
        QVERIFY(hasLine(run.out,
            QStringLiteral(
                "files\\.max_size_mb\\s+managed\\s+yes\\s+50\\s+\\(.*/managed/10-company\\.json\\)")));
    }

    void badServerKeyFailsClosed()
    {
        QTemporaryDir dir;
        QVERIFY(copyPolicyFixtures(dir.path()));
        QVERIFY(writePolicyFile(dir.filePath(QStringLiteral("managed/50-rotate.json")),
            "{\"server.public_keys\": [\"not-a-key\"]}"));
        const auto run
            = runPalisade({ QStringLiteral("--print-policy"), QStringLiteral("--policy-root"), dir.path() });
        QCOMPARE(run.status, 3);
        QVERIFY(run.out.contains("SERVER SETTINGS FAILED CLOSED"));
        QVERIFY(hasLine(
            run.out, QStringLiteral("server\\.address\\s+failed closed\\s+yes\\s+\\(empty\\)\\s+\\(.*\\)")));
    }
};

QTEST_GUILESS_MAIN(TestPalisadeCli)
#include "TestPalisadeCli.moc"
