#pragma once
/// @file
/// @brief Internal: the one place storage/ includes SQLCipher's sqlite3.h. `sqlite3_key` is
/// declared only when SQLITE_HAS_CODEC is defined first, and Debian's pkg-config flags do not.

#ifndef SQLITE_HAS_CODEC
#define SQLITE_HAS_CODEC 1
#endif
#include "storage/Error.h"

#include <sqlite3.h>

namespace palisade::storage::detail {

/// The storage error for SQLite result code @p rc, with the connection's message as detail.
[[nodiscard]] Error sqliteError(sqlite3* db, int rc);

} // namespace palisade::storage::detail
