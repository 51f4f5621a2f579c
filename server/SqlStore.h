#pragma once
/// @file
/// @brief The embedded Store: one SQLCipher database through storage/'s wrappers.

#include "server/Store.h"
#include "storage/Database.h"
#include "storage/Transaction.h"

#include <filesystem>
#include <optional>
#include <thread>

namespace palisade::server {

/// Store on a SQLCipher file. Not thread-safe: owned by the server's store thread.
class SqlStore final : public Store {
public:
    /// Open (with @p create, create) the database at @p path with the raw 32-byte @p key and
    /// bring its schema up to date. Errors carry storage/'s description.
    [[nodiscard]] static std::expected<SqlStore, std::string> open(
        const std::filesystem::path& path, const crypto::SecureBuffer& key, bool create);

    /// Moves WAL checkpoints (under synchronous=NORMAL the only writes that wait for the disk)
    /// off the caller's thread: a second connection to @p path checkpoints in the background
    /// and this connection stops checkpointing by itself. For the server, whose thread must
    /// never wait for an fsync.
    [[nodiscard]] std::expected<void, std::string> checkpointInBackground(
        const std::filesystem::path& path, const crypto::SecureBuffer& key);

    std::expected<void, Error> beginBatch() override;
    std::expected<void, Error> commitBatch() override;

    std::expected<UserId, Error> addUser(const UserRecord& user) override;
    std::expected<UserRecord, Error> findUser(const std::string& name) override;
    std::expected<UserRecord, Error> user(UserId id) override;
    std::expected<void, Error> updateUser(const UserRecord& user) override;
    std::expected<std::vector<UserRecord>, Error> users() override;

    std::expected<std::int64_t, Error> externalChanges() override;

    std::expected<DeviceId, Error> addDevice(const DeviceRecord& device) override;
    std::expected<DeviceRecord, Error> findDevice(const DeviceKey& key) override;
    std::expected<void, Error> updateDevice(const DeviceRecord& device) override;
    std::expected<std::vector<DeviceRecord>, Error> devices(std::optional<UserId> of) override;

    std::expected<ContactState, Error> contact(UserId owner, UserId peer) override;
    std::expected<void, Error> setContact(UserId owner, UserId peer, ContactState state) override;
    std::expected<void, Error> removeContact(UserId owner, UserId peer) override;
    std::expected<std::vector<std::pair<UserId, ContactState>>, Error> contacts(UserId owner) override;
    std::expected<std::vector<UserId>, Error> incomingRequests(UserId owner) override;

    std::expected<std::int64_t, Error> enqueue(const EnvelopeRecord& envelope) override;
    std::expected<std::vector<EnvelopeRecord>, Error> pending(DeviceId device, std::size_t max) override;
    std::expected<std::vector<EnvelopeRecord>, Error> pendingAfter(
        DeviceId device, std::int64_t afterSeq, std::size_t max) override;
    std::expected<std::size_t, Error> pendingCount(DeviceId device) override;
    std::expected<bool, Error> acknowledge(DeviceId device, std::int64_t seq) override;
    std::expected<std::size_t, Error> expireEnvelopes(std::int64_t now) override;

    std::expected<void, Error> setSignedPrekey(
        DeviceId device, const std::vector<std::uint8_t>& bundle) override;
    std::expected<std::optional<std::vector<std::uint8_t>>, Error> signedPrekey(DeviceId device) override;
    std::expected<void, Error> addOneTimePrekeys(
        DeviceId device, const std::vector<std::vector<std::uint8_t>>& keys) override;
    std::expected<std::optional<std::vector<std::uint8_t>>, Error> takeOneTimePrekey(
        DeviceId device) override;
    std::expected<std::size_t, Error> oneTimePrekeyCount(DeviceId device) override;

    std::expected<void, Error> addTransfer(const TransferRecord& transfer) override;
    std::expected<TransferRecord, Error> transfer(const std::string& id) override;
    std::expected<void, Error> updateTransfer(const TransferRecord& transfer) override;
    std::expected<void, Error> putChunk(
        const std::string& id, std::uint32_t index, const std::vector<std::uint8_t>& data) override;
    std::expected<std::optional<std::vector<std::uint8_t>>, Error> chunk(
        const std::string& id, std::uint32_t index) override;
    std::expected<std::uint32_t, Error> chunkCount(const std::string& id) override;
    std::expected<void, Error> removeTransfer(const std::string& id) override;
    std::expected<std::uint64_t, Error> bytesInFlight(UserId sender) override;
    std::expected<std::size_t, Error> expireTransfers(std::int64_t now) override;

private:
    explicit SqlStore(storage::Database db) noexcept
        : m_db(std::move(db))
    {
    }
    std::expected<void, Error> run(std::string_view sql, auto&&... args);
    /// Runs @p sql with @p args bound and calls @p row for each result row.
    template <typename Row, typename... Args>
    std::expected<void, Error> query(std::string_view sql, Row&& row, const Args&... args);

    storage::Database m_db;
    std::optional<storage::Transaction> m_batch;
    std::jthread m_checkpointer; ///< declared last: stops first
};

} // namespace palisade::server
