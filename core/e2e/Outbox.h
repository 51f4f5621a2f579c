#pragma once
/// @file
/// @brief Queries over the profile's messages table that the messaging service needs beyond
/// storage::MessageStore: the persisted outbox (outgoing messages still Pending) and lookup
/// of a message by its client message id (for receipts).

#include "storage/Database.h"
#include "storage/Types.h"

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace palisade::core {

/// An outgoing message not yet accepted by the server.
struct PendingMessage {
    storage::MessageId id;
    std::string recipient; ///< the contact's user id
    std::vector<std::uint8_t> clientMessageId;
    std::string body;
    storage::Timestamp sentAt = 0;
};

/// Outgoing messages in state Pending, oldest first.
[[nodiscard]] std::expected<std::vector<PendingMessage>, storage::Error> pendingOutgoing(
    storage::Database& db);

/// Id and state of the message with @p clientMessageId in @p conversation sent in @p direction.
[[nodiscard]] std::expected<std::optional<std::pair<storage::MessageId, storage::MessageState>>,
    storage::Error>
findMessage(storage::Database& db, storage::ConversationId conversation,
    std::span<const std::uint8_t> clientMessageId, storage::Direction direction);

/// Client message ids of incoming messages in @p conversation not yet marked Read, oldest first.
[[nodiscard]] std::expected<std::vector<std::pair<storage::MessageId, std::vector<std::uint8_t>>>,
    storage::Error>
unreadIncoming(storage::Database& db, storage::ConversationId conversation);

} // namespace palisade::core
