#include "core/policy/EffectivePolicy.h"
#include "core/policy/PolicyDirectoryReader.h"
#include "core/support/PolicyFixture.h"

#include <QtTest>

#include <unistd.h>

using namespace palisade::core;

namespace {

QByteArray readSource(const char* relative)
{
    QFile file(QStringLiteral(PALISADE_TEST_DATA_DIR "/../../") + QString::fromLatin1(relative));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

/// The admin guide and the shipped templates stay in step with the keys the client knows.
class TestPolicyDocs : public QObject {
    Q_OBJECT
private slots:
    void everyKeyIsDocumentedAndTemplated()
    {
        const QByteArray guide = readSource("docs/admin-guide.md");
        const QByteArray admx = readSource("packaging/windows/palisade.admx");
        const QByteArray adml = readSource("packaging/windows/en-US/palisade.adml");
        const QByteArray profile = readSource("packaging/macos/com.palisade.client.mobileconfig");
        const qsizetype section = guide.indexOf("## Client policy keys");
        QVERIFY(section > 0);
        QVERIFY(!admx.isEmpty() && !adml.isEmpty() && !profile.isEmpty());
        for (const auto& spec : policyKeys()) {
            const QByteArray name(spec.name.data(), static_cast<qsizetype>(spec.name.size()));
            QVERIFY2(guide.indexOf(QByteArray("| `" + name + "` | " + typeName(spec.type)), section) > 0,
                name.constData());
            const bool inAdmx = admx.contains(QByteArray("valueName=\"" + name + "\""))
                || admx.contains(QByteArray("\\" + name + "\""));
            QVERIFY2(inAdmx, name.constData());
            QVERIFY2(adml.contains(QByteArray("(" + name + ")")), name.constData());
            QVERIFY2(profile.contains(QByteArray("<key>" + name + "</key>")), name.constData());
        }
    }

    void guideJsonExampleIsClean()
    {
        const QByteArray guide = readSource("docs/admin-guide.md");
        const qsizetype start = guide.indexOf("```json\n", guide.indexOf("## Client policy keys"));
        QVERIFY(start > 0);
        const qsizetype end = guide.indexOf("```", start + 8);
        const auto entries = parsePolicyJson(guide.mid(start + 8, end - start - 8), "admin-guide.md");
        QVERIFY(entries);
        QCOMPARE(entries->size(), policyKeys().size() - 1); // all but notifications.preview (recommended)
        PolicyReadResult machine;
        machine.managed = *entries;
        const auto policy = EffectivePolicy::build(machine, {});
        QVERIFY(policy.problems().empty());
    }

    void linuxExampleIsClean()
    {
        QTemporaryDir dir;
        QVERIFY(palisade::test::copyPolicyTree(
            QStringLiteral(PALISADE_TEST_DATA_DIR "/../../packaging/linux/policies-example"), dir.path()));
        const auto policy
            = EffectivePolicy::load(PolicyDirectoryReader(dir.path().toStdString(), ::getuid()), {});
        QVERIFY(policy.problems().empty());
        QVERIFY(!policy.serverFailedClosed());
        QCOMPARE(policy.find("server.address")->source, PolicySource::Managed);
        QCOMPARE(policy.find("notifications.preview")->source, PolicySource::Recommended);
    }
};

QTEST_GUILESS_MAIN(TestPolicyDocs)
#include "TestPolicyDocs.moc"
