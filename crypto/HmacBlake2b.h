#pragma once
/// @file
/// @brief HMAC over BLAKE2b-512 (RFC 2104 with a 128-byte block, as Noise defines it) and
/// the Noise HKDF built on it (Noise spec §4.3).

#include "crypto/Blake2b.h"
#include "crypto/Bytes.h"

#include <cstdint>
#include <initializer_list>
#include <span>

namespace palisade::crypto {

/// HMAC-BLAKE2b(key, concatenation of @p parts) into @p out. Keys longer than 128 bytes are
/// hashed first, as RFC 2104 says.
void hmacBlake2b(ByteView key, std::initializer_list<ByteView> parts,
    std::span<std::uint8_t, blake2b::kDigestSize> out) noexcept;

/// HMAC-BLAKE2b(key, data).
[[nodiscard]] blake2b::Digest hmacBlake2b(ByteView key, ByteView data) noexcept;

/// Noise's HKDF(chaining_key, input_key_material): two or three 64-byte outputs. Pass an
/// empty @p output3 for two outputs; otherwise it must be 64 bytes long.
void noiseHkdf(ByteView chainingKey, ByteView inputKeyMaterial,
    std::span<std::uint8_t, blake2b::kDigestSize> output1,
    std::span<std::uint8_t, blake2b::kDigestSize> output2, std::span<std::uint8_t> output3 = {}) noexcept;

} // namespace palisade::crypto
