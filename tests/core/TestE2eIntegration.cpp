// Integration tests of core/e2e through the real palisade-server: two clients, each behind
// a recording TCP relay, exchange end-to-end encrypted messages (live and offline). Then
// every recorded byte and every table of the server's SQLCipher store (opened with the
// server's own key) is searched for the message texts and the passwords.
#include "core/e2e/MessagingService.h"
#include "crypto/Init.h"
#include "server/support/ServerProcess.h"
#include "storage/ContactStore.h"
#include "storage/Migrations.h"
#include "storage/Schema.h"

#include <sodium.h>

#include <QFile>
#include <QtTest>

#include "NoiseLink.h"
#include "RecordingProxy.h"

using namespace palisade;
using palisade::test::await;
using palisade::test::runUntil;

namespace {

struct Client {
    Client(net::asio::io_context& io, std::string name, std::uint16_t serverPort)
        : user(std::move(name))
        , proxy(io, serverPort)
        , link(io, crypto::x25519::generateKeyPair())
    {
        crypto::SecureBuffer key(storage::databaseKeySize);
        randombytes_buf(key.data(), key.size());
        storage::OpenOptions options;
        options.create = true;
        auto opened
            = storage::Database::open(dir.filePath(QStringLiteral("profile.db")).toStdString(), key, options);
        if (opened && storage::migrate(*opened, storage::clientMigrations())) {
            db = std::move(*opened);
        }
    }
    std::size_t messageCount(const std::string& contact)
    {
        auto found = storage::ContactStore(db).find(contact);
        if (!found || !*found) {
            return 0;
        }
        auto conversation = storage::ContactStore(db).conversationWith((*found)->id);
        auto page = storage::MessageStore(db).latest(*conversation, 100);
        return page ? page->size() : 0;
    }

    std::string user;
    QTemporaryDir dir;
    storage::Database db;
    test::RecordingProxy proxy;
    test::NoiseLink link;
    std::uint64_t device = 0;
    std::unique_ptr<core::MessagingService> service;
    std::map<std::int64_t, storage::MessageState> states;
};

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

class TestE2eIntegration : public QObject {
    Q_OBJECT

    net::asio::io_context m_io;
    std::unique_ptr<server::test::ServerProcess> m_server;
    const std::string m_alicePassword = "correct horse 7c41d9e0 battery";
    const std::string m_bobPassword = "tulip garden 2be86f13 river";
    const std::vector<std::string> m_texts { "live message 5d2f91 from alice", "reply 0a77c3 from bob",
        "offline message e6b104 while bob is away" };

    std::optional<v1::Frame> call(Client& c, v1::Frame frame)
    {
        auto reply = await(m_io, c.link.request(std::move(frame)));
        if (!reply || !*reply) {
            return std::nullopt;
        }
        return std::move(**reply);
    }

    bool login(Client& c, const std::string& password)
    {
        auto hello = await(m_io, c.link.connect(c.proxy.port(), m_server->publicKey()));
        if (!hello || !*hello) {
            return false;
        }
        if ((*hello)->device_enrolled()) {
            return true;
        }
        v1::Frame enrol;
        enrol.mutable_enrol_request()->set_username(c.user);
        enrol.mutable_enrol_request()->set_password(password);
        enrol.mutable_enrol_request()->set_device_name("test");
        auto result = call(c, std::move(enrol));
        if (!result || !result->has_enrol_result()) {
            return false;
        }
        c.device = result->enrol_result().device_id();
        return true;
    }

    bool startService(Client& c)
    {
        core::E2eEvents events;
        events.stateChanged
            = [&c](storage::MessageId id, storage::MessageState state) { c.states[id.value] = state; };
        c.service = std::make_unique<core::MessagingService>(c.link, c.db, m_io.get_executor(),
            core::SelfIdentity { c.user, c.device }, core::E2eOptions {}, events);
        if (!c.service->open()) {
            return false;
        }
        auto ok = await(m_io, c.service->onConnected());
        return ok && *ok;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(crypto::initialize().has_value());
        m_server = std::make_unique<server::test::ServerProcess>();
        QVERIFY(m_server->ready());
        QVERIFY(m_server->addUser("alice", m_alicePassword));
        QVERIFY(m_server->addUser("bob", m_bobPassword));
        QVERIFY(m_server->start());
    }

