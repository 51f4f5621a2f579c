// Device lists, identity keys, safety numbers and identity holds of MessagingService.
#include "core/e2e/MessagingService.h"
#include "crypto/SafetyNumber.h"
#include "storage/Transaction.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace palisade::core {

namespace {

namespace cr = crypto::ratchet;
constexpr std::string_view kHeldKind = "e2e_held";

std::optional<cr::PreKeyBundle> toBundle(const v1::PrekeyBundle& in)
{
    const auto& spk = in.signed_prekey();
    if (in.identity_key().size() != cr::kKeySize || spk.public_key().size() != cr::kKeySize
        || spk.signature().size() != cr::kSignatureSize) {
        return std::nullopt;
    }
    cr::PreKeyBundle out;
    std::memcpy(out.identityKey.data(), in.identity_key().data(), cr::kKeySize);
    out.signedPreKeyId = spk.id();
    std::memcpy(out.signedPreKey.data(), spk.public_key().data(), cr::kKeySize);
    std::memcpy(out.signedPreKeySignature.data(), spk.signature().data(), cr::kSignatureSize);
    if (in.has_one_time_prekey()) {
        if (in.one_time_prekey().public_key().size() != cr::kKeySize) {
            return std::nullopt;
        }
        cr::OneTimePreKeyPublic otk;
        otk.id = in.one_time_prekey().id();
        std::memcpy(otk.key.data(), in.one_time_prekey().public_key().data(), cr::kKeySize);
        out.oneTimePreKey = otk;
    }
    return out;
}

} // namespace

void MessagingService::logSecurity(std::string_view kind, const std::string& detail)
{
    (void)m_securityLog.append(now(), kind, detail);
}

std::vector<std::uint8_t> MessagingService::keySet(const std::string& user)
{
    std::vector<std::uint8_t> out;
    auto devices = m_peers.devicesOf(user);
    if (user == m_self.user) {
        const auto& own = identityKey();
        out.insert(out.end(), own.begin(), own.end());
    }
    if (!devices) {
        return out;
    }
    for (const auto id : *devices) {
        if (user == m_self.user && id == m_self.device) {
            continue;
        }
        auto device = m_peers.find(user, id);
        if (device && *device) {
            out.insert(out.end(), (*device)->identity.begin(), (*device)->identity.end());
        }
    }
    return out;
}

std::expected<void, E2eError> MessagingService::recordKeySet(const std::string& user)
{
    if (user == m_self.user) {
        return {};
    }
    auto contact = m_contacts.find(user);
    if (!contact) {
        return std::unexpected(E2eError::Storage);
    }
    if (!*contact) {
        return {};
    }
    const auto keys = keySet(user);
    if ((*contact)->identityKey == keys) {
        return {};
    }
    if (!m_contacts.setIdentityKey((*contact)->id, keys, now())) {
        return std::unexpected(E2eError::Storage);
    }
    return {};
}

std::expected<void, E2eError> MessagingService::hold(
    const std::string& user, std::string_view reason, std::uint64_t device)
{
    logSecurity(reason, "contact=" + user + " device=" + std::to_string(device));
    const std::uint8_t one = 1;
    if (!m_accounts.putSecret(kHeldKind, user, crypto::SecureBuffer::copyOf({ &one, 1 }), now())) {
        return std::unexpected(E2eError::Storage);
    }
    return {};
}

bool MessagingService::isHeld(const std::string& contact)
{
    auto held = m_accounts.secret(kHeldKind, contact);
    // When the profile cannot answer, hold: never send to a key the user may not accept.
    return !held || held->has_value();
}

net::Awaitable<std::expected<void, E2eError>> MessagingService::acceptIdentity(std::string contact)
{
    if (!m_accounts.removeSecret(kHeldKind, contact)) {
        co_return std::unexpected(E2eError::Storage);
    }
    logSecurity("identity_accepted", "contact=" + contact);
    auto sent = co_await resendPending();
    if (!sent) {
        co_return std::unexpected(sent.error());
    }
    co_return std::expected<void, E2eError> {};
}

std::expected<std::string, E2eError> MessagingService::safetyNumber(const std::string& contact)
{
    auto theirs = keySet(contact);
    if (theirs.empty()) {
        return std::unexpected(E2eError::NoDevices);
    }
    auto ours = keySet(m_self.user);
    // One device: its key as is (Signal's number); several: a digest of the sorted keys.
    const auto reduce = [](std::vector<std::uint8_t>& keys) {
        if (keys.size() > cr::kKeySize) {
            std::vector<std::array<std::uint8_t, cr::kKeySize>> list(keys.size() / cr::kKeySize);
            std::memcpy(list.data(), keys.data(), list.size() * cr::kKeySize);
            std::sort(list.begin(), list.end());
            std::vector<std::uint8_t> digest(crypto_generichash_BYTES);
            crypto_generichash(
                digest.data(), digest.size(), list.front().data(), list.size() * cr::kKeySize, nullptr, 0);
            keys = std::move(digest);
        }
    };
    reduce(theirs);
    reduce(ours);
    const auto bytes = [](const std::string& s) {
        return std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    };
    auto number = crypto::safetyNumber(bytes(m_self.user), ours, bytes(contact), theirs);
    if (!number) {
        return std::unexpected(E2eError::Crypto);
    }
    return std::move(*number);
}

