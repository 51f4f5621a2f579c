#pragma once
// Unit-test harness for core/e2e: an in-process stand-in for palisade-server that relays
// between a few MessagingServices on one io_context (the "network thread"). It follows
// docs/protocol.md for the frames the service uses (SendEnvelope, Envelope, Ack,
// PrekeyUpload, PrekeyBundleRequest, PrekeysLow): per-device queues kept until acked,
// buddy-only routing, one-time prekeys handed out once. Differences from the real server:
// an Ack is answered with Ok (the real one answers nothing), and nothing is persisted.

#include "core/ServerLink.h"

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace palisade::test {

class E2eRelay;

/// One device's connection to the relay.
class RelayLink : public core::ServerLink {
public:
    RelayLink(E2eRelay& relay, std::string user, std::uint64_t device)
        : m_relay(&relay)
        , m_user(std::move(user))
        , m_device(device)
    {
    }
    net::Awaitable<std::expected<v1::Frame, net::Error>> request(v1::Frame frame) override;
    void onPush(v1::Frame::BodyCase kind, PushHandler handler) override
    {
        m_handlers[kind] = std::move(handler);
    }
    bool isConnected() const noexcept override { return m_connected; }

    const std::string& user() const noexcept { return m_user; }
    std::uint64_t device() const noexcept { return m_device; }
    /// Frames this link sent, by body kind.
    std::map<int, int> sent;

private:
    friend class E2eRelay;
    void push(const v1::Frame& frame);
    E2eRelay* m_relay;
    std::string m_user;
    std::uint64_t m_device;
    bool m_connected = false;
    std::map<int, PushHandler> m_handlers;
};

class E2eRelay {
public:
    explicit E2eRelay(net::asio::io_context& io)
        : m_io(&io)
    {
    }
    /// A new device of @p user (not connected yet).
    RelayLink& addDevice(const std::string& user);
    /// Forget a device: it leaves its user's device list and its queue.
    void removeDevice(RelayLink& link);
    void makeBuddies(const std::string& a, const std::string& b);
    /// Log in: queued envelopes are pushed, oldest first.
    void connect(RelayLink& link);
    /// Connection lost: requests fail, envelopes queue (unacked ones are delivered again).
    void disconnect(RelayLink& link);
    /// Hold pushes to @p link instead of delivering them (released by releaseHeld()).
    void setHoldPushes(RelayLink& link, bool hold);
    /// Deliver held pushes in the order given by @p order (indexes into the held list).
    void releaseHeld(RelayLink& link, const std::vector<std::size_t>& order);
    std::size_t heldCount(RelayLink& link) const;
    /// Deliver again every queued (unacked) envelope of @p link, as after a reconnect.
    void redeliver(RelayLink& link);

    std::size_t queued(const RelayLink& link) const;
    std::size_t oneTimePrekeys(const RelayLink& link) const;
    /// Every ciphertext byte string that went through the relay.
    std::vector<std::string> ciphertexts;
    std::uint32_t lowWatermark = 10;
    /// Ignore acks (as if they were lost with the connection).
    bool dropAcks = false;

private:
    friend class RelayLink;
    struct Queued {
        std::uint64_t serverId;
        v1::Envelope envelope;
    };
    struct Device {
        RelayLink* link = nullptr;
        std::optional<v1::PrekeyUpload> bundle;
        std::deque<v1::OneTimePrekey> oneTime;
        std::deque<Queued> queue;
        bool hold = false;
        std::vector<v1::Frame> held;
    };
    v1::Frame handle(RelayLink& from, const v1::Frame& frame);
    v1::Frame onSend(RelayLink& from, const v1::SendEnvelope& send);
    v1::Frame onFetch(RelayLink& from, const std::string& user);
    void deliver(Device& device, const v1::Frame& frame);
    bool mayRoute(const std::string& a, const std::string& b) const;

    net::asio::io_context* m_io;
    std::uint64_t m_nextDevice = 1;
    std::uint64_t m_nextServerId = 1;
    std::map<std::uint64_t, Device> m_devices;
    std::map<std::string, std::vector<std::uint64_t>> m_users;
    std::set<std::pair<std::string, std::string>> m_buddies;
    std::vector<std::unique_ptr<RelayLink>> m_links;
};

} // namespace palisade::test
