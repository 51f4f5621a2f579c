#pragma once
/// @file
/// @brief The account this profile belongs to, and its secrets: device Noise key, E2E
/// identity and prekeys, ratchet sessions (opaque blobs keyed by kind and name).

#include "crypto/SecureBuffer.h"
#include "storage/Database.h"
#include "storage/Error.h"
#include "storage/Types.h"

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::storage {

struct Account {
    std::string userId;
    std::string deviceId;
    std::string serverAddress;
    Timestamp createdAt = 0;
};

/// Credential kinds used by core/ (free text; these are the ones Palisade writes).
namespace credential {
inline constexpr std::string_view deviceKey = "device_noise_key";
inline constexpr std::string_view identityKey = "identity_key";
inline constexpr std::string_view signedPrekey = "signed_prekey";
inline constexpr std::string_view oneTimePrekey = "one_time_prekey";
inline constexpr std::string_view ratchetSession = "ratchet_session";
} // namespace credential

/// Account row and credentials of one Database (which must outlive it); same thread as it.
class AccountStore {
public:
    explicit AccountStore(Database& db) noexcept
        : m_db(&db)
    {
    }

    [[nodiscard]] std::expected<void, Error> setAccount(const Account& account);
    [[nodiscard]] std::expected<std::optional<Account>, Error> account();

    /// Store (or replace) secret @p name of @p kind.
    [[nodiscard]] std::expected<void, Error> putSecret(
        std::string_view kind, std::string_view name, const crypto::SecureBuffer& secret, Timestamp now);
    /// The secret, read straight into secure memory; nullopt when absent.
    [[nodiscard]] std::expected<std::optional<crypto::SecureBuffer>, Error> secret(
        std::string_view kind, std::string_view name);
    [[nodiscard]] std::expected<std::vector<std::string>, Error> secretNames(std::string_view kind);
    [[nodiscard]] std::expected<void, Error> removeSecret(std::string_view kind, std::string_view name);

private:
    Database* m_db;
};

} // namespace palisade::storage
