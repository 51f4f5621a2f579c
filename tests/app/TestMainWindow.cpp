// The main window over a recording backend: lock screen, requests, composer, links,
// identity hold, settings with locked keys.
#include "app/FakeBackend.h"
#include "app/Rows.h"
#include "app/ui/Composer.h"
#include "app/ui/ContactListModel.h"
#include "app/ui/ContactsPanel.h"
#include "app/ui/ConversationModel.h"
#include "app/ui/ConversationPane.h"
#include "app/ui/ConversationView.h"
#include "app/ui/Icons.h"
#include "app/ui/LockScreen.h"
#include "app/ui/MainWindow.h"
#include "app/ui/SettingsDialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace palisade::app;
using test::contact;

namespace {

/// Runs @p action on the next modal dialog once it is shown.
void onNextModal(std::function<void(QWidget*)> action)
{
    QTimer::singleShot(0, qApp, [action = std::move(action)] {
        QWidget* modal = QApplication::activeModalWidget();
        QVERIFY(modal);
        action(modal);
    });
}

QAbstractButton* buttonNamed(QWidget* box, const QString& text)
{
    for (auto* b : box->findChildren<QAbstractButton*>())
        if (b->text().remove(QLatin1Char('&')) == text)
            return b;
    return nullptr;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::FakeBackend> m_backend;
    std::unique_ptr<MainWindow> m_window;
    QList<QUrl> m_opened;

    void openBob()
    {
        m_window->contactsPanel()->select(QStringLiteral("bob"));
        QCOMPARE(m_window->conversation()->username(), QStringLiteral("bob"));
    }

private slots:
    void initTestCase() { initResources(); }

    void init()
    {
        m_backend = std::make_unique<test::FakeBackend>();
        m_opened.clear();
        m_window = std::make_unique<MainWindow>(*m_backend, [this](const QUrl& url) {
            m_opened << url;
            return true;
        });
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        emit m_backend->contactsChanged({ contact("bob"),
            contact("carol", ContactKind::IncomingRequest,
                "<b>urgent</b><img src=\"http://evil.example/x.png\">") });
    }

    void cleanup()
    {
        m_window.reset();
        m_backend.reset();
    }

    void ctrlLHidesContentAndUnlockRestores()
    {
        openBob();
        QWidget* content = m_window->content();
        QVERIFY(m_window->isAncestorOf(content));
        QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_window->isLocked());
        QCOMPARE(m_backend->calls.last(), QStringLiteral("lock"));
        // The content is out of the window, not merely covered.
        QCOMPARE(m_window->centralWidget(), m_window->lockScreen());
        QVERIFY(!m_window->isAncestorOf(content));
        QVERIFY(!content->isVisible());
        QVERIFY(m_window->findChildren<ConversationView*>().isEmpty());

        QTest::keyClicks(m_window->lockScreen()->passphraseField(), QStringLiteral("wrong"));
        QTest::keyClick(m_window->lockScreen()->passphraseField(), Qt::Key_Return);
        QVERIFY(m_window->isLocked());
        QVERIFY(m_window->lockScreen()->passphraseField()->text().isEmpty());

        QTest::keyClicks(m_window->lockScreen()->passphraseField(), m_backend->rightPassphrase);
        QTest::keyClick(m_window->lockScreen()->passphraseField(), Qt::Key_Return);
        QVERIFY(!m_window->isLocked());
        QCOMPARE(m_window->centralWidget(), content);
        QVERIFY(content->isVisible());
        QCOMPARE(m_window->conversation()->username(), QStringLiteral("bob"));
    }

    void idleLockFromCore()
    {
        emit m_backend->locked(true);
        QVERIFY(m_window->isLocked());
        QVERIFY(!m_window->isAncestorOf(m_window->content()));
        emit m_backend->unlocked();
        QVERIFY(!m_window->isLocked());
    }

    void requestShowsNotePlainAndAnswers()
    {
        auto* note = m_window->findChild<QLabel*>();
        for (auto* label : m_window->findChildren<QLabel*>())
            if (label->accessibleName() == QLatin1String("Note from the requester"))
                note = label;
        QCOMPARE(note->textFormat(), Qt::PlainText);
        QVERIFY(note->text().contains(QStringLiteral("<b>urgent</b><img src=")));
        QVERIFY(note->isVisible());
        auto* accept = qobject_cast<QPushButton*>(buttonNamed(m_window.get(), QStringLiteral("Accept")));
        QVERIFY(accept);
        QTest::mouseClick(accept, Qt::LeftButton);
        QCOMPARE(m_backend->calls.last(), QStringLiteral("accept carol"));
        QTest::mouseClick(buttonNamed(m_window.get(), QStringLiteral("Decline")), Qt::LeftButton);
        QCOMPARE(m_backend->calls.last(), QStringLiteral("decline carol"));
        // Once accepted the request section disappears.
        emit m_backend->contactsChanged({ contact("bob"), contact("carol") });
        QVERIFY(!note->isVisible());
    }

