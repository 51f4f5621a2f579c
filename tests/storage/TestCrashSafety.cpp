// A child process writes message batches in a loop and reports each committed batch over a
// pipe; the parent kills it with SIGKILL mid-write. On reopen the database must pass
// integrity checks (SQLite's and the FTS index's) and hold every batch reported committed.
#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/ContactStore.h"
#include "storage/MessageStore.h"

#include <QtTest>

#include "StorageTestSupport.h"
#include <csignal>
#include <optional>
#include <sys/wait.h>
#include <unistd.h>

using namespace palisade;
using namespace palisade::storage;

namespace {

constexpr int batchSize = 20;

std::vector<Message> batch(ConversationId conversation, std::int32_t number)
{
    std::vector<Message> out;
    for (int i = 0; i < batchSize; ++i) {
        Message m;
        m.conversation = conversation;
        const std::int32_t serial = number * batchSize + i;
        m.dedupeId = { static_cast<std::uint8_t>(serial), static_cast<std::uint8_t>(serial >> 8),
            static_cast<std::uint8_t>(serial >> 16) };
        m.body = "crash test message " + std::to_string(serial) + " with some padding words to fill pages";
        m.sentAt = serial;
        m.receivedAt = serial;
        out.push_back(std::move(m));
    }
    return out;
}

// The child: never returns.
[[noreturn]] void writeForever(const std::string& path, const crypto::SecureBuffer& key,
    ConversationId conversation, std::int32_t firstBatch, int reportFd)
{
    auto db = Database::open(path, key);
    if (!db) {
        _exit(2);
    }
    MessageStore store(*db);
    for (std::int32_t n = firstBatch;; ++n) {
        if (!store.addBatch(batch(conversation, n))) {
            _exit(3);
        }
        // Index every third batch, so kills also land while the queue is indexed.
        if (n % 3 == 0 && !store.indexPending()) {
            _exit(5);
        }
        if (::write(reportFd, &n, sizeof n) != static_cast<ssize_t>(sizeof n)) {
            _exit(4);
        }
    }
}

} // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    void sigkillMidWriteLosesNoCommittedBatch()
    {
        QTemporaryDir dir;
        const auto key = crypto::randomSecret(databaseKeySize);
        ConversationId conversation;
        {
            auto db = test::openClientDatabase(dir, key);
            ContactStore contacts(db);
            conversation = *contacts.conversationWith(*contacts.add("bob", "", ContactState::Accepted, 1));
        }
        const std::string path = dir.filePath(QStringLiteral("profile.db")).toStdString();
        std::int32_t nextBatch = 0;
        for (int round = 0; round < 4; ++round) {
            int fds[2];
            QCOMPARE(::pipe(fds), 0);
            const pid_t child = ::fork();
            QVERIFY(child >= 0);
            if (child == 0) {
                ::close(fds[0]);
                writeForever(path, key, conversation, nextBatch, fds[1]);
            }
            ::close(fds[1]);
            // Let it commit a varying number of batches, then kill it while it writes.
            std::int32_t reported = -1;
            const int wanted = 10 + round * 7;
            for (int got = 0; got < wanted; ++got) {
                QCOMPARE(::read(fds[0], &reported, sizeof reported), static_cast<ssize_t>(sizeof reported));
            }
            QCOMPARE(::kill(child, SIGKILL), 0);
            int status = 0;
            QCOMPARE(::waitpid(child, &status, 0), child);
            QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
            // Drain reports written between our last read and the kill.
            std::int32_t more = 0;
            while (::read(fds[0], &more, sizeof more) == static_cast<ssize_t>(sizeof more)) {
                reported = more;
            }
            ::close(fds[0]);

            auto db = Database::open(path, key);
            QVERIFY2(db, db ? "" : describe(db.error()).c_str());
            QCOMPARE(*db->queryText("PRAGMA integrity_check"), std::string("ok"));
            // FTS4's check compares the index with every message: index the queue first.
            QVERIFY(MessageStore(*db).indexPending());
            auto ftsCheck = db->exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");
            QVERIFY2(ftsCheck, ftsCheck ? "" : describe(ftsCheck.error()).c_str());
            const auto stored = *db->queryInt64("SELECT count(*) FROM messages");
            // Every reported batch is there; at most the one being written when killed is extra.
            const std::int64_t committed = (static_cast<std::int64_t>(reported) + 1) * batchSize;
            QVERIFY2(stored == committed || stored == committed + batchSize,
                qPrintable(QStringLiteral("stored %1, committed %2").arg(stored).arg(committed)));
            QVERIFY(stored % batchSize == 0);
            MessageStore store(*db);
            const auto last = std::to_string(static_cast<std::int64_t>(reported) * batchSize + batchSize - 1);
            auto hit = store.search("crash test message " + last);
            QVERIFY(hit);
            QVERIFY(!hit->empty());
            nextBatch = static_cast<std::int32_t>(stored / batchSize);
        }
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"
