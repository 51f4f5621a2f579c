// Integration tests of the real palisade-server process: prekey upload and bundle fetch,
// the file relay over the wire, and a client that stops reading.
#include "crypto/Init.h"
#include "server/support/ServerProcess.h"
#include "server/support/TestClient.h"

#include <QtTest>

using namespace palisade;
using namespace palisade::server::test;
using namespace std::chrono_literals;

namespace {
const std::string password = "relay passphrase 345";

bool isError(const std::optional<v1::Frame>& frame, v1::ErrorCode code)
{
    return frame && frame->has_error() && frame->error().code() == code;
}

v1::Frame fileBegin(
    const std::string& id, const std::string& recipient, std::uint64_t bytes, std::uint32_t chunks)
{
    v1::Frame frame;
    auto* begin = frame.mutable_file_begin();
    begin->set_transfer_id(id);
    begin->add_recipients(recipient);
    begin->set_total_bytes(bytes);
    begin->set_chunk_count(chunks);
    return frame;
}

v1::Frame fileChunk(const std::string& id, std::uint32_t index, const std::string& data)
{
    v1::Frame frame;
    frame.mutable_file_chunk()->set_transfer_id(id);
    frame.mutable_file_chunk()->set_index(index);
    frame.mutable_file_chunk()->set_data(data);
    return frame;
}

v1::Frame fileFetch(const std::string& id, std::uint32_t from)
{
    v1::Frame frame;
    frame.mutable_file_fetch()->set_transfer_id(id);
    frame.mutable_file_fetch()->set_from_chunk(from);
    return frame;
}

/// Uploads @p chunks chunks of @p chunkBytes and ends the transfer; true when complete.
bool upload(TestClient& client, const std::string& id, const std::string& recipient, std::uint32_t chunks,
    std::size_t chunkBytes)
{
    auto begun = client.call(fileBegin(id, recipient, std::uint64_t { chunks } * chunkBytes, chunks));
    if (!begun || !begun->has_file_status()) {
        return false;
    }
    for (std::uint32_t i = 0; i < chunks; ++i) {
        auto stored = client.call(fileChunk(id, i, std::string(chunkBytes, static_cast<char>('a' + i % 26))));
        if (!stored || !stored->has_file_status()) {
            return false;
        }
    }
    v1::Frame end;
    end.mutable_file_end()->set_transfer_id(id);
    auto done = client.call(end);
    return done && done->has_file_status() && done->file_status().complete();
}
} // namespace

