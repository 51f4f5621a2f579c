#include "NoiseLink.h"

#include "net/Connector.h"
#include "net/Handshake.h"

#include <limits>

namespace palisade::test {

namespace asio = net::asio;

NoiseLink::~NoiseLink()
{
    close();
}

void NoiseLink::close()
{
    if (m_alive) {
        *m_alive = false;
    }
    if (m_connection) {
        m_connection->close();
    }
    for (auto& [id, pending] : m_pending) {
        pending->timer->cancel();
    }
}

net::Awaitable<std::expected<v1::ServerHello, net::Error>> NoiseLink::connect(
    std::uint16_t port, crypto::X25519PublicKey serverKey)
{
    close();
    net::tcp::socket socket(*m_io);
    boost::system::error_code ec;
    co_await socket.async_connect(net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
        asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        co_return std::unexpected(net::Error::ConnectFailed);
    }
    v1::ClientHello hello;
    hello.set_protocol_version(net::kProtocolVersion);
    hello.set_client_version("0.1.0");
    hello.set_platform("linux");
    net::ConnectedStream stream { std::move(socket), {} };
    auto session = co_await net::connectClient(std::move(stream), m_deviceKey, serverKey, hello);
    if (!session) {
        co_return std::unexpected(session.error());
    }
    m_connection = std::move(session->connection);
    m_alive = std::make_shared<bool>(true);
    asio::co_spawn(*m_io, readLoop(m_alive), asio::detached);
    co_return session->hello;
}

net::Awaitable<void> NoiseLink::readLoop(std::shared_ptr<bool> alive)
{
    auto* connection = m_connection.get();
    for (;;) {
        auto frame = co_await connection->receiveFrame();
        if (!*alive) {
            co_return;
        }
        if (!frame) {
            break;
        }
        if (frame->request_id() != 0) {
            if (auto it = m_pending.find(frame->request_id()); it != m_pending.end()) {
                it->second->reply = std::move(*frame);
                it->second->timer->cancel();
            }
            continue;
        }
        if (auto it = m_handlers.find(frame->body_case()); it != m_handlers.end()) {
            it->second(*frame);
        }
    }
    for (auto& [id, pending] : m_pending) {
        pending->timer->cancel();
    }
}

net::Awaitable<std::expected<v1::Frame, net::Error>> NoiseLink::request(v1::Frame frame)
{
    if (!isConnected()) {
        co_return std::unexpected(net::Error::ConnectionClosed);
    }
    const auto id = ++m_nextId;
    frame.set_request_id(id);
    const bool answered = frame.body_case() != v1::Frame::kAck; // the server answers no Ack
    if (!answered) {
        auto sent = co_await m_connection->sendFrame(frame);
        if (!sent) {
            co_return std::unexpected(sent.error());
        }
        v1::Frame ok;
        ok.mutable_ok();
        co_return ok;
    }
    Pending pending;
    pending.timer = std::make_unique<asio::steady_timer>(*m_io, asio::steady_timer::time_point::max());
    m_pending[id] = &pending;
    auto sent = co_await m_connection->sendFrame(frame);
    if (sent && !pending.reply && isConnected()) {
        boost::system::error_code ec;
        co_await pending.timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    m_pending.erase(id);
    if (!pending.reply) {
        co_return std::unexpected(sent ? net::Error::ConnectionClosed : sent.error());
    }
    co_return std::move(*pending.reply);
}

bool runUntil(net::asio::io_context& io, const std::function<bool()>& done, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            return false;
        }
        io.restart();
        io.run_one_for(
            std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(20)));
    }
    return true;
}

} // namespace palisade::test
