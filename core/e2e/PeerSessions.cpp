#include "core/e2e/PeerSessions.h"

#include "crypto/ratchet/Message.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace palisade::core {

namespace {

namespace cr = crypto::ratchet;
constexpr std::string_view kDeviceKind = "e2e_device";

std::string nameOf(const std::string& user, std::uint64_t device)
{
    return std::to_string(device) + "/" + user;
}

crypto::SecureBuffer encodeSessions(const PeerDevice& device)
{
    std::vector<crypto::SecureBuffer> parts;
    std::size_t total = 1;
    for (const auto& session : device.sessions) {
        parts.push_back(session.serialize());
        total += 4 + parts.back().size();
    }
    crypto::SecureBuffer out(total);
    auto* p = out.data();
    *p++ = static_cast<std::uint8_t>(parts.size());
    for (const auto& part : parts) {
        const auto n = static_cast<std::uint32_t>(part.size());
        p[0] = static_cast<std::uint8_t>(n >> 24);
        p[1] = static_cast<std::uint8_t>(n >> 16);
        p[2] = static_cast<std::uint8_t>(n >> 8);
        p[3] = static_cast<std::uint8_t>(n);
        std::memcpy(p + 4, part.data(), part.size());
        p += 4 + part.size();
    }
    return out;
}

std::expected<std::vector<cr::Session>, E2eError> decodeSessions(crypto::ByteView in)
{
    if (in.empty() || in[0] > kMaxSessionsPerDevice) {
        return std::unexpected(E2eError::Crypto);
    }
    std::vector<cr::Session> sessions;
    std::size_t at = 1;
    for (std::size_t i = 0; i < in[0]; ++i) {
        if (in.size() - at < 4) {
            return std::unexpected(E2eError::Crypto);
        }
        const std::size_t n = cr::readU32(in.data() + at);
        at += 4;
        if (in.size() - at < n) {
            return std::unexpected(E2eError::Crypto);
        }
        auto session = cr::Session::deserialize(in.subspan(at, n));
        if (!session) {
            return std::unexpected(E2eError::Crypto);
        }
        sessions.push_back(std::move(*session));
        at += n;
    }
    return sessions;
}

} // namespace

std::expected<void, E2eError> PeerSessions::loadIndex()
{
    if (m_indexLoaded) {
        return {};
    }
    auto names = m_accounts->secretNames(kDeviceKind);
    if (!names) {
        return std::unexpected(E2eError::Storage);
    }
    for (const auto& name : *names) {
        const auto slash = name.find('/');
        std::uint64_t device = 0;
        const auto [ptr, ec] = std::from_chars(name.data(), name.data() + slash, device);
        if (slash == std::string::npos || ec != std::errc {} || ptr != name.data() + slash) {
            continue;
        }
        auto& list = m_index[name.substr(slash + 1)];
        list.insert(std::lower_bound(list.begin(), list.end(), device), device);
    }
    m_indexLoaded = true;
    return {};
}

std::expected<std::vector<std::uint64_t>, E2eError> PeerSessions::devicesOf(const std::string& user)
{
    if (auto ok = loadIndex(); !ok) {
        return std::unexpected(ok.error());
    }
    auto it = m_index.find(user);
    return it == m_index.end() ? std::vector<std::uint64_t> {} : it->second;
}

std::expected<PeerDevice*, E2eError> PeerSessions::find(const std::string& user, std::uint64_t device)
{
    Key key { user, device };
    if (auto it = m_cache.find(key); it != m_cache.end()) {
        return &it->second;
    }
    const auto name = nameOf(user, device);
    auto identity = m_accounts->secret(kDeviceKind, name);
    if (!identity) {
        return std::unexpected(E2eError::Storage);
    }
    if (!*identity) {
        return nullptr;
    }
    if ((*identity)->size() != cr::kKeySize) {
        return std::unexpected(E2eError::Crypto);
    }
    PeerDevice loaded;
    std::memcpy(loaded.identity.data(), (*identity)->data(), cr::kKeySize);
    auto blob = m_accounts->secret(storage::credential::ratchetSession, name);
    if (!blob) {
        return std::unexpected(E2eError::Storage);
    }
    if (*blob) {
        auto sessions = decodeSessions((*blob)->bytes());
        if (!sessions) {
            return std::unexpected(sessions.error());
        }
        loaded.sessions = std::move(*sessions);
    }
    return &m_cache.insert_or_assign(key, std::move(loaded)).first->second;
}

PeerDevice& PeerSessions::put(const std::string& user, std::uint64_t device, const cr::PublicKey& identity)
{
    PeerDevice fresh;
    fresh.identity = identity;
    auto& list = m_index[user];
    if (!std::binary_search(list.begin(), list.end(), device)) {
        list.insert(std::lower_bound(list.begin(), list.end(), device), device);
    }
    return m_cache.insert_or_assign(Key { user, device }, std::move(fresh)).first->second;
}

void PeerSessions::promote(PeerDevice& device, std::size_t index)
{
    if (index > 0 && index < device.sessions.size()) {
        std::rotate(device.sessions.begin(), device.sessions.begin() + static_cast<std::ptrdiff_t>(index),
            device.sessions.begin() + static_cast<std::ptrdiff_t>(index) + 1);
    }
    while (device.sessions.size() > kMaxSessionsPerDevice) {
        device.sessions.pop_back();
    }
}

std::expected<void, E2eError> PeerSessions::save(const std::string& user, std::uint64_t device)
{
    auto it = m_cache.find(Key { user, device });
    if (it == m_cache.end()) {
        return {};
    }
    const auto name = nameOf(user, device);
    const auto& entry = it->second;
    if (!m_accounts->putSecret(kDeviceKind, name, crypto::SecureBuffer::copyOf(entry.identity), 0)
        || !m_accounts->putSecret(storage::credential::ratchetSession, name, encodeSessions(entry), 0)) {
        return std::unexpected(E2eError::Storage);
    }
    return {};
}

std::expected<void, E2eError> PeerSessions::remove(const std::string& user, std::uint64_t device)
{
    const auto name = nameOf(user, device);
    if (!m_accounts->removeSecret(kDeviceKind, name)
        || !m_accounts->removeSecret(storage::credential::ratchetSession, name)) {
        return std::unexpected(E2eError::Storage);
    }
    m_cache.erase(Key { user, device });
    if (auto it = m_index.find(user); it != m_index.end()) {
        std::erase(it->second, device);
    }
    return {};
}

void PeerSessions::forget() noexcept
{
    m_cache.clear();
    m_index.clear();
    m_indexLoaded = false;
}

} // namespace palisade::core