std::expected<void, E2eError> MessagingService::setVerified(const std::string& contact, bool verified)
{
    auto found = m_contacts.find(contact);
    if (!found) {
        return std::unexpected(E2eError::Storage);
    }
    if (!*found) {
        return std::unexpected(E2eError::UnknownContact);
    }
    if (!m_contacts.setVerified((*found)->id, verified, now())) {
        return std::unexpected(E2eError::Storage);
    }
    return {};
}

net::Awaitable<std::expected<void, E2eError>> MessagingService::refreshDevices(std::string user)
{
    v1::Frame frame;
    frame.mutable_prekey_bundle_request()->set_username(user);
    auto reply = co_await m_link->request(std::move(frame));
    if (!reply) {
        co_return std::unexpected(E2eError::Network);
    }
    if (reply->has_error()) {
        co_return std::unexpected(
            reply->error().code() == v1::ERROR_NOT_A_BUDDY ? E2eError::NotABuddy : E2eError::ServerRefused);
    }
    if (!reply->has_prekey_bundles()) {
        co_return std::unexpected(E2eError::Malformed);
    }
    auto known = m_peers.devicesOf(user);
    if (!known) {
        co_return std::unexpected(known.error());
    }
    const bool hadDevices = !known->empty();
    std::vector<std::uint64_t> listed;
    std::vector<std::function<void()>> events;
    auto tx = storage::Transaction::begin(*m_db);
    if (!tx) {
        co_return std::unexpected(E2eError::Storage);
    }
    for (const auto& wire : reply->prekey_bundles().bundles()) {
        const auto id = wire.device_id();
        if (user == m_self.user && id == m_self.device) {
            continue;
        }
        auto bundle = toBundle(wire);
        if (!bundle || !cr::verifyBundle(*bundle)) {
            logSecurity("invalid_prekey_bundle", "contact=" + user + " device=" + std::to_string(id));
            continue;
        }
        listed.push_back(id);
        auto device = m_peers.find(user, id);
        if (!device) {
            co_return std::unexpected(device.error());
        }
        const bool isNew = *device == nullptr;
        const bool changed = !isNew && (*device)->identity != bundle->identityKey;
        if (!isNew && !changed && !(*device)->sessions.empty()) {
            continue;
        }
        auto session = cr::Session::initiate(m_keys->identity(), *bundle);
        if (!session) {
            logSecurity("invalid_prekey_bundle", "contact=" + user + " device=" + std::to_string(id));
            continue;
        }
        PeerDevice& entry = (isNew || changed) ? m_peers.put(user, id, bundle->identityKey) : **device;
        entry.sessions.insert(entry.sessions.begin(), std::move(*session));
        PeerSessions::promote(entry, 0);
        if (!m_peers.save(user, id)) {
            m_peers.forget();
            co_return std::unexpected(E2eError::Storage);
        }
        if (user == m_self.user) {
            continue;
        }
        if (changed) {
            (void)hold(user, "identity_changed", id);
            events.emplace_back([this, user] {
                if (m_events.identityChanged) {
                    m_events.identityChanged(user);
                }
            });
        } else if (isNew && hadDevices) {
            if (m_options.strictIdentity) {
                (void)hold(user, "new_device", id);
            }
            events.emplace_back([this, user, id] {
                if (m_events.newDevice) {
                    m_events.newDevice(user, id);
                }
            });
        }
    }
    for (const auto id : *known) {
        if (std::find(listed.begin(), listed.end(), id) != listed.end()) {
            continue;
        }
        if (!m_peers.remove(user, id)) {
            m_peers.forget();
            co_return std::unexpected(E2eError::Storage);
        }
        if (user != m_self.user) {
            events.emplace_back([this, user, id] {
                if (m_events.deviceRemoved) {
                    m_events.deviceRemoved(user, id);
                }
            });
        }
    }
    if (!recordKeySet(user) || !tx->commit()) {
        m_peers.forget();
        co_return std::unexpected(E2eError::Storage);
    }
    m_refreshedAt[user] = now();
    for (auto& event : events) {
        event();
    }
    co_return std::expected<void, E2eError> {};
}

} // namespace palisade::core
