#include "server/SqlStore.h"

#include "server/Log.h"
#include "storage/Transaction.h"

#include <charconv>
#include <condition_variable>
#include <mutex>

namespace palisade::server {
namespace {

using storage::ErrorCode;

constexpr int schemaVersion = 1;

constexpr std::string_view schema = R"sql(
CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0, listed INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0);
CREATE TABLE devices(id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  device_key BLOB NOT NULL UNIQUE, client_version TEXT NOT NULL DEFAULT '',
  last_seen INTEGER NOT NULL DEFAULT 0, compliance TEXT NOT NULL DEFAULT '');
CREATE INDEX devices_user ON devices(user_id);
CREATE TABLE contacts(owner INTEGER NOT NULL, peer INTEGER NOT NULL, state INTEGER NOT NULL,
  PRIMARY KEY(owner, peer)) WITHOUT ROWID;
CREATE INDEX contacts_peer ON contacts(peer, state);
CREATE TABLE envelopes(seq INTEGER PRIMARY KEY AUTOINCREMENT, recipient INTEGER NOT NULL,
  sender INTEGER NOT NULL, sender_device INTEGER NOT NULL, client_message_id BLOB NOT NULL,
  payload BLOB NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX envelopes_recipient ON envelopes(recipient, seq);
CREATE INDEX envelopes_expiry ON envelopes(expires_at);
CREATE TABLE signed_prekeys(device INTEGER PRIMARY KEY, bundle BLOB NOT NULL);
CREATE TABLE one_time_prekeys(id INTEGER PRIMARY KEY AUTOINCREMENT, device INTEGER NOT NULL,
  prekey BLOB NOT NULL);
CREATE INDEX one_time_prekeys_device ON one_time_prekeys(device, id);
CREATE TABLE transfers(id TEXT PRIMARY KEY, sender INTEGER NOT NULL, recipients TEXT NOT NULL,
  size INTEGER NOT NULL, chunks INTEGER NOT NULL, stored INTEGER NOT NULL,
  complete INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX transfers_sender ON transfers(sender);
CREATE TABLE chunks(transfer TEXT NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY(transfer, idx)) WITHOUT ROWID;
)sql";

Error fail(const storage::Error& e)
{
    if (e.code == ErrorCode::Constraint) {
        return Error::AlreadyExists;
    }
    logLine("store", storage::describe(e));
    return Error::StoreFailed;
}

std::span<const std::uint8_t> bytes(const DeviceKey& key)
{
    return { key.data(), key.size() };
}

UserRecord readUser(const storage::Statement& s)
{
    UserRecord u;
    u.id = UserId { s.columnInt64(0) };
    u.name = s.columnText(1);
    u.passwordHash = s.columnText(2);
    u.disabled = s.columnInt64(3) != 0;
    u.listed = s.columnInt64(4) != 0;
    u.failedLogins = static_cast<std::uint32_t>(s.columnInt64(5));
    u.lockedUntil = s.columnInt64(6);
    return u;
}

DeviceRecord readDevice(const storage::Statement& s)
{
    DeviceRecord d;
    d.id = DeviceId { s.columnInt64(0) };
    d.user = UserId { s.columnInt64(1) };
    const auto key = s.columnBlob(2);
    if (key.size() == d.key.size()) {
        std::copy(key.begin(), key.end(), d.key.begin());
    }
    d.clientVersion = s.columnText(3);
    d.lastSeen = s.columnInt64(4);
    d.compliance = s.columnText(5);
    return d;
}

std::string joinIds(const std::vector<UserId>& ids)
{
    std::string out;
    for (UserId id : ids) {
        if (!out.empty()) {
            out += ',';
        }
        out += std::to_string(id.value);
    }
    return out;
}

std::vector<UserId> splitIds(std::string_view text)
{
    std::vector<UserId> out;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        std::int64_t v = 0;
        std::from_chars(part.data(), part.data() + part.size(), v);
        out.push_back(UserId { v });
        text = comma == std::string_view::npos ? std::string_view {} : text.substr(comma + 1);
    }
    return out;
}

constexpr std::string_view userColumns
    = "SELECT id, name, password_hash, disabled, listed, failed_logins, locked_until FROM users ";
constexpr std::string_view deviceColumns
    = "SELECT id, user_id, device_key, client_version, last_seen, compliance FROM devices ";

} // namespace