    void enterSendsShiftEnterBreaksLine()
    {
        openBob();
        Composer* composer = m_window->conversation()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("hello"));
        QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(composer, QStringLiteral("world"));
        QCOMPARE(m_backend->calls.filter(QStringLiteral("send")).size(), 0);
        QTest::keyClick(composer, Qt::Key_Return);
        QCOMPARE(m_backend->calls.last(), QStringLiteral("send bob hello\nworld"));
        QVERIFY(composer->toPlainText().isEmpty());
        // Messages arriving for the shown conversation appear in it.
        emit m_backend->messageAdded(QStringLiteral("bob"),
            MessageRow { 7, true, Delivery::Pending, QStringLiteral("hello\nworld"),
                QDateTime::currentDateTimeUtc() });
        QCOMPARE(m_window->conversation()->model()->rowCount(), 1);
        emit m_backend->deliveryChanged(QStringLiteral("bob"), 7, Delivery::Delivered);
        QCOMPARE(m_window->conversation()->model()->index(0).data(ConversationModel::DeliveryRole).toInt(),
            int(Delivery::Delivered));
    }

    void linkOpensOnlyAfterConfirmation()
    {
        m_backend->history(QStringLiteral("bob"));
        m_backend->histories[QStringLiteral("bob")]->add({ 1, false, Delivery::Delivered,
            QStringLiteral("report: https://intranet.example.com/q3?id=7 thanks"),
            QDateTime::currentDateTimeUtc() });
        openBob();
        ConversationView* view = m_window->conversation()->view();
        QTRY_COMPARE(view->model()->rowCount(), 1);
        const QRect rect = view->visualRect(view->model()->index(0, 0));
        QPoint onLink(-1, -1);
        for (int y = rect.top(); y <= rect.bottom() && onLink.x() < 0; y += 2)
            for (int x = rect.left(); x <= rect.right(); x += 3)
                if (view->linkAt({ x, y })) {
                    onLink = { x, y };
                    break;
                }
        QVERIFY(onLink.x() >= 0);
        QString shown;
        onNextModal([&shown](QWidget* box) {
            shown = static_cast<QMessageBox*>(box)->text();
            buttonNamed(box, QStringLiteral("Cancel"))->click();
        });
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onLink);
        QVERIFY2(shown.contains(QStringLiteral("https://intranet.example.com/q3?id=7")), qPrintable(shown));
        QVERIFY(m_opened.isEmpty());
        onNextModal([](QWidget* box) { buttonNamed(box, QStringLiteral("Open"))->click(); });
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onLink);
        QCOMPARE(m_opened, QList<QUrl> { QUrl(QStringLiteral("https://intranet.example.com/q3?id=7")) });
    }

    void identityChangeHoldsSending()
    {
        m_backend->held << QStringLiteral("bob");
        openBob();
        auto* banner = m_window->findChild<QWidget*>(QStringLiteral("identityBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY(!m_window->conversation()->composer()->isEnabled());
        m_backend->acceptIdentityChange(QStringLiteral("bob"));
        m_window->conversation()->setIdentityHold(m_backend->identityChangePending(QStringLiteral("bob")));
        QVERIFY(!banner->isVisible());
        QVERIFY(m_window->conversation()->composer()->isEnabled());
    }

    void lockedSettingsAreDisabledWithTooltip()
    {
        auto previewEntry = test::entry("notifications.preview", PolicyEntry::Type::Choice,
            QStringLiteral("none"), true, true, "managed");
        previewEntry.choices
            = QStringList { QStringLiteral("full"), QStringLiteral("sender"), QStringLiteral("none") };
        m_backend->entries = { previewEntry,
            test::entry("security.idle_lock_minutes", PolicyEntry::Type::Int, qlonglong(15), false, true),
            test::entry("server.public_keys", PolicyEntry::Type::List, QStringList { QStringLiteral("ab12") },
                true, false, "managed") };
        SettingsDialog dialog(*m_backend);
        QWidget* preview = dialog.editorFor(QStringLiteral("notifications.preview"));
        QVERIFY(preview);
        QVERIFY(!preview->isEnabled());
        QCOMPARE(preview->toolTip(), QStringLiteral("Set by your organization"));
        auto* idle = qobject_cast<QSpinBox*>(dialog.editorFor(QStringLiteral("security.idle_lock_minutes")));
        QVERIFY(idle && idle->isEnabled());
        QVERIFY(idle->toolTip().isEmpty());
        QVERIFY(!dialog.editorFor(QStringLiteral("server.public_keys"))); // not user-facing
        // The managed page lists every value, user-facing or not.
        auto* table = dialog.findChild<QTableView*>(QStringLiteral("managedSettings"));
        QCOMPARE(table->model()->rowCount(), 3);
        idle->setValue(5);
        QTest::mouseClick(buttonNamed(&dialog, QStringLiteral("Apply")), Qt::LeftButton);
        QCOMPARE(m_backend->calls.last(), QStringLiteral("set security.idle_lock_minutes 5"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
