#pragma once
/// @file
/// @brief Prekey store for end-to-end sessions: each device uploads an opaque signed-prekey
/// bundle and one-time prekeys; a buddy fetches one bundle per device, consuming one
/// one-time prekey each time (never handed out twice).

#include "server/Config.h"
#include "server/Contacts.h"
#include "server/Store.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <vector>

namespace palisade::server {

/// What a fetch returns for one device of the target account.
struct DeviceBundle {
    DeviceId device;
    std::vector<std::uint8_t> signedBundle;
    std::optional<std::vector<std::uint8_t>> oneTimePrekey; ///< nullopt when the device ran out
};

/// Upload and fetch rules over a Store. Owned by the Store's thread.
class Prekeys {
public:
    static constexpr std::size_t maxBundleBytes = 4096;
    static constexpr std::size_t maxPrekeyBytes = 256;
    static constexpr std::size_t maxStoredOneTime = 500;

    Prekeys(Store& store, Contacts& contacts, const Limits& limits)
        : m_store(store)
        , m_contacts(contacts)
        , m_lowWatermark(limits.prekeyLowWatermark)
    {
    }

    /// Store @p signedBundle (replacing the old one) when not empty, and add @p oneTime.
    /// Returns the number of one-time prekeys the device now has.
    std::expected<std::size_t, Error> upload(DeviceId device, const std::vector<std::uint8_t>& signedBundle,
        const std::vector<std::vector<std::uint8_t>>& oneTime);

    /// Bundles of every device of @p target that has uploaded one; NotBuddies unless the
    /// routing rule allows @p requester to reach @p target. @p lowDevices receives the devices
    /// whose one-time prekeys fell below the low watermark (they should be told to upload).
    std::expected<std::vector<DeviceBundle>, Error> fetch(
        UserId requester, UserId target, std::vector<DeviceId>* lowDevices = nullptr);

    /// True when @p count is below the low watermark.
    [[nodiscard]] bool isLow(std::size_t count) const noexcept { return count < m_lowWatermark; }

private:
    Store& m_store;
    Contacts& m_contacts;
    std::uint32_t m_lowWatermark;
};

} // namespace palisade::server
