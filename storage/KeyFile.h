#pragma once
/// @file
/// @brief The key file: the database key wrapped by crypto_secretbox under
/// Argon2id(passphrase). Layout (116 bytes, integers little-endian):
///
///     magic "PALISKEY" (8) | version u16 = 1 | kdf u8 = 1 (Argon2id13) | reserved u8 = 0 |
///     opslimit u64 | memlimit u64 | salt (16) | nonce (24) | wrapped key + MAC (48)
///
/// encode/parse are pure (no I/O); parse treats its input as untrusted bytes.

#include "crypto/PasswordHash.h"
#include "crypto/SecretBox.h"
#include "storage/Error.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <vector>

namespace palisade::storage {

inline constexpr std::uint16_t keyFileVersion = 1;
inline constexpr std::size_t keyFileSize = 116;

/// The fields of a key file.
struct KeyFile {
    crypto::PasswordHashParams params;
    std::array<std::uint8_t, crypto::passwordSaltSize> salt {};
    crypto::SecretBoxNonce nonce {};
    std::array<std::uint8_t, 32 + crypto::secretBoxMacSize> wrappedKey {};
};

/// Serialize @p file to its 116-byte form.
[[nodiscard]] std::vector<std::uint8_t> encodeKeyFile(const KeyFile& file);

/// Parse untrusted bytes. Errors: KeyFileCorrupt (size, magic, kdf, reserved byte or cost
/// parameters out of the accepted range), KeyFileVersion (another format version).
[[nodiscard]] std::expected<KeyFile, Error> parseKeyFile(std::span<const std::uint8_t> bytes);

} // namespace palisade::storage
