#include "storage/Migrations.h"

#include "storage/Transaction.h"

#include <string>

namespace palisade::storage {

std::expected<int, Error> schemaVersion(Database& db)
{
    auto version = db.queryInt64("PRAGMA user_version");
    if (!version) {
        return std::unexpected(std::move(version.error()));
    }
    return static_cast<int>(*version);
}

std::expected<int, Error> migrate(Database& db, std::span<const Migration> migrations)
{
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i + 1)) {
            return std::unexpected(Error { ErrorCode::Sql, "migrations are not numbered 1..N" });
        }
    }
    auto current = schemaVersion(db);
    if (!current) {
        return current;
    }
    const int latest = static_cast<int>(migrations.size());
    if (*current > latest) {
        return std::unexpected(Error { ErrorCode::SchemaTooNew,
            "schema version " + std::to_string(*current) + ", this build knows up to "
                + std::to_string(latest) });
    }
    for (const auto& step : migrations.subspan(static_cast<std::size_t>(*current))) {
        auto tx = Transaction::begin(db);
        if (!tx) {
            return std::unexpected(std::move(tx.error()));
        }
        auto ok = db.exec(step.sql);
        if (ok) {
            ok = db.exec("PRAGMA user_version = " + std::to_string(step.version));
        }
        if (ok) {
            ok = tx->commit();
        }
        if (!ok) {
            const auto code
                = ok.error().code == ErrorCode::DiskFull ? ErrorCode::DiskFull : ErrorCode::Migration;
            return std::unexpected(
                Error { code, "to version " + std::to_string(step.version) + ": " + ok.error().detail });
        }
        *current = step.version;
    }
    return *current;
}

} // namespace palisade::storage
