#pragma once
/// @file
/// @brief RAII transaction: rolled back on destruction unless commit() succeeded.

#include "storage/Database.h"
#include "storage/Error.h"

#include <expected>

namespace palisade::storage {

class Transaction {
public:
    enum class Kind {
        Deferred, ///< takes locks when first needed (read-mostly work)
        Immediate, ///< takes the write lock now (every write path: no upgrade deadlocks)
    };

    /// BEGIN on @p db, which must outlive the transaction.
    [[nodiscard]] static std::expected<Transaction, Error> begin(Database& db, Kind kind = Kind::Immediate);

    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// COMMIT. On failure (disk full, busy) the changes are rolled back when this object dies.
    [[nodiscard]] std::expected<void, Error> commit();
    /// ROLLBACK now.
    void rollback() noexcept;

private:
    explicit Transaction(Database& db) noexcept
        : m_db(&db)
    {
    }
    Database* m_db = nullptr;
};

} // namespace palisade::storage
