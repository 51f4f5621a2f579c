#include "core/session/Session.h"

#include "core/ClientInfo.h"

#include <sodium.h>

#include <array>
#include <charconv>

namespace palisade::core {

namespace asio = net::asio;

namespace {

/// Pushes held back while the login hook runs; a server that sends more is dropped.
constexpr std::size_t maxHeldPushes = 4096;

/// "MAJOR.MINOR.PATCH" as three numbers; nullopt when malformed.
std::optional<std::array<unsigned, 3>> parseVersion(std::string_view text)
{
    std::array<unsigned, 3> parts {};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parts[i]);
        if (ec != std::errc {}) {
            return std::nullopt;
        }
        text.remove_prefix(static_cast<std::size_t>(end - text.data()));
        if (i + 1 < parts.size()) {
            if (text.empty() || text.front() != '.') {
                return std::nullopt;
            }
            text.remove_prefix(1);
        }
    }
    return text.empty() ? std::optional(parts) : std::nullopt;
}

/// True when this client is older than @p minimum (a malformed minimum is not enforced here;
/// the server still refuses us with ERROR_UPDATE_REQUIRED).
bool olderThan(std::string_view minimum)
{
    const auto mine = parseVersion(clientVersion());
    const auto min = parseVersion(minimum);
    return mine && min && *mine < *min;
}

crypto::X25519KeyPair copyKey(const crypto::X25519KeyPair& key)
{
    return { key.publicKey, crypto::SecureBuffer::copyOf(key.secretKey.bytes()) };
}

} // namespace

std::string_view describe(SessionState state) noexcept
{
    switch (state) {
    case SessionState::Disconnected:
        return "disconnected";
    case SessionState::Connecting:
        return "connecting";
    case SessionState::Connected:
        return "connected";
    case SessionState::EnrolmentNeeded:
        return "this device must be enrolled with a username and password";
    case SessionState::UpdateRequired:
        return "update required: the server needs a newer Palisade";
    case SessionState::ServerKeyMismatch:
        return "the server's key is not one your organization trusts";
    case SessionState::LockedOut:
        return "too many failed logins; try again later";
    case SessionState::BadCredentials:
        return "wrong username or password";
    case SessionState::Disabled:
        return "this account has been disabled by an administrator";
    }
    return "unknown";
}

struct Session::Pending {
    explicit Pending(asio::io_context& io)
        : timer(io)
    {
    }
    asio::steady_timer timer;
    std::optional<std::expected<v1::Frame, net::Error>> result;
};

Session::Session(asio::io_context& io, SessionConfig config, crypto::X25519KeyPair deviceKey,
    std::optional<crypto::X25519PublicKey> learnedKey, SessionHooks hooks)
    : m_io(io)
    , m_config(std::move(config))
    , m_deviceKey(std::move(deviceKey))
    , m_learnedKey(learnedKey)
    , m_hooks(std::move(hooks))
    , m_backoff(m_config.backoff)
    , m_retryTimer(io)
    , m_readerDone(io)
{
}

Session::~Session()
{
    shutdown();
}

void Session::start(std::optional<Credentials> enrol)
{
    if (enrol) {
        m_credentials = std::move(enrol);
    }
    if (m_deviceKey.secretKey.empty()) {
        return; // shut down
    }
    if (m_active && m_state != SessionState::LockedOut && m_state != SessionState::BadCredentials
        && m_state != SessionState::EnrolmentNeeded) {
        retryNow();
        return;
    }
    stop();
    m_active = true;
    const std::uint64_t generation = ++m_generation;
    asio::co_spawn(m_io, run(shared_from_this(), generation), asio::detached);
}

void Session::stop()
{
    const bool wasActive = m_active;
    m_active = false;
    ++m_generation;
    m_retryTimer.cancel();
    m_readerDone.cancel();
    if (m_connection) {
        m_connection->close();
    }
    connectionLost(net::Error::ConnectionClosed);
    m_connection.reset();
    m_held.clear();
    if (wasActive) {
        setState(SessionState::Disconnected);
    }
}

void Session::shutdown()
{
    m_hooks = {};
    m_handlers.clear();
    stop();
    m_credentials.reset();
    m_deviceKey.secretKey.reset();
}

void Session::retryNow()
{
    m_retryTimer.cancel();
}

bool Session::post(v1::Frame frame)
{
    if (!m_loggedIn || !m_connection) {
        return false;
    }
    frame.set_request_id(0);
    return m_connection->postFrame(frame).has_value();
}

void Session::onPush(v1::Frame::BodyCase kind, PushHandler handler)
{
    m_handlers.emplace(kind, std::move(handler));
}

net::Awaitable<std::expected<v1::Frame, net::Error>> Session::request(v1::Frame frame)
{
    if (!m_loggedIn) {
        co_return std::unexpected(net::Error::ConnectionClosed);
    }
    co_return co_await send(frame);
}

