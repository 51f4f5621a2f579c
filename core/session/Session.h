#pragma once
/// @file
/// @brief The connected session: connects (through the configured proxy), handshakes to a
/// pinned key, enrols or logs in with the device key, reconnects with jittered backoff, and
/// implements ServerLink for the services. Network thread only.

#include "core/ServerLink.h"
#include "core/session/SessionConfig.h"
#include "crypto/SecureBuffer.h"
#include "net/Handshake.h"

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace palisade::core {

/// Username and password for the first login of this device.
struct Credentials {
    std::string username;
    crypto::SecureBuffer password; ///< UTF-8
};

/// What the session tells its owner. Every callback runs on the network thread and is never
/// called after stop().
struct SessionHooks {
    /// The state changed; @p detail is a sentence for people, @p retryAfter set for LockedOut.
    std::function<void(SessionState, const std::string& detail, std::chrono::milliseconds retryAfter)>
        stateChanged;
    /// Enrolment succeeded: persist the account.
    std::function<void(const std::string& username, std::uint64_t deviceId)> enrolled;
    /// Trust on first use learned the server key: remember it (it is pinned from now on).
    std::function<void(const crypto::X25519PublicKey& key)> serverKeyLearned;
    /// Runs right after login, before any push is dispatched (sync the buddy list here so
    /// the buddy filter is current).
    std::function<net::Awaitable<void>()> loggedIn;
    /// Buddy filter: false drops the push (or turns the reply into ERROR_NOT_A_BUDDY).
    std::function<bool(const v1::Frame& frame, bool isReply)> accept;
};

class Session final : public ServerLink, public std::enable_shared_from_this<Session> {
public:
    /// @p deviceKey is the device's Noise static key (moved in; wiped with the session).
    Session(net::asio::io_context& io, SessionConfig config, crypto::X25519KeyPair deviceKey,
        std::optional<crypto::X25519PublicKey> learnedKey, SessionHooks hooks);
    ~Session() override;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Starts connecting (and reconnecting). @p enrol is used when the server does not know
    /// the device yet. A second start() while running only replaces the credentials.
    void start(std::optional<Credentials> enrol);
    /// Closes the connection, stops reconnecting and fails pending requests. Idempotent.
    void stop();
    /// stop(), then wipe the device key and forget hooks and handlers: the session is dead.
    void shutdown();
    /// New settings for the next connection attempt (start() again to apply them now).
    void reconfigure(SessionConfig config) { m_config = std::move(config); }
    /// True while the device's secret key is held.
    [[nodiscard]] bool hasDeviceKey() const noexcept { return !m_deviceKey.secretKey.empty(); }
    /// Skip the current backoff delay and try at once (network came back, user asked).
    void retryNow();

    [[nodiscard]] SessionState state() const noexcept { return m_state; }
    /// How many reconnect delays were handed out since the last successful login.
    [[nodiscard]] std::uint32_t reconnectAttempts() const noexcept { return m_backoff.attempts(); }
    /// Sends @p frame without waiting for an answer (Ack); false when not connected.
    bool post(v1::Frame frame);

    // ServerLink
    [[nodiscard]] net::Awaitable<std::expected<v1::Frame, net::Error>> request(v1::Frame frame) override;
    void onPush(v1::Frame::BodyCase kind, PushHandler handler) override;
    [[nodiscard]] bool isConnected() const noexcept override { return m_loggedIn; }

private:
    enum class Outcome { Retry, Stop };
    enum class EnrolOutcome { Enrolled, Retry, Stop };
    struct Pending;

    net::Awaitable<void> run(std::shared_ptr<Session> self, std::uint64_t generation);
    net::Awaitable<Outcome> connectOnce(std::uint64_t generation);
    net::Awaitable<EnrolOutcome> enrol();
    net::Awaitable<void> reader(
        std::shared_ptr<Session> self, std::shared_ptr<net::NoiseConnection> connection);
    /// Sends @p frame (the caller keeps it alive until this completes) and awaits the answer.
    net::Awaitable<std::expected<v1::Frame, net::Error>> send(v1::Frame& frame);
    void handleFrame(v1::Frame frame);
    void dispatch(const v1::Frame& frame);
    void releaseHeld();
    void connectionLost(net::Error error);
    void setState(SessionState state, std::string detail = {}, std::chrono::milliseconds retryAfter = {});
    /// An error pushed with request id 0 (update required, account disabled): terminal.
    bool terminalError(const v1::ErrorReply& error);

    net::asio::io_context& m_io;
    SessionConfig m_config;
    crypto::X25519KeyPair m_deviceKey;
    std::optional<crypto::X25519PublicKey> m_learnedKey;
    SessionHooks m_hooks;
    std::optional<Credentials> m_credentials;
    net::Backoff m_backoff;
    net::asio::steady_timer m_retryTimer;
    net::asio::steady_timer m_readerDone;
    std::shared_ptr<net::NoiseConnection> m_connection;
    std::map<std::uint64_t, std::shared_ptr<Pending>> m_pending;
    std::multimap<v1::Frame::BodyCase, PushHandler> m_handlers;
    std::deque<v1::Frame> m_held;
    std::uint64_t m_nextRequestId = 0;
    SessionState m_state = SessionState::Disconnected;
    std::optional<SessionState> m_terminal; ///< set by a terminal error frame
    std::string m_terminalDetail;
    std::uint64_t m_generation = 0; ///< bumped by start() and stop(); older loops end
    bool m_active = false; ///< started and not stopped
    bool m_loggedIn = false;
    bool m_holding = false;
    bool m_readerActive = false;
};

} // namespace palisade::core
