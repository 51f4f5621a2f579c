// Session request handlers: one function per request body (docs/protocol.md §4).
#include "server/Log.h"
#include "server/Server.h"
#include "server/Session.h"

#include <sodium.h>

namespace palisade::server {

namespace {

constexpr std::size_t clientMessageIdSize = 16;
constexpr std::size_t transferIdSize = 16;

std::vector<std::uint8_t> toBytes(const std::string& s)
{
    return { s.begin(), s.end() };
}

std::string transferKey(const std::string& raw)
{
    std::string hex(raw.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    hex.pop_back();
    return hex;
}

v1::Frame ok()
{
    v1::Frame frame;
    frame.mutable_ok();
    return frame;
}

} // namespace

net::Awaitable<void> Session::handle(v1::Frame& frame)
{
    const std::uint64_t id = frame.request_id();
    if (frame.has_ping()) {
        v1::Frame pong;
        pong.mutable_pong()->set_nonce(frame.ping().nonce());
        reply(id, pong);
        co_return;
    }
    if (!m_loggedIn) {
        if (frame.has_enrol_request()) {
            co_await onEnrol(id, frame.enrol_request());
        } else {
            error(id, Error::UnknownDevice);
        }
        co_return;
    }
    switch (frame.body_case()) {
    case v1::Frame::kSendEnvelope:
        onSend(id, frame.send_envelope());
        break;
    case v1::Frame::kAck:
        acknowledge(frame.ack());
        break;
    case v1::Frame::kContactRequest:
    case v1::Frame::kContactAccept:
    case v1::Frame::kContactDecline:
    case v1::Frame::kContactRemove:
    case v1::Frame::kContactBlock:
        onContact(id, frame);
        break;
    case v1::Frame::kContactListRequest:
        onContactList(id);
        break;
    case v1::Frame::kDirectoryLookup:
        onLookup(id, frame.directory_lookup());
        break;
    case v1::Frame::kPresenceUpdate:
        onPresence(id, frame.presence_update());
        break;
    case v1::Frame::kPrekeyUpload:
        onPrekeyUpload(id, frame.prekey_upload());
        break;
    case v1::Frame::kPrekeyBundleRequest:
        onPrekeyFetch(id, frame.prekey_bundle_request());
        break;
    case v1::Frame::kFileBegin:
        onFileBegin(id, frame.file_begin());
        break;
    case v1::Frame::kFileChunk:
        onFileChunk(id, frame.file_chunk());
        break;
    case v1::Frame::kFileEnd:
        onFileEnd(id, frame.file_end());
        break;
    case v1::Frame::kFileFetch:
        co_await onFileFetch(id, frame.file_fetch());
        break;
    case v1::Frame::kComplianceReport:
        onCompliance(id, frame.compliance_report());
        break;
    case v1::Frame::kEnrolRequest:
        error(id, v1::ERROR_BAD_REQUEST, "this device is already enrolled");
        break;
    default:
        error(id, v1::ERROR_BAD_REQUEST, "unknown or missing request");
        break;
    }
}

net::Awaitable<void> Session::onEnrol(std::uint64_t id, const v1::EnrolRequest& request)
{
    DeviceKey key {};
    const auto& remote = m_connection->remoteStaticKey();
    std::copy(remote.begin(), remote.end(), key.begin());
    auto& accounts = m_server.accounts();
    auto check = accounts.enrolBegin(request.username(), m_address);
    std::expected<LoginResult, Error> result = std::unexpected(Error::InvalidRequest);
    if (check) {
        const bool passwordOk = co_await m_server.verifyPassword(check->hash, request.password());
        if (m_closed) {
            co_return;
        }
        result = accounts.enrolFinish(*check, passwordOk, key, m_address, m_clientVersion);
    } else {
        result = std::unexpected(check.error());
    }
    if (!result) {
        logLine("session", std::string("enrolment refused: ") + std::string(describe(result.error())));
        error(id, result.error());
        co_return;
    }
    m_server.devicesChanged(result->user);
    v1::Frame answer;
    answer.mutable_enrol_result()->set_username(request.username());
    answer.mutable_enrol_result()->set_device_id(static_cast<std::uint64_t>(result->device.value));
    reply(id, answer);
    login(result->user, result->device);
}

void Session::onSend(std::uint64_t id, const v1::SendEnvelope& request)
{
    if (request.client_message_id().size() != clientMessageIdSize || request.ciphertexts_size() == 0) {
        error(id, v1::ERROR_BAD_REQUEST, "an envelope needs a 16-byte id and at least one ciphertext");
        return;
    }
    const auto recipient = m_server.userByName(request.recipient());
    if (!recipient) {
        error(id, Error::NotFound);
        return;
    }
    if (*recipient != m_user && !m_server.mayRoute(m_user, *recipient)) {
        error(id, Error::NotBuddies);
        return;
    }
    if (!m_server.allowPair(m_user, *recipient)) {
        ++m_server.stats().rateLimited;
        const auto retry
            = static_cast<std::uint64_t>(1000.0 / m_server.config().limits.pairMessagesPerSecond) + 1;
        error(id, v1::ERROR_RATE_LIMITED, "too many messages to this person; slow down", retry);
        return;
    }
    const auto& devices = m_server.devicesOf(*recipient);
    for (const auto& c : request.ciphertexts()) {
        const DeviceId target { static_cast<std::int64_t>(c.device_id()) };
        if (std::find(devices.begin(), devices.end(), target) == devices.end() || target == m_device) {
            error(id, v1::ERROR_NOT_FOUND, "no such device for this recipient");
            return;
        }
    }
    // The queue cap applies to devices that are offline (online ones drain as they ack).
    for (const auto& c : request.ciphertexts()) {
        const DeviceId target { static_cast<std::int64_t>(c.device_id()) };
        if (m_server.sessionOf(target) != nullptr) {
            continue;
        }
        auto queued = m_server.store().pendingCount(target);
        if (queued && *queued >= m_server.config().limits.offlineQueuePerDevice) {
            error(id, v1::ERROR_QUOTA_EXCEEDED, "the recipient's offline queue is full");
            return;
        }
    }
    // Stored before anything is answered or sent: SendResult means the envelope survives a
    // crash. The turn's writes share one transaction (Server::beginWrite).
    if (!m_server.beginWrite()) {
        error(id, Error::StoreFailed);
        return;
    }
    const std::int64_t expires
        = m_server.clock().unixSeconds() + std::int64_t { m_server.config().limits.offlineTtlDays } * 86'400;
    for (const auto& c : request.ciphertexts()) {
        EnvelopeRecord envelope;
        envelope.recipient = DeviceId { static_cast<std::int64_t>(c.device_id()) };
        envelope.sender = m_user;
        envelope.senderDevice = m_device;
        envelope.clientMessageId = toBytes(request.client_message_id());
        envelope.payload = toBytes(c.ciphertext());
        envelope.expiresAt = expires;
        auto seq = m_server.store().enqueue(envelope);
        if (!seq) {
            error(id, Error::StoreFailed);
            return;
        }
        envelope.seq = *seq;
        if (Session* target = m_server.sessionOf(envelope.recipient)) {
            m_server.afterCommit(target->shared_from_this(), std::move(envelope));
        } else {
            ++m_server.stats().envelopesQueued;
        }
        ++m_server.stats().envelopesRouted;
    }
    v1::Frame answer;
    answer.mutable_send_result()->set_client_message_id(request.client_message_id());
    answer.mutable_send_result()->set_server_time_ms(
        static_cast<std::uint64_t>(m_server.clock().unixSeconds()) * 1000);
    reply(id, answer);
}

void Session::onPresence(std::uint64_t id, const v1::PresenceUpdate& request)
{
    if (request.status() == v1::PRESENCE_UNSPECIFIED || !v1::PresenceStatus_IsValid(request.status())) {
        error(id, v1::ERROR_BAD_REQUEST, "unknown presence status");
        return;
    }
    announcePresence(request.status());
    v1::Frame answer = ok();
    reply(id, answer);
}

void Session::onCompliance(std::uint64_t id, const v1::ComplianceReport& request)
{
    auto devices = m_server.store().devices(m_user);
    if (!devices) {
        error(id, Error::StoreFailed);
        return;
    }
    for (auto& d : *devices) {
        if (d.id != m_device) {
            continue;
        }
        // Keep a short, printable summary: version, OS, policy digest prefix and events.
        std::string summary = "os=" + request.os().substr(0, 32);
        if (!request.policy_digest().empty()) {
            summary += " policy=" + transferKey(request.policy_digest().substr(0, 8));
        }
        for (int i = 0; i < request.events_size() && i < 16; ++i) {
            summary += ' ' + request.events(i).substr(0, 48);
        }
        for (char& c : summary) {
            if (c < 0x20 || c == 0x7F) {
                c = '?';
            }
        }
        d.compliance = summary;
        if (!request.client_version().empty()) {
            d.clientVersion = request.client_version().substr(0, 32);
        }
        (void)m_server.store().updateDevice(d);
    }
    v1::Frame answer = ok();
    reply(id, answer);
}

void Session::onFileBegin(std::uint64_t id, const v1::FileBegin& request)
{
    if (request.transfer_id().size() != transferIdSize) {
        error(id, v1::ERROR_BAD_REQUEST, "a transfer id has 16 bytes");
        return;
    }
    const std::string key = transferKey(request.transfer_id());
    v1::Frame answer;
    auto* status = answer.mutable_file_status();
    status->set_transfer_id(request.transfer_id());
    if (auto resumed = m_server.files().resumeIndex(m_user, key)) {
        status->set_chunks_stored(*resumed);
        reply(id, answer);
        return;
    }
    std::vector<UserId> recipients;
    for (const auto& name : request.recipients()) {
        auto user = m_server.userByName(name);
        if (!user) {
            error(id, Error::NotFound);
            return;
        }
        recipients.push_back(*user);
    }
    auto created
        = m_server.files().begin(m_user, recipients, request.total_bytes(), request.chunk_count(), key);
    if (!created) {
        error(id, created.error());
        return;
    }
    status->set_chunks_stored(0);
    reply(id, answer);
}

void Session::onFileChunk(std::uint64_t id, const v1::FileChunk& request)
{
    const std::string key = transferKey(request.transfer_id());
    auto next = m_server.files().put(m_user, key, request.index(), toBytes(request.data()));
    if (!next) {
        error(id, next.error());
        return;
    }
    v1::Frame answer;
    answer.mutable_file_status()->set_transfer_id(request.transfer_id());
    answer.mutable_file_status()->set_chunks_stored(*next);
    reply(id, answer);
}

void Session::onFileEnd(std::uint64_t id, const v1::FileEnd& request)
{
    auto done = m_server.files().finish(m_user, transferKey(request.transfer_id()));
    if (!done) {
        error(id, done.error());
        return;
    }
    v1::Frame answer;
    answer.mutable_file_status()->set_transfer_id(request.transfer_id());
    answer.mutable_file_status()->set_chunks_stored(done->chunks);
    answer.mutable_file_status()->set_complete(true);
    reply(id, answer);
}

net::Awaitable<void> Session::onFileFetch(std::uint64_t id, const v1::FileFetch& request)
{
    const std::string key = transferKey(request.transfer_id());
    auto record = m_server.store().transfer(key);
    if (!record || !m_server.files().fetch(m_user, key, request.from_chunk())) {
        error(id, Error::NotFound);
        co_return;
    }
    for (std::uint32_t index = request.from_chunk(); index < record->chunks && !m_closed; ++index) {
        auto data = m_server.files().fetch(m_user, key, index);
        if (!data) {
            error(id, data.error());
            co_return;
        }
        v1::Frame chunk;
        chunk.set_request_id(id);
        chunk.mutable_file_chunk()->set_transfer_id(request.transfer_id());
        chunk.mutable_file_chunk()->set_index(index);
        chunk.mutable_file_chunk()->set_data(data->data(), data->size());
        push(chunk);
        if (m_connection->queuedBytes() > 256 * 1024) {
            // Let the writer drain before queueing more (the bounded queue is 512 KiB).
            if (m_writerIdle) {
                m_wake.cancel();
            }
            while (!m_closed && m_connection->queuedBytes() > 64 * 1024) {
                net::asio::steady_timer pause(m_wake.get_executor(), std::chrono::milliseconds(2));
                co_await pause.async_wait(net::asio::use_awaitable);
            }
        }
    }
    v1::Frame end;
    end.mutable_file_end()->set_transfer_id(request.transfer_id());
    reply(id, end);
}

} // namespace palisade::server
