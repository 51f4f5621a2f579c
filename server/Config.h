#pragma once
/// @file
/// @brief server.conf: the server's settings, parsed strictly (unknown keys, duplicates and
/// out-of-range values are errors that name the line), with safe defaults for every key.

#include "server/Version.h"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace palisade::server {

/// "HOST:PORT" or "[IPv6]:PORT"; port 0 asks the OS for a free port.
struct ListenAddress {
    std::string host = "127.0.0.1";
    std::uint16_t port = 7443;

    [[nodiscard]] static std::expected<ListenAddress, std::string> parse(std::string_view text);
    [[nodiscard]] std::string toString() const;
};

/// Flood control, lockout and storage limits (docs/admin-guide.md lists each key).
struct Limits {
    double messagesPerSecond = 200; ///< per connection, sustained
    double messageBurst = 400; ///< per connection, bucket size
    double pairMessagesPerSecond = 50; ///< per sender→recipient account pair
    double pairBurst = 100;
    std::uint32_t connectionsPerAddress = 64; ///< live connections from one source address
    std::uint32_t pendingHandshakes = 1024; ///< connections not yet through the handshake
    std::uint32_t maxConnections = 50000;
    std::uint32_t handshakeTimeoutSeconds = 10;
    std::uint32_t idleTimeoutSeconds = 300;
    std::uint32_t writeTimeoutSeconds = 30; ///< a client that accepts no bytes this long is dropped
    std::uint32_t offlineTtlDays = 30;
    std::uint32_t offlineQueuePerDevice = 10000;
    std::uint32_t fileQuotaMb = 1024; ///< bytes a user may have in flight on the relay
    std::uint32_t maxFileMb = 512;
    std::uint32_t fileTtlHours = 72;
    std::uint32_t lockoutThreshold = 5; ///< failures before the first delay
    std::uint32_t lockoutBaseSeconds = 2; ///< first delay, doubled with each failure
    std::uint32_t lockoutMaxSeconds = 3600;
    std::uint32_t prekeyLowWatermark = 10; ///< tell a device when fewer one-time prekeys remain
};

/// Everything in server.conf.
struct Config {
    ListenAddress listen;
    std::filesystem::path database = "server.db"; ///< relative paths are inside the data dir
    std::filesystem::path databaseKey = "server.db.key";
    std::filesystem::path noiseKey = "server.key";
    Version minClientVersion { 0, 1, 0 };
    bool allowStrangers = false;
    Limits limits;
};

/// A config error: 1-based line (0 when not tied to a line) and what is wrong.
struct ConfigError {
    int line = 0;
    std::string message;
    [[nodiscard]] std::string toString() const;
};

/// Parse server.conf text: `key = value` lines, `#` comments, blank lines.
[[nodiscard]] std::expected<Config, ConfigError> parseConfig(std::string_view text);

/// Read and parse @p path; relative file paths in it are resolved against @p dataDir.
[[nodiscard]] std::expected<Config, ConfigError> loadConfig(
    const std::filesystem::path& path, const std::filesystem::path& dataDir);

/// The server.conf `init` writes: every key with its default and a comment.
[[nodiscard]] std::string defaultConfigText();

} // namespace palisade::server
