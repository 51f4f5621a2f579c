#pragma once
/// @file
/// @brief File transfers and their state (offered, accepted, scanning, quarantined…).

#include "storage/Database.h"
#include "storage/Error.h"
#include "storage/Types.h"

#include <expected>
#include <optional>
#include <string_view>
#include <vector>

namespace palisade::storage {

/// Transfers of one Database (which must outlive it); same thread as it.
class TransferStore {
public:
    explicit TransferStore(Database& db) noexcept
        : m_db(&db)
    {
    }

    /// Record a new transfer. Errors: Constraint when its id is already known.
    [[nodiscard]] std::expected<void, Error> add(const Transfer& transfer);
    [[nodiscard]] std::expected<void, Error> setState(
        std::string_view id, TransferState state, std::string_view localPath, Timestamp now);
    [[nodiscard]] std::expected<std::optional<Transfer>, Error> find(std::string_view id);
    /// Transfers not yet finished (not Done, Quarantined, Failed or Declined), oldest first.
    [[nodiscard]] std::expected<std::vector<Transfer>, Error> unfinished();

private:
    Database* m_db;
};

} // namespace palisade::storage
