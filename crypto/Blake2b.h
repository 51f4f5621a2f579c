#pragma once
/// @file
/// @brief BLAKE2b-512 (RFC 7693) through libsodium's crypto_generichash.

#include "crypto/Bytes.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

namespace palisade::crypto::blake2b {

inline constexpr std::size_t kDigestSize = 64;
inline constexpr std::size_t kBlockSize = 128;
using Digest = std::array<std::uint8_t, kDigestSize>;

/// BLAKE2b-512 of the concatenation of @p parts, into @p out.
void hash(std::initializer_list<ByteView> parts, std::span<std::uint8_t, kDigestSize> out) noexcept;

/// BLAKE2b-512 of @p data.
[[nodiscard]] Digest hash(ByteView data) noexcept;

} // namespace palisade::crypto::blake2b