std::expected<SqlStore, std::string> SqlStore::open(
    const std::filesystem::path& path, const crypto::SecureBuffer& key, bool create)
{
    storage::OpenOptions options;
    options.create = create;
    auto db = storage::Database::open(path, key, options);
    if (!db) {
        return std::unexpected(storage::describe(db.error()));
    }
    auto version = db->queryInt64("PRAGMA user_version");
    if (!version) {
        return std::unexpected(storage::describe(version.error()));
    }
    if (*version > schemaVersion) {
        return std::unexpected("the database was written by a newer palisade-server");
    }
    if (*version == 0) {
        auto tx = storage::Transaction::begin(*db);
        if (!tx) {
            return std::unexpected(storage::describe(tx.error()));
        }
        if (auto ok = db->exec(schema); !ok) {
            return std::unexpected(storage::describe(ok.error()));
        }
        if (auto ok = db->exec("PRAGMA user_version = " + std::to_string(schemaVersion)); !ok) {
            return std::unexpected(storage::describe(ok.error()));
        }
        if (auto ok = tx->commit(); !ok) {
            return std::unexpected(storage::describe(ok.error()));
        }
    }
    return SqlStore(std::move(*db));
}

std::expected<void, Error> SqlStore::run(std::string_view sql, auto&&... args)
{
    auto s = m_db.cached(sql);
    if (!s) {
        return std::unexpected(fail(s.error()));
    }
    if (auto ok = (*s)->bindAll(args...); !ok) {
        return std::unexpected(fail(ok.error()));
    }
    if (auto ok = (*s)->run(); !ok) {
        return std::unexpected(fail(ok.error()));
    }
    return {};
}

template <typename Row, typename... Args>
std::expected<void, Error> SqlStore::query(std::string_view sql, Row&& row, const Args&... args)
{
    auto s = m_db.cached(sql);
    if (!s) {
        return std::unexpected(fail(s.error()));
    }
    if (auto bound = (*s)->bindAll(args...); !bound) {
        return std::unexpected(fail(bound.error()));
    }
    for (;;) {
        auto more = (*s)->step();
        if (!more) {
            return std::unexpected(fail(more.error()));
        }
        if (!*more) {
            return {};
        }
        row(static_cast<const storage::Statement&>(**s));
    }
}

std::expected<UserId, Error> SqlStore::addUser(const UserRecord& u)
{
    if (auto ok = run("INSERT INTO users(name, password_hash, disabled, listed) VALUES(?, ?, ?, ?)", u.name,
            u.passwordHash, u.disabled, u.listed);
        !ok) {
        return std::unexpected(ok.error());
    }
    return UserId { m_db.lastInsertRowId() };
}

std::expected<UserRecord, Error> SqlStore::findUser(const std::string& name)
{
    std::optional<UserRecord> found;
    if (auto ok = query(
            std::string(userColumns) + "WHERE name = ?",
            [&](const storage::Statement& r) { found = readUser(r); }, name);
        !ok) {
        return std::unexpected(ok.error());
    }
    if (!found) {
        return std::unexpected(Error::NotFound);
    }
    return *found;
}

std::expected<UserRecord, Error> SqlStore::user(UserId id)
{
    std::optional<UserRecord> found;
    if (auto ok = query(
            std::string(userColumns) + "WHERE id = ?",
            [&](const storage::Statement& r) { found = readUser(r); }, id.value);
        !ok) {
        return std::unexpected(ok.error());
    }
    if (!found) {
        return std::unexpected(Error::NotFound);
    }
    return *found;
}

