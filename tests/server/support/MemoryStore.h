#pragma once
// In-memory Store for unit tests of the server logic (tests only; the server uses SqlStore).

#include "server/Store.h"

#include <algorithm>
#include <map>

namespace palisade::server::test {

class MemoryStore final : public Store {
public:
    std::expected<UserId, Error> addUser(const UserRecord& user) override
    {
        for (const auto& [id, u] : m_users) {
            if (u.name == user.name) {
                return std::unexpected(Error::AlreadyExists);
            }
        }
        UserRecord copy = user;
        copy.id = UserId { ++m_nextId };
        m_users[copy.id.value] = copy;
        return copy.id;
    }
    std::expected<UserRecord, Error> findUser(const std::string& name) override
    {
        for (const auto& [id, u] : m_users) {
            if (u.name == name) {
                return u;
            }
        }
        return std::unexpected(Error::NotFound);
    }
    std::expected<UserRecord, Error> user(UserId id) override
    {
        auto it = m_users.find(id.value);
        if (it == m_users.end()) {
            return std::unexpected(Error::NotFound);
        }
        return it->second;
    }
    std::expected<void, Error> updateUser(const UserRecord& user) override
    {
        m_users[user.id.value] = user;
        return {};
    }
    std::expected<std::vector<UserRecord>, Error> users() override
    {
        std::vector<UserRecord> out;
        for (const auto& [id, u] : m_users) {
            out.push_back(u);
        }
        return out;
    }

    std::expected<std::int64_t, Error> externalChanges() override { return 0; }

    std::expected<DeviceId, Error> addDevice(const DeviceRecord& device) override
    {
        DeviceRecord copy = device;
        copy.id = DeviceId { ++m_nextId };
        m_devices[copy.id.value] = copy;
        return copy.id;
    }
    std::expected<DeviceRecord, Error> findDevice(const DeviceKey& key) override
    {
        for (const auto& [id, d] : m_devices) {
            if (d.key == key) {
                return d;
            }
        }
        return std::unexpected(Error::NotFound);
    }
    std::expected<void, Error> updateDevice(const DeviceRecord& device) override
    {
        m_devices[device.id.value] = device;
        return {};
    }
    std::expected<std::vector<DeviceRecord>, Error> devices(std::optional<UserId> of) override
    {
        std::vector<DeviceRecord> out;
        for (const auto& [id, d] : m_devices) {
            if (!of || d.user == *of) {
                out.push_back(d);
            }
        }
        return out;
    }

    std::expected<ContactState, Error> contact(UserId owner, UserId peer) override
    {
        auto it = m_contacts.find({ owner.value, peer.value });
        return it == m_contacts.end() ? ContactState::None : it->second;
    }
    std::expected<void, Error> setContact(UserId owner, UserId peer, ContactState state) override
    {
        m_contacts[{ owner.value, peer.value }] = state;
        return {};
    }
    std::expected<void, Error> removeContact(UserId owner, UserId peer) override
    {
        m_contacts.erase({ owner.value, peer.value });
        return {};
    }
    std::expected<std::vector<std::pair<UserId, ContactState>>, Error> contacts(UserId owner) override
    {
        std::vector<std::pair<UserId, ContactState>> out;
        for (const auto& [key, state] : m_contacts) {
            if (key.first == owner.value) {
                out.emplace_back(UserId { key.second }, state);
            }
        }
        return out;
    }
    std::expected<std::vector<UserId>, Error> incomingRequests(UserId owner) override
    {
        std::vector<UserId> out;
        for (const auto& [key, state] : m_contacts) {
            if (key.second == owner.value && state == ContactState::Requested) {
                out.push_back(UserId { key.first });
            }
        }
        return out;
    }

    std::expected<std::int64_t, Error> enqueue(const EnvelopeRecord& envelope) override
    {
        EnvelopeRecord copy = envelope;
        copy.seq = ++m_nextId;
        m_envelopes[copy.seq] = copy;
        return copy.seq;
    }
    std::expected<std::vector<EnvelopeRecord>, Error> pending(DeviceId device, std::size_t max) override
    {
        std::vector<EnvelopeRecord> out;
        for (const auto& [seq, e] : m_envelopes) {
            if (e.recipient == device && out.size() < max) {
                out.push_back(e);
            }
        }
        return out;
    }
    std::expected<std::size_t, Error> pendingCount(DeviceId device) override
    {
        return static_cast<std::size_t>(std::count_if(m_envelopes.begin(), m_envelopes.end(),
            [&](const auto& e) { return e.second.recipient == device; }));
    }
    std::expected<bool, Error> acknowledge(DeviceId device, std::int64_t seq) override
    {
        auto it = m_envelopes.find(seq);
        if (it == m_envelopes.end() || it->second.recipient != device) {
            return false;
        }
        m_envelopes.erase(it);
        return true;
    }
    std::expected<std::size_t, Error> expireEnvelopes(std::int64_t now) override
    {
        return std::erase_if(m_envelopes, [now](const auto& e) { return e.second.expiresAt <= now; });
    }

