#pragma once
/// @file
/// @brief The load generator's clients: N authenticated Noise connections on one io_context,
/// an open-loop sender (a fixed rate; the schedule, not the replies, decides when to send)
/// and readers that time every delivered envelope and acknowledge it.

#include "crypto/X25519.h"
#include "net/Handshake.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace palisade::bench {

struct FleetOptions {
    std::uint16_t port = 0;
    crypto::X25519PublicKey serverKey {};
    std::vector<std::uint64_t> devices; ///< device id of user i (empty in relay mode)
    std::uint32_t clients = 0;
    std::uint32_t sources = 1; ///< client sockets bind to 127.0.0.1 .. 127.0.0.<sources>
    bool relay = false; ///< talking to the trivial relay: log in by sending a name
};

struct StepResult {
    double offered = 0; ///< msgs/s the schedule asked for
    double seconds = 0; ///< from the first send to the last delivery
    std::uint64_t sent = 0;
    std::uint64_t accepted = 0; ///< SendResults
    std::uint64_t delivered = 0; ///< envelopes of this step received
    std::uint64_t errors = 0; ///< Error answers (rate limits, ...)
    std::uint64_t overflow = 0; ///< sends refused by the generator's own full queue
    double p50 = 0, p99 = 0, p999 = 0, max = 0; ///< milliseconds from the scheduled send time
};

class Fleet {
public:
    Fleet(net::asio::io_context& io, FleetOptions options);
    ~Fleet();
    /// Connects and logs in every client; returns how many made it.
    std::uint32_t connectAll();
    /// Sends @p rate msgs/s (256-byte bodies, send time inside) for @p duration, then waits
    /// up to @p drain for the deliveries.
    StepResult runStep(double rate, std::chrono::milliseconds duration, std::chrono::milliseconds drain);
    void closeAll();
    /// Serves the connections (reads, acks) for @p duration.
    void pump(std::chrono::milliseconds duration)
    {
        runUntil([] { return false; }, duration);
    }

private:
    struct Client;
    net::Awaitable<void> connectOne(std::uint32_t index);
    net::Awaitable<void> readLoop(Client* client);
    net::Awaitable<void> sendLoop(double rate, std::chrono::milliseconds duration);
    void sendOne(std::uint32_t index, std::chrono::steady_clock::time_point scheduled);
    void flushAcks();
    void runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);

    net::asio::io_context& m_io;
    FleetOptions m_options;
    std::vector<std::unique_ptr<Client>> m_clients;
    std::vector<Client*> m_dirty; ///< clients with acks to send
    std::uint32_t m_ready = 0;
    std::uint32_t m_failed = 0;
    std::uint32_t m_step = 0;
    bool m_sending = false;
    std::chrono::steady_clock::time_point m_lastDelivery;
    StepResult m_result;
    std::vector<std::uint32_t> m_latencyUs;
};

} // namespace palisade::bench
