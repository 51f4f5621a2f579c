#pragma once
/// @file
/// @brief Internal: is the SQLite library this code is linked with really SQLCipher? Uses
/// only the plain SQLite API, so a test links it against plain libsqlite3 to prove the refusal.

#include "storage/Error.h"

#include <expected>

struct sqlite3;

namespace palisade::storage::detail {

/// Ok when `PRAGMA cipher_version` on the open connection @p db answers a non-empty version;
/// NotSqlCipher otherwise (plain SQLite does not know the pragma and returns no row).
[[nodiscard]] std::expected<void, Error> requireSqlCipher(sqlite3* db);

} // namespace palisade::storage::detail
