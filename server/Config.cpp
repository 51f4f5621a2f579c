#include "server/Config.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace palisade::server {
namespace {

std::string_view trim(std::string_view s)
{
    const auto notSpace = [](char c) { return c != ' ' && c != '\t' && c != '\r'; };
    while (!s.empty() && !notSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && !notSpace(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::expected<std::uint32_t, std::string> parseUnsigned(
    std::string_view value, std::uint32_t min, std::uint32_t max)
{
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc {} || end != value.data() + value.size() || value.empty()) {
        return std::unexpected("expected a whole number");
    }
    if (n < min || n > max) {
        return std::unexpected("must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return static_cast<std::uint32_t>(n);
}

std::expected<double, std::string> parseRate(std::string_view value)
{
    // Rates are given as whole or decimal numbers; parse the decimal form by hand so the
    // locale cannot change the meaning of '.'.
    const std::size_t dot = value.find('.');
    const std::string_view whole = value.substr(0, dot);
    auto integral = parseUnsigned(whole, 0, 1'000'000);
    if (!integral) {
        return std::unexpected("expected a number such as 50 or 0.5");
    }
    double result = *integral;
    if (dot != std::string_view::npos) {
        const std::string_view frac = value.substr(dot + 1);
        if (frac.empty() || frac.size() > 6) {
            return std::unexpected("expected a number such as 50 or 0.5");
        }
        auto f = parseUnsigned(frac, 0, 999'999);
        if (!f) {
            return std::unexpected("expected a number such as 50 or 0.5");
        }
        result += *f / std::pow(10.0, static_cast<double>(frac.size()));
    }
    if (result <= 0) {
        return std::unexpected("must be greater than 0");
    }
    return result;
}

std::expected<bool, std::string> parseBool(std::string_view value)
{
    if (value == "true" || value == "yes" || value == "on") {
        return true;
    }
    if (value == "false" || value == "no" || value == "off") {
        return false;
    }
    return std::unexpected("expected true or false");
}

using Setter = std::function<std::expected<void, std::string>(Config&, std::string_view)>;

Setter unsignedKey(std::uint32_t Limits::*member, std::uint32_t min, std::uint32_t max)
{
    return [=](Config& c, std::string_view v) -> std::expected<void, std::string> {
        auto n = parseUnsigned(v, min, max);
        if (!n) {
            return std::unexpected(n.error());
        }
        c.limits.*member = *n;
        return {};
    };
}

Setter rateKey(double Limits::*member)
{
    return [=](Config& c, std::string_view v) -> std::expected<void, std::string> {
        auto n = parseRate(v);
        if (!n) {
            return std::unexpected(n.error());
        }
        c.limits.*member = *n;
        return {};
    };
}

Setter pathKey(std::filesystem::path Config::*member)
{
    return [=](Config& c, std::string_view v) -> std::expected<void, std::string> {
        if (v.empty()) {
            return std::unexpected("expected a file path");
        }
        c.*member = std::filesystem::path(std::string(v));
        return {};
    };
}

const std::map<std::string_view, Setter>& setters()
{
    static const std::map<std::string_view, Setter> table = {
        { "listen",
            [](Config& c, std::string_view v) -> std::expected<void, std::string> {
                auto a = ListenAddress::parse(v);
                if (!a) {
                    return std::unexpected(a.error());
                }
                c.listen = *a;
                return {};
            } },
        { "database", pathKey(&Config::database) },
        { "database_key", pathKey(&Config::databaseKey) },
        { "noise_key", pathKey(&Config::noiseKey) },
        { "min_client_version",
            [](Config& c, std::string_view v) -> std::expected<void, std::string> {
                auto version = Version::parse(v);
                if (!version) {
                    return std::unexpected("expected a version such as 1.2.0");
                }
                c.minClientVersion = *version;
                return {};
            } },
        { "allow_strangers",
            [](Config& c, std::string_view v) -> std::expected<void, std::string> {
                auto b = parseBool(v);
                if (!b) {
                    return std::unexpected(b.error());
                }
                c.allowStrangers = *b;
                return {};
            } },
        { "limits.messages_per_second", rateKey(&Limits::messagesPerSecond) },
        { "limits.message_burst", rateKey(&Limits::messageBurst) },
        { "limits.pair_messages_per_second", rateKey(&Limits::pairMessagesPerSecond) },
        { "limits.pair_burst", rateKey(&Limits::pairBurst) },
        { "limits.connections_per_address", unsignedKey(&Limits::connectionsPerAddress, 1, 1'000'000) },
        { "limits.pending_handshakes", unsignedKey(&Limits::pendingHandshakes, 1, 1'000'000) },
        { "limits.max_connections", unsignedKey(&Limits::maxConnections, 1, 10'000'000) },
        { "limits.handshake_timeout_seconds", unsignedKey(&Limits::handshakeTimeoutSeconds, 1, 600) },
        { "limits.idle_timeout_seconds", unsignedKey(&Limits::idleTimeoutSeconds, 5, 86'400) },
        { "limits.write_timeout_seconds", unsignedKey(&Limits::writeTimeoutSeconds, 1, 3600) },
        { "limits.offline_ttl_days", unsignedKey(&Limits::offlineTtlDays, 1, 3650) },
        { "limits.offline_queue_per_device", unsignedKey(&Limits::offlineQueuePerDevice, 1, 10'000'000) },
        { "limits.file_quota_mb", unsignedKey(&Limits::fileQuotaMb, 1, 1'000'000) },
        { "limits.max_file_mb", unsignedKey(&Limits::maxFileMb, 1, 1'000'000) },
        { "limits.file_ttl_hours", unsignedKey(&Limits::fileTtlHours, 1, 24 * 365) },
        { "lockout.threshold", unsignedKey(&Limits::lockoutThreshold, 1, 1000) },
        { "lockout.base_seconds", unsignedKey(&Limits::lockoutBaseSeconds, 1, 86'400) },
        { "lockout.max_seconds", unsignedKey(&Limits::lockoutMaxSeconds, 1, 30 * 86'400) },
        { "prekeys.low_watermark", unsignedKey(&Limits::prekeyLowWatermark, 0, 10'000) },
    };
    return table;
}

} // namespace

std::expected<ListenAddress, std::string> ListenAddress::parse(std::string_view text)
{
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return std::unexpected("expected HOST:PORT, for example 0.0.0.0:7443");
    }
    std::string_view host = text.substr(0, colon);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') {
            return std::unexpected("an IPv6 address is written [ADDR]:PORT");
        }
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return std::unexpected("an IPv6 address is written [ADDR]:PORT");
    }
    for (char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '-' || c == ':';
        if (!ok) {
            return std::unexpected("the host has a character that is not allowed");
        }
    }
    auto port = parseUnsigned(text.substr(colon + 1), 0, 65535);
    if (!port) {
        return std::unexpected("the port " + port.error());
    }
    return ListenAddress { std::string(host), static_cast<std::uint16_t>(*port) };
}

std::string ListenAddress::toString() const
{
    if (host.find(':') != std::string::npos) {
        return '[' + host + "]:" + std::to_string(port);
    }
    return host + ':' + std::to_string(port);
}

std::string ConfigError::toString() const
{
    if (line > 0) {
        return "line " + std::to_string(line) + ": " + message;
    }
    return message;
}

std::expected<Config, ConfigError> parseConfig(std::string_view text)
{
    Config config;
    std::set<std::string, std::less<>> seen;
    int lineNumber = 0;
    while (!text.empty()) {
        ++lineNumber;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view {} : text.substr(nl + 1);
        line = trim(line);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            return std::unexpected(ConfigError { lineNumber, "expected key = value" });
        }
        const std::string_view key = trim(line.substr(0, eq));
        const std::string_view value = trim(line.substr(eq + 1));
        const auto it = setters().find(key);
        if (it == setters().end()) {
            return std::unexpected(ConfigError { lineNumber, "unknown key '" + std::string(key) + "'" });
        }
        if (!seen.emplace(key).second) {
            return std::unexpected(ConfigError { lineNumber, "'" + std::string(key) + "' is set twice" });
        }
        if (auto ok = it->second(config, value); !ok) {
            return std::unexpected(ConfigError { lineNumber, std::string(key) + ": " + ok.error() });
        }
    }
    if (config.limits.messageBurst < 1 || config.limits.pairBurst < 1) {
        return std::unexpected(ConfigError { 0, "a burst must be at least 1" });
    }
    if (config.limits.lockoutMaxSeconds < config.limits.lockoutBaseSeconds) {
        return std::unexpected(ConfigError { 0, "lockout.max_seconds is below lockout.base_seconds" });
    }
    return config;
}

std::expected<Config, ConfigError> loadConfig(
    const std::filesystem::path& path, const std::filesystem::path& dataDir)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::unexpected(ConfigError { 0, "cannot read " + path.string() });
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto config = parseConfig(text.str());
    if (!config) {
        config.error().message = path.string() + ": " + config.error().message;
        return config;
    }
    for (auto* p : { &config->database, &config->databaseKey, &config->noiseKey }) {
        if (p->is_relative()) {
            *p = dataDir / *p;
        }
    }
    return config;
}

std::string defaultConfigText()
{
    const Config d;
    const Limits& l = d.limits;
    std::ostringstream out;
    out << "# palisade-server settings (docs/admin-guide.md explains every key).\n"
        << "# `run --listen` overrides `listen`.\n"
        << "listen = " << d.listen.toString() << '\n'
        << "database = " << d.database.string() << '\n'
        << "database_key = " << d.databaseKey.string() << '\n'
        << "noise_key = " << d.noiseKey.string() << '\n'
        << "min_client_version = " << d.minClientVersion.toString() << '\n'
        << "allow_strangers = false\n"
        << "limits.messages_per_second = " << l.messagesPerSecond << '\n'
        << "limits.message_burst = " << l.messageBurst << '\n'
        << "limits.pair_messages_per_second = " << l.pairMessagesPerSecond << '\n'
        << "limits.pair_burst = " << l.pairBurst << '\n'
        << "limits.connections_per_address = " << l.connectionsPerAddress << '\n'
        << "limits.pending_handshakes = " << l.pendingHandshakes << '\n'
        << "limits.max_connections = " << l.maxConnections << '\n'
        << "limits.handshake_timeout_seconds = " << l.handshakeTimeoutSeconds << '\n'
        << "limits.idle_timeout_seconds = " << l.idleTimeoutSeconds << '\n'
        << "limits.write_timeout_seconds = " << l.writeTimeoutSeconds << '\n'
        << "limits.offline_ttl_days = " << l.offlineTtlDays << '\n'
        << "limits.offline_queue_per_device = " << l.offlineQueuePerDevice << '\n'
        << "limits.file_quota_mb = " << l.fileQuotaMb << '\n'
        << "limits.max_file_mb = " << l.maxFileMb << '\n'
        << "limits.file_ttl_hours = " << l.fileTtlHours << '\n'
        << "lockout.threshold = " << l.lockoutThreshold << '\n'
        << "lockout.base_seconds = " << l.lockoutBaseSeconds << '\n'
        << "lockout.max_seconds = " << l.lockoutMaxSeconds << '\n'
        << "prekeys.low_watermark = " << l.prekeyLowWatermark << '\n';
    return out.str();
}

} // namespace palisade::server
