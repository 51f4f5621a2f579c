#pragma once
/// @file
/// @brief The network server: accepts Noise clients, keeps the registry of live sessions and
/// routes between them. Everything runs on one io_context thread (the owner of the Store);
/// sessions, caches and limiters are touched only there.

#include "crypto/X25519.h"
#include "net/Asio.h"
#include "net/proto/palisade.pb.h"
#include "server/Accounts.h"
#include "server/Clock.h"
#include "server/Config.h"
#include "server/Contacts.h"
#include "server/FileRelay.h"
#include "server/FloodControl.h"
#include "server/Prekeys.h"
#include "server/Store.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace palisade::server {

class Session;

/// Counters the server logs at shutdown and the benchmark reads.
struct ServerStats {
    std::uint64_t accepted = 0;
    std::uint64_t refused = 0; ///< over a connection cap
    std::uint64_t handshakeFailures = 0;
    std::uint64_t envelopesRouted = 0;
    std::uint64_t envelopesQueued = 0; ///< written to the offline queue
    std::uint64_t rateLimited = 0;
};

/// The server. Create, listen(), start(), run the io_context; shutdown() drains.
class Server {
public:
    Server(net::asio::io_context& io, Config config, Store& store, crypto::X25519KeyPair key,
        const Clock& clock, const PasswordHasher& hasher);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Bind the listening socket; returns the bound endpoint (port 0 → the OS's choice).
    [[nodiscard]] std::expected<net::tcp::endpoint, std::string> listen();
    /// Start accepting and the housekeeping timer.
    void start();
    /// Stop accepting, close every session (their unacknowledged envelopes go to the offline
    /// queue) and let the io_context run out of work.
    void shutdown();

    // For sessions (same thread).
    [[nodiscard]] const Config& config() const noexcept { return m_config; }
    [[nodiscard]] Store& store() noexcept { return m_store; }
    [[nodiscard]] const Clock& clock() const noexcept { return m_clock; }
    [[nodiscard]] Accounts& accounts() noexcept { return m_accounts; }
    [[nodiscard]] Contacts& contacts() noexcept { return m_contacts; }
    [[nodiscard]] Prekeys& prekeys() noexcept { return m_prekeys; }
    [[nodiscard]] FileRelay& files() noexcept { return m_files; }
    [[nodiscard]] ServerStats& stats() noexcept { return m_stats; }
    [[nodiscard]] bool shuttingDown() const noexcept { return m_stopping; }

    void attach(Session& session);
    void detach(Session& session);
    /// Live session of @p device, or nullptr.
    [[nodiscard]] Session* sessionOf(DeviceId device) const;
    /// Live sessions of every device of @p user.
    [[nodiscard]] std::vector<Session*> sessionsOf(UserId user) const;
    [[nodiscard]] bool isOnline(UserId user) const { return m_online.contains(user); }

    /// Cached name → id (names never change); nullopt when there is no such enabled user.
    [[nodiscard]] std::optional<UserId> userByName(const std::string& name);
    [[nodiscard]] std::optional<std::string> nameOf(UserId user);
    /// Cached device list of @p user.
    [[nodiscard]] const std::vector<DeviceId>& devicesOf(UserId user);
    /// Forget cached devices of @p user (after an enrolment).
    void devicesChanged(UserId user) { m_devices.erase(user); }
    /// Cached routing rule; contactsChanged() invalidates it.
    [[nodiscard]] bool mayRoute(UserId from, UserId to);
    void contactsChanged() { m_routeCache.clear(); }
    /// The per sender→recipient flood limit.
    [[nodiscard]] bool allowPair(UserId from, UserId to);

    /// Opens the write batch of this event-loop turn (a store transaction) and schedules its
    /// commit; false when the store cannot. Frames pushed while it is open wait for the commit.
    [[nodiscard]] bool beginWrite();
    [[nodiscard]] bool batchOpen() const noexcept { return m_batchOpen; }
    /// While a batch is open: send @p frame to @p session once the batch is committed.
    void afterCommit(std::shared_ptr<Session> session, v1::Frame frame);
    /// While a batch is open: hand the stored @p envelope to @p session once committed.
    void afterCommit(std::shared_ptr<Session> session, EnvelopeRecord envelope);
    /// Commits the open batch now, then releases what waited for it.
    void commitBatch();

    /// Verifies @p password against the Argon2id @p hash on the worker pool, so the event
    /// loop keeps serving everyone else meanwhile; resumes on the server's thread.
    [[nodiscard]] net::Awaitable<bool> verifyPassword(std::string hash, std::string password);

    /// Handshakes in progress (capped by limits.pending_handshakes).
    int pendingHandshakes = 0;

private:
    net::Awaitable<void> acceptLoop();
    net::Awaitable<void> handleSocket(net::tcp::socket socket, std::string address);
    net::Awaitable<void> housekeeping();
    void dropDisabledSessions();
    /// Closes sessions whose socket write made no progress for limits.write_timeout_seconds.
    void dropStalledWriters();

    net::asio::io_context& m_io;
    /// Password verification (Argon2id, ~64 MiB and tens of ms each) runs here.
    net::asio::thread_pool m_verifiers { 2 };
    Config m_config;
    Store& m_store;
    crypto::X25519KeyPair m_key;
    const Clock& m_clock;
    Accounts m_accounts;
    Contacts m_contacts;
    Prekeys m_prekeys;
    FileRelay m_files;
    PairLimiter m_pairs;
    ServerStats m_stats;
    net::tcp::acceptor m_acceptor;
    net::asio::steady_timer m_housekeepingTimer;
    bool m_stopping = false;
    std::int64_t m_lastExternalChange = -1;
    bool m_batchOpen = false;
    /// What waits for the open batch: a frame to send or a stored envelope to deliver.
    struct Pending {
        std::shared_ptr<Session> session;
        std::optional<v1::Frame> frame;
        EnvelopeRecord envelope;
    };
    std::vector<Pending> m_afterCommit;

    std::unordered_set<Session*> m_all; ///< every session after its handshake
    std::unordered_map<DeviceId, Session*> m_sessions; ///< logged-in sessions by device
    std::unordered_map<UserId, std::vector<DeviceId>> m_online;
    std::unordered_map<std::string, std::uint32_t> m_perAddress;
    std::unordered_map<std::string, UserId> m_names;
    std::unordered_map<UserId, std::string> m_userNames;
    std::unordered_map<UserId, std::vector<DeviceId>> m_devices;
    std::unordered_map<std::uint64_t, bool> m_routeCache;

    friend class Session;
};

} // namespace palisade::server
