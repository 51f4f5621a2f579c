#pragma once
/// @file
/// @brief RAII prepared statement with typed binds and column reads (SQLCipher C API).

#include "crypto/SecureBuffer.h"
#include "storage/Error.h"

#include <concepts>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace palisade::storage {

namespace detail {
template <typename T> struct IsOptional : std::false_type {
};
template <typename T> struct IsOptional<std::optional<T>> : std::true_type {
};
} // namespace detail

/// A prepared statement; finalized on destruction. Parameter and column indexes follow
/// SQLite: parameters count from 1, columns from 0. Owned by the thread that owns its Database.
class Statement {
public:
    Statement() noexcept = default;
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    [[nodiscard]] std::expected<void, Error> bindInt64(int index, std::int64_t value);
    [[nodiscard]] std::expected<void, Error> bindDouble(int index, double value);
    /// Binds a copy of @p value as TEXT.
    [[nodiscard]] std::expected<void, Error> bindText(int index, std::string_view value);
    /// Binds a copy of @p value as BLOB (an empty span binds a zero-length blob, not NULL).
    [[nodiscard]] std::expected<void, Error> bindBlob(int index, std::span<const std::uint8_t> value);
    [[nodiscard]] std::expected<void, Error> bindNull(int index);

    /// Binds @p args to parameters 1..N by type: integers, double, text, byte spans,
    /// std::nullopt / std::optional<T>.
    template <typename... Args> [[nodiscard]] std::expected<void, Error> bindAll(const Args&... args)
    {
        int index = 0;
        std::expected<void, Error> result;
        ((result = result ? bindOne(++index, args) : result), ...);
        return result;
    }

    /// Advance: true when a row is available, false when the statement is done.
    [[nodiscard]] std::expected<bool, Error> step();
    /// Run a statement that returns no rows to completion.
    [[nodiscard]] std::expected<void, Error> run();
    /// Reset to run again and clear the bindings (ends the statement's read, if any).
    void reset() noexcept;

    [[nodiscard]] std::int64_t columnInt64(int column) const noexcept;
    [[nodiscard]] double columnDouble(int column) const noexcept;
    [[nodiscard]] std::string columnText(int column) const;
    [[nodiscard]] std::vector<std::uint8_t> columnBlob(int column) const;
    /// A BLOB column copied straight into secure memory.
    [[nodiscard]] crypto::SecureBuffer columnSecret(int column) const;
    [[nodiscard]] bool columnIsNull(int column) const noexcept;

    [[nodiscard]] bool valid() const noexcept { return m_stmt != nullptr; }

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, sqlite3* db) noexcept
        : m_stmt(stmt)
        , m_db(db)
    {
    }

    template <typename T> std::expected<void, Error> bindOne(int index, const T& value)
    {
        if constexpr (std::is_same_v<T, std::nullopt_t>) {
            return bindNull(index);
        } else if constexpr (std::is_same_v<T, bool>) {
            return bindInt64(index, value ? 1 : 0);
        } else if constexpr (std::integral<T> || std::is_enum_v<T>) {
            return bindInt64(index, static_cast<std::int64_t>(value));
        } else if constexpr (std::floating_point<T>) {
            return bindDouble(index, static_cast<double>(value));
        } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
            return bindText(index, std::string_view(value));
        } else if constexpr (detail::IsOptional<T>::value) {
            return value ? bindOne(index, *value) : bindNull(index);
        } else {
            return bindBlob(index, std::span<const std::uint8_t>(value));
        }
    }

    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
};

} // namespace palisade::storage
