#include "storage/Transaction.h"

#include <utility>

namespace palisade::storage {

std::expected<Transaction, Error> Transaction::begin(Database& db, Kind kind)
{
    auto ok = db.exec(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    if (!ok) {
        return std::unexpected(std::move(ok.error()));
    }
    return Transaction(db);
}

Transaction::~Transaction()
{
    rollback();
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
{
}

std::expected<void, Error> Transaction::commit()
{
    if (m_db == nullptr) {
        return std::unexpected(Error { ErrorCode::Sql, "commit without an open transaction" });
    }
    auto ok = m_db->exec("COMMIT");
    if (!ok) {
        return ok;
    }
    m_db = nullptr;
    return {};
}

void Transaction::rollback() noexcept
{
    if (m_db != nullptr && m_db->inTransaction()) {
        (void)m_db->exec("ROLLBACK");
    }
    m_db = nullptr;
}

} // namespace palisade::storage
