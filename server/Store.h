#pragma once
/// @file
/// @brief The server's persistent state behind one interface: SqlStore (SQLCipher) is the
/// embedded default; a PostgreSQL store can implement the same interface later.
/// Every method reports failure as Error::StoreFailed (or NotFound where stated).

#include "server/Error.h"
#include "server/Ids.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace palisade::server {

/// One account.
struct UserRecord {
    UserId id;
    std::string name;
    std::string passwordHash; ///< crypto_pwhash_str output
    bool disabled = false;
    bool listed = false; ///< visible to directory searches beyond exact names
    std::uint32_t failedLogins = 0;
    std::int64_t lockedUntil = 0; ///< Unix seconds; 0 = not locked
};

/// One enrolled device.
struct DeviceRecord {
    DeviceId id;
    UserId user;
    DeviceKey key {};
    std::string clientVersion;
    std::int64_t lastSeen = 0; ///< Unix seconds
    std::string compliance; ///< the device's last compliance report (opaque summary text)
};

/// A directed contact edge, from the owner's point of view.
enum class ContactState {
    None = 0, ///< no edge
    Requested = 1, ///< owner asked peer; peer has not answered
    Accepted = 2, ///< owner accepted peer (mutual when both edges are Accepted)
    Blocked = 3, ///< owner blocks peer
};

/// An end-to-end envelope waiting for one device (payload is ciphertext, opaque here).
struct EnvelopeRecord {
    std::int64_t seq = 0; ///< store-assigned, increasing per device (delivery order)
    DeviceId recipient;
    UserId sender;
    DeviceId senderDevice;
    std::vector<std::uint8_t> clientMessageId; ///< chosen by the sender; receivers dedupe on it
    std::vector<std::uint8_t> payload;
    std::int64_t expiresAt = 0; ///< Unix seconds
};

/// A file on the relay: encrypted chunks uploaded by the sender for named recipients.
struct TransferRecord {
    std::string id; ///< random transfer id (hex)
    UserId sender;
    std::vector<UserId> recipients;
    std::uint64_t size = 0; ///< announced total bytes
    std::uint32_t chunks = 0; ///< announced chunk count
    std::uint64_t stored = 0; ///< bytes received so far
    bool complete = false;
    std::int64_t expiresAt = 0;
};

/// Persistent state of the server. Not thread-safe: one owner thread (see Server).
class Store {
public:
    virtual ~Store() = default;

    // Write batches: the server groups the writes of one event-loop turn into one transaction.
    /// Opens a transaction that the following writes join (no-op when one is open).
    virtual std::expected<void, Error> beginBatch() { return {}; }
    /// Commits the open batch (no-op without one); on failure its writes are rolled back.
    virtual std::expected<void, Error> commitBatch() { return {}; }

    // Accounts
    virtual std::expected<UserId, Error> addUser(const UserRecord& user) = 0; ///< AlreadyExists
    virtual std::expected<UserRecord, Error> findUser(const std::string& name) = 0; ///< NotFound
    virtual std::expected<UserRecord, Error> user(UserId id) = 0; ///< NotFound
    virtual std::expected<void, Error> updateUser(const UserRecord& user) = 0;
    virtual std::expected<std::vector<UserRecord>, Error> users() = 0;

    /// A number that changes whenever another process (the admin CLI) committed a change;
    /// the server re-reads account flags when it moves.
    virtual std::expected<std::int64_t, Error> externalChanges() = 0;

    // Devices
    virtual std::expected<DeviceId, Error> addDevice(const DeviceRecord& device) = 0;
    virtual std::expected<DeviceRecord, Error> findDevice(const DeviceKey& key) = 0; ///< NotFound
    virtual std::expected<void, Error> updateDevice(const DeviceRecord& device) = 0;
    virtual std::expected<std::vector<DeviceRecord>, Error> devices(std::optional<UserId> of) = 0;

    // Contacts (directed edges)
    virtual std::expected<ContactState, Error> contact(UserId owner, UserId peer) = 0;
    virtual std::expected<void, Error> setContact(UserId owner, UserId peer, ContactState state) = 0;
    virtual std::expected<void, Error> removeContact(UserId owner, UserId peer) = 0;
    /// Edges owned by @p owner, and the Requested edges pointing at @p owner.
    virtual std::expected<std::vector<std::pair<UserId, ContactState>>, Error> contacts(UserId owner) = 0;
    virtual std::expected<std::vector<UserId>, Error> incomingRequests(UserId owner) = 0;

    // Offline envelopes
    virtual std::expected<std::int64_t, Error> enqueue(const EnvelopeRecord& envelope) = 0;
    virtual std::expected<std::vector<EnvelopeRecord>, Error> pending(DeviceId device, std::size_t max) = 0;
    /// Up to @p max envelopes of @p device with a seq above @p afterSeq, in seq order.
    virtual std::expected<std::vector<EnvelopeRecord>, Error> pendingAfter(
        DeviceId device, std::int64_t afterSeq, std::size_t max)
    {
        auto all = pending(device, SIZE_MAX);
        if (!all) {
            return all;
        }
        std::vector<EnvelopeRecord> out;
        for (auto& e : *all) {
            if (e.seq > afterSeq && out.size() < max) {
                out.push_back(std::move(e));
            }
        }
        return out;
    }
    virtual std::expected<std::size_t, Error> pendingCount(DeviceId device) = 0;
    virtual std::expected<bool, Error> acknowledge(DeviceId device, std::int64_t seq) = 0;
    virtual std::expected<std::size_t, Error> expireEnvelopes(std::int64_t now) = 0;

    // Prekeys (opaque bundles for end-to-end sessions)
    virtual std::expected<void, Error> setSignedPrekey(
        DeviceId device, const std::vector<std::uint8_t>& bundle)
        = 0;
    virtual std::expected<std::optional<std::vector<std::uint8_t>>, Error> signedPrekey(DeviceId device) = 0;
    virtual std::expected<void, Error> addOneTimePrekeys(
        DeviceId device, const std::vector<std::vector<std::uint8_t>>& keys)
        = 0;
    /// Removes and returns one one-time prekey; nullopt when none is left.
    virtual std::expected<std::optional<std::vector<std::uint8_t>>, Error> takeOneTimePrekey(DeviceId device)
        = 0;
    virtual std::expected<std::size_t, Error> oneTimePrekeyCount(DeviceId device) = 0;

    // File relay
    virtual std::expected<void, Error> addTransfer(const TransferRecord& transfer) = 0;
    virtual std::expected<TransferRecord, Error> transfer(const std::string& id) = 0; ///< NotFound
    virtual std::expected<void, Error> updateTransfer(const TransferRecord& transfer) = 0;
    virtual std::expected<void, Error> putChunk(
        const std::string& id, std::uint32_t index, const std::vector<std::uint8_t>& data)
        = 0;
    virtual std::expected<std::optional<std::vector<std::uint8_t>>, Error> chunk(
        const std::string& id, std::uint32_t index)
        = 0;
    /// Number of consecutive chunks stored from 0 (where a resumed upload continues).
    virtual std::expected<std::uint32_t, Error> chunkCount(const std::string& id) = 0;
    virtual std::expected<void, Error> removeTransfer(const std::string& id) = 0;
    /// Bytes stored for @p sender's live transfers (the quota counts these).
    virtual std::expected<std::uint64_t, Error> bytesInFlight(UserId sender) = 0;
    virtual std::expected<std::size_t, Error> expireTransfers(std::int64_t now) = 0;
};

} // namespace palisade::server
