#pragma once
/// @file
/// @brief The `network.proxy` setting: "none", "system", `socks5://[user:pass@]host:port` or
/// `http://[user:pass@]host:port` (HTTP CONNECT), parsed into net::ProxySettings. "system"
/// asks the operating system (QNetworkProxyFactory, the only use of QtNetwork in core/).
/// Credentials never appear in an error text; show the setting with redactProxySetting().

#include "net/Connector.h"

#include <expected>
#include <string>
#include <string_view>

namespace palisade::core {

/// A parsed `network.proxy` value.
struct ProxyChoice {
    enum class Mode {
        None, ///< connect directly
        System, ///< whatever the operating system's proxy settings say for the server
        Explicit, ///< the proxy in @c proxy
    };
    Mode mode = Mode::None;
    net::ProxySettings proxy; ///< Explicit only
};

/// Parses "host:port", "[ipv6]:port" or "a.b.c.d:port" with a port 1..65535. Host names are
/// DNS names (letters, digits, '-', '.'; labels of 1..63 characters).
[[nodiscard]] std::expected<net::Endpoint, std::string> parseHostPort(std::string_view text);

/// Parses a `network.proxy` value. User name and password may be percent-encoded. The
/// error text says what is wrong without repeating the value.
[[nodiscard]] std::expected<ProxyChoice, std::string> parseProxySetting(std::string_view text);

/// @p text with the password of a proxy URL replaced by "***" (user names are kept: they
/// help IT and are not secret); anything unparsable becomes "(invalid)".
[[nodiscard]] std::string redactProxySetting(std::string_view text);

/// The proxy to use to reach @p server: Direct for None, the parsed proxy for Explicit, the
/// operating system's answer for System (its first SOCKS5 or HTTP proxy; "no proxy" means
/// Direct). Fails only when the system names a proxy type Palisade cannot use.
[[nodiscard]] std::expected<net::ProxySettings, std::string> resolveProxy(
    const ProxyChoice& choice, const net::Endpoint& server);

} // namespace palisade::core
