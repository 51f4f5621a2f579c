#include "net/ProxyProtocol.h"

#include <sodium.h>

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <charconv>

namespace palisade::net::proxy {
namespace {

bool validHost(std::string_view host)
{
    if (host.empty() || host.size() > 255)
        return false;
    return std::ranges::all_of(host, [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7F && c != '/' && c != '@';
    });
}

std::string base64(std::string_view text)
{
    std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
        text.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1); // the terminating NUL
    return out;
}

} // namespace

std::vector<std::uint8_t> socksGreeting(bool withPassword)
{
    if (withPassword)
        return { kSocksVersion, 2, kMethodNoAuth, kMethodUserPass };
    return { kSocksVersion, 1, kMethodNoAuth };
}

std::expected<std::uint8_t, Error> parseSocksMethod(std::span<const std::uint8_t> reply, bool offeredPassword)
{
    if (reply.size() != 2 || reply[0] != kSocksVersion)
        return std::unexpected(Error::ProxyProtocol);
    if (reply[1] == kMethodNone)
        return std::unexpected(Error::ProxyAuthFailed);
    if (reply[1] == kMethodNoAuth || (offeredPassword && reply[1] == kMethodUserPass))
        return reply[1];
    return std::unexpected(Error::ProxyProtocol);
}

std::expected<std::vector<std::uint8_t>, Error> socksPasswordRequest(
    std::string_view user, std::string_view password)
{
    if (user.empty() || user.size() > 255 || password.empty() || password.size() > 255)
        return std::unexpected(Error::InvalidArgument);
    std::vector<std::uint8_t> out;
    out.reserve(3 + user.size() + password.size());
    out.push_back(0x01);
    out.push_back(static_cast<std::uint8_t>(user.size()));
    out.insert(out.end(), user.begin(), user.end());
    out.push_back(static_cast<std::uint8_t>(password.size()));
    out.insert(out.end(), password.begin(), password.end());
    return out;
}

std::expected<void, Error> parseSocksPasswordStatus(std::span<const std::uint8_t> reply)
{
    if (reply.size() != 2 || reply[0] != 0x01)
        return std::unexpected(Error::ProxyProtocol);
    if (reply[1] != 0x00)
        return std::unexpected(Error::ProxyAuthFailed);
    return {};
}

std::expected<std::vector<std::uint8_t>, Error> socksConnectRequest(std::string_view host, std::uint16_t port)
{
    if (!validHost(host) || port == 0)
        return std::unexpected(Error::InvalidArgument);
    std::vector<std::uint8_t> out { kSocksVersion, 0x01, 0x00 };
    const std::string hostCopy(host);
    std::array<std::uint8_t, 16> address {};
    if (inet_pton(AF_INET, hostCopy.c_str(), address.data()) == 1) {
        out.push_back(0x01);
        out.insert(out.end(), address.begin(), address.begin() + 4);
    } else if (inet_pton(AF_INET6, hostCopy.c_str(), address.data()) == 1) {
        out.push_back(0x04);
        out.insert(out.end(), address.begin(), address.end());
    } else {
        out.push_back(0x03);
        out.push_back(static_cast<std::uint8_t>(host.size()));
        out.insert(out.end(), host.begin(), host.end());
    }
    out.push_back(static_cast<std::uint8_t>(port >> 8));
    out.push_back(static_cast<std::uint8_t>(port & 0xFF));
    return out;
}

std::expected<std::size_t, Error> socksReplyLength(std::span<const std::uint8_t> prefix)
{
    if (prefix.size() < kSocksReplyPrefix || prefix[0] != kSocksVersion || prefix[2] != 0x00)
        return std::unexpected(Error::ProxyProtocol);
    if (prefix[1] != 0x00)
        return std::unexpected(prefix[1] <= 0x08 ? Error::ProxyRefused : Error::ProxyProtocol);
    switch (prefix[3]) {
    case 0x01:
        return std::size_t { 4 + 4 + 2 };
    case 0x03:
        if (prefix[4] == 0)
            return std::unexpected(Error::ProxyProtocol);
        return std::size_t { 4 + 1 } + prefix[4] + 2;
    case 0x04:
        return std::size_t { 4 + 16 + 2 };
    default:
        return std::unexpected(Error::ProxyProtocol);
    }
}

std::expected<std::string, Error> httpConnectRequest(
    std::string_view host, std::uint16_t port, std::string_view user, std::string_view password)
{
    if (!validHost(host) || port == 0 || user.find(':') != std::string_view::npos)
        return std::unexpected(Error::InvalidArgument);
    const auto badChar = [](char c) { return c == '\r' || c == '\n'; };
    if (std::ranges::any_of(user, badChar) || std::ranges::any_of(password, badChar))
        return std::unexpected(Error::InvalidArgument);
    std::string authority
        = host.find(':') != std::string_view::npos ? "[" + std::string(host) + "]" : std::string(host);
    authority += ':' + std::to_string(port);
    std::string out = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    if (!user.empty()) {
        std::string credentials(user);
        credentials += ':';
        credentials += password;
        out += "Proxy-Authorization: Basic " + base64(credentials) + "\r\n";
        sodium_memzero(credentials.data(), credentials.size());
    }
    out += "\r\n";
    return out;
}

std::expected<std::optional<std::size_t>, Error> parseHttpConnectResponse(
    std::span<const std::uint8_t> received)
{
    const std::string_view text(reinterpret_cast<const char*>(received.data()), received.size());
    // Reject a non-HTTP peer as soon as the first bytes show it.
    constexpr std::string_view prefix = "HTTP/1.";
    if (text.substr(0, prefix.size()) != prefix.substr(0, std::min(prefix.size(), text.size())))
        return std::unexpected(Error::ProxyProtocol);
    const std::size_t end = text.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        if (received.size() >= kMaxHttpHeader)
            return std::unexpected(Error::ProxyProtocol);
        return std::nullopt;
    }
    if (end + 4 > kMaxHttpHeader)
        return std::unexpected(Error::ProxyProtocol);
    // "HTTP/1.x SSS reason"
    if (text.size() < 12 || (text[7] != '0' && text[7] != '1') || text[8] != ' ')
        return std::unexpected(Error::ProxyProtocol);
    int status = 0;
    const auto [ptr, ec] = std::from_chars(text.data() + 9, text.data() + 12, status);
    if (ec != std::errc {} || ptr != text.data() + 12 || status < 100
        || (text.size() > 12 && text[12] != ' ' && text[12] != '\r'))
        return std::unexpected(Error::ProxyProtocol);
    if (status == 407 || status == 401) // tinyproxy answers bad credentials with 401
        return std::unexpected(Error::ProxyAuthFailed);
    if (status < 200 || status > 299)
        return std::unexpected(Error::ProxyRefused);
    return end + 4;
}

} // namespace palisade::net::proxy
