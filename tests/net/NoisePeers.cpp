#include "NoisePeers.h"

#include <chrono>

namespace palisade::net::test {
namespace {

using boost::system::error_code;

Awaitable<void> echoSession(tcp::socket socket, const crypto::X25519KeyPair& key, ServerLog& log,
    bool allowXx, HandshakeOptions options)
{
    auto client = co_await acceptClient(std::move(socket), key, makeServerHello(), allowXx, options);
    if (!client) {
        log.handshakeErrors.push_back(client.error());
        co_return;
    }
    log.hello = client->hello;
    log.clientKey = client->connection->remoteStaticKey();
    log.handshakeHash = client->connection->handshakeHash();
    auto& connection = *client->connection;
    for (;;) {
        auto message = co_await connection.receive();
        if (!message) {
            log.closeReasons.push_back(message.error());
            co_return;
        }
        if (auto sent = co_await connection.send(*message); !sent) {
            log.closeReasons.push_back(sent.error());
            co_return;
        }
    }
}

Awaitable<void> acceptLoop(tcp::acceptor& acceptor, const crypto::X25519KeyPair& key, ServerLog& log,
    bool allowXx, HandshakeOptions options)
{
    for (;;) {
        error_code ec;
        tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        ++log.accepted;
        asio::co_spawn(acceptor.get_executor(), echoSession(std::move(socket), key, log, allowXx, options),
            asio::detached);
    }
}

struct SocketPair {
    tcp::socket client;
    tcp::socket server;
};

/// Copies one direction; @p state (client to server only) says what to do to the next chunk.
Awaitable<void> pump(
    std::shared_ptr<SocketPair> pair, bool toServer, std::shared_ptr<TamperingRelay::State> state)
{
    tcp::socket& from = toServer ? pair->client : pair->server;
    tcp::socket& to = toServer ? pair->server : pair->client;
    std::vector<std::uint8_t> buffer(65536);
    for (;;) {
        error_code ec;
        std::size_t n = co_await from.async_read_some(
            asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            break;
        int copies = 1;
        bool closeAfter = false;
        if (state && state->armed) {
            switch (*state->armed) {
            case TamperingRelay::Mode::FlipLastByte:
                buffer[n - 1] ^= 0x01;
                break;
            case TamperingRelay::Mode::Duplicate:
                copies = 2;
                break;
            case TamperingRelay::Mode::TruncateAndClose:
                n = n / 2;
                closeAfter = true;
                break;
            }
            state->armed.reset();
        }
        for (int i = 0; i < copies && !ec; ++i)
            co_await asio::async_write(
                to, asio::buffer(buffer.data(), n), asio::redirect_error(asio::use_awaitable, ec));
        if (ec || closeAfter)
            break;
    }
    error_code ignored;
    to.shutdown(tcp::socket::shutdown_send, ignored);
}

Awaitable<void> relayOnce(
    tcp::acceptor& acceptor, std::uint16_t target, std::shared_ptr<TamperingRelay::State> state)
{
    error_code ec;
    tcp::socket client = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return;
    auto pair = std::make_shared<SocketPair>(
        SocketPair { std::move(client), tcp::socket(acceptor.get_executor()) });
    co_await pair->server.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), target),
        asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return;
    asio::co_spawn(acceptor.get_executor(), pump(pair, false, nullptr), asio::detached);
    asio::co_spawn(acceptor.get_executor(), pump(pair, true, state), asio::detached);
}

} // namespace

v1::ServerHello makeServerHello()
{
    v1::ServerHello hello;
    hello.set_protocol_version(kProtocolVersion);
    hello.set_server_version("0.1.0");
    hello.set_min_client_version("0.1.0");
    hello.set_server_time_ms(std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch())
                                 .count());
    return hello;
}

v1::ClientHello makeClientHello()
{
    v1::ClientHello hello;
    hello.set_protocol_version(kProtocolVersion);
    hello.set_client_version("0.1.0");
    hello.set_platform("linux");
    return hello;
}

NoiseEchoServer::NoiseEchoServer(asio::io_context& io, const crypto::X25519KeyPair& key, ServerLog& log,
    bool allowXx, HandshakeOptions options)
    : m_acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0))
    , m_port(m_acceptor.local_endpoint().port())
{
    asio::co_spawn(io, acceptLoop(m_acceptor, key, log, allowXx, options), asio::detached);
}

TamperingRelay::TamperingRelay(asio::io_context& io, std::uint16_t target)
    : m_acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0))
    , m_port(m_acceptor.local_endpoint().port())
{
    asio::co_spawn(io, relayOnce(m_acceptor, target, m_state), asio::detached);
}

} // namespace palisade::net::test