class TestServerRelay : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;

    bool logIn(TestClient& client, const std::string& user)
    {
        return client.logIn(m_server->port(), m_server->publicKey(), user, password);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(crypto::initialize().has_value());
        m_server = std::make_unique<ServerProcess>(std::map<std::string, std::string> {
            { "limits.messages_per_second", "2000" }, { "limits.message_burst", "2000" },
            { "limits.file_quota_mb", "16" }, { "limits.max_file_mb", "16" },
            { "limits.write_timeout_seconds", "2" }, { "prekeys.low_watermark", "10" } });
        QVERIFY(m_server->ready());
        for (const char* name : { "alice", "bob", "carol" }) {
            QVERIFY(m_server->addUser(name, password));
        }
        QVERIFY2(m_server->start(), m_server->log().constData());
        TestClient alice(1);
        TestClient bob(2);
        TestClient carol(3);
        QVERIFY(logIn(alice, "alice"));
        QVERIFY(logIn(bob, "bob"));
        QVERIFY(logIn(carol, "carol")); // carol is nobody's buddy
        QVERIFY(alice.contact(v1::Frame::kContactRequest, "bob")->has_ok());
        QVERIFY(bob.contact(v1::Frame::kContactAccept, "alice")->has_ok());
    }
    void cleanupTestCase()
    {
        if (m_server && m_server->running()) {
            QCOMPARE(m_server->stop(), 0);
        }
    }

    void prekeyBundlesGoToBuddiesOnly()
    {
        TestClient alice(1);
        TestClient bob(2);
        TestClient carol(3);
        QVERIFY(logIn(alice, "alice"));
        QVERIFY(logIn(bob, "bob"));
        QVERIFY(logIn(carol, "carol"));
        v1::Frame upload;
        auto* keys = upload.mutable_prekey_upload();
        keys->set_identity_key(std::string(32, 'I'));
        keys->mutable_signed_prekey()->set_id(7);
        keys->mutable_signed_prekey()->set_public_key(std::string(32, 'S'));
        keys->mutable_signed_prekey()->set_signature(std::string(64, 's'));
        for (std::uint32_t i = 1; i <= 12; ++i) {
            auto* one = keys->add_one_time_prekeys();
            one->set_id(i);
            one->set_public_key(std::string(32, static_cast<char>('0' + i)));
        }
        QVERIFY(bob.call(upload)->has_ok());
        // A malformed upload is refused.
        v1::Frame bad = upload;
        bad.mutable_prekey_upload()->mutable_signed_prekey()->set_signature("short");
        QVERIFY(isError(bob.call(bad), v1::ERROR_BAD_REQUEST));

        v1::Frame fetch;
        fetch.mutable_prekey_bundle_request()->set_username("bob");
        std::vector<std::uint32_t> oneTimeIds;
        for (int i = 0; i < 3; ++i) {
            auto answer = alice.call(fetch);
            QVERIFY(answer && answer->has_prekey_bundles());
            QCOMPARE(answer->prekey_bundles().bundles_size(), 1);
            const auto& bundle = answer->prekey_bundles().bundles(0);
            QCOMPARE(bundle.identity_key(), std::string(32, 'I'));
            QCOMPARE(bundle.signed_prekey().id(), 7U);
            QVERIFY(bundle.has_one_time_prekey());
            oneTimeIds.push_back(bundle.one_time_prekey().id());
        }
        QCOMPARE(oneTimeIds, (std::vector<std::uint32_t> { 1, 2, 3 })); // each one handed out once
        // 9 left, below the watermark of 10: bob is told (after the notice of his login,
        // when he had none).
        std::optional<v1::Frame> low;
        do {
            low = bob.waitFor(v1::Frame::kPrekeysLow);
        } while (low && low->prekeys_low().remaining() == 0);
        QVERIFY(low.has_value());
        QCOMPARE(low->prekeys_low().remaining(), 9U);
        // A stranger gets nothing, and consumes nothing.
        QVERIFY(isError(carol.call(fetch), v1::ERROR_NOT_A_BUDDY));
        auto next = alice.call(fetch);
        QVERIFY(next && next->prekey_bundles().bundles(0).one_time_prekey().id() == 4);
    }

    void filesRelayToTheNamedBuddy()
    {
        TestClient alice(1);
        TestClient bob(2);
        TestClient carol(3);
        QVERIFY(logIn(alice, "alice"));
        QVERIFY(logIn(bob, "bob"));
        QVERIFY(logIn(carol, "carol"));
        const std::string id(16, 'T');
        auto begun = alice.call(fileBegin(id, "bob", 3000, 3));
        QVERIFY(begun && begun->has_file_status() && begun->file_status().chunks_stored() == 0);
        QVERIFY(alice.call(fileChunk(id, 0, std::string(1000, 'a')))->has_file_status());
        QVERIFY(alice.call(fileChunk(id, 1, std::string(1000, 'b')))->has_file_status());
        // A chunk already stored is acknowledged without storing it twice; a gap is refused;
        // a new FileBegin resumes where the upload stopped.
        auto again = alice.call(fileChunk(id, 0, std::string(1000, 'a')));
        QVERIFY(again && again->has_file_status() && again->file_status().chunks_stored() == 2);
        QVERIFY(isError(alice.call(fileChunk(id, 5, std::string(1000, 'x'))), v1::ERROR_BAD_REQUEST));
        auto resumed = alice.call(fileBegin(id, "bob", 3000, 3));
        QVERIFY(resumed && resumed->file_status().chunks_stored() == 2);
        QVERIFY(alice.call(fileChunk(id, 2, std::string(1000, 'c')))->has_file_status());
        v1::Frame end;
        end.mutable_file_end()->set_transfer_id(id);
        auto done = alice.call(end);
        QVERIFY(done && done->file_status().complete());

        // The recipient downloads everything, then resumes from chunk 2.
        for (std::uint32_t from : { 0U, 2U }) {
            const auto request = bob.send(fileFetch(id, from));
            std::string data;
            for (;;) {
                auto frame = bob.answer(request);
                QVERIFY(frame.has_value());
                if (frame->has_file_end()) {
                    break;
                }
                QVERIFY(frame->has_file_chunk());
                QCOMPARE(frame->file_chunk().index(), from + static_cast<std::uint32_t>(data.size() / 1000));
                data += frame->file_chunk().data();
            }
            QCOMPARE(data,
                (from == 0 ? std::string(1000, 'a') + std::string(1000, 'b') : std::string())
                    + std::string(1000, 'c'));
        }
        // Nobody else gets it, and strangers cannot send files.
        QVERIFY(isError(carol.call(fileFetch(id, 0)), v1::ERROR_NOT_FOUND));
        QVERIFY(isError(carol.call(fileBegin(std::string(16, 'C'), "bob", 10, 1)), v1::ERROR_NOT_A_BUDDY));
        // Too large for the relay.
        QVERIFY(isError(
            alice.call(fileBegin(std::string(16, 'L'), "bob", 17ULL << 20, 300)), v1::ERROR_QUOTA_EXCEEDED));
    }

    void oversizeEnvelopeIsRefused()
    {
        TestClient alice(1);
        QVERIFY(logIn(alice, "alice"));
        auto hello = alice.connect(m_server->port(), m_server->publicKey());
        QVERIFY(hello && hello->policy().max_envelope_bytes() == 61440);
        QVERIFY(alice.waitFor(v1::Frame::kQueueStatus).has_value());
        auto answer = alice.sendText("bob", 1, std::string(61441, 'x'), messageId("big"));
        QVERIFY(isError(answer, v1::ERROR_TOO_LARGE));
    }

    void aClientThatStopsReadingIsDropped()
    {
        TestClient alice(1);
        TestClient bob(2);
        QVERIFY(logIn(alice, "alice"));
        QVERIFY(logIn(bob, "bob"));
        // 8 MiB: more than the server's socket buffer and its bounded send queue together.
        const std::string id(16, 'B');
        QVERIFY(upload(alice, id, "bob", 140, 60 * 1024));
        // The quota counts it: another 9 MiB is refused.
        QVERIFY(isError(
            alice.call(fileBegin(std::string(16, 'Q'), "bob", 9ULL << 20, 160)), v1::ERROR_QUOTA_EXCEEDED));
        bob.setReceiveBuffer(4096);
        bob.send(fileFetch(id, 0)); // and never reads again
        // Alice keeps being served while bob's writes are stuck, and bob is dropped.
        v1::Frame list;
        list.mutable_contact_list_request();
        auto during = alice.call(list);
        QVERIFY(during && during->has_contact_list());
        QTRY_VERIFY_WITH_TIMEOUT(m_server->log().contains("dropping a client that stopped reading"), 20000);
        auto after = alice.call(list);
        QVERIFY(after && after->has_contact_list());
        QVERIFY(m_server->running());
        // Bob can come back on a new connection.
        TestClient again(2);
        QVERIFY(logIn(again, "bob"));
    }
};

QTEST_GUILESS_MAIN(TestServerRelay)
#include "TestServerRelay.moc"
