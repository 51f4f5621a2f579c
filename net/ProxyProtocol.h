#pragma once
/// @file
/// @brief Byte-level SOCKS5 (RFC 1928, RFC 1929) and HTTP CONNECT (RFC 9110 §9.3.6) messages,
/// without I/O, so each parser of proxy replies can be unit-tested and fuzzed alone.

#include "net/Error.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::net::proxy {

inline constexpr std::uint8_t kSocksVersion = 0x05;
inline constexpr std::uint8_t kMethodNoAuth = 0x00;
inline constexpr std::uint8_t kMethodUserPass = 0x02;
inline constexpr std::uint8_t kMethodNone = 0xFF;
/// Bytes of a SOCKS5 reply read before its full length is known (VER REP RSV ATYP + 1).
inline constexpr std::size_t kSocksReplyPrefix = 5;
/// Largest HTTP response header we accept from a proxy before giving up.
inline constexpr std::size_t kMaxHttpHeader = 8192;

/// Client greeting offering no-auth, plus user/password when @p withPassword.
[[nodiscard]] std::vector<std::uint8_t> socksGreeting(bool withPassword);
/// Checks the server's method choice (2 bytes) against what we offered.
[[nodiscard]] std::expected<std::uint8_t, Error> parseSocksMethod(
    std::span<const std::uint8_t> reply, bool offeredPassword);
/// RFC 1929 request; user and password must each be 1..255 bytes.
[[nodiscard]] std::expected<std::vector<std::uint8_t>, Error> socksPasswordRequest(
    std::string_view user, std::string_view password);
/// RFC 1929 status (2 bytes): ok, or ProxyAuthFailed / ProxyProtocol.
[[nodiscard]] std::expected<void, Error> parseSocksPasswordStatus(std::span<const std::uint8_t> reply);
/// CONNECT request. A host name goes as ATYP 3 so that the proxy resolves it (we never do);
/// IPv4/IPv6 literals go as ATYP 1/4.
[[nodiscard]] std::expected<std::vector<std::uint8_t>, Error> socksConnectRequest(
    std::string_view host, std::uint16_t port);
/// From the first kSocksReplyPrefix reply bytes: the total reply length, or the error the
/// reply code means (ProxyRefused for a refusal, ProxyProtocol for garbage).
[[nodiscard]] std::expected<std::size_t, Error> socksReplyLength(std::span<const std::uint8_t> prefix);

/// "CONNECT host:port HTTP/1.1" with Host and, when @p user is not empty, Basic auth.
[[nodiscard]] std::expected<std::string, Error> httpConnectRequest(
    std::string_view host, std::uint16_t port, std::string_view user, std::string_view password);
/// Looks for a complete response header in @p received. std::nullopt: need more bytes.
/// Otherwise the header length (bytes after it belong to the tunnel), or ProxyAuthFailed
/// (407, or 401 as some proxies send), ProxyRefused (any other status), ProxyProtocol (not HTTP, or header
/// too long).
[[nodiscard]] std::expected<std::optional<std::size_t>, Error> parseHttpConnectResponse(
    std::span<const std::uint8_t> received);

} // namespace palisade::net::proxy
