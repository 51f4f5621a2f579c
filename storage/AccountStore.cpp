#include "storage/AccountStore.h"

#include <utility>

namespace palisade::storage {

std::expected<void, Error> AccountStore::setAccount(const Account& a)
{
    return m_db->run("INSERT OR REPLACE INTO profile (id, user_id, device_id, server_address, created_at) "
                     "VALUES (1, ?, ?, ?, ?)",
        a.userId, a.deviceId, a.serverAddress, a.createdAt);
}

std::expected<std::optional<Account>, Error> AccountStore::account()
{
    return m_db->collectOne("SELECT user_id, device_id, server_address, created_at FROM profile WHERE id = 1",
        [](const Statement& row) {
            return Account { row.columnText(0), row.columnText(1), row.columnText(2), row.columnInt64(3) };
        });
}

std::expected<void, Error> AccountStore::putSecret(
    std::string_view kind, std::string_view name, const crypto::SecureBuffer& secret, Timestamp now)
{
    return m_db->run(
        "INSERT OR REPLACE INTO credentials (kind, name, secret, updated_at) VALUES (?, ?, ?, ?)", kind, name,
        secret.bytes(), now);
}

std::expected<std::optional<crypto::SecureBuffer>, Error> AccountStore::secret(
    std::string_view kind, std::string_view name)
{
    return m_db->collectOne(
        "SELECT secret FROM credentials WHERE kind = ? AND name = ?",
        [](const Statement& row) { return row.columnSecret(0); }, kind, name);
}

std::expected<std::vector<std::string>, Error> AccountStore::secretNames(std::string_view kind)
{
    return m_db->collectRows(
        "SELECT name FROM credentials WHERE kind = ? ORDER BY name",
        [](const Statement& row) { return row.columnText(0); }, kind);
}

std::expected<void, Error> AccountStore::removeSecret(std::string_view kind, std::string_view name)
{
    return m_db->run("DELETE FROM credentials WHERE kind = ? AND name = ?", kind, name);
}

} // namespace palisade::storage
