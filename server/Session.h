#pragma once
/// @file
/// @brief One client connection after its Noise handshake: login or enrolment, the request
/// loop, pushes from other sessions (batched by a writer coroutine), the delivery of this
/// device's envelopes with acknowledgements. Lives on the Server's thread.

#include "net/NoiseConnection.h"
#include "server/FloodControl.h"
#include "server/Ids.h"
#include "server/Store.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

namespace palisade::server {

class Server;

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(Server& server, std::shared_ptr<net::NoiseConnection> connection, std::string address);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// The whole life of the session; returns when the connection is closed.
    net::Awaitable<void> run(std::string clientVersion);

    /// Queue a frame to this client; a client that does not read (queue full) is dropped.
    void push(const v1::Frame& frame);
    /// Offer a stored (committed) envelope: sent now when nothing older waits and the
    /// delivery window has room, else it stays in the store for sendQueued().
    void deliver(EnvelopeRecord envelope);
    /// Close the connection now; run() then finishes and cleans up.
    void close();
    /// Send what is queued (a final error), then close.
    void finish();

    [[nodiscard]] bool loggedIn() const noexcept { return m_loggedIn; }
    [[nodiscard]] UserId user() const noexcept { return m_user; }
    [[nodiscard]] DeviceId device() const noexcept { return m_device; }
    [[nodiscard]] const std::string& address() const noexcept { return m_address; }
    /// See net::NoiseConnection::writingSince().
    [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> writingSince() const noexcept
    {
        return m_connection->writingSince();
    }

private:
    /// Holds @p self in its frame from creation, so the session outlives it.
    net::Awaitable<void> writer(std::shared_ptr<Session> self);
    net::Awaitable<void> handle(v1::Frame& frame);
    void login(UserId user, DeviceId device);
    void sendQueued();
    void acknowledge(const v1::Ack& ack);
    /// Queue @p frame now, even while a write batch is open (for frames of committed data).
    void pushNow(const v1::Frame& frame);
    void reply(std::uint64_t requestId, v1::Frame& frame);
    void error(std::uint64_t requestId, int code, std::string_view message, std::uint64_t retryAfterMs = 0);
    void error(std::uint64_t requestId, Error error);
    void announcePresence(int status);

    // Request handlers (SessionHandlers.cpp).
    net::Awaitable<void> onEnrol(std::uint64_t id, const v1::EnrolRequest& request);
    void onSend(std::uint64_t id, const v1::SendEnvelope& request);
    void onContact(std::uint64_t id, const v1::Frame& frame);
    void onContactList(std::uint64_t id);
    void onLookup(std::uint64_t id, const v1::DirectoryLookup& request);
    void onPresence(std::uint64_t id, const v1::PresenceUpdate& request);
    void onPrekeyUpload(std::uint64_t id, const v1::PrekeyUpload& request);
    void onPrekeyFetch(std::uint64_t id, const v1::PrekeyBundleRequest& request);
    void onFileBegin(std::uint64_t id, const v1::FileBegin& request);
    void onFileChunk(std::uint64_t id, const v1::FileChunk& request);
    void onFileEnd(std::uint64_t id, const v1::FileEnd& request);
    net::Awaitable<void> onFileFetch(std::uint64_t id, const v1::FileFetch& request);
    void onCompliance(std::uint64_t id, const v1::ComplianceReport& request);

    Server& m_server;
    std::shared_ptr<net::NoiseConnection> m_connection;
    std::string m_address;
    net::asio::steady_timer m_wake;
    TokenBucket m_bucket;
    bool m_writerIdle = false;
    bool m_closed = false;
    bool m_loggedIn = false;
    UserId m_user;
    DeviceId m_device;
    std::string m_clientVersion;
    /// Highest store seq sent on this connection (every envelope is stored before it is sent;
    /// its seq is its server id).
    std::int64_t m_lastSent = 0;
    /// Envelopes sent on this connection and not acknowledged yet (the delivery window).
    std::uint32_t m_inflight = 0;
    /// True while the store may hold envelopes above m_lastSent that were not sent: new ones
    /// then wait behind them, so each sender's order is kept.
    bool m_backlog = true;
};

} // namespace palisade::server
