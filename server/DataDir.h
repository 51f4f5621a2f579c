#pragma once
/// @file
/// @brief The server's data directory: server.conf, the Noise static key and the database key
/// (raw 32-byte files, mode 0600), and the SQLCipher database.

#include "crypto/SecureBuffer.h"
#include "crypto/X25519.h"
#include "server/Config.h"
#include "server/SqlStore.h"

#include <expected>
#include <filesystem>
#include <string>

namespace palisade::server {

/// Create @p dir (0700) with a default server.conf, a new server key pair, a database key and
/// an empty database. Refuses a directory that already holds a server.conf or key.
/// Returns the server's public key.
[[nodiscard]] std::expected<crypto::X25519PublicKey, std::string> initDataDir(
    const std::filesystem::path& dir);

/// server.conf of @p dir with paths resolved inside it.
[[nodiscard]] std::expected<Config, std::string> loadDataDirConfig(const std::filesystem::path& dir);

/// Read a 32-byte secret file; refuses one that others can read or write.
[[nodiscard]] std::expected<crypto::SecureBuffer, std::string> readSecretFile(
    const std::filesystem::path& path);

/// The server's Noise static key pair.
[[nodiscard]] std::expected<crypto::X25519KeyPair, std::string> loadServerKey(const Config& config);

/// Open the existing database named by @p config.
[[nodiscard]] std::expected<SqlStore, std::string> openStore(const Config& config);

} // namespace palisade::server
