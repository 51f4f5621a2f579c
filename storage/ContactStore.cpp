#include "storage/ContactStore.h"

#include <utility>

namespace palisade::storage {

namespace {

Contact readContact(const Statement& row)
{
    Contact c;
    c.id = ContactId { row.columnInt64(0) };
    c.userId = row.columnText(1);
    c.displayName = row.columnText(2);
    c.state = static_cast<ContactState>(row.columnInt64(3));
    c.identityKey = row.columnBlob(4);
    c.verified = row.columnInt64(5) != 0;
    c.updatedAt = row.columnInt64(6);
    return c;
}

constexpr std::string_view contactColumns
    = "SELECT id, user_id, display_name, state, identity_key, verified, updated_at FROM contacts ";

} // namespace

std::expected<ContactId, Error> ContactStore::add(
    std::string_view userId, std::string_view displayName, ContactState state, Timestamp now)
{
    auto ok = m_db->run("INSERT INTO contacts (user_id, display_name, state, updated_at) VALUES (?, ?, ?, ?)",
        userId, displayName, state, now);
    if (!ok) {
        return std::unexpected(std::move(ok.error()));
    }
    return ContactId { m_db->lastInsertRowId() };
}

std::expected<std::optional<Contact>, Error> ContactStore::find(std::string_view userId)
{
    static const std::string sql = std::string(contactColumns) + "WHERE user_id = ?";
    return m_db->collectOne(sql, readContact, userId);
}

std::expected<std::vector<Contact>, Error> ContactStore::all()
{
    static const std::string sql = std::string(contactColumns) + "ORDER BY user_id";
    return m_db->collectRows(sql, readContact);
}

std::expected<void, Error> ContactStore::setState(ContactId id, ContactState state, Timestamp now)
{
    return m_db->run("UPDATE contacts SET state = ?, updated_at = ? WHERE id = ?", state, now, id.value);
}

std::expected<void, Error> ContactStore::setIdentityKey(
    ContactId id, std::span<const std::uint8_t> key, Timestamp now)
{
    return m_db->run("UPDATE contacts SET verified = CASE WHEN identity_key IS ? THEN verified ELSE 0 END, "
                     "identity_key = ?, updated_at = ? WHERE id = ?",
        key, key, now, id.value);
}

std::expected<void, Error> ContactStore::setVerified(ContactId id, bool verified, Timestamp now)
{
    return m_db->run(
        "UPDATE contacts SET verified = ?, updated_at = ? WHERE id = ?", verified, now, id.value);
}

std::expected<void, Error> ContactStore::remove(ContactId id)
{
    return m_db->run("DELETE FROM contacts WHERE id = ?", id.value);
}

std::expected<ConversationId, Error> ContactStore::conversationWith(ContactId contact)
{
    auto ok = m_db->run("INSERT OR IGNORE INTO conversations (contact_id) VALUES (?)", contact.value);
    if (!ok) {
        return std::unexpected(std::move(ok.error()));
    }
    auto id = m_db->collectOne(
        "SELECT id FROM conversations WHERE contact_id = ?",
        [](const Statement& row) { return ConversationId { row.columnInt64(0) }; }, contact.value);
    if (!id) {
        return std::unexpected(std::move(id.error()));
    }
    if (!*id) {
        return std::unexpected(Error { ErrorCode::NotFound, "conversation" });
    }
    return **id;
}

std::expected<std::vector<Conversation>, Error> ContactStore::conversations()
{
    return m_db->collectRows("SELECT id, contact_id, last_activity, unread FROM conversations ORDER BY "
                             "last_activity DESC, id DESC",
        [](const Statement& row) {
            return Conversation { ConversationId { row.columnInt64(0) }, ContactId { row.columnInt64(1) },
                row.columnInt64(2), row.columnInt64(3) };
        });
}

std::expected<void, Error> ContactStore::touch(
    ConversationId id, Timestamp at, std::int64_t unreadDelta, bool resetUnread)
{
    return m_db->run("UPDATE conversations SET last_activity = max(last_activity, ?), "
                     "unread = CASE WHEN ? THEN 0 ELSE unread + ? END WHERE id = ?",
        at, resetUnread, unreadDelta, id.value);
}

} // namespace palisade::storage
