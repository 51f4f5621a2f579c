// The app's models under QAbstractItemModelTester: contact list (+ filter proxies),
// conversation (lazy paging over 100,000 messages), managed settings.
#include "app/MemoryHistory.h"
#include "app/Rows.h"
#include "app/ui/ContactListModel.h"
#include "app/ui/ConversationModel.h"
#include "app/ui/Icons.h"
#include "app/ui/SettingsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace palisade::app;
using test::contact;

class TestModels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void contactListUpdatesInPlace()
    {
        ContactListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy unread(&model, &ContactListModel::totalUnreadChanged);
        model.setContacts(
            { contact("bob", ContactKind::Buddy), contact("carol", ContactKind::IncomingRequest, "<b>hi</b>"),
                contact("dave", ContactKind::OutgoingRequest) });
        QCOMPARE(model.rowCount(), 3);
        model.setPresence(QStringLiteral("bob"), Presence::Online);
        model.setUnread(QStringLiteral("bob"), 4);
        QCOMPARE(model.totalUnread(), 4);
        QCOMPARE(unread.count(), 1);
        // A sync that leaves presence/unread at defaults keeps what we know; dave goes away.
        model.setContacts({ contact("bob", ContactKind::Buddy), contact("carol", ContactKind::Buddy),
            contact("erin", ContactKind::Blocked) });
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(QStringLiteral("dave")), -1);
        const QModelIndex bob = model.index(model.rowOf(QStringLiteral("bob")));
        QCOMPARE(bob.data(ContactListModel::PresenceRole).toInt(), int(Presence::Online));
        QCOMPARE(bob.data(ContactListModel::UnreadRole).toInt(), 4);
        QVERIFY(bob.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("4 unread")));
        QVERIFY(!bob.data(Qt::DecorationRole).value<QIcon>().isNull());
    }

    void proxiesSplitRequestsAndFilter()
    {
        ContactListModel model;
        ContactFilterProxy requests(ContactFilterProxy::Section::Requests);
        ContactFilterProxy contacts(ContactFilterProxy::Section::Contacts);
        requests.setSourceModel(&model);
        contacts.setSourceModel(&model);
        QAbstractItemModelTester t1(&requests, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&contacts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContacts({ contact("zoe", ContactKind::Buddy), contact("adam", ContactKind::Buddy),
            contact("mallory", ContactKind::IncomingRequest, "let me in"),
            contact("bert", ContactKind::Buddy) });
        QCOMPARE(requests.rowCount(), 1);
        QCOMPARE(contacts.rowCount(), 3);
        model.setPresence(QStringLiteral("zoe"), Presence::Online);
        // Online first, then by name.
        QCOMPARE(contacts.index(0, 0).data().toString(), QStringLiteral("zoe"));
        QCOMPARE(contacts.index(1, 0).data().toString(), QStringLiteral("adam"));
        contacts.setFilterText(QStringLiteral("ER"));
        QCOMPARE(contacts.rowCount(), 1);
        QCOMPARE(contacts.index(0, 0).data().toString(), QStringLiteral("bert"));
        contacts.setFilterText({});
        QCOMPARE(contacts.rowCount(), 3);
        model.setContacts({ contact("zoe", ContactKind::Buddy), contact("adam", ContactKind::Buddy),
            contact("mallory", ContactKind::Buddy), contact("bert", ContactKind::Buddy) });
        QCOMPARE(requests.rowCount(), 0);
        QCOMPARE(contacts.rowCount(), 4);
    }

    void conversationPagesLazily()
    {
        test::MemoryHistory history(test::MemoryHistory::generate(100'000));
        ConversationModel model; // no tester here: it fetches more on its own
        model.setSource(&history, 200);
        // Opening reads one page, not the conversation.
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(history.pagesRead, 1);
        QCOMPARE(
            model.index(199).data(ConversationModel::BodyRole).toString(), QStringLiteral("message 100000"));
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 400);
        QCOMPARE(
            model.index(0).data(ConversationModel::BodyRole).toString(), QStringLiteral("message 99601"));
        QCOMPARE(
            model.index(399).data(ConversationModel::BodyRole).toString(), QStringLiteral("message 100000"));
        // Ordered oldest first without gaps across the page boundary.
        QCOMPARE(model.index(199).data(ConversationModel::IdRole).toLongLong() + 1,
            model.index(200).data(ConversationModel::IdRole).toLongLong());
    }

    void conversationUnderTheTester()
    {
        test::MemoryHistory history(test::MemoryHistory::generate(100'000));
        ConversationModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(&history, 200);
        model.fetchMore({});
        model.append(
            { 100'001, true, Delivery::Pending, QStringLiteral("live"), QDateTime::currentDateTimeUtc() });
        model.setDelivery(100'001, Delivery::Sent);
        QVERIFY(model.rowCount() < 100'000); // still paged, whatever the tester fetched
        QCOMPARE(model.index(model.rowCount() - 1).data(ConversationModel::BodyRole).toString(),
            QStringLiteral("live"));
    }

    void conversationReachesTheStart()
    {
        test::MemoryHistory history(test::MemoryHistory::generate(450));
        ConversationModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(&history, 200);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 450);
        QCOMPARE(model.index(0).data(ConversationModel::BodyRole).toString(), QStringLiteral("message 1"));
        QVERIFY(model.index(0).data(ConversationModel::DayHeaderRole).toDate().isValid());
    }

    void liveMessagesAndDelivery()
    {
        test::MemoryHistory history(test::MemoryHistory::generate(10));
        ConversationModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(&history, 200);
        const MessageRow live { 11, true, Delivery::Pending, QStringLiteral("new"),
            QDateTime::currentDateTimeUtc() };
        model.append(live);
        model.append(live); // the same message twice is shown once
        QCOMPARE(model.rowCount(), 11);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDelivery(11, Delivery::Delivered);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(10).data(ConversationModel::DeliveryRole).toInt(), int(Delivery::Delivered));
        QVERIFY(!model.index(10).data(ConversationModel::DayHeaderRole).toDate().isValid());
    }

    void searchPagesInTheHit()
    {
        auto rows = test::MemoryHistory::generate(5'000);
        rows[42].body = QStringLiteral("the quarterly numbers are in");
        test::MemoryHistory history(std::move(rows));
        ConversationModel model;
        model.setSource(&history, 200);
        const auto hits = model.search(QStringLiteral("QUARTERLY"));
        QCOMPARE(hits.size(), std::size_t(1));
        const int row = model.rowOfMessage(hits.front());
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row).data(ConversationModel::BodyRole).toString(),
            QStringLiteral("the quarterly numbers are in"));
        QCOMPARE(model.rowOfMessage(999'999), -1);
    }

    void settingsModelShowsSourceAndLock()
    {
        SettingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto preview = test::entry("notifications.preview", PolicyEntry::Type::Choice,
            QStringLiteral("sender"), true, true, "managed");
        preview.origin = QStringLiteral("/etc/palisade/policies/managed/a.json");
        model.setEntries({ preview,
            test::entry("files.blocked_extensions", PolicyEntry::Type::List,
                QStringList { QStringLiteral("exe"), QStringLiteral("scr") }, false, false) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.index(0, SettingsModel::ValueColumn).data().toString(), QStringLiteral("sender"));
        QCOMPARE(model.index(0, SettingsModel::SourceColumn).data().toString(),
            QStringLiteral("Your organization (locked)"));
        QCOMPARE(model.index(0, SettingsModel::KeyColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("Set by your organization"));
        QVERIFY(!model.index(0, SettingsModel::KeyColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.index(1, SettingsModel::ValueColumn).data().toString(), QStringLiteral("exe, scr"));
        QCOMPARE(model.index(1, SettingsModel::SourceColumn).data().toString(), QStringLiteral("Default"));
    }
};

QTEST_MAIN(TestModels)
#include "TestModels.moc"
