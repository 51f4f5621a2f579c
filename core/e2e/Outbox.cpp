#include "core/e2e/Outbox.h"

namespace palisade::core {

std::expected<std::vector<PendingMessage>, storage::Error> pendingOutgoing(storage::Database& db)
{
    return db.collectRows(
        "SELECT m.id, c.user_id, m.dedupe_id, m.body, m.sent_at FROM messages m "
        "JOIN conversations v ON v.id = m.conversation_id JOIN contacts c ON c.id = v.contact_id "
        "WHERE m.direction = ? AND m.state = ? ORDER BY m.id",
        [](const storage::Statement& row) {
            return PendingMessage { storage::MessageId { row.columnInt64(0) }, row.columnText(1),
                row.columnBlob(2), row.columnText(3), row.columnInt64(4) };
        },
        storage::Direction::Outgoing, storage::MessageState::Pending);
}

std::expected<std::optional<std::pair<storage::MessageId, storage::MessageState>>, storage::Error>
findMessage(storage::Database& db, storage::ConversationId conversation,
    std::span<const std::uint8_t> clientMessageId, storage::Direction direction)
{
    return db.collectOne(
        "SELECT id, state FROM messages WHERE conversation_id = ? AND dedupe_id = ? AND direction = ?",
        [](const storage::Statement& row) {
            return std::pair { storage::MessageId { row.columnInt64(0) },
                static_cast<storage::MessageState>(row.columnInt64(1)) };
        },
        conversation.value, clientMessageId, direction);
}

std::expected<std::vector<std::pair<storage::MessageId, std::vector<std::uint8_t>>>, storage::Error>
unreadIncoming(storage::Database& db, storage::ConversationId conversation)
{
    return db.collectRows(
        "SELECT id, dedupe_id FROM messages WHERE conversation_id = ? AND direction = ? AND state != ? "
        "ORDER BY id",
        [](const storage::Statement& row) {
            return std::pair { storage::MessageId { row.columnInt64(0) }, row.columnBlob(1) };
        },
        conversation.value, storage::Direction::Incoming, storage::MessageState::Read);
}

} // namespace palisade::core
