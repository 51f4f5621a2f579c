#pragma once
/// @file
/// @brief Messages: insert with dedupe, newest-first pages, full-text search, retention.

#include "storage/Database.h"
#include "storage/Error.h"
#include "storage/Types.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace palisade::storage {

/// Reads and writes messages of one Database (which must outlive it); same thread as it.
class MessageStore {
public:
    explicit MessageStore(Database& db) noexcept
        : m_db(&db)
    {
    }

    /// Store @p message (its id is ignored). Returns the new id, or nullopt when a message
    /// with the same conversation and dedupe id is already stored.
    [[nodiscard]] std::expected<std::optional<MessageId>, Error> add(const Message& message);
    /// Store @p messages in one transaction (all or none). Returns how many were new.
    [[nodiscard]] std::expected<std::size_t, Error> addBatch(std::span<const Message> messages);
    [[nodiscard]] std::expected<void, Error> setState(MessageId id, MessageState state);

    /// The newest @p limit messages of @p conversation sent before @p before (a
    /// (sentAt, id) position from an earlier page; nullopt: from the newest), newest first.
    [[nodiscard]] std::expected<std::vector<Message>, Error> latest(ConversationId conversation,
        std::size_t limit = 50, std::optional<std::pair<Timestamp, MessageId>> before = std::nullopt);

    /// Messages matching user search text (storage/SearchQuery.h), newest first, at most
    /// @p limit. No ranking: the index walks docids from the newest. Indexes pending
    /// messages first, so every committed message is found. Errors: InvalidQuery.
    [[nodiscard]] std::expected<std::vector<Message>, Error> search(
        std::string_view userText, std::size_t limit = 50);

    /// Add up to @p maxMessages queued messages (oldest first) to the full-text index in one
    /// transaction (the caller's, if one is open); inserts only queue them. The engine calls this when idle,
    /// in slices small enough not to stall it; search() calls it for the whole queue. Returns how many were
    /// indexed (0: the queue is empty).
    [[nodiscard]] std::expected<std::size_t, Error> indexPending(
        std::size_t maxMessages = static_cast<std::size_t>(INT64_MAX));
    /// How many messages wait for indexPending().
    [[nodiscard]] std::expected<std::size_t, Error> pendingIndexCount();

    /// Retention: delete messages received before @p cutoff, with their index entries, and
    /// merge the index so deleted words leave it. Returns how many were deleted.
    [[nodiscard]] std::expected<std::size_t, Error> deleteReceivedBefore(Timestamp cutoff);

private:
    std::expected<std::optional<MessageId>, Error> insert(const Message& message);

    Database* m_db;
};

} // namespace palisade::storage
