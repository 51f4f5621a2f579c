#include "storage/TransferStore.h"

#include <string>

namespace palisade::storage {

namespace {

constexpr std::string_view selectTransfer
    = "SELECT id, conversation_id, direction, file_name, size, sha256, state, "
      "local_path, updated_at FROM transfers ";

Transfer readTransfer(const Statement& row)
{
    Transfer t;
    t.id = row.columnText(0);
    t.conversation = ConversationId { row.columnInt64(1) };
    t.direction = static_cast<Direction>(row.columnInt64(2));
    t.fileName = row.columnText(3);
    t.size = row.columnInt64(4);
    t.sha256 = row.columnBlob(5);
    t.state = static_cast<TransferState>(row.columnInt64(6));
    t.localPath = row.columnText(7);
    t.updatedAt = row.columnInt64(8);
    return t;
}

} // namespace

std::expected<void, Error> TransferStore::add(const Transfer& t)
{
    return m_db->run("INSERT INTO transfers (id, conversation_id, direction, file_name, size, sha256, state, "
                     "local_path, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        t.id, t.conversation.value, t.direction, t.fileName, t.size, t.sha256, t.state, t.localPath,
        t.updatedAt);
}

std::expected<void, Error> TransferStore::setState(
    std::string_view id, TransferState state, std::string_view localPath, Timestamp now)
{
    return m_db->run("UPDATE transfers SET state = ?, local_path = ?, updated_at = ? WHERE id = ?", state,
        localPath, now, id);
}

std::expected<std::optional<Transfer>, Error> TransferStore::find(std::string_view id)
{
    static const std::string sql = std::string(selectTransfer) + "WHERE id = ?";
    return m_db->collectOne(sql, readTransfer, id);
}

std::expected<std::vector<Transfer>, Error> TransferStore::unfinished()
{
    static const std::string sql
        = std::string(selectTransfer) + "WHERE state NOT IN (?, ?, ?, ?) ORDER BY updated_at";
    return m_db->collectRows(sql, readTransfer, TransferState::Done, TransferState::Quarantined,
        TransferState::Failed, TransferState::Declined);
}

} // namespace palisade::storage
