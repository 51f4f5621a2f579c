#pragma once
/// @file
/// @brief Accounts and devices: admin operations, password rules, enrolment (username +
/// password binds a device key), device-key login, lockout per account and per address.

#include "server/Clock.h"
#include "server/Config.h"
#include "server/Store.h"

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace palisade::server {

/// Argon2id password hashing (crypto_pwhash_str format). An interface so the server uses the
/// real one and the account logic can be tested on its own.
class PasswordHasher {
public:
    virtual ~PasswordHasher() = default;
    [[nodiscard]] virtual std::expected<std::string, Error> hash(std::string_view password) const = 0;
    [[nodiscard]] virtual bool verify(const std::string& hash, std::string_view password) const = 0;
};

/// The rule @p password breaks for @p username, or nullopt when it is acceptable.
[[nodiscard]] std::optional<std::string> passwordWeakness(
    std::string_view password, std::string_view username);

/// True for 1..64 characters of a-z 0-9 . _ -
[[nodiscard]] bool isValidUsername(std::string_view name) noexcept;

/// Seconds an account or address stays locked after @p failures failed logins (0 = none).
[[nodiscard]] std::int64_t lockoutSeconds(std::uint32_t failures, const Limits& limits) noexcept;

/// Who a successful login is.
struct LoginResult {
    UserId user;
    DeviceId device;
    bool enrolled = false; ///< true when this login bound a new device
};

/// What Accounts::enrolBegin() found: the hash the password is verified against (a dummy
/// one for an unknown name, so both cases cost the same).
struct EnrolCheck {
    std::optional<UserId> user;
    std::string hash;
};

/// Account logic over a Store. Owned by the thread that owns the Store.
class Accounts {
public:
    Accounts(Store& store, const PasswordHasher& hasher, const Clock& clock, const Limits& limits);

    /// Create an account; the password must pass passwordWeakness().
    std::expected<UserId, Error> addUser(std::string_view name, std::string_view password);
    std::expected<void, Error> setDisabled(std::string_view name, bool disabled);
    /// New password, lockout cleared; bound devices stay bound.
    std::expected<void, Error> resetPassword(std::string_view name, std::string_view password);

    /// Enrolment: verify the password (a dummy hash is verified for unknown names so both
    /// cases cost the same), apply lockout, then bind @p deviceKey to the account.
    std::expected<LoginResult, Error> enrol(std::string_view name, std::string_view password,
        const DeviceKey& deviceKey, std::string_view sourceAddress, std::string_view clientVersion);

    /// The steps of enrol(), for callers that verify the password elsewhere (the server runs
    /// the Argon2id verification on a worker thread): lockout checks, then the hash to verify.
    std::expected<EnrolCheck, Error> enrolBegin(std::string_view name, std::string_view sourceAddress);
    /// Applies the verification result @p passwordOk (lockout bookkeeping) and binds the device.
    std::expected<LoginResult, Error> enrolFinish(const EnrolCheck& check, bool passwordOk,
        const DeviceKey& deviceKey, std::string_view sourceAddress, std::string_view clientVersion);
    [[nodiscard]] const PasswordHasher& hasher() const noexcept { return m_hasher; }

    /// Login of an enrolled device by its Noise static key.
    std::expected<LoginResult, Error> loginDevice(const DeviceKey& deviceKey, std::string_view clientVersion);

    /// True while @p sourceAddress is locked out after failed logins.
    [[nodiscard]] bool addressLocked(std::string_view sourceAddress) const;

private:
    void recordAddressFailure(std::string_view sourceAddress);

    struct AddressState {
        std::uint32_t failures = 0;
        std::int64_t lockedUntil = 0;
    };

    Store& m_store;
    const PasswordHasher& m_hasher;
    const Clock& m_clock;
    Limits m_limits;
    std::string m_dummyHash;
    std::unordered_map<std::string, AddressState> m_addresses;
};

} // namespace palisade::server
