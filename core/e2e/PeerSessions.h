#pragma once
/// @file
/// @brief Known devices of contacts (and of our own account) with their identity keys and
/// ratchet sessions, cached in memory and stored in the profile (AccountStore kinds
/// "e2e_device" and "ratchet_session", name "<device id>/<user>").

#include "core/e2e/E2eError.h"
#include "crypto/ratchet/Session.h"
#include "storage/AccountStore.h"

#include <cstdint>
#include <expected>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace palisade::core {

/// One device of a peer: its identity key and its sessions, newest (the one we send with)
/// first. Several sessions exist briefly when both sides start one at the same time; a
/// session that decrypts a message becomes the newest.
struct PeerDevice {
    crypto::ratchet::PublicKey identity {};
    std::vector<crypto::ratchet::Session> sessions;
};

/// Most sessions kept per device.
inline constexpr std::size_t kMaxSessionsPerDevice = 3;

/// The device table. Same thread as the AccountStore's Database.
class PeerSessions {
public:
    explicit PeerSessions(storage::AccountStore& accounts) noexcept
        : m_accounts(&accounts)
    {
    }

    /// Device ids of @p user we know, ascending.
    [[nodiscard]] std::expected<std::vector<std::uint64_t>, E2eError> devicesOf(const std::string& user);
    /// The device, loaded on first use; null when unknown.
    [[nodiscard]] std::expected<PeerDevice*, E2eError> find(const std::string& user, std::uint64_t device);
    /// Record a device (replacing any previous one and its sessions) and return it.
    PeerDevice& put(
        const std::string& user, std::uint64_t device, const crypto::ratchet::PublicKey& identity);
    /// Make @p index the newest session and keep at most kMaxSessionsPerDevice.
    static void promote(PeerDevice& device, std::size_t index);
    /// Write the device's identity and sessions to the profile (inside the caller's transaction).
    [[nodiscard]] std::expected<void, E2eError> save(const std::string& user, std::uint64_t device);
    /// Delete the device and its sessions.
    [[nodiscard]] std::expected<void, E2eError> remove(const std::string& user, std::uint64_t device);
    /// Drop the memory cache (after a failed transaction: the profile is the truth).
    void forget() noexcept;

private:
    using Key = std::pair<std::string, std::uint64_t>;
    std::expected<void, E2eError> loadIndex();

    storage::AccountStore* m_accounts;
    bool m_indexLoaded = false;
    std::map<std::string, std::vector<std::uint64_t>> m_index;
    std::map<Key, PeerDevice> m_cache;
};

} // namespace palisade::core
