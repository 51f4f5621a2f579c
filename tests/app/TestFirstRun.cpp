// First-run dialog (server locked by policy or entered, passphrase minimum and meter,
// keychain mode, error texts), passphrase rules, tray badge.
#include "app/PolicyEntries.h"
#include "app/ui/FirstRunDialog.h"
#include "app/ui/Icons.h"
#include "app/ui/Passphrase.h"
#include "app/ui/SettingsModel.h"
#include "app/ui/Tray.h"

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>
#include <QTranslator>

using namespace palisade;
using namespace palisade::app;
using namespace std::chrono_literals;

class TestFirstRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void lockedServerIsPrefilledAndReadOnly()
    {
        FirstRunDialog dialog({ QStringLiteral("chat.corp.example:7443"), true, false, 12 });
        QCOMPARE(dialog.serverField()->text(), QStringLiteral("chat.corp.example:7443"));
        QVERIFY(dialog.serverField()->isReadOnly());
        QCOMPARE(dialog.serverField()->toolTip(), QStringLiteral("Set by your organization"));
        bool shown = false;
        for (auto* label : dialog.findChildren<QLabel*>())
            shown |= label->text() == QLatin1String("Set by your organization");
        QVERIFY(shown);
    }

    void passphraseMinimumGatesSignIn()
    {
        FirstRunDialog dialog({ QStringLiteral("chat.corp.example:7443"), true, false, 16 });
        QSignalSpy requested(&dialog, &FirstRunDialog::signInRequested);
        QTest::keyClicks(dialog.usernameField(), QStringLiteral("alice"));
        QTest::keyClicks(dialog.passwordField(), QStringLiteral("pw"));
        QTest::keyClicks(dialog.passphraseField(), QStringLiteral("short pass"));
        QTest::keyClicks(dialog.repeatField(), QStringLiteral("short pass"));
        QVERIFY(!dialog.signInButton()->isEnabled());
        dialog.passphraseField()->setText(QStringLiteral("violet staple orbit lantern"));
        dialog.repeatField()->setText(QStringLiteral("violet staple orbit lantern"));
        QVERIFY(dialog.signInButton()->isEnabled());
        QVERIFY(dialog.strengthMeter()->value() >= 3);
        QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        const auto answers = requested.at(0).at(0).value<FirstRunAnswers>();
        QCOMPARE(answers.username, QStringLiteral("alice"));
        QCOMPARE(answers.passphrase, QStringLiteral("violet staple orbit lantern"));
        QVERIFY(!dialog.signInButton()->isEnabled()); // busy until the core answers
    }

    void errorsAreSpecific()
    {
        FirstRunDialog dialog({ QStringLiteral("chat.corp.example:7443"), true, true, 12 });
        QVERIFY(dialog.passphraseField()->isHidden()); // keychain mode
        dialog.showSession(SessionStatus::LockedOut, {}, 10min);
        QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("10 minutes")));
        dialog.showSession(SessionStatus::ServerKeyMismatch, {}, {});
        QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("IT department")));
        QVERIFY(dialog.errorLabel()->styleSheet().contains(QStringLiteral("#d64541")));
        dialog.showSession(SessionStatus::BadCredentials, {}, {});
        QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("Wrong username or password")));
        QVERIFY(dialog.passwordField()->text().isEmpty());
        QSignalSpy finished(&dialog, &QDialog::accepted);
        dialog.showSession(SessionStatus::Connected, {}, {});
        QCOMPARE(finished.count(), 1);
    }

    void fingerprintMustBeConfirmed()
    {
        FirstRunDialog dialog({ {}, false, true, 12 });
        QVERIFY(!dialog.serverField()->isReadOnly());
        dialog.serverField()->setText(QStringLiteral("chat.example:7443"));
        dialog.usernameField()->setText(QStringLiteral("bob"));
        dialog.passwordField()->setText(QStringLiteral("pw"));
        QVERIFY(dialog.signInButton()->isEnabled());
        QSignalSpy answered(&dialog, &FirstRunDialog::fingerprintAnswered);
        dialog.showServerFingerprint(QStringLiteral("ab12 cd34"));
        QVERIFY(!dialog.signInButton()->isEnabled());
        for (auto* box : dialog.findChildren<QAbstractButton*>())
            if (box->text().startsWith(QLatin1String("It matches")))
                box->click();
        QCOMPARE(answered.count(), 1);
        QVERIFY(dialog.signInButton()->isEnabled());
    }

    void passphraseRules()
    {
        QVERIFY(!passphraseProblem(QStringLiteral("abc"), QStringLiteral("abc"), 12).isEmpty());
        QVERIFY(passphraseProblem(
            QStringLiteral("violet staple orbit"), QStringLiteral("violet staple orbiT"), 12)
                    .contains(QStringLiteral("differ")));
        QVERIFY(!passphraseProblem(QStringLiteral("aaaaaaaaaaaaaa"), QStringLiteral("aaaaaaaaaaaaaa"), 12)
                     .isEmpty());
        QVERIFY(passphraseProblem(
            QStringLiteral("violet staple orbit"), QStringLiteral("violet staple orbit"), 12)
                    .isEmpty());
        QVERIFY(passphraseStrengthBits(QStringLiteral("Tr0ub4dor&3xyz"))
            > passphraseStrengthBits(QStringLiteral("trombone")));
    }

    void policyBecomesSetupAndEntries()
    {
        core::PolicyReadResult machine;
        machine.managed.push_back({ "server.address", std::string("chat.corp.example:7443"),
            "/etc/palisade/policies/managed/10.json" });
        machine.managed.push_back(
            { "notifications.preview", std::string("sender"), "/etc/palisade/policies/managed/10.json" });
        machine.recommended.push_back({ "security.min_passphrase_length", std::int64_t(14),
            "/etc/palisade/policies/recommended/1.json" });
        const auto policy = core::EffectivePolicy::build(machine, {});
        const FirstRunSetup setup = firstRunSetup(policy);
        QCOMPARE(setup.server, QStringLiteral("chat.corp.example:7443"));
        QVERIFY(setup.serverLocked);
        QCOMPARE(setup.minimumPassphrase, 14);
        const auto entries = policyEntries(policy);
        QCOMPARE(entries.size(), policy.values().size());
        const auto preview
            = std::ranges::find(entries, QStringLiteral("notifications.preview"), &PolicyEntry::key);
        QVERIFY(preview != entries.end());
        QVERIFY(preview->locked && preview->userFacing);
        QCOMPARE(preview->type, PolicyEntry::Type::Choice);
        QCOMPARE(preview->value.toString(), QStringLiteral("sender"));
        QCOMPARE(preview->source, QStringLiteral("managed"));
        const auto keys = std::ranges::find(entries, QStringLiteral("server.public_keys"), &PolicyEntry::key);
        QVERIFY(keys != entries.end() && !keys->userFacing);
    }

    void germanTranslationIsEmbedded()
    {
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/palisade_de.qm")));
        QCoreApplication::installTranslator(&german);
        QCOMPARE(lockedByOrganizationText(), QStringLiteral("Von Ihrer Organisation festgelegt"));
        QCoreApplication::removeTranslator(&german);
        QCOMPARE(lockedByOrganizationText(), QStringLiteral("Set by your organization"));
    }

    void trayBadgeAndNotification()
    {
        QCOMPARE(badgeIcon(0).pixmap(64).toImage(), icon(IconName::App).pixmap(64, 64).toImage());
        QVERIFY(badgeIcon(3).pixmap(64).toImage() != badgeIcon(0).pixmap(64).toImage());
        Tray tray;
        tray.setUnread(3);
        QVERIFY(tray.icon()->toolTip().contains(QLatin1Char('3')));
        tray.setPreviewLevel(PreviewLevel::Full);
        QCOMPARE(tray.notify(QStringLiteral("bob"), QStringLiteral("hi")).body, QStringLiteral("hi"));
        tray.setLocked(true);
        QVERIFY(
            !tray.notify(QStringLiteral("bob"), QStringLiteral("hi")).body.contains(QStringLiteral("hi")));
    }
};

QTEST_MAIN(TestFirstRun)
#include "TestFirstRun.moc"
