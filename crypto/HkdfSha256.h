#pragma once
/// @file
/// @brief HMAC-SHA-256 (libsodium crypto_auth_hmacsha256, any key length) and HKDF-SHA-256
/// (RFC 5869) built on it — libsodium 1.0.18 has no crypto_kdf_hkdf_sha256.

#include "crypto/Bytes.h"
#include "crypto/Error.h"
#include "crypto/SecureBuffer.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <initializer_list>
#include <span>

namespace palisade::crypto {

inline constexpr std::size_t kSha256Size = 32;
using Sha256Digest = std::array<std::uint8_t, kSha256Size>;

/// HMAC-SHA-256(key, concatenation of @p parts) into @p out.
void hmacSha256(
    ByteView key, std::initializer_list<ByteView> parts, std::span<std::uint8_t, kSha256Size> out) noexcept;

/// HMAC-SHA-256(key, data).
[[nodiscard]] Sha256Digest hmacSha256(ByteView key, ByteView data) noexcept;

/// HKDF-SHA-256 extract-then-expand: @p length bytes (1..8160) of key material in secure
/// memory. An empty @p salt means 32 zero bytes. Error::KdfFailed for a bad @p length.
[[nodiscard]] std::expected<SecureBuffer, Error> hkdfSha256(
    ByteView salt, ByteView inputKeyMaterial, ByteView info, std::size_t length);

} // namespace palisade::crypto