net::Awaitable<std::expected<v1::Frame, net::Error>> Session::send(v1::Frame& frame)
{
    auto self = shared_from_this();
    auto connection = m_connection;
    if (!connection || !connection->isOpen()) {
        co_return std::unexpected(net::Error::ConnectionClosed);
    }
    const std::uint64_t id = ++m_nextRequestId;
    frame.set_request_id(id);
    auto pending = std::make_shared<Pending>(m_io);
    pending->timer.expires_after(m_config.requestTimeout);
    if (auto queued = connection->postFrame(frame); !queued) {
        co_return std::unexpected(queued.error());
    }
    m_pending.emplace(id, pending);
    boost::system::error_code ec;
    co_await pending->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (pending->result) {
        co_return std::move(*pending->result);
    }
    m_pending.erase(id);
    co_return std::unexpected(net::Error::Timeout);
}

net::Awaitable<void> Session::run(
    std::shared_ptr<Session> /*self: keeps the session alive*/, std::uint64_t generation)
{
    while (generation == m_generation) {
        setState(SessionState::Connecting);
        const Outcome outcome = co_await connectOnce(generation);
        if (generation != m_generation || outcome == Outcome::Stop) {
            break;
        }
        m_retryTimer.expires_after(m_backoff.next());
        boost::system::error_code ec;
        co_await m_retryTimer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (generation == m_generation) {
        m_active = false;
    }
}

net::Awaitable<Session::Outcome> Session::connectOnce(std::uint64_t generation)
{
    net::ServerTrust trust { m_config.pinnedKeys, m_config.allowTofu };
    if (trust.pinnedKeys.empty() && m_learnedKey) {
        trust.pinnedKeys.push_back(*m_learnedKey); // remembered on first use; never re-learned
    }
    v1::ClientHello hello;
    hello.set_protocol_version(net::kProtocolVersion);
    hello.set_client_version(std::string(clientVersion()));
    hello.set_platform(std::string(platformName()));
    net::HandshakeOptions options;
    auto session = co_await net::connectToServer(
        m_config.server, m_config.proxy, copyKey(m_deviceKey), trust, std::move(hello), options);
    if (generation != m_generation) {
        if (session) {
            session->connection->close();
        }
        co_return Outcome::Stop;
    }
    if (!session) {
        if (session.error() == net::Error::UntrustedServerKey) {
            setState(SessionState::ServerKeyMismatch);
            m_active = false;
            co_return Outcome::Stop;
        }
        co_return Outcome::Retry;
    }
    if (session->pattern == net::HandshakePattern::XX && m_hooks.serverKeyLearned) {
        m_learnedKey = session->connection->remoteStaticKey();
        m_hooks.serverKeyLearned(*m_learnedKey);
    }
    if (olderThan(session->hello.min_client_version())) {
        session->connection->close();
        setState(SessionState::UpdateRequired,
            "the server requires Palisade " + session->hello.min_client_version().substr(0, 32)
                + " or newer");
        m_active = false;
        co_return Outcome::Stop;
    }
    m_connection = std::move(session->connection);
    m_connection->startKeepalive(m_config.keepalive);
    m_terminal.reset();
    m_readerActive = true;
    m_readerDone.expires_at(std::chrono::steady_clock::time_point::max());
    asio::co_spawn(m_io, reader(shared_from_this(), m_connection), asio::detached);

    if (!session->hello.device_enrolled()) {
        const EnrolOutcome enrolled = co_await enrol();
        if (generation != m_generation) {
            co_return Outcome::Stop;
        }
        if (enrolled == EnrolOutcome::Stop) {
            m_active = false;
            co_return Outcome::Stop;
        }
        if (enrolled == EnrolOutcome::Retry) {
            m_connection->close();
        }
    }
    if (m_readerActive && !m_terminal) {
        m_loggedIn = true;
        m_holding = true;
        m_backoff.reset();
        setState(SessionState::Connected);
        if (m_hooks.loggedIn) {
            co_await m_hooks.loggedIn();
        }
        if (generation != m_generation) {
            co_return Outcome::Stop;
        }
        releaseHeld();
    }
    if (m_readerActive) {
        boost::system::error_code ec;
        co_await m_readerDone.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (generation != m_generation) {
        co_return Outcome::Stop;
    }
    if (m_terminal) {
        setState(*m_terminal, m_terminalDetail);
        m_active = false;
        co_return Outcome::Stop;
    }
    co_return Outcome::Retry;
}

net::Awaitable<Session::EnrolOutcome> Session::enrol()
{
    if (!m_credentials) {
        m_connection->close();
        setState(SessionState::EnrolmentNeeded);
        co_return EnrolOutcome::Stop;
    }
    v1::Frame frame;
    auto* request = frame.mutable_enrol_request();
    request->set_username(m_credentials->username);
    request->set_password(
        reinterpret_cast<const char*>(m_credentials->password.data()), m_credentials->password.size());
    request->set_device_name(m_config.deviceName);
    auto reply = co_await send(frame);
    // The serialized password lives on in protobuf's heap string; overwrite it before it goes.
    if (auto* password = request->mutable_password(); !password->empty()) {
        sodium_memzero(password->data(), password->size());
    }
    if (!reply) {
        co_return EnrolOutcome::Retry;
    }
    if (reply->has_enrol_result()) {
        m_credentials.reset();
        if (m_hooks.enrolled) {
            m_hooks.enrolled(reply->enrol_result().username(), reply->enrol_result().device_id());
        }
        co_return EnrolOutcome::Enrolled;
    }
    const auto& error = reply->error();
    m_connection->close();
    switch (error.code()) {
    case v1::ERROR_BAD_CREDENTIALS:
        setState(SessionState::BadCredentials);
        co_return EnrolOutcome::Stop;
    case v1::ERROR_LOCKED_OUT:
        setState(SessionState::LockedOut, {}, std::chrono::milliseconds(error.retry_after_ms()));
        co_return EnrolOutcome::Stop;
    case v1::ERROR_ACCOUNT_DISABLED:
        setState(SessionState::Disabled);
        co_return EnrolOutcome::Stop;
    case v1::ERROR_UPDATE_REQUIRED:
        setState(SessionState::UpdateRequired);
        co_return EnrolOutcome::Stop;
    default:
        setState(SessionState::BadCredentials, "the server refused the enrolment");
        co_return EnrolOutcome::Stop;
    }
}

net::Awaitable<void> Session::reader(
    std::shared_ptr<Session> /*self*/, std::shared_ptr<net::NoiseConnection> connection)
{
    for (;;) {
        auto frame = co_await connection->receiveFrame();
        if (connection != m_connection) {
            co_return; // stopped or replaced: this connection no longer matters
        }
        if (!frame) {
            if (frame.error() == net::Error::InvalidMessage) {
                connection->close(); // the protocol closes on anything unexpected
            }
            connectionLost(frame.error());
            co_return;
        }
        handleFrame(std::move(*frame));
    }
}

void Session::handleFrame(v1::Frame frame)
{
    if (frame.request_id() != 0) {
        const auto it = m_pending.find(frame.request_id());
        if (it == m_pending.end()) {
            return; // late answer to a request that timed out
        }
        auto pending = it->second;
        m_pending.erase(it);
        if (!frame.has_error() && m_hooks.accept && !m_hooks.accept(frame, true)) {
            v1::Frame refused;
            refused.set_request_id(frame.request_id());
            refused.mutable_error()->set_code(v1::ERROR_NOT_A_BUDDY);
            refused.mutable_error()->set_message("dropped: the answer concerns someone who is not a buddy");
            frame = std::move(refused);
        }
        pending->result = std::move(frame);
        pending->timer.cancel();
        return;
    }
    if (frame.has_error()) {
        if (terminalError(frame.error())) {
            m_connection->close();
        }
        return;
    }
    if (m_holding) {
        if (m_held.size() >= maxHeldPushes) {
            m_connection->close();
            return;
        }
        m_held.push_back(std::move(frame));
        return;
    }
    dispatch(frame);
}

bool Session::terminalError(const v1::ErrorReply& error)
{
    switch (error.code()) {
    case v1::ERROR_UPDATE_REQUIRED:
        m_terminal = SessionState::UpdateRequired;
        break;
    case v1::ERROR_ACCOUNT_DISABLED:
        m_terminal = SessionState::Disabled;
        break;
    case v1::ERROR_NOT_ENROLLED:
        m_terminal = SessionState::EnrolmentNeeded;
        break;
    case v1::ERROR_LOCKED_OUT:
        m_terminal = SessionState::LockedOut;
        break;
    default:
        return false;
    }
    m_terminalDetail.clear();
    return true;
}

void Session::dispatch(const v1::Frame& frame)
{
    if (m_hooks.accept && !m_hooks.accept(frame, false)) {
        return;
    }
    const auto [first, last] = m_handlers.equal_range(frame.body_case());
    for (auto it = first; it != last; ++it) {
        it->second(frame);
    }
}

void Session::releaseHeld()
{
    m_holding = false;
    while (!m_held.empty() && m_connection) {
        v1::Frame frame = std::move(m_held.front());
        m_held.pop_front();
        dispatch(frame);
    }
}

void Session::connectionLost(net::Error error)
{
    m_loggedIn = false;
    m_holding = false;
    m_held.clear();
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& [id, p] : pending) {
        p->result = std::unexpected(error);
        p->timer.cancel();
    }
    if (m_readerActive) {
        m_readerActive = false;
        m_readerDone.cancel();
    }
}

void Session::setState(SessionState state, std::string detail, std::chrono::milliseconds retryAfter)
{
    if (state == m_state && state != SessionState::LockedOut) {
        return;
    }
    m_state = state;
    if (m_hooks.stateChanged) {
        m_hooks.stateChanged(state, detail.empty() ? std::string(describe(state)) : detail, retryAfter);
    }
}

} // namespace palisade::core
