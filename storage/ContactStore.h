#pragma once
/// @file
/// @brief Contacts (buddy state, identity key, verified flag) and their conversations.

#include "storage/Database.h"
#include "storage/Error.h"
#include "storage/Types.h"

#include <expected>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace palisade::storage {

/// Contacts of one Database (which must outlive it); same thread as it.
class ContactStore {
public:
    explicit ContactStore(Database& db) noexcept
        : m_db(&db)
    {
    }

    /// Add a contact. Errors: Constraint when @p userId is already a contact.
    [[nodiscard]] std::expected<ContactId, Error> add(
        std::string_view userId, std::string_view displayName, ContactState state, Timestamp now);
    [[nodiscard]] std::expected<std::optional<Contact>, Error> find(std::string_view userId);
    [[nodiscard]] std::expected<std::vector<Contact>, Error> all();
    [[nodiscard]] std::expected<void, Error> setState(ContactId id, ContactState state, Timestamp now);
    /// Record a (new) identity key; a changed key clears the verified flag.
    [[nodiscard]] std::expected<void, Error> setIdentityKey(
        ContactId id, std::span<const std::uint8_t> key, Timestamp now);
    [[nodiscard]] std::expected<void, Error> setVerified(ContactId id, bool verified, Timestamp now);
    /// Remove a contact with its conversation and messages.
    [[nodiscard]] std::expected<void, Error> remove(ContactId id);

    /// The conversation with @p contact, created when there is none.
    [[nodiscard]] std::expected<ConversationId, Error> conversationWith(ContactId contact);
    /// Conversations, most recently active first.
    [[nodiscard]] std::expected<std::vector<Conversation>, Error> conversations();
    /// Note activity at @p at and add @p unreadDelta to the unread count (0 resets it when
    /// @p resetUnread).
    [[nodiscard]] std::expected<void, Error> touch(
        ConversationId id, Timestamp at, std::int64_t unreadDelta, bool resetUnread = false);

private:
    Database* m_db;
};

} // namespace palisade::storage
