#include "server/Accounts.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace palisade::server {

std::optional<std::string> passwordWeakness(std::string_view password, std::string_view username)
{
    if (password.size() < 10) {
        return "a password needs at least 10 characters";
    }
    if (password.size() > 1024) {
        return "a password may have at most 1024 characters";
    }
    const std::set<char> distinct(password.begin(), password.end());
    if (distinct.size() < 5) {
        return "a password needs at least 5 different characters";
    }
    std::string lower(password);
    std::transform(lower.begin(), lower.end(), lower.begin(),
        [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool containsName = !username.empty() && lower.find(username) != std::string::npos;
    sodium_memzero(lower.data(), lower.size());
    if (containsName) {
        return "a password must not contain the username";
    }
    return std::nullopt;
}

bool isValidUsername(std::string_view name) noexcept
{
    if (name.empty() || name.size() > 64) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

std::int64_t lockoutSeconds(std::uint32_t failures, const Limits& limits) noexcept
{
    if (failures < limits.lockoutThreshold) {
        return 0;
    }
    const std::uint32_t doublings = std::min<std::uint32_t>(failures - limits.lockoutThreshold, 30);
    const std::int64_t delay = static_cast<std::int64_t>(limits.lockoutBaseSeconds) << doublings;
    return std::min<std::int64_t>(delay, limits.lockoutMaxSeconds);
}

Accounts::Accounts(Store& store, const PasswordHasher& hasher, const Clock& clock, const Limits& limits)
    : m_store(store)
    , m_hasher(hasher)
    , m_clock(clock)
    , m_limits(limits)
{
    // A hash of a random password nobody knows: verified for unknown usernames.
    std::array<std::uint8_t, 24> random {};
    randombytes_buf(random.data(), random.size());
    std::array<char, 24 * 2 + 1> hex {};
    sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
    m_dummyHash = m_hasher.hash(std::string_view(hex.data(), 48)).value_or(std::string {});
    sodium_memzero(hex.data(), hex.size());
}

std::expected<UserId, Error> Accounts::addUser(std::string_view name, std::string_view password)
{
    if (!isValidUsername(name)) {
        return std::unexpected(Error::InvalidName);
    }
    if (passwordWeakness(password, name)) {
        return std::unexpected(Error::WeakPassword);
    }
    auto hash = m_hasher.hash(password);
    if (!hash) {
        return std::unexpected(hash.error());
    }
    UserRecord record;
    record.name = std::string(name);
    record.passwordHash = std::move(*hash);
    return m_store.addUser(record);
}

std::expected<void, Error> Accounts::setDisabled(std::string_view name, bool disabled)
{
    auto user = m_store.findUser(std::string(name));
    if (!user) {
        return std::unexpected(user.error());
    }
    user->disabled = disabled;
    return m_store.updateUser(*user);
}

std::expected<void, Error> Accounts::resetPassword(std::string_view name, std::string_view password)
{
    auto user = m_store.findUser(std::string(name));
    if (!user) {
        return std::unexpected(user.error());
    }
    if (passwordWeakness(password, name)) {
        return std::unexpected(Error::WeakPassword);
    }
    auto hash = m_hasher.hash(password);
    if (!hash) {
        return std::unexpected(hash.error());
    }
    user->passwordHash = std::move(*hash);
    user->failedLogins = 0;
    user->lockedUntil = 0;
    return m_store.updateUser(*user);
}

bool Accounts::addressLocked(std::string_view sourceAddress) const
{
    const auto it = m_addresses.find(std::string(sourceAddress));
    return it != m_addresses.end() && it->second.lockedUntil > m_clock.unixSeconds();
}

void Accounts::recordAddressFailure(std::string_view sourceAddress)
{
    const std::int64_t now = m_clock.unixSeconds();
    if (m_addresses.size() > 100'000) {
        std::erase_if(m_addresses, [now](const auto& e) { return e.second.lockedUntil <= now; });
    }
    auto& state = m_addresses[std::string(sourceAddress)];
    // Addresses are shared (NAT), so they get a larger allowance than one account.
    ++state.failures;
    Limits addressLimits = m_limits;
    addressLimits.lockoutThreshold = m_limits.lockoutThreshold * 4;
    if (const auto delay = lockoutSeconds(state.failures, addressLimits); delay > 0) {
        state.lockedUntil = now + delay;
    }
}

std::expected<LoginResult, Error> Accounts::enrol(std::string_view name, std::string_view password,
    const DeviceKey& deviceKey, std::string_view sourceAddress, std::string_view clientVersion)
{
    auto check = enrolBegin(name, sourceAddress);
    if (!check) {
        return std::unexpected(check.error());
    }
    const bool ok = m_hasher.verify(check->hash, password);
    return enrolFinish(*check, ok, deviceKey, sourceAddress, clientVersion);
}

std::expected<EnrolCheck, Error> Accounts::enrolBegin(std::string_view name, std::string_view sourceAddress)
{
    if (addressLocked(sourceAddress)) {
        return std::unexpected(Error::LockedOut);
    }
    auto user = isValidUsername(name) ? m_store.findUser(std::string(name))
                                      : std::expected<UserRecord, Error>(std::unexpected(Error::NotFound));
    if (!user) {
        if (user.error() != Error::NotFound) {
            return std::unexpected(user.error());
        }
        return EnrolCheck { std::nullopt, m_dummyHash };
    }
    if (user->lockedUntil > m_clock.unixSeconds()) {
        return std::unexpected(Error::LockedOut);
    }
    return EnrolCheck { user->id, user->passwordHash };
}

std::expected<LoginResult, Error> Accounts::enrolFinish(const EnrolCheck& check, bool passwordOk,
    const DeviceKey& deviceKey, std::string_view sourceAddress, std::string_view clientVersion)
{
    const std::int64_t now = m_clock.unixSeconds();
    if (!check.user) {
        recordAddressFailure(sourceAddress);
        return std::unexpected(Error::BadCredentials);
    }
    // Re-read: other attempts may have finished while this one was verified.
    auto user = m_store.user(*check.user);
    if (!user) {
        return std::unexpected(user.error());
    }
    if (user->lockedUntil > now) {
        return std::unexpected(Error::LockedOut);
    }
    if (!passwordOk || user->passwordHash != check.hash) {
        ++user->failedLogins;
        if (const auto delay = lockoutSeconds(user->failedLogins, m_limits); delay > 0) {
            user->lockedUntil = now + delay;
        }
        recordAddressFailure(sourceAddress);
        if (auto ok = m_store.updateUser(*user); !ok) {
            return std::unexpected(ok.error());
        }
        return std::unexpected(Error::BadCredentials);
    }
    if (user->disabled) {
        return std::unexpected(Error::AccountDisabled);
    }
    if (user->failedLogins != 0 || user->lockedUntil != 0) {
        user->failedLogins = 0;
        user->lockedUntil = 0;
        if (auto ok = m_store.updateUser(*user); !ok) {
            return std::unexpected(ok.error());
        }
    }
    auto existing = m_store.findDevice(deviceKey);
    if (existing) {
        if (existing->user != user->id) {
            return std::unexpected(Error::InvalidRequest); // a device key belongs to one account
        }
        existing->clientVersion = std::string(clientVersion);
        existing->lastSeen = now;
        if (auto ok = m_store.updateDevice(*existing); !ok) {
            return std::unexpected(ok.error());
        }
        return LoginResult { user->id, existing->id, false };
    }
    if (existing.error() != Error::NotFound) {
        return std::unexpected(existing.error());
    }
    DeviceRecord device;
    device.user = user->id;
    device.key = deviceKey;
    device.clientVersion = std::string(clientVersion);
    device.lastSeen = now;
    auto id = m_store.addDevice(device);
    if (!id) {
        return std::unexpected(id.error());
    }
    return LoginResult { user->id, *id, true };
}

std::expected<LoginResult, Error> Accounts::loginDevice(
    const DeviceKey& deviceKey, std::string_view clientVersion)
{
    auto device = m_store.findDevice(deviceKey);
    if (!device) {
        return std::unexpected(device.error() == Error::NotFound ? Error::UnknownDevice : device.error());
    }
    auto user = m_store.user(device->user);
    if (!user) {
        return std::unexpected(user.error());
    }
    if (user->disabled) {
        return std::unexpected(Error::AccountDisabled);
    }
    device->clientVersion = std::string(clientVersion);
    device->lastSeen = m_clock.unixSeconds();
    if (auto ok = m_store.updateDevice(*device); !ok) {
        return std::unexpected(ok.error());
    }
    return LoginResult { user->id, device->id, false };
}

} // namespace palisade::server
