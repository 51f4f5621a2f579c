#include "storage/MessageStore.h"

#include "storage/SearchQuery.h"
#include "storage/Transaction.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace palisade::storage {

namespace {

constexpr std::string_view columns
    = "id, conversation_id, dedupe_id, direction, state, body, sent_at, received_at";

Message readMessage(const Statement& row)
{
    Message m;
    m.id = MessageId { row.columnInt64(0) };
    m.conversation = ConversationId { row.columnInt64(1) };
    m.dedupeId = row.columnBlob(2);
    m.direction = static_cast<Direction>(row.columnInt64(3));
    m.state = static_cast<MessageState>(row.columnInt64(4));
    m.body = row.columnText(5);
    m.sentAt = row.columnInt64(6);
    m.receivedAt = row.columnInt64(7);
    return m;
}

std::string select(std::string_view tail)
{
    std::string sql = "SELECT ";
    sql += columns;
    sql += " FROM messages ";
    sql += tail;
    return sql;
}

} // namespace

std::expected<std::optional<MessageId>, Error> MessageStore::insert(const Message& m)
{
    auto ok = m_db->run("INSERT OR IGNORE INTO messages (conversation_id, dedupe_id, direction, state, body, "
                        "sent_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        m.conversation.value, m.dedupeId, m.direction, m.state, m.body, m.sentAt, m.receivedAt);
    if (!ok) {
        return std::unexpected(std::move(ok.error()));
    }
    if (m_db->changes() == 0) {
        return std::nullopt;
    }
    const MessageId id { m_db->lastInsertRowId() };
    if (ok = m_db->run("INSERT INTO messages_fts_pending (id) VALUES (?)", id.value); !ok) {
        return std::unexpected(std::move(ok.error()));
    }
    return id;
}

std::expected<std::optional<MessageId>, Error> MessageStore::add(const Message& message)
{
    if (m_db->inTransaction()) {
        return insert(message); // the caller's transaction keeps the two rows together
    }
    auto tx = Transaction::begin(*m_db);
    if (!tx) {
        return std::unexpected(std::move(tx.error()));
    }
    auto id = insert(message);
    if (!id) {
        return id;
    }
    if (auto ok = tx->commit(); !ok) {
        return std::unexpected(std::move(ok.error()));
    }
    return id;
}

std::expected<std::size_t, Error> MessageStore::addBatch(std::span<const Message> messages)
{
    auto tx = Transaction::begin(*m_db);
    if (!tx) {
        return std::unexpected(std::move(tx.error()));
    }
    std::size_t added = 0;
    for (const auto& message : messages) {
        auto id = insert(message);
        if (!id) {
            return std::unexpected(std::move(id.error()));
        }
        added += id->has_value() ? 1 : 0;
    }
    if (auto ok = tx->commit(); !ok) {
        return std::unexpected(std::move(ok.error()));
    }
    return added;
}

std::expected<void, Error> MessageStore::setState(MessageId id, MessageState state)
{
    return m_db->run("UPDATE messages SET state = ? WHERE id = ?", state, id.value);
}

std::expected<std::vector<Message>, Error> MessageStore::latest(
    ConversationId conversation, std::size_t limit, std::optional<std::pair<Timestamp, MessageId>> before)
{
    static const std::string newest
        = select("WHERE conversation_id = ? ORDER BY sent_at DESC, id DESC LIMIT ?");
    static const std::string page
        = select("WHERE conversation_id = ? AND (sent_at < ? OR (sent_at = ? AND id < ?)) "
                 "ORDER BY sent_at DESC, id DESC LIMIT ?");
    if (before) {
        return m_db->collectRows(page, readMessage, conversation.value, before->first, before->first,
            before->second.value, static_cast<std::int64_t>(limit));
    }
    return m_db->collectRows(newest, readMessage, conversation.value, static_cast<std::int64_t>(limit));
}

std::expected<std::vector<Message>, Error> MessageStore::search(std::string_view userText, std::size_t limit)
{
    auto terms = parseSearchQuery(userText);
    if (!terms) {
        return std::unexpected(std::move(terms.error()));
    }
    auto pending = m_db->collectOne(
        "SELECT 1 FROM messages_fts_pending LIMIT 1", [](const Statement&) { return true; });
    if (!pending) {
        return std::unexpected(std::move(pending.error()));
    }
    if (pending->has_value()) {
        if (auto indexed = indexPending(); !indexed) {
            return std::unexpected(std::move(indexed.error()));
        }
    }
    // The inner query walks the FTS index newest-first and stops after `limit` docids.
    static const std::string sql
        = select("WHERE id IN (SELECT docid FROM messages_fts WHERE messages_fts MATCH ? "
                 "ORDER BY docid DESC LIMIT ?) ORDER BY id DESC");
    return m_db->collectRows(sql, readMessage, toFtsMatch(*terms), static_cast<std::int64_t>(limit));
}

std::expected<std::size_t, Error> MessageStore::indexPending(std::size_t maxMessages)
{
    // Joins the caller's transaction when there is one (e.g. a search inside it).
    std::optional<Transaction> own;
    if (!m_db->inTransaction()) {
        auto tx = Transaction::begin(*m_db);
        if (!tx) {
            return std::unexpected(std::move(tx.error()));
        }
        own.emplace(std::move(*tx));
    }
    const auto limit = static_cast<std::int64_t>(std::min<std::size_t>(maxMessages, INT64_MAX));
    // The newest id of this slice; the queue is walked oldest first so FTS4 sees docids in
    // ascending order and appends without flushing between rows.
    auto last = m_db->collectOne(
        "SELECT max(id), count(*) FROM (SELECT id FROM messages_fts_pending "
        "ORDER BY id LIMIT ?)",
        [](const Statement& row) {
            return std::pair { row.columnInt64(0), row.columnInt64(1) };
        },
        limit);
    if (!last) {
        return std::unexpected(std::move(last.error()));
    }
    const auto [upTo, count] = last->value_or(std::pair<std::int64_t, std::int64_t> { 0, 0 });
    if (count == 0) {
        return 0;
    }
    auto ok = m_db->run("INSERT INTO messages_fts (docid, body) SELECT m.id, m.body "
                        "FROM messages_fts_pending AS p CROSS JOIN messages AS m ON m.id = p.id "
                        "WHERE p.id <= ? ORDER BY p.id",
        upTo);
    if (ok) {
        ok = m_db->run("DELETE FROM messages_fts_pending WHERE id <= ?", upTo);
    }
    if (ok && own) {
        ok = own->commit();
    }
    if (!ok) {
        return std::unexpected(std::move(ok.error()));
    }
    return static_cast<std::size_t>(count);
}

std::expected<std::size_t, Error> MessageStore::pendingIndexCount()
{
    auto count = m_db->queryInt64("SELECT count(*) FROM messages_fts_pending");
    if (!count) {
        return std::unexpected(std::move(count.error()));
    }
    return static_cast<std::size_t>(*count);
}

std::expected<std::size_t, Error> MessageStore::deleteReceivedBefore(Timestamp cutoff)
{
    auto tx = Transaction::begin(*m_db);
    if (!tx) {
        return std::unexpected(std::move(tx.error()));
    }
    auto ok = m_db->run("DELETE FROM messages WHERE received_at < ?", cutoff);
    const auto deleted = static_cast<std::size_t>(m_db->changes());
    if (ok && deleted > 0) {
        ok = m_db->exec("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')");
    }
    if (ok) {
        ok = tx->commit();
    }
    if (!ok) {
        return std::unexpected(std::move(ok.error()));
    }
    return deleted;
}

} // namespace palisade::storage
