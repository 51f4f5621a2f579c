#pragma once
// Integration-test implementation of core::ServerLink over the real transport (net/: TCP +
// Noise IK + Frame) to a real palisade-server: requests matched by request id, pushes
// dispatched by body. Stands in for the client engine's session in the e2e tests.

#include "core/ServerLink.h"
#include "crypto/X25519.h"
#include "net/NoiseConnection.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace palisade::test {

class NoiseLink : public core::ServerLink {
public:
    NoiseLink(net::asio::io_context& io, crypto::X25519KeyPair deviceKey)
        : m_io(&io)
        , m_deviceKey(std::move(deviceKey))
    {
    }
    ~NoiseLink() override;

    /// TCP to 127.0.0.1:@p port, Noise IK with @p serverKey, start reading.
    net::Awaitable<std::expected<v1::ServerHello, net::Error>> connect(
        std::uint16_t port, crypto::X25519PublicKey serverKey);
    void close();

    net::Awaitable<std::expected<v1::Frame, net::Error>> request(v1::Frame frame) override;
    void onPush(v1::Frame::BodyCase kind, PushHandler handler) override
    {
        m_handlers[kind] = std::move(handler);
    }
    bool isConnected() const noexcept override { return m_connection && m_connection->isOpen(); }

private:
    struct Pending {
        std::unique_ptr<net::asio::steady_timer> timer;
        std::optional<v1::Frame> reply;
    };
    net::Awaitable<void> readLoop(std::shared_ptr<bool> alive);

    net::asio::io_context* m_io;
    crypto::X25519KeyPair m_deviceKey;
    std::unique_ptr<net::NoiseConnection> m_connection;
    std::shared_ptr<bool> m_alive;
    std::uint64_t m_nextId = 0;
    std::map<std::uint64_t, Pending*> m_pending;
    std::map<int, PushHandler> m_handlers;
};

/// Run @p io until @p done or @p timeout.
bool runUntil(net::asio::io_context& io, const std::function<bool()>& done,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

/// Run @p task to completion on @p io (bounded by @p timeout); nullopt on timeout.
template <typename T>
std::optional<T> await(net::asio::io_context& io, net::Awaitable<T> task,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(15000))
{
    auto result = std::make_shared<std::optional<T>>();
    net::asio::co_spawn(
        io, std::move(task), [result](std::exception_ptr, T value) { result->emplace(std::move(value)); });
    runUntil(
        io, [&] { return result->has_value(); }, timeout);
    return std::move(*result);
}

} // namespace palisade::test
