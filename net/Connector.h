#pragma once
/// @file
/// @brief Client-side TCP connection to the server: direct, through SOCKS5, or through an
/// HTTP CONNECT proxy. With a proxy, the client never resolves the server name itself.

#include "net/Asio.h"
#include "net/Error.h"

#include <chrono>
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace palisade::net {

/// Where to connect: a host name or IP literal and a TCP port.
struct Endpoint {
    std::string host;
    std::uint16_t port = 0;
};

/// How to reach the server (the `network.proxy` policy value, parsed by core/).
struct ProxySettings {
    enum class Kind { Direct, Socks5, HttpConnect };
    Kind kind = Kind::Direct;
    Endpoint proxy; ///< the proxy itself (resolved locally: it is on the corporate network)
    std::string username; ///< empty: no authentication
    std::string password;
};

/// An open TCP stream to the server and the bytes that already arrived on it (an HTTP
/// proxy may send tunnel bytes right behind its 200 reply; they belong to the server).
struct ConnectedStream {
    tcp::socket socket;
    std::vector<std::uint8_t> pending;
};

/// Connects to @p server through @p proxy; the whole attempt (resolve, TCP connect, proxy
/// negotiation) must finish within @p timeout or it fails with Error::Timeout.
/// Runs on the calling coroutine's executor.
[[nodiscard]] Awaitable<std::expected<ConnectedStream, Error>> connectStream(
    Endpoint server, ProxySettings proxy, std::chrono::milliseconds timeout = std::chrono::seconds { 15 });

} // namespace palisade::net
