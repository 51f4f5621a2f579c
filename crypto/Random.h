#pragma once
/// @file
/// @brief Randomness from the operating system's CSPRNG (libsodium randombytes).

#include "crypto/Bytes.h"
#include "crypto/SecureBuffer.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace palisade::crypto {

/// Fill @p out with random bytes.
void randomFill(std::span<std::uint8_t> out) noexcept;

/// @p size random, non-secret bytes (nonces, identifiers).
[[nodiscard]] Bytes randomBytes(std::size_t size);

/// @p size random bytes in secure memory (keys).
[[nodiscard]] SecureBuffer randomSecret(std::size_t size);

/// A uniform random number in [0, @p upperBound); 0 when @p upperBound is 0.
[[nodiscard]] std::uint32_t randomUniform(std::uint32_t upperBound) noexcept;

} // namespace palisade::crypto
