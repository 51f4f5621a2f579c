// Renders the main window with a conversation, the settings with locked items and the lock
// screen offscreen, checks what is painted, and saves the images when
// PALISADE_SCREENSHOT_DIR is set (to look at them).
#include "app/FakeBackend.h"
#include "app/Rows.h"
#include "app/ui/ContactsPanel.h"
#include "app/ui/ConversationPane.h"
#include "app/ui/Icons.h"
#include "app/ui/LockScreen.h"
#include "app/ui/MainWindow.h"
#include "app/ui/SettingsDialog.h"

#include <QTest>

using namespace palisade::app;

namespace {

QImage shoot(QWidget& w, const char* name)
{
    const QImage image = w.grab().toImage();
    const QString dir = qEnvironmentVariable("PALISADE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        image.save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
    return image;
}

int countColor(const QImage& image, QColor color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += image.pixelColor(x, y) == color;
    return n;
}

} // namespace

class TestScreens : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void mainWindowSettingsAndLockScreen()
    {
        test::FakeBackend backend;
        auto rows = test::MemoryHistory::generate(
            40, QStringLiteral("Status update %1: the build is green, see https://ci.example.com/job/7"));
        rows.back().body = QStringLiteral("Lunch at noon?");
        backend.history(QStringLiteral("bob"));
        for (const auto& r : rows)
            backend.histories[QStringLiteral("bob")]->add(r);
        MainWindow window(backend, [](const QUrl&) { return false; });
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        emit backend.contactsChanged({ test::contact("bob"), test::contact("carol"),
            test::contact("dave", ContactKind::IncomingRequest, "Hi, I'm Dave from accounting") });
        emit backend.presenceChanged(QStringLiteral("bob"), Presence::Online);
        emit backend.unreadChanged(QStringLiteral("carol"), 2);
        window.contactsPanel()->select(QStringLiteral("bob"));
        QTest::qWait(50);
        const QImage main = shoot(window, "main-window");
        // Our messages are drawn as bubbles in the highlight colour.
        QVERIFY(countColor(main, window.palette().color(QPalette::Highlight)) > 2000);

        backend.entries = { test::entry("notifications.preview", PolicyEntry::Type::Choice,
                                QStringLiteral("sender"), true, true, "managed"),
            test::entry(
                "security.idle_lock_minutes", PolicyEntry::Type::Int, qlonglong(10), true, true, "managed"),
            test::entry("network.proxy", PolicyEntry::Type::Text, QStringLiteral("none"), false, true),
            test::entry("contacts.listed", PolicyEntry::Type::Bool, false, false, true) };
        backend.entries[0].choices
            = QStringList { QStringLiteral("full"), QStringLiteral("sender"), QStringLiteral("none") };
        SettingsDialog settings(backend, &window);
        settings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&settings));
        shoot(settings, "settings");
        settings.close();

        window.lockNow();
        QTest::qWait(50);
        const QImage locked = shoot(window, "lock-screen");
        // No bubble survives on the lock screen.
        QVERIFY(countColor(locked, window.palette().color(QPalette::Highlight)) < 2000);
    }
};

QTEST_MAIN(TestScreens)
#include "TestScreens.moc"
