// Integration tests: the real palisade-server process on a loopback port, driven by net/'s
// client handshake and NoiseConnection.
#include "crypto/Init.h"
#include "server/support/ServerProcess.h"
#include "server/support/TestClient.h"

#include <QtTest>

#include <sys/socket.h>

using namespace palisade;
using namespace palisade::server::test;
using namespace std::chrono_literals;

namespace {
const std::string alicePassword = "my long passphrase 1";
const std::string bobPassword = "a good one 42 for him";
const std::string carolPassword = "chosen well 7 by her";

/// Sends @p bytes on a plain TCP connection; true when the server then closes it within 15 s.
bool serverClosesAfter(std::uint16_t port, const std::string& bytes)
{
    net::asio::io_context io;
    net::tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect(net::tcp::endpoint(net::asio::ip::make_address("127.0.0.1"), port), ec);
    if (ec) {
        return false;
    }
    timeval timeout { 15, 0 };
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    net::asio::write(socket, net::asio::buffer(bytes), ec);
    char buffer[256];
    for (;;) {
        socket.read_some(net::asio::buffer(buffer), ec);
        if (ec) {
            return ec == net::asio::error::eof || ec == net::asio::error::connection_reset;
        }
    }
}

bool isError(const std::optional<v1::Frame>& frame, v1::ErrorCode code)
{
    return frame && frame->has_error() && frame->error().code() == code;
}
} // namespace

