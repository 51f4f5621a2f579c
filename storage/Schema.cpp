#include "storage/Schema.h"

#include <array>

namespace palisade::storage {

namespace {

// Version 1: account, credentials, contacts, conversations, messages, settings.
constexpr std::string_view version1 = R"sql(
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    server_address TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE credentials (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    secret BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (kind, name)
) WITHOUT ROWID;
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    state INTEGER NOT NULL,
    identity_key BLOB,
    verified INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
    last_activity INTEGER NOT NULL DEFAULT 0,
    unread INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    dedupe_id BLOB NOT NULL,
    direction INTEGER NOT NULL,
    state INTEGER NOT NULL,
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (conversation_id, dedupe_id)
);
CREATE INDEX messages_by_time ON messages (conversation_id, sent_at);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 2: full-text index over existing messages (FTS4: SQLCipher 3.4 has no FTS5),
// kept in step by triggers; file transfers; the local security event log. No order=DESC:
// SQLite 3.15's FTS4 'integrity-check' reports such an index as malformed; ORDER BY docid
// DESC walks an ascending index just as well.
constexpr std::string_view version2 = R"sql(
CREATE VIRTUAL TABLE messages_fts USING fts4 (
    content="messages", body, tokenize=unicode61, prefix="3"
);
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (docid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER messages_fts_delete BEFORE DELETE ON messages BEGIN
    DELETE FROM messages_fts WHERE docid = old.id;
END;
CREATE TRIGGER messages_fts_before_update BEFORE UPDATE OF body ON messages BEGIN
    DELETE FROM messages_fts WHERE docid = old.id;
END;
CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_fts (docid, body) VALUES (new.id, new.body);
END;
CREATE TABLE transfers (
    id TEXT PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    direction INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 BLOB NOT NULL,
    state INTEGER NOT NULL,
    local_path TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE security_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
)sql";

// Version 3: index lazily. MessageStore queues each new message's id in
// messages_fts_pending (a plain statement, not a trigger: a trigger makes every INSERT use a
// statement journal, and SQLCipher encrypts each journaled page); indexPending() moves the
// queue into the FTS index in one batch (when the engine is idle, and always before a
// search), which writes a few large segments instead of one small segment per commit.
// Deleting or editing a message takes it out of the index only if it was indexed; an edited
// message is queued again.
constexpr std::string_view version3 = R"sql(
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_before_update;
DROP TRIGGER messages_fts_after_update;
CREATE TABLE messages_fts_pending (id INTEGER PRIMARY KEY);
CREATE TRIGGER messages_fts_delete BEFORE DELETE ON messages BEGIN
    DELETE FROM messages_fts WHERE docid = old.id
        AND NOT EXISTS (SELECT 1 FROM messages_fts_pending WHERE id = old.id);
    DELETE FROM messages_fts_pending WHERE id = old.id;
END;
CREATE TRIGGER messages_fts_update BEFORE UPDATE OF body ON messages BEGIN
    DELETE FROM messages_fts WHERE docid = old.id
        AND NOT EXISTS (SELECT 1 FROM messages_fts_pending WHERE id = old.id);
    INSERT OR IGNORE INTO messages_fts_pending (id) VALUES (old.id);
END;
)sql";

constexpr std::array<Migration, 3> migrations { { { 1, version1 }, { 2, version2 }, { 3, version3 } } };

} // namespace

std::span<const Migration> clientMigrations() noexcept
{
    return migrations;
}

int clientSchemaVersion() noexcept
{
    return static_cast<int>(migrations.size());
}

} // namespace palisade::storage
