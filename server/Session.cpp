#include "server/Session.h"

#include "server/Log.h"
#include "server/Server.h"

namespace palisade::server {

namespace asio = net::asio;

namespace {

v1::Frame envelopeFrame(std::uint64_t serverId, const EnvelopeRecord& e, const std::string& senderName)
{
    v1::Frame frame;
    auto* out = frame.mutable_envelope();
    out->set_server_id(serverId);
    out->set_sender(senderName);
    out->set_sender_device_id(static_cast<std::uint64_t>(e.senderDevice.value));
    out->set_client_message_id(e.clientMessageId.data(), e.clientMessageId.size());
    out->set_ciphertext(e.payload.data(), e.payload.size());
    return frame;
}

/// Bytes of queued output above which stored envelopes wait for acks before more are sent.
constexpr std::size_t queueBatchBytes = 192 * 1024;
/// Envelopes sent and not acknowledged at most (the delivery window).
constexpr std::uint32_t deliveryWindow = 256;

} // namespace

Session::Session(Server& server, std::shared_ptr<net::NoiseConnection> connection, std::string address)
    : m_server(server)
    , m_connection(std::move(connection))
    , m_address(std::move(address))
    , m_wake(m_connection->socket().get_executor())
    , m_bucket(server.config().limits.messagesPerSecond, server.config().limits.messageBurst,
          server.clock().monotonic())
{
}

Session::~Session() = default;

net::Awaitable<void> Session::run(std::string clientVersion)
{
    auto self = shared_from_this();
    m_server.m_all.insert(this);
    m_clientVersion = std::move(clientVersion);
    asio::co_spawn(m_wake.get_executor(), writer(self), asio::detached);

    DeviceKey key {};
    const auto& remote = m_connection->remoteStaticKey();
    std::copy(remote.begin(), remote.end(), key.begin());
    if (auto result = m_server.accounts().loginDevice(key, m_clientVersion)) {
        login(result->user, result->device);
    } else if (result.error() == Error::AccountDisabled) {
        error(0, Error::AccountDisabled);
        m_closed = true;
    } else if (result.error() != Error::UnknownDevice) {
        error(0, result.error());
        m_closed = true;
    }

    while (!m_closed) {
        auto frame = co_await m_connection->receiveFrame();
        if (!frame) {
            if (frame.error() == net::Error::InvalidMessage) {
                logLine("session", "closing a connection that sent an invalid frame");
            }
            break;
        }
        const bool control = frame->has_ack() || frame->has_ping();
        if (!control && !m_bucket.tryTake(m_server.clock().monotonic())) {
            ++m_server.stats().rateLimited;
            const auto retry
                = static_cast<std::uint64_t>(1000.0 / m_server.config().limits.messagesPerSecond) + 1;
            error(frame->request_id(), v1::ERROR_RATE_LIMITED, "too many requests; slow down", retry);
            continue;
        }
        co_await handle(*frame);
    }

    // Flush what is queued (a final error frame), then let the writer close the socket.
    m_closed = true;
    if (m_writerIdle) {
        m_wake.cancel();
    }
    if (m_loggedIn) {
        m_server.detach(*this);
        if (!m_server.isOnline(m_user)) {
            announcePresence(v1::PRESENCE_OFFLINE);
        }
    }
    m_server.m_all.erase(this);
}

net::Awaitable<void> Session::writer(std::shared_ptr<Session> /*self*/)
{
    for (;;) {
        if (m_connection->queuedBytes() == 0) {
            if (m_closed) {
                break;
            }
            m_writerIdle = true;
            m_wake.expires_at(std::chrono::steady_clock::time_point::max());
            boost::system::error_code ec;
            co_await m_wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            m_writerIdle = false;
            continue;
        }
        if (auto ok = co_await m_connection->flush(); !ok) {
            break;
        }
    }
    m_closed = true;
    m_connection->close();
}

void Session::push(const v1::Frame& frame)
{
    if (m_closed) {
        return;
    }
    if (m_server.batchOpen()) {
        m_server.afterCommit(shared_from_this(), frame); // an answer never precedes the commit
        return;
    }
    pushNow(frame);
}

void Session::pushNow(const v1::Frame& frame)
{
    if (m_closed) {
        return;
    }
    if (auto ok = m_connection->queueFrame(frame); !ok) {
        if (ok.error() == net::Error::QueueFull) {
            logLine("session", "dropping a client that does not read (send queue full)");
        }
        close();
        return;
    }
    if (m_writerIdle) {
        m_wake.cancel();
    }
}

void Session::close()
{
    m_closed = true;
    m_connection->close();
    m_wake.cancel();
}

void Session::finish()
{
    m_closed = true;
    if (m_writerIdle) {
        m_wake.cancel();
    }
}

void Session::reply(std::uint64_t requestId, v1::Frame& frame)
{
    frame.set_request_id(requestId);
    push(frame);
}

void Session::error(std::uint64_t requestId, int code, std::string_view message, std::uint64_t retryAfterMs)
{
    v1::Frame frame;
    frame.set_request_id(requestId);
    auto* e = frame.mutable_error();
    e->set_code(static_cast<v1::ErrorCode>(code));
    e->set_message(std::string(message));
    e->set_retry_after_ms(retryAfterMs);
    push(frame);
}

void Session::error(std::uint64_t requestId, Error err)
{
    int code = v1::ERROR_INTERNAL;
    switch (err) {
    case Error::BadCredentials:
        code = v1::ERROR_BAD_CREDENTIALS;
        break;
    case Error::LockedOut:
        code = v1::ERROR_LOCKED_OUT;
        break;
    case Error::AccountDisabled:
        code = v1::ERROR_ACCOUNT_DISABLED;
        break;
    case Error::NotBuddies:
    case Error::Blocked:
        code = v1::ERROR_NOT_A_BUDDY;
        err = Error::NotBuddies; // a block looks like not being a buddy
        break;
    case Error::NotFound:
        code = v1::ERROR_NOT_FOUND;
        break;
    case Error::RateLimited:
        code = v1::ERROR_RATE_LIMITED;
        break;
    case Error::QuotaExceeded:
        code = v1::ERROR_QUOTA_EXCEEDED;
        break;
    case Error::UpdateRequired:
        code = v1::ERROR_UPDATE_REQUIRED;
        break;
    case Error::UnknownDevice:
        code = v1::ERROR_NOT_ENROLLED;
        break;
    case Error::InvalidRequest:
    case Error::InvalidName:
    case Error::WeakPassword:
    case Error::AlreadyExists:
        code = v1::ERROR_BAD_REQUEST;
        break;
    case Error::StoreFailed:
    case Error::HashFailed:
        code = v1::ERROR_INTERNAL;
        break;
    }
    std::uint64_t retry = 0;
    if (err == Error::LockedOut) {
        retry = std::uint64_t { m_server.config().limits.lockoutBaseSeconds } * 1000;
    }
    error(requestId, code, describe(err), retry);
}

void Session::login(UserId user, DeviceId device)
{
    // Whatever waits for the open batch (this enrolment's writes too) goes out first.
    m_server.commitBatch();
    m_loggedIn = true;
    m_user = user;
    m_device = device;
    m_server.attach(*this);
    logLine("session", "device " + std::to_string(device.value) + " logged in");
    v1::Frame status;
    const auto pending = m_server.store().pendingCount(device);
    status.mutable_queue_status()->set_pending(static_cast<std::uint32_t>(pending.value_or(0)));
    push(status);
    m_backlog = true;
    m_lastSent = 0;
    m_inflight = 0;
    sendQueued();
    if (auto count = m_server.store().oneTimePrekeyCount(device); count && m_server.prekeys().isLow(*count)) {
        v1::Frame low;
        low.mutable_prekeys_low()->set_remaining(static_cast<std::uint32_t>(*count));
        push(low);
    }
    announcePresence(v1::PRESENCE_ONLINE);
    if (auto buddies = m_server.contacts().buddies(user)) {
        for (UserId buddy : *buddies) {
            if (m_server.isOnline(buddy)) {
                v1::Frame event;
                event.mutable_presence_event()->set_username(m_server.nameOf(buddy).value_or(""));
                event.mutable_presence_event()->set_status(v1::PRESENCE_ONLINE);
                push(event);
            }
        }
    }
}

void Session::announcePresence(int status)
{
    auto buddies = m_server.contacts().buddies(m_user);
    if (!buddies) {
        return;
    }
    v1::Frame event;
    event.mutable_presence_event()->set_username(m_server.nameOf(m_user).value_or(""));
    event.mutable_presence_event()->set_status(static_cast<v1::PresenceStatus>(status));
    for (UserId buddy : *buddies) {
        for (Session* s : m_server.sessionsOf(buddy)) {
            s->push(event);
        }
    }
}

void Session::deliver(EnvelopeRecord envelope)
{
    if (m_closed || !m_loggedIn || envelope.seq <= m_lastSent) {
        return; // already sent (sendQueued() read it), or the next connection gets it
    }
    if (m_backlog || m_inflight >= deliveryWindow || m_connection->queuedBytes() > queueBatchBytes) {
        m_backlog = true; // it waits in the store behind the ones not sent yet
        return;
    }
    pushNow(envelopeFrame(
        static_cast<std::uint64_t>(envelope.seq), envelope, m_server.nameOf(envelope.sender).value_or("")));
    m_lastSent = envelope.seq;
    ++m_inflight;
}

void Session::sendQueued()
{
    if (m_closed || m_inflight >= deliveryWindow) {
        return;
    }
    const std::size_t room = deliveryWindow - m_inflight;
    auto batch = m_server.store().pendingAfter(m_device, m_lastSent, room);
    if (!batch) {
        return;
    }
    std::size_t sent = 0;
    for (const auto& e : *batch) {
        // Stored rows may be sent before the batch that wrote them commits: the sender then
        // retries without a SendResult, and receivers dedupe on the client message id.
        pushNow(envelopeFrame(static_cast<std::uint64_t>(e.seq), e, m_server.nameOf(e.sender).value_or("")));
        m_lastSent = e.seq;
        ++m_inflight;
        ++sent;
        if (m_closed || m_connection->queuedBytes() > queueBatchBytes) {
            break;
        }
    }
    m_backlog = !(sent == batch->size() && batch->size() < room);
}

void Session::acknowledge(const v1::Ack& ack)
{
    for (std::uint64_t id : ack.server_ids()) {
        const auto seq = static_cast<std::int64_t>(id);
        if (seq <= 0 || !m_server.beginWrite()) {
            continue;
        }
        auto removed = m_server.store().acknowledge(m_device, seq);
        // Only what this connection sent counts against its window; a skipped or late ack
        // costs one slot, never the whole queue.
        if (removed && *removed && seq <= m_lastSent && m_inflight > 0) {
            --m_inflight;
        }
    }
    if (m_backlog && m_inflight <= deliveryWindow / 2) {
        sendQueued();
    }
}

} // namespace palisade::server
