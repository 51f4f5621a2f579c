#pragma once
/// @file
/// @brief The benchmark's server data directory: initialised by `palisade-server init`, then
/// users u0..uN-1 (one device each, device key derived from the index) and buddy pairs
/// written straight into the store (one shared Argon2id hash, so setup is fast), and
/// server.conf limits raised for load tests.

#include "crypto/X25519.h"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

namespace palisade::bench {

/// The device key pair of benchmark user @p index.
[[nodiscard]] crypto::X25519KeyPair deviceKey(std::uint32_t index);
/// "u<index>".
[[nodiscard]] std::string userName(std::uint32_t index);

/// Creates @p dir with @p users users; user i and i+1 (mod users) are mutual buddies.
[[nodiscard]] std::expected<void, std::string> provision(
    const std::string& serverBinary, const std::filesystem::path& dir, std::uint32_t users);

/// What a client needs: the server key and every user's device id (index = user index).
struct Directory {
    crypto::X25519PublicKey serverKey {};
    std::vector<std::uint64_t> devices;
};
[[nodiscard]] std::expected<Directory, std::string> readDirectory(const std::filesystem::path& dir);

} // namespace palisade::bench
