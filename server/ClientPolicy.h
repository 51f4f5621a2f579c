#pragma once
/// @file
/// @brief The client policy JSON IT packages: the server address and the pinned server keys.

#include <array>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::server {

using PublicKeyBytes = std::array<std::uint8_t, 32>;

/// Base64 (standard alphabet, padded) of a public key, as pinned in `server.public_keys`.
[[nodiscard]] std::string publicKeyBase64(const PublicKeyBytes& key);

/// Human-comparable fingerprint: SHA-256 of the key, first 16 bytes as 8 groups of 4 hex digits.
[[nodiscard]] std::string publicKeyFingerprint(const PublicKeyBytes& key);

/// The policy document. With @p locked the file belongs in the managed (locked) folder,
/// otherwise in the recommended one; docs/admin-guide.md shows both.
/// @p address must be HOST:PORT; returns an error sentence otherwise.
[[nodiscard]] std::expected<std::string, std::string> clientPolicyJson(
    std::string_view address, const std::vector<PublicKeyBytes>& keys, bool locked);

} // namespace palisade::server
