// Integration tests of delivery guarantees on the real palisade-server process: accepted
// envelopes survive a crash (SIGKILL), a skipped ack does not stall the queue, password
// verification does not block other clients, SIGTERM with live clients drains.
#include "crypto/Init.h"
#include "server/support/ServerProcess.h"
#include "server/support/TestClient.h"

#include <QtTest>

#include <atomic>
#include <numeric>
#include <set>
#include <thread>

using namespace palisade;
using namespace palisade::server::test;
using namespace std::chrono_literals;

namespace {
const std::string password = "durable passphrase 12";

/// Reads envelopes until none arrives for @p quiet; returns their client message ids in order
/// and adds their server ids to @p ack (unless @p skip says so).
std::vector<std::string> drain(TestClient& client, v1::Frame& ack, std::chrono::milliseconds quiet,
    const std::function<bool(std::size_t)>& skip = {})
{
    std::vector<std::string> ids;
    while (auto e = client.waitFor(v1::Frame::kEnvelope, quiet)) {
        if (!skip || !skip(ids.size())) {
            ack.mutable_ack()->add_server_ids(e->envelope().server_id());
        }
        ids.push_back(e->envelope().client_message_id());
    }
    return ids;
}
} // namespace

class TestServerDurability : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;
    std::map<std::string, std::uint64_t> m_devices;

    /// Connect; enrol on first use. The seed picks the device key.
    bool logIn(TestClient& client, const std::string& user)
    {
        if (!client.connect(m_server->port(), m_server->publicKey())) {
            return false;
        }
        if (client.waitFor(v1::Frame::kQueueStatus, 300ms)) {
            return true;
        }
        auto result = client.enrol(user, password);
        if (!result || !result->has_enrol_result()) {
            return false;
        }
        m_devices[user] = result->enrol_result().device_id();
        return client.waitFor(v1::Frame::kQueueStatus).has_value();
    }

    /// @p a and @p b become mutual buddies.
    bool befriend(TestClient& a, TestClient& b, const std::string& nameA, const std::string& nameB)
    {
        auto asked = a.contact(v1::Frame::kContactRequest, nameB);
        auto accepted = b.contact(v1::Frame::kContactAccept, nameA);
        return asked && asked->has_ok() && accepted && accepted->has_ok();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(crypto::initialize().has_value());
        m_server = std::make_unique<ServerProcess>(std::map<std::string, std::string> {
            { "limits.messages_per_second", "2000" }, { "limits.message_burst", "2000" },
            { "limits.pair_messages_per_second", "2000" }, { "limits.pair_burst", "2000" } });
        QVERIFY(m_server->ready());
        for (const char* name : { "alice", "bob", "carol", "dave" }) {
            QVERIFY(m_server->addUser(name, password));
        }
        QVERIFY2(m_server->start(), m_server->log().constData());
        TestClient alice(1);
        TestClient bob(2);
        TestClient carol(3);
        QVERIFY(logIn(alice, "alice"));
        QVERIFY(logIn(bob, "bob"));
        QVERIFY(logIn(carol, "carol"));
        QVERIFY(befriend(alice, bob, "alice", "bob"));
        QVERIFY(befriend(alice, carol, "alice", "carol"));
    }
    void cleanupTestCase()
    {
        if (m_server && m_server->running()) {
            QCOMPARE(m_server->stop(), 0);
        }
    }

    void acceptedEnvelopesSurviveACrash()
    {
        std::set<std::string> toBob;
        std::set<std::string> toCarol;
        {
            TestClient alice(1);
            TestClient bob(2); // online, reads but never acks; carol is offline
            QVERIFY(logIn(alice, "alice"));
            QVERIFY(logIn(bob, "bob"));
            std::vector<std::uint64_t> requests;
            for (int i = 0; i < 40; ++i) {
                const auto id = messageId("crash" + std::to_string(i));
                const bool forBob = i % 2 == 0;
                v1::Frame frame;
                auto* send = frame.mutable_send_envelope();
                send->set_recipient(forBob ? "bob" : "carol");
                send->set_client_message_id(id);
                auto* c = send->add_ciphertexts();
                c->set_device_id(m_devices[forBob ? "bob" : "carol"]);
                c->set_ciphertext("body " + std::to_string(i));
                requests.push_back(alice.send(frame));
                (forBob ? toBob : toCarol).insert(id);
            }
            for (auto id : requests) {
                auto answer = alice.answer(id);
                QVERIFY2(answer && answer->has_send_result(), "an envelope was not accepted");
            }
            v1::Frame unused;
            QVERIFY(!drain(bob, unused, 500ms).empty()); // delivered live, not acknowledged
            m_server->crash();
        }
        QVERIFY2(m_server->start(), m_server->log().right(500).constData());
        TestClient bob(2);
        TestClient carol(3);
        QVERIFY(logIn(bob, "bob"));
        QVERIFY(logIn(carol, "carol"));
        for (auto [client, expected] : { std::pair { &bob, &toBob }, std::pair { &carol, &toCarol } }) {
            v1::Frame ack;
            auto got = drain(*client, ack, 1000ms);
            QCOMPARE(std::set<std::string>(got.begin(), got.end()), *expected);
            QCOMPARE(got.size(), expected->size()); // each once
            client->send(ack);
            client->disconnect();
            QVERIFY(client->connect(m_server->port(), m_server->publicKey()).has_value());
            auto status = client->waitFor(v1::Frame::kQueueStatus);
            QVERIFY(status && status->queue_status().pending() == 0);
            QVERIFY(!client->waitFor(v1::Frame::kEnvelope, 300ms).has_value());
        }
    }

    void skippedAckDoesNotStallTheQueue()
    {
        constexpr int count = 400; // more than the server's delivery window
        {
            TestClient alice(1);
            QVERIFY(logIn(alice, "alice"));
            std::vector<std::uint64_t> requests;
            for (int i = 0; i < count; ++i) {
                requests.push_back(alice.send([&] {
                    v1::Frame frame;
                    auto* send = frame.mutable_send_envelope();
                    send->set_recipient("carol");
                    send->set_client_message_id(messageId("skip" + std::to_string(i)));
                    auto* c = send->add_ciphertexts();
                    c->set_device_id(m_devices["carol"]);
                    c->set_ciphertext(std::string(200, 'x'));
                    return frame;
                }()));
            }
            for (auto id : requests) {
                auto answer = alice.answer(id);
                QVERIFY(answer && answer->has_send_result());
            }
        }
        TestClient carol(3);
        QVERIFY(logIn(carol, "carol"));
        // Acks go out as envelopes arrive, except for the fifth one.
        std::vector<std::string> got;
        std::string skipped;
        while (auto e = carol.waitFor(v1::Frame::kEnvelope, 1500ms)) {
            if (got.size() == 4) {
                skipped = e->envelope().client_message_id();
            } else {
                v1::Frame ack;
                ack.mutable_ack()->add_server_ids(e->envelope().server_id());
                carol.send(ack);
            }
            got.push_back(e->envelope().client_message_id());
        }
        QCOMPARE(got.size(), std::size_t { count });
        for (int i = 0; i < count; ++i) {
            QCOMPARE(got[static_cast<std::size_t>(i)], messageId("skip" + std::to_string(i))); // in order
        }
        // The skipped one comes again on the next connection, alone.
        carol.disconnect();
        QVERIFY(carol.connect(m_server->port(), m_server->publicKey()).has_value());
        v1::Frame ack;
        auto again = drain(carol, ack, 1000ms);
        QCOMPARE(again, std::vector<std::string> { skipped });
        carol.send(ack);
    }

    void passwordChecksDoNotBlockOthers()
    {
        TestClient bystander(1);
        QVERIFY(logIn(bystander, "alice"));
        // Several enrolments with the real Argon2id hasher, in flight at once.
        constexpr int enrolments = 6;
        std::vector<std::thread> threads;
        std::vector<int> enrolled(enrolments, 0);
        std::atomic<int> finished { 0 };
        std::atomic<int> finishedWhenBystanderWasDone { -1 };
        std::atomic<bool> go { false };
        const auto port = m_server->port();
        const auto key = m_server->publicKey();
        for (int i = 0; i < enrolments; ++i) {
            threads.emplace_back([&, i] {
                TestClient client;
                if (!client.connect(port, key)) {
                    return;
                }
                while (!go) {
                    std::this_thread::yield();
                }
                auto result = client.enrol("dave", password);
                enrolled[static_cast<std::size_t>(i)] = result && result->has_enrol_result() ? 1 : 0;
                ++finished;
            });
        }
        go = true;
        std::this_thread::sleep_for(50ms); // the requests are on their way
        // The bystander is served while the verifications run: it completes many round
        // trips before the last enrolment is answered.
        int answered = 0;
        for (int i = 0; i < 20; ++i) {
            v1::Frame list;
            list.mutable_contact_list_request();
            auto answer = bystander.call(list);
            answered += answer && answer->has_contact_list() ? 1 : 0;
        }
        finishedWhenBystanderWasDone = finished.load();
        for (auto& t : threads) {
            t.join();
        }
        QCOMPARE(answered, 20);
        QCOMPARE(std::accumulate(enrolled.begin(), enrolled.end(), 0), enrolments);
        QVERIFY2(finishedWhenBystanderWasDone < enrolments,
            "the bystander was only served after every password check");
    }

    void sigtermWithLiveClientsDrains()
    {
        TestClient alice(1);
        TestClient bob(2);
        QVERIFY(logIn(alice, "alice"));
        QVERIFY(logIn(bob, "bob"));
        QCOMPARE(m_server->stop(), 0);
        QVERIFY(m_server->log().contains("draining "));
        QVERIFY(alice.waitClosed());
        QVERIFY(bob.waitClosed());
        QVERIFY2(m_server->start(), m_server->log().right(500).constData()); // for cleanup
    }
};

QTEST_GUILESS_MAIN(TestServerDurability)
#include "TestServerDurability.moc"
