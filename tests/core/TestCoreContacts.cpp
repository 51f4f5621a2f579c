// Integration tests of buddy-list-only contacts in the client engine: requests with a note,
// accept, decline, block, unblock, lookup and presence against the real palisade-server, and
// the client's own buddy filter against a misbehaving test server.
#include "core/EngineHarness.h"
#include "core/contacts/PlainText.h"
#include "crypto/Init.h"

#include <QtTest>

#include <atomic>
#include <thread>

using namespace palisade;
using namespace palisade::core;
using namespace palisade::core::test;
using namespace palisade::server::test;
using namespace std::chrono_literals;

namespace {

/// A server that speaks the protocol but ignores buddy-only routing: after the client's
/// contact list request it pushes an envelope and a presence event from "mallory", and it
/// answers prekey bundle requests with mallory's bundle.
class HostileServer {
public:
    HostileServer()
        : m_acceptor(m_io, net::tcp::endpoint(net::asio::ip::make_address("127.0.0.1"), 0))
    {
        m_port = m_acceptor.local_endpoint().port();
        net::asio::co_spawn(m_io, serve(), net::asio::detached);
        m_thread = std::thread([this] { m_io.run(); });
    }
    ~HostileServer()
    {
        m_io.stop();
        m_thread.join();
    }
    [[nodiscard]] std::uint16_t port() const { return m_port; }
    [[nodiscard]] const crypto::X25519PublicKey& publicKey() const { return m_key.publicKey; }
    std::atomic<bool> strangerAcked { false };

private:
    net::Awaitable<void> serve()
    {
        boost::system::error_code ec;
        auto socket
            = co_await m_acceptor.async_accept(net::asio::redirect_error(net::asio::use_awaitable, ec));
        if (ec) {
            co_return;
        }
        v1::ServerHello hello;
        hello.set_protocol_version(net::kProtocolVersion);
        hello.set_server_version("9.9.9");
        hello.set_min_client_version("0.0.1");
        hello.set_device_enrolled(true);
        auto accepted = co_await net::acceptClient(std::move(socket), m_key, hello, false);
        if (!accepted) {
            co_return;
        }
        auto& connection = *accepted->connection;
        for (;;) {
            auto frame = co_await connection.receiveFrame();
            if (!frame) {
                co_return;
            }
            v1::Frame answer;
            answer.set_request_id(frame->request_id());
            if (frame->has_contact_list_request()) {
                answer.mutable_contact_list();
                (void)connection.queueFrame(answer);
                v1::Frame envelope;
                envelope.mutable_envelope()->set_server_id(77);
                envelope.mutable_envelope()->set_sender("mallory");
                envelope.mutable_envelope()->set_client_message_id(std::string(16, 'm'));
                envelope.mutable_envelope()->set_ciphertext("worm");
                (void)connection.queueFrame(envelope);
                v1::Frame presence;
                presence.mutable_presence_event()->set_username("mallory");
                presence.mutable_presence_event()->set_status(v1::PRESENCE_ONLINE);
                (void)co_await connection.sendFrame(presence);
                continue;
            }
            if (frame->has_ack()) {
                for (auto id : frame->ack().server_ids()) {
                    strangerAcked = strangerAcked || id == 77;
                }
                continue;
            }
            if (frame->has_prekey_bundle_request()) {
                answer.mutable_prekey_bundles()->set_username("mallory");
                answer.mutable_prekey_bundles()->add_bundles()->set_device_id(1);
            } else {
                answer.mutable_ok();
            }
            (void)co_await connection.sendFrame(answer);
        }
    }

    net::asio::io_context m_io;
    net::tcp::acceptor m_acceptor;
    crypto::X25519KeyPair m_key = crypto::x25519::generateKeyPair();
    std::uint16_t m_port = 0;
    std::thread m_thread;
};

bool hasContact(EngineHarness& h, const std::string& name, storage::ContactState state)
{
    for (const auto& c : h.status().contacts) {
        if (c.username == name && c.state == state) {
            return true;
        }
    }
    return false;
}

bool hasNoContact(EngineHarness& h, const std::string& name)
{
    for (const auto& c : h.status().contacts) {
        if (c.username == name) {
            return false;
        }
    }
    return true;
}
} // namespace

class TestCoreContacts : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<EngineHarness> m_alice;
    std::unique_ptr<EngineHarness> m_bob;
    std::unique_ptr<EngineHarness> m_carol;

