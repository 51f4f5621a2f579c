#pragma once
/// @file
/// @brief Versioned schema migrations, each applied in its own transaction; the version is
/// SQLite's `user_version`. A database newer than the code is refused, never downgraded.

#include "storage/Database.h"
#include "storage/Error.h"

#include <expected>
#include <span>
#include <string_view>

namespace palisade::storage {

/// The SQL that takes a database from version - 1 to version.
struct Migration {
    int version;
    std::string_view sql;
};

/// The database's schema version (0 for a new database).
[[nodiscard]] std::expected<int, Error> schemaVersion(Database& db);

/// Apply every migration whose version is above the database's, in order, each atomically.
/// @p migrations must be numbered 1, 2, 3… Returns the resulting version.
/// Errors: SchemaTooNew (the file is from a newer build; nothing touched), Migration (a step
/// failed; the database stays at the last completed version), Sql.
[[nodiscard]] std::expected<int, Error> migrate(Database& db, std::span<const Migration> migrations);

} // namespace palisade::storage
