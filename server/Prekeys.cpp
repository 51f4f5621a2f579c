#include "server/Prekeys.h"

namespace palisade::server {

std::expected<std::size_t, Error> Prekeys::upload(DeviceId device,
    const std::vector<std::uint8_t>& signedBundle, const std::vector<std::vector<std::uint8_t>>& oneTime)
{
    if (signedBundle.size() > maxBundleBytes) {
        return std::unexpected(Error::QuotaExceeded);
    }
    for (const auto& key : oneTime) {
        if (key.empty() || key.size() > maxPrekeyBytes) {
            return std::unexpected(Error::InvalidRequest);
        }
    }
    auto count = m_store.oneTimePrekeyCount(device);
    if (!count) {
        return std::unexpected(count.error());
    }
    if (*count + oneTime.size() > maxStoredOneTime) {
        return std::unexpected(Error::QuotaExceeded);
    }
    if (!signedBundle.empty()) {
        if (auto ok = m_store.setSignedPrekey(device, signedBundle); !ok) {
            return std::unexpected(ok.error());
        }
    }
    if (!oneTime.empty()) {
        if (auto ok = m_store.addOneTimePrekeys(device, oneTime); !ok) {
            return std::unexpected(ok.error());
        }
    }
    return *count + oneTime.size();
}

std::expected<std::vector<DeviceBundle>, Error> Prekeys::fetch(
    UserId requester, UserId target, std::vector<DeviceId>* lowDevices)
{
    if (requester != target) {
        auto allowed = m_contacts.mayRoute(requester, target);
        if (!allowed) {
            return std::unexpected(allowed.error());
        }
        if (!*allowed) {
            return std::unexpected(Error::NotBuddies);
        }
    }
    auto devices = m_store.devices(target);
    if (!devices) {
        return std::unexpected(devices.error());
    }
    std::vector<DeviceBundle> result;
    for (const auto& device : *devices) {
        auto bundle = m_store.signedPrekey(device.id);
        if (!bundle) {
            return std::unexpected(bundle.error());
        }
        if (!*bundle) {
            continue;
        }
        auto oneTime = m_store.takeOneTimePrekey(device.id);
        if (!oneTime) {
            return std::unexpected(oneTime.error());
        }
        result.push_back({ device.id, std::move(**bundle), std::move(*oneTime) });
        if (lowDevices != nullptr) {
            auto left = m_store.oneTimePrekeyCount(device.id);
            if (left && isLow(*left)) {
                lowDevices->push_back(device.id);
            }
        }
    }
    return result;
}

} // namespace palisade::server