private slots:
    void initTestCase()
    {
        QVERIFY(crypto::initialize().has_value());
        m_server = startServer();
        QVERIFY(m_server);
        m_alice = std::make_unique<EngineHarness>(configFor(*m_server));
        m_bob = std::make_unique<EngineHarness>(configFor(*m_server));
        m_carol = std::make_unique<EngineHarness>(configFor(*m_server));
        QVERIFY(m_alice->enrol("alice", alicePassword));
        QVERIFY(m_bob->enrol("bob", bobPassword));
        QVERIFY(m_carol->enrol("carol", carolPassword));
    }

    void exactLookup()
    {
        m_alice->engine().lookup("bob");
        auto found = m_alice->waitFor<LookupFinished>();
        QVERIFY(found.has_value());
        QVERIFY(found->found);
        m_alice->engine().lookup("nobody");
        found = m_alice->waitFor<LookupFinished>();
        QVERIFY(found.has_value());
        QVERIFY(!found->found);
    }

    void requestWithNoteThenAccept()
    {
        const std::string note = "Hi Bob\x1b[31m it's \xE2\x80\xAE"
                                 "alice\x07\tfrom accounting "
            + std::string(300, 'x');
        m_alice->engine().requestContact("bob", note);
        const auto request = m_bob->waitFor<ContactRequestReceived>();
        QVERIFY(request.has_value());
        QCOMPARE(request->username, std::string("alice"));
        QVERIFY(request->note.starts_with("Hi Bob[31m it's alice from accounting xxx"));
        QVERIFY(request->note.find('\x1b') == std::string::npos);
        QVERIFY(request->note.find("\xE2\x80\xAE") == std::string::npos);
        QCOMPARE(request->note.size(), maxNoteLength);
        QVERIFY(hasContact(*m_bob, "alice", storage::ContactState::RequestReceived));
        QCOMPARE(m_bob->status().contacts.front().note, request->note);

        m_bob->engine().acceptContact("alice");
        QTRY_VERIFY_WITH_TIMEOUT(hasContact(*m_alice, "bob", storage::ContactState::Accepted), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(hasContact(*m_bob, "alice", storage::ContactState::Accepted), 10000);
    }

    void presenceFlowsBetweenBuddiesOnly()
    {
        m_carol->waitFor<PresenceChanged>({}, 10ms);
        m_bob->engine().setPresence(v1::PRESENCE_AWAY);
        const auto seen = m_alice->waitFor<PresenceChanged>(
            [](const PresenceChanged& e) { return e.username == "bob" && e.status == v1::PRESENCE_AWAY; });
        QVERIFY(seen.has_value());
        QTest::qWait(500);
        QCOMPARE(m_carol->count<PresenceChanged>(), 0);
    }

    void strangerRefusedAtTheServer()
    {
        v1::Frame frame;
        auto* envelope = frame.mutable_send_envelope();
        envelope->set_client_message_id(std::string(16, 'c'));
        envelope->set_recipient("alice");
        envelope->add_ciphertexts()->set_device_id(1);
        auto answer = m_carol->probe()->request(m_carol->engine(), frame);
        QVERIFY(answer.has_value());
        QVERIFY(answer->has_error());
        QCOMPARE(answer->error().code(), v1::ERROR_NOT_A_BUDDY);
        v1::Frame bundles;
        bundles.mutable_prekey_bundle_request()->set_username("alice");
        answer = m_carol->probe()->request(m_carol->engine(), bundles);
        QVERIFY(answer.has_value());
        QVERIFY(answer->has_error());
    }

    void declineBlockAndUnblock()
    {
        m_carol->engine().requestContact("alice", "");
        QVERIFY(m_alice->waitFor<ContactRequestReceived>().has_value());
        m_alice->engine().declineContact("carol");
        QTRY_VERIFY_WITH_TIMEOUT(hasNoContact(*m_carol, "alice"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(hasNoContact(*m_alice, "carol"), 10000);

        m_alice->engine().blockContact("bob");
        QTRY_VERIFY_WITH_TIMEOUT(hasContact(*m_alice, "bob", storage::ContactState::Blocked), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_alice->status().outboxItems, std::size_t { 0 }, 10000);
        m_bob->engine().requestContact("alice", "still friends?");
        QTRY_COMPARE_WITH_TIMEOUT(m_bob->status().outboxItems, std::size_t { 0 }, 10000);
        QTest::qWait(300);
        QCOMPARE(m_alice->count<ContactRequestReceived>(), 0);
        QVERIFY(hasContact(*m_alice, "bob", storage::ContactState::Blocked));

        m_alice->engine().unblockContact("bob");
        QTRY_VERIFY_WITH_TIMEOUT(hasNoContact(*m_alice, "bob"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_alice->status().outboxItems, std::size_t { 0 }, 10000);
    }

    void strangerDroppedAtTheClient()
    {
        HostileServer hostile;
        SessionConfig config;
        config.server = { "127.0.0.1", hostile.port() };
        config.pinnedKeys = { hostile.publicKey() };
        EngineHarness client(config);
        QVERIFY(client.open());
        client.engine().connect();
        QVERIFY(client.waitState(SessionState::Connected));
        QVERIFY(client
                    .waitFor<SecurityEventRecorded>(
                        [](const SecurityEventRecorded& e) { return e.kind == "stranger_envelope"; })
                    .has_value());
        QVERIFY(client
                    .waitFor<SecurityEventRecorded>(
                        [](const SecurityEventRecorded& e) { return e.kind == "stranger_presence"; })
                    .has_value());
        QTRY_VERIFY_WITH_TIMEOUT(hostile.strangerAcked.load(), 5000); // deleted, never delivered
        QCOMPARE(client.count<PresenceChanged>(), 0);

        v1::Frame bundles;
        bundles.mutable_prekey_bundle_request()->set_username("mallory");
        auto answer = client.probe()->request(client.engine(), bundles);
        QVERIFY(answer.has_value());
        QVERIFY(answer->has_error());
        QCOMPARE(answer->error().code(), v1::ERROR_NOT_A_BUDDY);
        QVERIFY(client
                    .waitFor<SecurityEventRecorded>(
                        [](const SecurityEventRecorded& e) { return e.kind == "stranger_bundle"; })
                    .has_value());
    }

    void cleanupTestCase()
    {
        m_alice.reset();
        m_bob.reset();
        m_carol.reset();
    }
};

QTEST_GUILESS_MAIN(TestCoreContacts)
#include "TestCoreContacts.moc"