std::expected<void, Error> SqlStore::updateUser(const UserRecord& u)
{
    return run("UPDATE users SET password_hash = ?, disabled = ?, listed = ?, failed_logins = ?, "
               "locked_until = ? WHERE id = ?",
        u.passwordHash, u.disabled, u.listed, u.failedLogins, u.lockedUntil, u.id.value);
}

std::expected<std::vector<UserRecord>, Error> SqlStore::users()
{
    std::vector<UserRecord> out;
    if (auto ok = query(std::string(userColumns) + "ORDER BY name",
            [&](const storage::Statement& r) { out.push_back(readUser(r)); });
        !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

std::expected<std::int64_t, Error> SqlStore::externalChanges()
{
    auto version = m_db.queryInt64("PRAGMA data_version");
    if (!version) {
        return std::unexpected(fail(version.error()));
    }
    return *version;
}

std::expected<DeviceId, Error> SqlStore::addDevice(const DeviceRecord& d)
{
    if (auto ok = run("INSERT INTO devices(user_id, device_key, client_version, last_seen, compliance) "
                      "VALUES(?, ?, ?, ?, ?)",
            d.user.value, bytes(d.key), d.clientVersion, d.lastSeen, d.compliance);
        !ok) {
        return std::unexpected(ok.error());
    }
    return DeviceId { m_db.lastInsertRowId() };
}

std::expected<DeviceRecord, Error> SqlStore::findDevice(const DeviceKey& key)
{
    std::optional<DeviceRecord> found;
    if (auto ok = query(
            std::string(deviceColumns) + "WHERE device_key = ?",
            [&](const storage::Statement& r) { found = readDevice(r); }, bytes(key));
        !ok) {
        return std::unexpected(ok.error());
    }
    if (!found) {
        return std::unexpected(Error::NotFound);
    }
    return *found;
}

std::expected<void, Error> SqlStore::updateDevice(const DeviceRecord& d)
{
    return run("UPDATE devices SET client_version = ?, last_seen = ?, compliance = ? WHERE id = ?",
        d.clientVersion, d.lastSeen, d.compliance, d.id.value);
}

std::expected<std::vector<DeviceRecord>, Error> SqlStore::devices(std::optional<UserId> of)
{
    std::vector<DeviceRecord> out;
    if (of) {
        if (auto ok = query(
                std::string(deviceColumns) + "WHERE user_id = ? ORDER BY id",
                [&](const storage::Statement& r) { out.push_back(readDevice(r)); }, of->value);
            !ok) {
            return std::unexpected(ok.error());
        }
    } else {
        if (auto ok = query(std::string(deviceColumns) + "ORDER BY user_id, id",
                [&](const storage::Statement& r) { out.push_back(readDevice(r)); });
            !ok) {
            return std::unexpected(ok.error());
        }
    }
    return out;
}

std::expected<ContactState, Error> SqlStore::contact(UserId owner, UserId peer)
{
    ContactState state = ContactState::None;
    if (auto ok = query(
            "SELECT state FROM contacts WHERE owner = ? AND peer = ?",
            [&](const storage::Statement& r) { state = static_cast<ContactState>(r.columnInt64(0)); },
            owner.value, peer.value);
        !ok) {
        return std::unexpected(ok.error());
    }
    return state;
}

std::expected<void, Error> SqlStore::setContact(UserId owner, UserId peer, ContactState state)
{
    // SQLCipher 3.4 is SQLite 3.15: no UPSERT yet, REPLACE does the same for this table.
    return run("INSERT OR REPLACE INTO contacts(owner, peer, state) VALUES(?, ?, ?)", owner.value, peer.value,
        static_cast<int>(state));
}

std::expected<void, Error> SqlStore::removeContact(UserId owner, UserId peer)
{
    return run("DELETE FROM contacts WHERE owner = ? AND peer = ?", owner.value, peer.value);
}

std::expected<std::vector<std::pair<UserId, ContactState>>, Error> SqlStore::contacts(UserId owner)
{
    std::vector<std::pair<UserId, ContactState>> out;
    if (auto ok = query(
            "SELECT peer, state FROM contacts WHERE owner = ? ORDER BY peer",
            [&](const storage::Statement& r) {
                out.emplace_back(UserId { r.columnInt64(0) }, static_cast<ContactState>(r.columnInt64(1)));
            },
            owner.value);
        !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

std::expected<std::vector<UserId>, Error> SqlStore::incomingRequests(UserId owner)
{
    std::vector<UserId> out;
    if (auto ok = query(
            "SELECT owner FROM contacts WHERE peer = ? AND state = ? ORDER BY owner",
            [&](const storage::Statement& r) { out.push_back(UserId { r.columnInt64(0) }); }, owner.value,
            static_cast<int>(ContactState::Requested));
        !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

std::expected<std::int64_t, Error> SqlStore::enqueue(const EnvelopeRecord& e)
{
    if (auto ok = run("INSERT INTO envelopes(recipient, sender, sender_device, client_message_id, payload, "
                      "expires_at) VALUES(?, ?, ?, ?, ?, ?)",
            e.recipient.value, e.sender.value, e.senderDevice.value,
            std::span<const std::uint8_t>(e.clientMessageId), std::span<const std::uint8_t>(e.payload),
            e.expiresAt);
        !ok) {
        return std::unexpected(ok.error());
    }
    return m_db.lastInsertRowId();
}

std::expected<std::vector<EnvelopeRecord>, Error> SqlStore::pending(DeviceId device, std::size_t max)
{
    return pendingAfter(device, 0, max);
}

std::expected<std::vector<EnvelopeRecord>, Error> SqlStore::pendingAfter(
    DeviceId device, std::int64_t afterSeq, std::size_t max)
{
    std::vector<EnvelopeRecord> out;
    if (auto ok = query(
            "SELECT seq, recipient, sender, sender_device, client_message_id, payload, expires_at "
            "FROM envelopes WHERE recipient = ? AND seq > ? ORDER BY seq LIMIT ?",
            [&](const storage::Statement& r) {
                out.push_back(EnvelopeRecord { r.columnInt64(0), DeviceId { r.columnInt64(1) },
                    UserId { r.columnInt64(2) }, DeviceId { r.columnInt64(3) }, r.columnBlob(4),
                    r.columnBlob(5), r.columnInt64(6) });
            },
            device.value, afterSeq, static_cast<std::int64_t>(max));
        !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

std::expected<void, std::string> SqlStore::checkpointInBackground(
    const std::filesystem::path& path, const crypto::SecureBuffer& key)
{
    auto other = storage::Database::open(path, key);
    if (!other) {
        return std::unexpected(storage::describe(other.error()));
    }
    if (auto ok = m_db.exec("PRAGMA wal_autocheckpoint = 0"); !ok) {
        return std::unexpected(storage::describe(ok.error()));
    }
    m_checkpointer = std::jthread([db = std::move(*other)](std::stop_token stop) mutable {
        std::mutex mutex;
        std::condition_variable_any wake;
        std::unique_lock lock(mutex);
        while (!stop.stop_requested()) {
            wake.wait_for(lock, stop, std::chrono::milliseconds(500), [] { return false; });
            // PASSIVE never waits for the server's connection; a busy moment is retried.
            (void)db.exec("PRAGMA wal_checkpoint(PASSIVE)");
        }
    });
    return {};
}

std::expected<void, Error> SqlStore::beginBatch()
{
    if (m_batch || m_db.inTransaction()) {
        return {};
    }
    auto tx = storage::Transaction::begin(m_db);
    if (!tx) {
        return std::unexpected(fail(tx.error()));
    }
    m_batch.emplace(std::move(*tx));
    return {};
}

std::expected<void, Error> SqlStore::commitBatch()
{
    if (!m_batch) {
        return {};
    }
    auto ok = m_batch->commit();
    m_batch.reset(); // rolls back what a failed commit left
    if (!ok) {
        return std::unexpected(fail(ok.error()));
    }
    return {};
}

std::expected<std::size_t, Error> SqlStore::pendingCount(DeviceId device)
{
    std::size_t n = 0;
    if (auto ok = query(
            "SELECT count(*) FROM envelopes WHERE recipient = ?",
            [&](const storage::Statement& r) { n = static_cast<std::size_t>(r.columnInt64(0)); },
            device.value);
        !ok) {
        return std::unexpected(ok.error());
    }
    return n;
}

std::expected<bool, Error> SqlStore::acknowledge(DeviceId device, std::int64_t seq)
{
    if (auto ok = run("DELETE FROM envelopes WHERE seq = ? AND recipient = ?", seq, device.value); !ok) {
        return std::unexpected(ok.error());
    }
    return m_db.changes() > 0;
}

std::expected<std::size_t, Error> SqlStore::expireEnvelopes(std::int64_t now)
{
    if (auto ok = run("DELETE FROM envelopes WHERE expires_at <= ?", now); !ok) {
        return std::unexpected(ok.error());
    }
    return static_cast<std::size_t>(m_db.changes());
}

std::expected<void, Error> SqlStore::setSignedPrekey(DeviceId device, const std::vector<std::uint8_t>& bundle)
{
    return run("INSERT OR REPLACE INTO signed_prekeys(device, bundle) VALUES(?, ?)", device.value,
        std::span<const std::uint8_t>(bundle));
}

std::expected<std::optional<std::vector<std::uint8_t>>, Error> SqlStore::signedPrekey(DeviceId device)
{
    std::optional<std::vector<std::uint8_t>> out;
    if (auto ok = query(
            "SELECT bundle FROM signed_prekeys WHERE device = ?",
            [&](const storage::Statement& r) { out = r.columnBlob(0); }, device.value);
        !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

std::expected<void, Error> SqlStore::addOneTimePrekeys(
    DeviceId device, const std::vector<std::vector<std::uint8_t>>& keys)
{
    // Joins the server's open write batch when there is one.
    std::optional<storage::Transaction> tx;
    if (!m_db.inTransaction()) {
        auto begun = storage::Transaction::begin(m_db);
        if (!begun) {
            return std::unexpected(fail(begun.error()));
        }
        tx.emplace(std::move(*begun));
    }
    for (const auto& key : keys) {
        if (auto ok = run("INSERT INTO one_time_prekeys(device, prekey) VALUES(?, ?)", device.value,
                std::span<const std::uint8_t>(key));
            !ok) {
            return ok;
        }
    }
    if (tx) {
        if (auto ok = tx->commit(); !ok) {
            return std::unexpected(fail(ok.error()));
        }
    }
    return {};
}

std::expected<std::optional<std::vector<std::uint8_t>>, Error> SqlStore::takeOneTimePrekey(DeviceId device)
{
    std::optional<std::vector<std::uint8_t>> out;
    std::int64_t id = 0;
    if (auto ok = query(
            "SELECT id, prekey FROM one_time_prekeys WHERE device = ? ORDER BY id LIMIT 1",
            [&](const storage::Statement& r) { (id = r.columnInt64(0), out = r.columnBlob(1)); },
            device.value);
        !ok) {
        return std::unexpected(ok.error());
    }
    if (out) {
        if (auto ok = run("DELETE FROM one_time_prekeys WHERE id = ?", id); !ok) {
            return std::unexpected(ok.error());
        }
    }
    return out;
}

std::expected<std::size_t, Error> SqlStore::oneTimePrekeyCount(DeviceId device)
{
    std::size_t n = 0;
    if (auto ok = query(
            "SELECT count(*) FROM one_time_prekeys WHERE device = ?",
            [&](const storage::Statement& r) { n = static_cast<std::size_t>(r.columnInt64(0)); },
            device.value);
        !ok) {
        return std::unexpected(ok.error());
    }
    return n;
}

std::expected<void, Error> SqlStore::addTransfer(const TransferRecord& t)
{
    return run("INSERT INTO transfers(id, sender, recipients, size, chunks, stored, complete, expires_at) "
               "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
        t.id, t.sender.value, joinIds(t.recipients), static_cast<std::int64_t>(t.size), t.chunks,
        static_cast<std::int64_t>(t.stored), t.complete, t.expiresAt);
}

std::expected<TransferRecord, Error> SqlStore::transfer(const std::string& id)
{
    std::optional<TransferRecord> found;
    if (auto ok = query(
            "SELECT id, sender, recipients, size, chunks, stored, complete, expires_at FROM transfers "
            "WHERE id = ?",
            [&](const storage::Statement& r) {
                found = TransferRecord { r.columnText(0), UserId { r.columnInt64(1) },
                    splitIds(r.columnText(2)), static_cast<std::uint64_t>(r.columnInt64(3)),
                    static_cast<std::uint32_t>(r.columnInt64(4)),
                    static_cast<std::uint64_t>(r.columnInt64(5)), r.columnInt64(6) != 0, r.columnInt64(7) };
            },
            id);
        !ok) {
        return std::unexpected(ok.error());
    }
    if (!found) {
        return std::unexpected(Error::NotFound);
    }
    return *found;
}

std::expected<void, Error> SqlStore::updateTransfer(const TransferRecord& t)
{
    return run("UPDATE transfers SET stored = ?, complete = ?, expires_at = ? WHERE id = ?",
        static_cast<std::int64_t>(t.stored), t.complete, t.expiresAt, t.id);
}

std::expected<void, Error> SqlStore::putChunk(
    const std::string& id, std::uint32_t index, const std::vector<std::uint8_t>& data)
{
    return run("INSERT INTO chunks(transfer, idx, data) VALUES(?, ?, ?)", id, index,
        std::span<const std::uint8_t>(data));
}

std::expected<std::optional<std::vector<std::uint8_t>>, Error> SqlStore::chunk(
    const std::string& id, std::uint32_t index)
{
    std::optional<std::vector<std::uint8_t>> out;
    if (auto ok = query(
            "SELECT data FROM chunks WHERE transfer = ? AND idx = ?",
            [&](const storage::Statement& r) { out = r.columnBlob(0); }, id, index);
        !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

std::expected<std::uint32_t, Error> SqlStore::chunkCount(const std::string& id)
{
    // Chunks are stored strictly in order (FileRelay), so the count is the next index.
    std::uint32_t n = 0;
    if (auto ok = query(
            "SELECT count(*) FROM chunks WHERE transfer = ?",
            [&](const storage::Statement& r) { n = static_cast<std::uint32_t>(r.columnInt64(0)); }, id);
        !ok) {
        return std::unexpected(ok.error());
    }
    return n;
}

std::expected<void, Error> SqlStore::removeTransfer(const std::string& id)
{
    if (auto ok = run("DELETE FROM chunks WHERE transfer = ?", id); !ok) {
        return ok;
    }
    return run("DELETE FROM transfers WHERE id = ?", id);
}

std::expected<std::uint64_t, Error> SqlStore::bytesInFlight(UserId sender)
{
    std::uint64_t n = 0;
    if (auto ok = query(
            "SELECT coalesce(sum(size), 0) FROM transfers WHERE sender = ?",
            [&](const storage::Statement& r) { n = static_cast<std::uint64_t>(r.columnInt64(0)); },
            sender.value);
        !ok) {
        return std::unexpected(ok.error());
    }
    return n;
}

std::expected<std::size_t, Error> SqlStore::expireTransfers(std::int64_t now)
{
    std::vector<std::string> expired;
    if (auto ok = query(
            "SELECT id FROM transfers WHERE expires_at <= ?",
            [&](const storage::Statement& r) { expired.push_back(r.columnText(0)); }, now);
        !ok) {
        return std::unexpected(ok.error());
    }
    for (const auto& id : expired) {
        if (auto ok = removeTransfer(id); !ok) {
            return std::unexpected(ok.error());
        }
    }
    return expired.size();
}

} // namespace palisade::server
