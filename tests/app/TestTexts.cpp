// Pure text decisions of the app: notification text per notifications.preview, session
// error sentences, links found in message text.
#include "app/ui/Links.h"
#include "app/ui/NotificationText.h"
#include "app/ui/SessionText.h"

#include <QTest>

using namespace palisade::app;
using namespace std::chrono_literals;

namespace {
QStringList strings(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list << QString::fromUtf8(item);
    return list;
}
} // namespace

class TestTexts : public QObject {
    Q_OBJECT
private slots:
    void notificationRespectsPreview_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<bool>("locked");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("body");
        const QString generic = QStringLiteral("Palisade");
        QTest::newRow("full") << "full" << false << "alice"
                              << "lunch at noon?";
        QTest::newRow("full, locked") << "full" << true << generic << "New message from alice";
        QTest::newRow("sender") << "sender" << false << generic << "New message from alice";
        QTest::newRow("sender, locked") << "sender" << true << generic << "New message from alice";
        QTest::newRow("none") << "none" << false << generic << "New message";
        QTest::newRow("none, locked") << "none" << true << generic << "New message";
        QTest::newRow("unknown value shows nothing") << "everything" << false << generic << "New message";
    }
    void notificationRespectsPreview()
    {
        QFETCH(QString, policy);
        QFETCH(bool, locked);
        QFETCH(QString, title);
        QFETCH(QString, body);
        const NotificationText n = notificationText(previewLevelFromPolicy(policy), locked,
            QStringLiteral("alice"), QStringLiteral("lunch at noon?"));
        QCOMPARE(n.title, title);
        QCOMPARE(n.body, body);
        if (locked || policy != QLatin1String("full"))
            QVERIFY(!n.body.contains(QStringLiteral("lunch")));
    }

    void longMessagesAreCut()
    {
        const NotificationText n = notificationText(
            PreviewLevel::Full, false, QStringLiteral("a"), QString(1000, QLatin1Char('x')));
        QCOMPARE(n.body.size(), 160);
    }

    void sessionTexts()
    {
        const SessionText lockedOut = sessionText(SessionStatus::LockedOut, {}, 14min + 10s);
        QVERIFY2(
            lockedOut.explanation.contains(QStringLiteral("15 minutes")), qPrintable(lockedOut.explanation));
        QVERIFY(sessionText(SessionStatus::LockedOut, {}, 30s)
                    .explanation.contains(QStringLiteral("in 1 minute")));
        const SessionText mismatch = sessionText(SessionStatus::ServerKeyMismatch, {}, {});
        QVERIFY(mismatch.alarming);
        QVERIFY(mismatch.explanation.contains(QStringLiteral("IT department")));
        QVERIFY(!sessionText(SessionStatus::BadCredentials, {}, {}).alarming);
        QVERIFY(sessionText(SessionStatus::UpdateRequired, {}, {})
                    .explanation.contains(QStringLiteral("newer version")));
        QVERIFY(
            sessionText(SessionStatus::Unreachable, {}, {}).title.contains(QStringLiteral("unreachable")));
        QCOMPARE(sessionText(SessionStatus::Disconnected, QStringLiteral("Stopped."), {}).explanation,
            QStringLiteral("Stopped."));
    }

    void linksAreFound_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("urls");
        QTest::newRow("none") << "no links here" << QStringList();
        QTest::newRow("https, trailing dot")
            << "see https://intranet.example.com/a?b=1." << strings({ "https://intranet.example.com/a?b=1" });
        QTest::newRow("www") << "(www.example.org)" << strings({ "https://www.example.org" });
        QTest::newRow("two") << "http://a.example x https://b.example/p"
                             << strings({ "http://a.example", "https://b.example/p" });
        QTest::newRow("no javascript") << "javascript:alert(1) file:///etc/passwd" << QStringList();
    }
    void linksAreFound()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, urls);
        QStringList found;
        for (const LinkSpan& l : findLinks(text))
            found << l.url.toString();
        QCOMPARE(found, urls);
    }

    void confirmationNamesTheFullAddress()
    {
        const QUrl url(QStringLiteral("https://xn--pple-43d.com/login?next=%2Fpay"));
        QVERIFY(
            linkConfirmationText(url).contains(QStringLiteral("https://xn--pple-43d.com/login?next=%2Fpay")));
    }
};

QTEST_GUILESS_MAIN(TestTexts)
#include "TestTexts.moc"
