#include "net/Connector.h"

#include "net/Deadline.h"
#include "net/ProxyProtocol.h"

#include <array>
#include <span>
#include <string>

namespace palisade::net {
namespace {

using boost::system::error_code;
using Result = std::expected<void, Error>;

/// The proxy hung up or reset mid-negotiation: that is a broken reply, not our I/O.
Error proxyIoError(const error_code& ec)
{
    return ec == asio::error::eof || ec == asio::error::connection_reset ? Error::ProxyProtocol
                                                                         : Error::IoError;
}

Awaitable<Result> writeAll(tcp::socket& socket, std::span<const std::uint8_t> bytes)
{
    error_code ec;
    co_await asio::async_write(
        socket, asio::buffer(bytes.data(), bytes.size()), asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return std::unexpected(proxyIoError(ec));
    co_return Result {};
}

Awaitable<Result> readExact(tcp::socket& socket, std::span<std::uint8_t> into)
{
    error_code ec;
    co_await asio::async_read(
        socket, asio::buffer(into.data(), into.size()), asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return std::unexpected(proxyIoError(ec));
    co_return Result {};
}

Awaitable<Result> socksHandshake(tcp::socket& socket, const Endpoint& server, const ProxySettings& proxy)
{
    const bool withPassword = !proxy.username.empty();
    std::vector<std::uint8_t> passwordRequest;
    if (withPassword) {
        auto request = proxy::socksPasswordRequest(proxy.username, proxy.password);
        if (!request)
            co_return std::unexpected(request.error());
        passwordRequest = std::move(*request);
    }
    auto connectRequest = proxy::socksConnectRequest(server.host, server.port);
    if (!connectRequest)
        co_return std::unexpected(connectRequest.error());

    if (auto r = co_await writeAll(socket, proxy::socksGreeting(withPassword)); !r)
        co_return r;
    std::array<std::uint8_t, 2> two {};
    if (auto r = co_await readExact(socket, two); !r)
        co_return r;
    const auto method = proxy::parseSocksMethod(two, withPassword);
    if (!method)
        co_return std::unexpected(method.error());
    if (*method == proxy::kMethodUserPass) {
        auto r = co_await writeAll(socket, passwordRequest);
        std::fill(passwordRequest.begin(), passwordRequest.end(), std::uint8_t { 0 });
        if (!r)
            co_return r;
        if (auto read = co_await readExact(socket, two); !read)
            co_return read;
        if (auto status = proxy::parseSocksPasswordStatus(two); !status)
            co_return status;
    }
    if (auto r = co_await writeAll(socket, *connectRequest); !r)
        co_return r;
    std::array<std::uint8_t, 4 + 1 + 255 + 2> reply {};
    if (auto r = co_await readExact(socket, std::span(reply).first(proxy::kSocksReplyPrefix)); !r)
        co_return r;
    const auto length = proxy::socksReplyLength(std::span(reply).first(proxy::kSocksReplyPrefix));
    if (!length)
        co_return std::unexpected(length.error());
    co_return co_await readExact(
        socket, std::span(reply).subspan(proxy::kSocksReplyPrefix, *length - proxy::kSocksReplyPrefix));
}

Awaitable<Result> httpHandshake(tcp::socket& socket, const Endpoint& server, const ProxySettings& proxy,
    std::vector<std::uint8_t>& pending)
{
    auto request = proxy::httpConnectRequest(server.host, server.port, proxy.username, proxy.password);
    if (!request)
        co_return std::unexpected(request.error());
    const auto requestBytes
        = std::span(reinterpret_cast<const std::uint8_t*>(request->data()), request->size());
    auto written = co_await writeAll(socket, requestBytes);
    std::fill(request->begin(), request->end(), '\0');
    if (!written)
        co_return written;
    std::vector<std::uint8_t> received;
    std::array<std::uint8_t, 1024> chunk {};
    for (;;) {
        error_code ec;
        const std::size_t n = co_await socket.async_read_some(
            asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return std::unexpected(proxyIoError(ec));
        received.insert(received.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
        const auto parsed = proxy::parseHttpConnectResponse(received);
        if (!parsed)
            co_return std::unexpected(parsed.error());
        if (*parsed) {
            // Whatever follows the header is the server talking through the tunnel.
            pending.assign(received.begin() + static_cast<std::ptrdiff_t>(**parsed), received.end());
            co_return Result {};
        }
    }
}

} // namespace

Awaitable<std::expected<ConnectedStream, Error>> connectStream(
    Endpoint server, ProxySettings proxy, std::chrono::milliseconds timeout)
{
    const auto executor = co_await asio::this_coro::executor;
    const bool direct = proxy.kind == ProxySettings::Kind::Direct;
    const Endpoint& first = direct ? server : proxy.proxy;
    if (server.host.empty() || server.port == 0 || first.host.empty() || first.port == 0)
        co_return std::unexpected(Error::InvalidArgument);

    tcp::socket socket(executor);
    tcp::resolver resolver(executor);
    Deadline deadline(executor);
    deadline.arm(timeout, [&socket, &resolver] {
        resolver.cancel();
        error_code ignored;
        socket.close(ignored);
    });

    error_code ec;
    const auto endpoints = co_await resolver.async_resolve(
        first.host, std::to_string(first.port), asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return std::unexpected(deadline.expired() ? Error::Timeout : Error::ResolveFailed);
    co_await asio::async_connect(socket, endpoints, asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return std::unexpected(deadline.expired() ? Error::Timeout : Error::ConnectFailed);

    std::vector<std::uint8_t> pending;
    Result negotiated;
    if (proxy.kind == ProxySettings::Kind::Socks5)
        negotiated = co_await socksHandshake(socket, server, proxy);
    else if (proxy.kind == ProxySettings::Kind::HttpConnect)
        negotiated = co_await httpHandshake(socket, server, proxy, pending);
    if (deadline.expired())
        co_return std::unexpected(Error::Timeout);
    deadline.disarm();
    if (!negotiated)
        co_return std::unexpected(negotiated.error());
    socket.set_option(tcp::no_delay(true), ec);
    co_return ConnectedStream { std::move(socket), std::move(pending) };
}

} // namespace palisade::net
