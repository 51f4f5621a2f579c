// Two app instances (EngineBridge + windows) against the real palisade-server: first run
// through the dialog, a contact request accepted, a message from alice shown in bob's window.
#include "app/EngineBridge.h"
#include "app/PolicyEntries.h"
#include "app/ui/ContactListModel.h"
#include "app/ui/ContactsPanel.h"
#include "app/ui/ConversationModel.h"
#include "app/ui/ConversationPane.h"
#include "app/ui/FirstRunDialog.h"
#include "app/ui/Icons.h"
#include "app/ui/MainWindow.h"
#include "core/Startup.h"
#include "server/support/ServerProcess.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace palisade;
using namespace palisade::app;

namespace {

core::EffectivePolicy policyFor(const server::test::ServerProcess& server)
{
    core::PolicyReadResult machine;
    const std::string origin = "test managed policy";
    machine.managed.push_back({ "server.address", "127.0.0.1:" + std::to_string(server.port()), origin });
    machine.managed.push_back({ "server.public_keys",
        std::vector<std::string> { QByteArray(reinterpret_cast<const char*>(server.publicKey().data()),
            static_cast<qsizetype>(server.publicKey().size()))
                                       .toBase64()
                                       .toStdString() },
        origin });
    machine.managed.push_back({ "security.min_passphrase_length", std::int64_t(12), origin });
    machine.managed.push_back({ "security.key_storage", std::string("passphrase"), origin });
    return core::EffectivePolicy::build(machine, {});
}

struct Instance {
    Instance(const core::EffectivePolicy& policy)
        : bridge(dir.path().toStdString(), policy)
        , window(bridge, [](const QUrl&) { return false; })
    {
    }
    QTemporaryDir dir;
    EngineBridge bridge;
    MainWindow window;
};

bool firstRun(Instance& app, const core::EffectivePolicy& policy, const QString& user)
{
    FirstRunDialog dialog(firstRunSetup(policy));
    app.bridge.attachFirstRun(dialog);
    dialog.usernameField()->setText(user);
    dialog.passwordField()->setText(user == QLatin1String("alice")
            ? QStringLiteral("correct horse battery staple")
            : QStringLiteral("purple otter evening lamp"));
    dialog.passphraseField()->setText(QStringLiteral("violet staple orbit lantern"));
    dialog.repeatField()->setText(QStringLiteral("violet staple orbit lantern"));
    if (!dialog.signInButton()->isEnabled())
        return false;
    QSignalSpy done(&dialog, &QDialog::accepted);
    dialog.signInButton()->click();
    return done.wait(60'000);
}

} // namespace

class TestAppWithServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(core::hardenProcess().has_value()); // sodium_init before any secret, as main() does
        initResources();
    }

    void firstRunThenMessageBetweenTwoApps()
    {
        server::test::ServerProcess server;
        QVERIFY(server.ready());
        QVERIFY(server.addUser("alice", "correct horse battery staple"));
        QVERIFY(server.addUser("bob", "purple otter evening lamp"));
        QVERIFY(server.start());
        const auto policy = policyFor(server);
        QVERIFY(firstRunSetup(policy).serverLocked);

        Instance alice(policy);
        Instance bob(policy);
        QVERIFY(firstRun(alice, policy, QStringLiteral("alice")));
        QVERIFY(firstRun(bob, policy, QStringLiteral("bob")));

        alice.bridge.requestContact(QStringLiteral("bob"), QStringLiteral("<b>it's alice</b>"));
        QTRY_VERIFY_WITH_TIMEOUT(bob.window.contacts()->contact(QStringLiteral("alice"))
                && bob.window.contacts()->contact(QStringLiteral("alice"))->kind
                    == ContactKind::IncomingRequest,
            30'000);
        QCOMPARE(bob.window.contacts()->contact(QStringLiteral("alice"))->note,
            QStringLiteral("<b>it's alice</b>"));
        bob.bridge.acceptContact(QStringLiteral("alice"));
        QTRY_VERIFY_WITH_TIMEOUT(alice.window.contacts()->contact(QStringLiteral("bob"))
                && alice.window.contacts()->contact(QStringLiteral("bob"))->kind == ContactKind::Buddy,
            30'000);

        bob.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bob.window));
        QTRY_VERIFY_WITH_TIMEOUT(
            bob.window.contacts()->contact(QStringLiteral("alice"))->kind == ContactKind::Buddy, 30'000);
        bob.window.contactsPanel()->select(QStringLiteral("alice"));
        QCOMPARE(bob.window.conversation()->username(), QStringLiteral("alice"));

        alice.bridge.sendMessage(QStringLiteral("bob"), QStringLiteral("hello bob"));
        ConversationModel* shown = bob.window.conversation()->model();
        QTRY_VERIFY_WITH_TIMEOUT(shown->rowCount() > 0
                && shown->index(shown->rowCount() - 1).data(ConversationModel::BodyRole).toString()
                    == QLatin1String("hello bob"),
            60'000);

        // The headless demo (scripts/demo.sh --headless) keeps a picture of both windows.
        const QString shots = qEnvironmentVariable("PALISADE_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            alice.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&alice.window));
            alice.window.contactsPanel()->select(QStringLiteral("bob"));
            QTRY_VERIFY_WITH_TIMEOUT(alice.window.conversation()->model()->rowCount() > 0, 10'000);
            QTest::qWait(100);
            QVERIFY(alice.window.grab().save(shots + QStringLiteral("/demo-alice.png")));
            QVERIFY(bob.window.grab().save(shots + QStringLiteral("/demo-bob.png")));
        }
    }
};

QTEST_MAIN(TestAppWithServer)
#include "TestAppWithServer.moc"