    void exchangeLiveAndOfflineThenServerSeesOnlyCiphertext()
    {
        Client alice(m_io, "alice", m_server->port());
        Client bob(m_io, "bob", m_server->port());
        QVERIFY(alice.db.isOpen() && bob.db.isOpen());
        QVERIFY(login(alice, m_alicePassword));
        QVERIFY(login(bob, m_bobPassword));

        v1::Frame request;
        request.mutable_contact_request()->set_username("bob");
        QVERIFY(call(alice, request)->has_ok());
        v1::Frame accept;
        accept.mutable_contact_accept()->set_username("alice");
        QVERIFY(call(bob, accept)->has_ok());
        QVERIFY(storage::ContactStore(alice.db).add("bob", "Bob", storage::ContactState::Accepted, 1));
        QVERIFY(storage::ContactStore(bob.db).add("alice", "Alice", storage::ContactState::Accepted, 1));
        QVERIFY(startService(alice));
        QVERIFY(startService(bob));

        // Live, both ways, with delivery receipts.
        auto first = await(m_io, alice.service->sendText("bob", m_texts[0]));
        QVERIFY(first && *first);
        QVERIFY(runUntil(m_io, [&] { return bob.messageCount("alice") == 1; }));
        QVERIFY(runUntil(
            m_io, [&] { return alice.states[(*first)->value] == storage::MessageState::Delivered; }));
        auto reply = await(m_io, bob.service->sendText("alice", m_texts[1]));
        QVERIFY(reply && *reply);
        QVERIFY(runUntil(m_io, [&] { return alice.messageCount("bob") == 2; }));

        // Offline: the server queues the envelope; bob gets it at his next login.
        bob.link.close();
        QVERIFY(runUntil(m_io, [&] { return !bob.link.isConnected(); }));
        auto offline = await(m_io, alice.service->sendText("bob", m_texts[2]));
        QVERIFY(offline && *offline);
        QVERIFY(
            runUntil(m_io, [&] { return alice.states[(*offline)->value] == storage::MessageState::Sent; }));
        QCOMPARE(bob.messageCount("alice"), std::size_t { 2 }); // alice's first and his reply
        QVERIFY(login(bob, m_bobPassword));
        QVERIFY(runUntil(m_io, [&] { return bob.messageCount("alice") == 3; }));
        QVERIFY(runUntil(
            m_io, [&] { return alice.states[(*offline)->value] == storage::MessageState::Delivered; }));

        // Nothing readable crossed the wire.
        for (const auto* c : { &alice, &bob }) {
            const auto& bytes = c->proxy.recorded();
            QVERIFY(bytes.size() > 1000);
            for (const auto& secret : m_texts) {
                QVERIFY2(!contains(bytes, secret), secret.c_str());
            }
            QVERIFY(!contains(bytes, m_alicePassword));
            QVERIFY(!contains(bytes, m_bobPassword));
            QVERIFY(!contains(bytes, "live message"));
        }

        // Nothing readable in the server's store either: every column of every table.
        alice.link.close();
        bob.link.close();
        QCOMPARE(m_server->stop(), 0);
        const auto dataDir = m_server->dataDir().toStdString();
        QFile keyFile(m_server->dataDir() + QStringLiteral("/server.db.key"));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const auto raw = keyFile.readAll();
        QCOMPARE(raw.size(), qsizetype { 32 });
        auto key = crypto::SecureBuffer::copyOf(
            { reinterpret_cast<const std::uint8_t*>(raw.constData()), static_cast<std::size_t>(raw.size()) });
        auto store = storage::Database::open(dataDir + "/server.db", key);
        QVERIFY(store.has_value());
        auto tables = store->collectRows("SELECT name FROM sqlite_master WHERE type = 'table'",
            [](const storage::Statement& row) { return row.columnText(0); });
        QVERIFY(tables && tables->size() >= 3);
        std::string everything;
        int rows = 0;
        for (const auto& table : *tables) {
            auto columns = store->collectRows("PRAGMA table_info(\"" + table + "\")",
                [](const storage::Statement& row) { return row.columnText(1); });
            QVERIFY(columns.has_value());
            for (const auto& column : *columns) {
                auto values
                    = store->collectRows("SELECT CAST(\"" + column + "\" AS BLOB) FROM \"" + table + "\"",
                        [](const storage::Statement& row) { return row.columnBlob(0); });
                QVERIFY(values.has_value());
                for (const auto& v : *values) {
                    everything.append(v.begin(), v.end());
                    ++rows;
                }
            }
        }
        QVERIFY(rows > 0);
        QVERIFY(contains(everything, "alice")); // the search does see the store's contents
        for (const auto& secret : m_texts) {
            QVERIFY2(!contains(everything, secret), secret.c_str());
        }
        QVERIFY(!contains(everything, m_alicePassword));
        QVERIFY(!contains(everything, m_bobPassword));
    }
};

QTEST_GUILESS_MAIN(TestE2eIntegration)
#include "TestE2eIntegration.moc"