class TestServerIntegration : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;
    std::uint64_t m_aliceDevice = 0;
    std::uint64_t m_bobDevice = 0;

    /// Connect and enrol (first time) or log in with the device key (later).
    bool logIn(
        TestClient& client, const std::string& user, const std::string& password, std::uint64_t* device)
    {
        return client.logIn(m_server->port(), m_server->publicKey(), user, password, device);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(crypto::initialize().has_value());
        m_server = std::make_unique<ServerProcess>(std::map<std::string, std::string> {
            { "lockout.threshold", "3" }, { "lockout.base_seconds", "30" },
            { "limits.messages_per_second", "20" }, { "limits.message_burst", "40" },
            { "limits.pair_messages_per_second", "20" }, { "limits.pair_burst", "40" },
            { "min_client_version", "0.1.0" }, { "limits.handshake_timeout_seconds", "3" } });
        QVERIFY(m_server->ready());
        QVERIFY(m_server->addUser("alice", alicePassword));
        QVERIFY(m_server->addUser("bob", bobPassword));
        QVERIFY(m_server->addUser("carol", carolPassword));
        QVERIFY(m_server->addUser("mallory", "secret number 99 x"));
        QVERIFY(!m_server->addUser("weak", "short"));
        QVERIFY2(m_server->start(), m_server->log().constData());
    }
    void cleanupTestCase()
    {
        if (m_server && m_server->running()) {
            QCOMPARE(m_server->stop(), 0); // SIGTERM drains and exits cleanly
            QVERIFY(m_server->log().contains("stopped"));
        }
    }

    void enrolWrongPasswordThenRight()
    {
        TestClient client(1);
        auto hello = client.connect(m_server->port(), m_server->publicKey());
        QVERIFY(hello.has_value());
        QCOMPARE(hello->min_client_version(), std::string("0.1.0"));
        QVERIFY(!hello->device_enrolled());
        QVERIFY(isError(client.enrol("alice", "not the password"), v1::ERROR_BAD_CREDENTIALS));
        QVERIFY(isError(client.enrol("nobody", "not the password"), v1::ERROR_BAD_CREDENTIALS));
        // Requests before enrolment are refused.
        v1::Frame list;
        list.mutable_contact_list_request();
        QVERIFY(isError(client.call(list), v1::ERROR_NOT_ENROLLED));
        auto result = client.enrol("alice", alicePassword);
        QVERIFY(result && result->has_enrol_result());
        m_aliceDevice = result->enrol_result().device_id();
        QVERIFY(client.waitFor(v1::Frame::kQueueStatus).has_value());
        // The device key is now the credential.
        client.disconnect();
        auto again = client.connect(m_server->port(), m_server->publicKey());
        QVERIFY(again.has_value() && again->device_enrolled());
        QVERIFY(client.waitFor(v1::Frame::kQueueStatus).has_value());
    }

    void lockoutAfterFailures()
    {
        TestClient client;
        QVERIFY(client.connect(m_server->port(), m_server->publicKey()).has_value());
        for (int i = 0; i < 3; ++i) {
            QVERIFY(isError(
                client.enrol("mallory", "guess number " + std::to_string(i)), v1::ERROR_BAD_CREDENTIALS));
        }
        // Locked: even the right password is refused now.
        auto locked = client.enrol("mallory", "secret number 99 x");
        QVERIFY(isError(locked, v1::ERROR_LOCKED_OUT));
        QVERIFY(locked->error().retry_after_ms() > 0);
    }

    void wrongServerKeyFails()
    {
        TestClient client;
        crypto::X25519PublicKey other = crypto::x25519::generateKeyPair().publicKey;
        QVERIFY(!client.connect(m_server->port(), other).has_value());
        TestClient good; // the server still serves others
        QVERIFY(good.connect(m_server->port(), m_server->publicKey()).has_value());
    }

    void strangersAreRefused()
    {
        TestClient alice(1);
        TestClient bob(2);
        QVERIFY(logIn(alice, "alice", alicePassword, &m_aliceDevice));
        QVERIFY(logIn(bob, "bob", bobPassword, &m_bobDevice));
        QVERIFY(isError(alice.sendText("bob", m_bobDevice, "hi", messageId("s1")), v1::ERROR_NOT_A_BUDDY));
        v1::Frame bundle;
        bundle.mutable_prekey_bundle_request()->set_username("bob");
        QVERIFY(isError(alice.call(bundle), v1::ERROR_NOT_A_BUDDY));
        v1::Frame file;
        file.mutable_file_begin()->set_transfer_id(std::string(16, 'f'));
        file.mutable_file_begin()->add_recipients("bob");
        file.mutable_file_begin()->set_total_bytes(10);
        file.mutable_file_begin()->set_chunk_count(1);
        QVERIFY(isError(alice.call(file), v1::ERROR_NOT_A_BUDDY));
        // Directory: exact names only.
        v1::Frame lookup;
        lookup.mutable_directory_lookup()->set_username("bo");
        auto partial = alice.call(lookup);
        QVERIFY(partial && partial->has_directory_result() && !partial->directory_result().found());
        lookup.mutable_directory_lookup()->set_username("bob");
        auto exact = alice.call(lookup);
        QVERIFY(exact && exact->directory_result().found());
        // A request alone does not open the route.
        QVERIFY(alice.contact(v1::Frame::kContactRequest, "bob")->has_ok());
        auto event = bob.waitFor(v1::Frame::kContactEvent);
        QVERIFY(event && event->contact_event().contact().state() == v1::CONTACT_STATE_REQUEST_RECEIVED);
        QVERIFY(isError(alice.sendText("bob", m_bobDevice, "hi", messageId("s2")), v1::ERROR_NOT_A_BUDDY));
    }

    void buddiesExchangeMessages()
    {
        TestClient alice(1);
        TestClient bob(2);
        QVERIFY(logIn(alice, "alice", alicePassword, &m_aliceDevice));
        QVERIFY(logIn(bob, "bob", bobPassword, &m_bobDevice));
        QVERIFY(bob.contact(v1::Frame::kContactAccept, "alice")->has_ok());
        auto sent = alice.sendText("bob", m_bobDevice, "ciphertext-1", messageId("b1"));
        QVERIFY(sent && sent->has_send_result());
        auto envelope = bob.waitFor(v1::Frame::kEnvelope);
        QVERIFY(envelope.has_value());
        QCOMPARE(envelope->envelope().sender(), std::string("alice"));
        QCOMPARE(envelope->envelope().ciphertext(), std::string("ciphertext-1"));
        QCOMPARE(envelope->envelope().client_message_id(), messageId("b1"));
        QCOMPARE(envelope->envelope().sender_device_id(), m_aliceDevice);
        v1::Frame ack;
        ack.mutable_ack()->add_server_ids(envelope->envelope().server_id());
        bob.send(ack);
        // Presence flows between buddies and carries no address.
        v1::Frame away;
        away.mutable_presence_update()->set_status(v1::PRESENCE_AWAY);
        QVERIFY(alice.call(away)->has_ok());
        auto presence = bob.waitFor(v1::Frame::kPresenceEvent);
        QVERIFY(presence && presence->presence_event().username() == "alice");
    }

    void offlineQueueOrderAndRedelivery()
    {
        TestClient alice(1);
        QVERIFY(logIn(alice, "alice", alicePassword, &m_aliceDevice));
        for (int i = 0; i < 5; ++i) {
            auto sent = alice.sendText(
                "bob", m_bobDevice, "offline-" + std::to_string(i), messageId("o" + std::to_string(i)));
            QVERIFY(sent && sent->has_send_result());
        }
        TestClient bob(2);
        QVERIFY(bob.connect(m_server->port(), m_server->publicKey()).has_value());
        auto status = bob.waitFor(v1::Frame::kQueueStatus);
        QVERIFY(status.has_value());
        QVERIFY(status && status->queue_status().pending() >= 5);
        std::vector<std::string> bodies;
        std::vector<std::uint64_t> ids;
        while (auto e = bob.waitFor(v1::Frame::kEnvelope, 1000ms)) {
            bodies.push_back(e->envelope().ciphertext());
            ids.push_back(e->envelope().server_id());
        }
        QCOMPARE(bodies.size(), std::size_t { 5 });
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(
                bodies[static_cast<std::size_t>(i)], "offline-" + std::to_string(i)); // sender order kept
        }
        // Not acknowledged: delivered again after a reconnect (at least once).
        bob.disconnect();
        QVERIFY(bob.connect(m_server->port(), m_server->publicKey()).has_value());
        v1::Frame ack;
        std::size_t again = 0;
        while (auto e = bob.waitFor(v1::Frame::kEnvelope, 1000ms)) {
            ++again;
            ack.mutable_ack()->add_server_ids(e->envelope().server_id());
        }
        QCOMPARE(again, std::size_t { 5 });
        bob.send(ack);
        bob.disconnect();
        QVERIFY(bob.connect(m_server->port(), m_server->publicKey()).has_value());
        auto empty = bob.waitFor(v1::Frame::kQueueStatus);
        QVERIFY(empty.has_value());
        QCOMPARE(empty->queue_status().pending(), 0U);
        QVERIFY(!bob.waitFor(v1::Frame::kEnvelope, 500ms).has_value());
    }

    void floodIsLimited()
    {
        TestClient alice(1);
        QVERIFY(logIn(alice, "alice", alicePassword, &m_aliceDevice));
        std::vector<std::uint64_t> ids;
        for (int i = 0; i < 120; ++i) {
            v1::Frame list;
            list.mutable_contact_list_request();
            ids.push_back(alice.send(list));
        }
        int limited = 0;
        int served = 0;
        for (auto id : ids) {
            auto answer = alice.answer(id);
            QVERIFY(answer.has_value());
            if (isError(answer, v1::ERROR_RATE_LIMITED)) {
                ++limited;
            } else if (answer->has_contact_list()) {
                ++served;
            }
        }
        QVERIFY2(limited > 0, "no request was rate limited");
        QVERIFY(served >= 40); // the burst was served
        // Others are unaffected.
        TestClient bob(2);
        QVERIFY(logIn(bob, "bob", bobPassword, &m_bobDevice));
        v1::Frame list;
        list.mutable_contact_list_request();
        QVERIFY(bob.call(list)->has_contact_list());
    }

    void oldClientIsRefused()
    {
        TestClient client;
        auto hello = client.connect(m_server->port(), m_server->publicKey(), "0.0.9");
        QVERIFY(hello.has_value());
        auto first = client.next();
        QVERIFY(isError(first, v1::ERROR_UPDATE_REQUIRED));
        QVERIFY(client.waitClosed());
    }

    void hostileInputClosesOnlyThatConnection()
    {
        // Random bytes instead of a handshake.
        QVERIFY(serverClosesAfter(m_server->port(),
            std::string("\x00\x30\x01garbage that is not a handshake at all", 40) + std::string(20, 'g')));
        // An oversize length prefix: the server must not wait for 65535 bytes forever.
        QVERIFY(serverClosesAfter(m_server->port(), std::string("\xff\xff\x01", 3) + std::string(100, 'x')));
        TestClient bystander(3);
        QVERIFY(logIn(bystander, "carol", carolPassword, nullptr));
        // Invalid protobuf inside a valid Noise channel.
        TestClient bad(4);
        QVERIFY(logIn(bad, "carol", carolPassword, nullptr));
        QVERIFY(bad.sendRaw(std::string("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11)));
        QVERIFY(bad.waitClosed());
        // The bystander and new clients are still served.
        // (Pings are answered inside net/'s NoiseConnection, so liveness is checked with a request.)
        v1::Frame list;
        list.mutable_contact_list_request();
        auto answer = bystander.call(list);
        QVERIFY2(answer && answer->has_contact_list(), m_server->log().right(600).constData());
        TestClient fresh;
        QVERIFY(fresh.connect(m_server->port(), m_server->publicKey()).has_value());
        QVERIFY(m_server->running());
    }

    void disabledUserIsCutOff()
    {
        TestClient bob(2);
        QVERIFY(logIn(bob, "bob", bobPassword, &m_bobDevice));
        QCOMPARE(
            m_server->admin({ QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("bob") }), 0);
        auto notice = bob.waitFor(v1::Frame::kError, 5000ms);
        QVERIFY2(isError(notice, v1::ERROR_ACCOUNT_DISABLED), m_server->log().right(700).constData());
        QVERIFY(bob.waitClosed());
        // And cannot come back until enabled.
        QVERIFY(bob.connect(m_server->port(), m_server->publicKey()).has_value());
        auto refused = bob.next();
        QVERIFY2(isError(refused, v1::ERROR_ACCOUNT_DISABLED),
            refused ? std::to_string(refused->body_case()).c_str() : "no frame");
        QCOMPARE(
            m_server->admin({ QStringLiteral("user"), QStringLiteral("enable"), QStringLiteral("bob") }), 0);
        QVERIFY(logIn(bob, "bob", bobPassword, &m_bobDevice));
    }

    void clientsListsDevices()
    {
        QByteArray out;
        QCOMPARE(m_server->admin({ QStringLiteral("clients") }, {}, &out), 0);
        QVERIFY(out.contains("alice\t"));
        QVERIFY(out.contains("0.1.0"));
    }
};

QTEST_GUILESS_MAIN(TestServerIntegration)
#include "TestServerIntegration.moc"
