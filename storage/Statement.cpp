#include "storage/Statement.h"

#include "storage/Sqlite.h"

#include <utility>

namespace palisade::storage {

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_db(std::exchange(other.m_db, nullptr))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

namespace {
std::expected<void, Error> checked(sqlite3* db, int rc)
{
    if (rc != SQLITE_OK) {
        return std::unexpected(detail::sqliteError(db, rc));
    }
    return {};
}
} // namespace

std::expected<void, Error> Statement::bindInt64(int index, std::int64_t value)
{
    return checked(m_db, sqlite3_bind_int64(m_stmt, index, value));
}

std::expected<void, Error> Statement::bindDouble(int index, double value)
{
    return checked(m_db, sqlite3_bind_double(m_stmt, index, value));
}

std::expected<void, Error> Statement::bindText(int index, std::string_view value)
{
    return checked(m_db,
        sqlite3_bind_text64(
            m_stmt, index, value.empty() ? "" : value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

std::expected<void, Error> Statement::bindBlob(int index, std::span<const std::uint8_t> value)
{
    if (value.empty()) {
        return checked(m_db, sqlite3_bind_zeroblob(m_stmt, index, 0));
    }
    return checked(m_db, sqlite3_bind_blob64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT));
}

std::expected<void, Error> Statement::bindNull(int index)
{
    return checked(m_db, sqlite3_bind_null(m_stmt, index));
}

std::expected<bool, Error> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    // sqlite3_step's legacy interface reports SQLITE_ERROR; reset gives the specific code.
    const int specific = sqlite3_reset(m_stmt);
    return std::unexpected(detail::sqliteError(m_db, specific != SQLITE_OK ? specific : rc));
}

std::expected<void, Error> Statement::run()
{
    for (;;) {
        auto row = step();
        if (!row) {
            return std::unexpected(std::move(row.error()));
        }
        if (!*row) {
            return {};
        }
    }
}

void Statement::reset() noexcept
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::columnInt64(int column) const noexcept
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const noexcept
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::columnText(int column) const
{
    const auto* text = sqlite3_column_text(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (text == nullptr || size <= 0) {
        return {};
    }
    return { reinterpret_cast<const char*>(text), static_cast<std::size_t>(size) };
}

std::vector<std::uint8_t> Statement::columnBlob(int column) const
{
    const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (blob == nullptr || size <= 0) {
        return {};
    }
    return { blob, blob + size };
}

crypto::SecureBuffer Statement::columnSecret(int column) const
{
    const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (blob == nullptr || size <= 0) {
        return {};
    }
    return crypto::SecureBuffer::copyOf({ blob, static_cast<std::size_t>(size) });
}

bool Statement::columnIsNull(int column) const noexcept
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

} // namespace palisade::storage
