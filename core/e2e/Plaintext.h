#pragma once
/// @file
/// @brief The end-to-end plaintext (net/proto/e2e.proto): encoding with length padding and a
/// strict decoder for untrusted bytes (fuzzed by fuzz_e2e_plaintext).

#include "core/e2e/E2eError.h"
#include "net/proto/e2e.pb.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <vector>

namespace palisade::core {

/// Size of a client message id (the dedupe id).
inline constexpr std::size_t kClientMessageIdSize = 16;
/// Largest text body a message carries.
inline constexpr std::size_t kMaxTextBytes = 32 * 1024;
/// Most message ids one receipt names.
inline constexpr int kMaxReceiptIds = 512;
/// Smallest padding bucket; buckets double up to kMaxPaddedSize, then grow in steps of it.
inline constexpr std::size_t kMinPaddedSize = 128;
inline constexpr std::size_t kMaxPaddedSize = 4096;

/// The bucket a plaintext of @p size is padded to.
[[nodiscard]] std::size_t paddedSize(std::size_t size) noexcept;

/// Serialise @p message, then pad: one 0x80 byte and zero bytes up to paddedSize() of the
/// encoding plus one.
[[nodiscard]] std::vector<std::uint8_t> encodePlaintext(const e2e::v1::Plaintext& message);

/// Strip the padding, then parse and validate a decrypted plaintext: a 16-byte message id,
/// exactly one content, a text within kMaxTextBytes and valid UTF-8, receipts naming
/// 1..kMaxReceiptIds ids of 16 bytes. Malformed otherwise.
[[nodiscard]] std::expected<e2e::v1::Plaintext, E2eError> decodePlaintext(
    std::span<const std::uint8_t> bytes);

} // namespace palisade::core
