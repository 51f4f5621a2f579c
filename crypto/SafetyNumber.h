#pragma once
/// @file
/// @brief Safety numbers: a 60-digit number both users compare to verify each other's identity
/// key. Signal's numeric fingerprint (version 0): per user, SHA-512 iterated 5200 times over
/// the identity key and a stable identifier, the first 30 bytes read as six 5-digit groups;
/// the two 30-digit halves are joined smaller first, so both sides see the same number.

#include "crypto/Error.h"

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>

namespace palisade::crypto {

/// Hash iterations of Signal's numeric fingerprint.
inline constexpr std::uint32_t kSafetyNumberIterations = 5200;

/// The 60-digit safety number of two (identifier, identity key) pairs; the result does not
/// depend on which side is "local". Palisade passes the Ed25519 identity public keys and the
/// user ids. InvalidKey for an empty or over-long key or identifier, or bad @p iterations.
[[nodiscard]] std::expected<std::string, Error> safetyNumber(std::span<const std::uint8_t> localId,
    std::span<const std::uint8_t> localKey, std::span<const std::uint8_t> remoteId,
    std::span<const std::uint8_t> remoteKey, std::uint32_t iterations = kSafetyNumberIterations);

/// The digits in groups of five separated by spaces, for display ("12345 67890 ...").
[[nodiscard]] std::string formatSafetyNumber(std::string_view digits);

} // namespace palisade::crypto