    std::expected<void, Error> setSignedPrekey(
        DeviceId device, const std::vector<std::uint8_t>& bundle) override
    {
        m_signed[device.value] = bundle;
        return {};
    }
    std::expected<std::optional<std::vector<std::uint8_t>>, Error> signedPrekey(DeviceId device) override
    {
        auto it = m_signed.find(device.value);
        if (it == m_signed.end()) {
            return std::optional<std::vector<std::uint8_t>> {};
        }
        return std::optional<std::vector<std::uint8_t>> { it->second };
    }
    std::expected<void, Error> addOneTimePrekeys(
        DeviceId device, const std::vector<std::vector<std::uint8_t>>& keys) override
    {
        auto& list = m_oneTime[device.value];
        list.insert(list.end(), keys.begin(), keys.end());
        return {};
    }
    std::expected<std::optional<std::vector<std::uint8_t>>, Error> takeOneTimePrekey(DeviceId device) override
    {
        auto& list = m_oneTime[device.value];
        if (list.empty()) {
            return std::optional<std::vector<std::uint8_t>> {};
        }
        auto key = list.front();
        list.erase(list.begin());
        return std::optional<std::vector<std::uint8_t>> { key };
    }
    std::expected<std::size_t, Error> oneTimePrekeyCount(DeviceId device) override
    {
        return m_oneTime[device.value].size();
    }

    std::expected<void, Error> addTransfer(const TransferRecord& transfer) override
    {
        m_transfers[transfer.id] = transfer;
        return {};
    }
    std::expected<TransferRecord, Error> transfer(const std::string& id) override
    {
        auto it = m_transfers.find(id);
        if (it == m_transfers.end()) {
            return std::unexpected(Error::NotFound);
        }
        return it->second;
    }
    std::expected<void, Error> updateTransfer(const TransferRecord& transfer) override
    {
        m_transfers[transfer.id] = transfer;
        return {};
    }
    std::expected<void, Error> putChunk(
        const std::string& id, std::uint32_t index, const std::vector<std::uint8_t>& data) override
    {
        m_chunks[{ id, index }] = data;
        return {};
    }
    std::expected<std::optional<std::vector<std::uint8_t>>, Error> chunk(
        const std::string& id, std::uint32_t index) override
    {
        auto it = m_chunks.find({ id, index });
        if (it == m_chunks.end()) {
            return std::optional<std::vector<std::uint8_t>> {};
        }
        return std::optional<std::vector<std::uint8_t>> { it->second };
    }
    std::expected<std::uint32_t, Error> chunkCount(const std::string& id) override
    {
        std::uint32_t n = 0;
        while (m_chunks.contains({ id, n })) {
            ++n;
        }
        return n;
    }
    std::expected<void, Error> removeTransfer(const std::string& id) override
    {
        m_transfers.erase(id);
        std::erase_if(m_chunks, [&](const auto& c) { return c.first.first == id; });
        return {};
    }
    std::expected<std::uint64_t, Error> bytesInFlight(UserId sender) override
    {
        std::uint64_t total = 0;
        for (const auto& [id, t] : m_transfers) {
            if (t.sender == sender) {
                total += t.size;
            }
        }
        return total;
    }
    std::expected<std::size_t, Error> expireTransfers(std::int64_t now) override
    {
        std::vector<std::string> gone;
        for (const auto& [id, t] : m_transfers) {
            if (t.expiresAt <= now) {
                gone.push_back(id);
            }
        }
        for (const auto& id : gone) {
            (void)removeTransfer(id);
        }
        return gone.size();
    }

private:
    std::int64_t m_nextId = 0;
    std::map<std::int64_t, UserRecord> m_users;
    std::map<std::int64_t, DeviceRecord> m_devices;
    std::map<std::pair<std::int64_t, std::int64_t>, ContactState> m_contacts;
    std::map<std::int64_t, EnvelopeRecord> m_envelopes;
    std::map<std::int64_t, std::vector<std::uint8_t>> m_signed;
    std::map<std::int64_t, std::vector<std::vector<std::uint8_t>>> m_oneTime;
    std::map<std::string, TransferRecord> m_transfers;
    std::map<std::pair<std::string, std::uint32_t>, std::vector<std::uint8_t>> m_chunks;
};

} // namespace palisade::server::test
