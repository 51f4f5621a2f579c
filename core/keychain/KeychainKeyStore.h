#pragma once
/// @file
/// @brief storage::KeyStore in the OS keychain (QtKeychain: Secret Service on Linux, Keychain
/// on macOS, Credential Manager on Windows): the random 256-bit database key is the secret
/// of the entry service "Palisade", account = profile id. Nothing is written to disk.

#include "storage/KeyStore.h"

#include <QString>

#include <chrono>

namespace palisade::core {

struct KeychainOptions {
    /// Keychain service name the entries live under.
    QString service = QStringLiteral("Palisade");
    /// How long one keychain call may take (it may wait for the user to unlock the keychain)
    /// before it is reported as KeychainUnavailable.
    std::chrono::milliseconds timeout = std::chrono::minutes(2);
};

/// The key of one profile in the OS keychain. Keychain jobs are asynchronous; each call here
/// runs its job to completion in a local event loop, so use it from a thread with a
/// QCoreApplication (the engine's thread) and not from inside a keychain callback.
class KeychainKeyStore final : public storage::KeyStore {
public:
    explicit KeychainKeyStore(QString profileId, KeychainOptions options = {});

    /// True when the keychain holds an entry for the profile. False also when the keychain
    /// cannot be asked; loadKey() and storeKey() then report why.
    [[nodiscard]] bool hasKey() const override;
    /// Errors: NotFound (no entry), KeychainUnavailable, KeychainAccessDenied, Corrupt (the
    /// entry is not a 32-byte key).
    [[nodiscard]] std::expected<crypto::SecureBuffer, storage::Error> loadKey() override;
    /// Store @p key (32 bytes). Refuses (AlreadyExists) to replace an entry holding a
    /// different key: that key opens an existing database. Storing the same key again is a
    /// no-op. Errors: AlreadyExists, KeychainUnavailable, KeychainAccessDenied, WrongKey (the
    /// key is not 32 bytes).
    [[nodiscard]] std::expected<void, storage::Error> storeKey(const crypto::SecureBuffer& key) override;
    /// Delete the entry (when the profile itself is deleted). Errors: NotFound,
    /// KeychainUnavailable, KeychainAccessDenied.
    [[nodiscard]] std::expected<void, storage::Error> removeKey();

    [[nodiscard]] const QString& profileId() const noexcept { return m_profileId; }

private:
    QString m_profileId;
    KeychainOptions m_options;
};

} // namespace palisade::core
