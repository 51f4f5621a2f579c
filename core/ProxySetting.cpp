#include "core/ProxySetting.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>

#include <algorithm>
#include <charconv>
#include <optional>

namespace palisade::core {

namespace {

bool isDnsName(std::string_view host)
{
    if (host.empty() || host.size() > 253) {
        return false;
    }
    std::size_t labelLength = 0;
    for (std::size_t i = 0; i < host.size(); ++i) {
        const char c = host[i];
        if (c == '.') {
            if (labelLength == 0 || host[i - 1] == '-') {
                return false;
            }
            labelLength = 0;
            continue;
        }
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !(c == '-' && labelLength > 0)) {
            return false;
        }
        if (++labelLength > 63) {
            return false;
        }
    }
    return labelLength > 0 && host.back() != '-';
}

bool isIpv6Literal(std::string_view host)
{
    if (host.size() < 2 || host.size() > 45 || host.find(':') == std::string_view::npos) {
        return false;
    }
    return std::ranges::all_of(host, [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
            || c == '.';
    });
}

std::optional<std::string> percentDecode(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        unsigned value = 0;
        if (i + 2 >= text.size()) {
            return std::nullopt;
        }
        const auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
        if (ec != std::errc {} || end != text.data() + i + 3) {
            return std::nullopt;
        }
        out += static_cast<char>(value);
        i += 2;
    }
    return out;
}

} // namespace

std::expected<net::Endpoint, std::string> parseHostPort(std::string_view text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        return std::unexpected("expected host:port");
    }
    std::string_view host = text.substr(0, colon);
    const std::string_view portText = text.substr(colon + 1);
    if (host.starts_with('[') && host.ends_with(']')) {
        host = host.substr(1, host.size() - 2);
        if (!isIpv6Literal(host)) {
            return std::unexpected("the host in brackets is not an IPv6 address");
        }
    } else if (!isDnsName(host)) {
        return std::unexpected("the host is not a valid name or address (IPv6 goes in brackets)");
    }
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (portText.empty() || ec != std::errc {} || end != portText.data() + portText.size() || port == 0
        || port > 65535) {
        return std::unexpected("the port must be a number from 1 to 65535");
    }
    return net::Endpoint { std::string(host), static_cast<std::uint16_t>(port) };
}

std::expected<ProxyChoice, std::string> parseProxySetting(std::string_view text)
{
    if (text == "none") {
        return ProxyChoice {};
    }
    if (text == "system") {
        return ProxyChoice { ProxyChoice::Mode::System, {} };
    }
    ProxyChoice choice { ProxyChoice::Mode::Explicit, {} };
    std::string_view rest;
    if (text.starts_with("socks5://")) {
        choice.proxy.kind = net::ProxySettings::Kind::Socks5;
        rest = text.substr(9);
    } else if (text.starts_with("http://")) {
        choice.proxy.kind = net::ProxySettings::Kind::HttpConnect;
        rest = text.substr(7);
    } else {
        return std::unexpected(R"(expected "none", "system", socks5://host:port or http://host:port)");
    }
    if (rest.ends_with('/')) {
        rest.remove_suffix(1);
    }
    if (rest.find_first_of("/?#") != std::string_view::npos) {
        return std::unexpected("a proxy URL has no path, query or fragment");
    }
    const auto at = rest.rfind('@');
    if (at != std::string_view::npos) {
        const std::string_view userInfo = rest.substr(0, at);
        const auto colon = userInfo.find(':');
        auto user = percentDecode(userInfo.substr(0, colon));
        auto password = percentDecode(
            colon == std::string_view::npos ? std::string_view {} : userInfo.substr(colon + 1));
        if (!user || !password) {
            return std::unexpected("bad percent-encoding in the proxy user name or password");
        }
        if (user->empty() || user->size() > 255 || password->size() > 255) {
            return std::unexpected("the proxy user name must be 1-255 bytes and the password at most 255");
        }
        choice.proxy.username = std::move(*user);
        choice.proxy.password = std::move(*password);
        rest = rest.substr(at + 1);
    }
    auto endpoint = parseHostPort(rest);
    if (!endpoint) {
        return std::unexpected("proxy address: " + endpoint.error());
    }
    choice.proxy.proxy = std::move(*endpoint);
    return choice;
}

std::string redactProxySetting(std::string_view text)
{
    if (!parseProxySetting(text)) {
        return "(invalid)";
    }
    const auto scheme = text.find("://");
    const auto at = text.rfind('@');
    if (scheme == std::string_view::npos || at == std::string_view::npos) {
        return std::string(text);
    }
    const std::string_view userInfo = text.substr(scheme + 3, at - scheme - 3);
    const auto colon = userInfo.find(':');
    if (colon == std::string_view::npos) {
        return std::string(text);
    }
    return std::string(text.substr(0, scheme + 3 + colon + 1)) + "***" + std::string(text.substr(at));
}

std::expected<net::ProxySettings, std::string> resolveProxy(
    const ProxyChoice& choice, const net::Endpoint& server)
{
    switch (choice.mode) {
    case ProxyChoice::Mode::None:
        return net::ProxySettings {};
    case ProxyChoice::Mode::Explicit:
        return choice.proxy;
    case ProxyChoice::Mode::System:
        break;
    }
    const QNetworkProxyQuery query(QString::fromStdString(server.host), server.port,
        QStringLiteral("palisade"), QNetworkProxyQuery::TcpSocket);
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::systemProxyForQuery(query);
    for (const QNetworkProxy& proxy : proxies) {
        net::ProxySettings settings;
        switch (proxy.type()) {
        case QNetworkProxy::NoProxy:
        case QNetworkProxy::DefaultProxy:
            return settings;
        case QNetworkProxy::Socks5Proxy:
            settings.kind = net::ProxySettings::Kind::Socks5;
            break;
        case QNetworkProxy::HttpProxy:
            settings.kind = net::ProxySettings::Kind::HttpConnect;
            break;
        case QNetworkProxy::HttpCachingProxy:
        case QNetworkProxy::FtpCachingProxy:
            continue;
        }
        settings.proxy = net::Endpoint { proxy.hostName().toStdString(), proxy.port() };
        settings.username = proxy.user().toStdString();
        settings.password = proxy.password().toStdString();
        return settings;
    }
    if (proxies.isEmpty()) {
        return net::ProxySettings {};
    }
    return std::unexpected("the system proxy for the server is neither SOCKS5 nor an HTTP CONNECT proxy");
}

} // namespace palisade::core
