#include "storage/CipherCheck.h"

#include <sqlite3.h>

#include <string>

namespace palisade::storage::detail {

std::expected<void, Error> requireSqlCipher(sqlite3* db)
{
    sqlite3_stmt* stmt = nullptr;
    std::string version;
    if (sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW) {
        if (const auto* text = sqlite3_column_text(stmt, 0); text != nullptr) {
            version = reinterpret_cast<const char*>(text);
        }
    }
    sqlite3_finalize(stmt);
    if (version.empty()) {
        return std::unexpected(Error { ErrorCode::NotSqlCipher,
            std::string("PRAGMA cipher_version is empty; linked SQLite ") + sqlite3_libversion() });
    }
    return {};
}

} // namespace palisade::storage::detail
