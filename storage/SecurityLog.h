#pragma once
/// @file
/// @brief The local security event log (identity changes, dropped messages from strangers,
/// quarantined files…). Details never hold message text, keys or passwords.

#include "storage/Database.h"
#include "storage/Error.h"
#include "storage/Types.h"

#include <cstddef>
#include <expected>
#include <string_view>
#include <vector>

namespace palisade::storage {

/// The security log of one Database (which must outlive it); same thread as it.
class SecurityLog {
public:
    explicit SecurityLog(Database& db) noexcept
        : m_db(&db)
    {
    }

    [[nodiscard]] std::expected<void, Error> append(
        Timestamp at, std::string_view kind, std::string_view detail);
    /// The newest @p limit events, newest first.
    [[nodiscard]] std::expected<std::vector<SecurityEvent>, Error> recent(std::size_t limit = 100);
    /// Delete events older than @p cutoff; returns how many.
    [[nodiscard]] std::expected<std::size_t, Error> deleteBefore(Timestamp cutoff);

private:
    Database* m_db;
};

} // namespace palisade::storage
