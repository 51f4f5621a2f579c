#pragma once
/// @file
/// @brief KeyStore backed by a key file (storage/KeyFile.h) readable only by its owner:
/// the database key wrapped with crypto_secretbox under Argon2id(passphrase).

#include "crypto/PasswordHash.h"
#include "crypto/SecureBuffer.h"
#include "storage/KeyStore.h"

#include <cstddef>
#include <filesystem>

namespace palisade::storage {

struct PassphrasePolicy {
    /// Minimum length in Unicode code points (policy key security.min_passphrase_length).
    std::size_t minLength = 12;
    /// Argon2id cost for newly wrapped keys; the cost of an existing file is read from it.
    crypto::PasswordHashParams params = crypto::moderatePasswordParams();
};

class PassphraseKeyStore final : public KeyStore {
public:
    /// @p passphrase is UTF-8 and stays in secure memory for the store's lifetime.
    PassphraseKeyStore(
        std::filesystem::path keyFile, crypto::SecureBuffer passphrase, PassphrasePolicy policy = {});

    [[nodiscard]] bool hasKey() const override;
    /// Errors: NotFound, KeyFilePermissions (group/other can read it), KeyFileCorrupt,
    /// KeyFileVersion, WrongPassphrase, Io. Nothing on disk is modified.
    [[nodiscard]] std::expected<crypto::SecureBuffer, Error> loadKey() override;
    /// Errors: PassphraseTooShort, Crypto, Io. Writes a 0600 file via rename (atomic).
    [[nodiscard]] std::expected<void, Error> storeKey(const crypto::SecureBuffer& key) override;

    /// Re-wrap the stored key under @p newPassphrase without touching the database. The
    /// current passphrase must unlock the file first; on any error the old file stays.
    [[nodiscard]] std::expected<void, Error> changePassphrase(crypto::SecureBuffer newPassphrase);

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }

private:
    std::filesystem::path m_path;
    crypto::SecureBuffer m_passphrase;
    PassphrasePolicy m_policy;
};

/// Number of Unicode code points in UTF-8 @p text (continuation bytes are not counted).
[[nodiscard]] std::size_t codePointCount(std::span<const std::uint8_t> text) noexcept;

} // namespace palisade::storage
