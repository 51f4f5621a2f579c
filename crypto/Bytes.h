#pragma once
/// @file
/// @brief Plain byte containers and helpers: constant-time comparison and hex (for tests,
/// fingerprints and logs of public values only — never hex-encode a secret).

#include "crypto/Error.h"

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::crypto {

/// Non-secret bytes (ciphertexts, public keys, messages). Secrets live in SecureBuffer.
using Bytes = std::vector<std::uint8_t>;
/// A read-only view of bytes.
using ByteView = std::span<const std::uint8_t>;

/// Constant-time equality (sodium_memcmp); false when the lengths differ.
[[nodiscard]] bool constantTimeEqual(ByteView a, ByteView b) noexcept;

/// Lower-case hex of @p bytes.
[[nodiscard]] std::string toHex(ByteView bytes);

/// Bytes from hex (either case). Error::InvalidEncoding on an odd length or a non-hex digit.
[[nodiscard]] std::expected<Bytes, Error> fromHex(std::string_view hex);

/// The bytes of a string, without copying.
[[nodiscard]] inline ByteView asBytes(std::string_view text) noexcept
{
    return { reinterpret_cast<const std::uint8_t*>(text.data()), text.size() };
}

} // namespace palisade::crypto
