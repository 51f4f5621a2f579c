#pragma once
/// @file
/// @brief RAII SQLCipher connection: opened with a raw 256-bit key, WAL, foreign keys,
/// secure_delete, explicit cipher parameters (the same files open with SQLCipher 3 and 4).

#include "crypto/SecureBuffer.h"
#include "storage/Error.h"
#include "storage/Statement.h"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

struct sqlite3;

namespace palisade::storage {

/// Size of a database key: 256 bits, handed to SQLCipher in its raw-key form.
inline constexpr std::size_t databaseKeySize = 32;

struct OpenOptions {
    /// Create the file when it does not exist. An existing file is never recreated.
    bool create = false;
    /// How long to wait for another connection's lock before reporting Busy.
    int busyTimeoutMs = 5000;
    /// Page cache per connection, in KiB.
    int cacheSizeKiB = 8192;
};

/// A prepared statement borrowed from the Database's cache; reset (bindings cleared, read
/// ended) when the lease ends. Do not keep it across calls that may use the same SQL.
class CachedStatement {
public:
    explicit CachedStatement(Statement& statement) noexcept
        : m_statement(&statement)
    {
    }
    ~CachedStatement() { m_statement->reset(); }
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    Statement* operator->() const noexcept { return m_statement; }
    Statement& operator*() const noexcept { return *m_statement; }

private:
    Statement* m_statement;
};

/// One open, keyed SQLCipher database. Not thread-safe: owned and used by one thread.
class Database {
public:
    /// Open (or with options.create, create) the database at @p path with the 32-byte @p key.
    /// Errors: NotSqlCipher, NotFound, WrongKey (the key does not decrypt the file), Corrupt
    /// (empty, plaintext or damaged file), Busy, Io.
    [[nodiscard]] static std::expected<Database, Error> open(
        const std::filesystem::path& path, const crypto::SecureBuffer& key, const OpenOptions& options = {});

#ifdef PALISADE_TEST_SEAMS
    /// Test seam, compiled out of release builds: the same connection settings without a
    /// key, so benchmarks can put plain-SQLite figures beside the encrypted ones.
    [[nodiscard]] static std::expected<Database, Error> openPlaintextForComparison(
        const std::filesystem::path& path, const OpenOptions& options = {});
#endif

    Database() noexcept = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Run SQL without parameters (may hold several statements).
    [[nodiscard]] std::expected<void, Error> exec(std::string_view sql);
    /// Prepare one statement.
    [[nodiscard]] std::expected<Statement, Error> prepare(std::string_view sql);
    /// Prepare once, reuse afterwards (the statement cache for hot paths).
    [[nodiscard]] std::expected<CachedStatement, Error> cached(std::string_view sql);
    /// The first column of the first row of a query such as a PRAGMA, as text (NotFound: no row).
    [[nodiscard]] std::expected<std::string, Error> queryText(std::string_view sql);
    /// The first column of the first row, as an integer (NotFound: no row).
    [[nodiscard]] std::expected<std::int64_t, Error> queryInt64(std::string_view sql);

    /// Run cached statement @p sql with @p args bound to parameters 1..N, to completion.
    template <typename... Args>
    [[nodiscard]] std::expected<void, Error> run(std::string_view sql, const Args&... args)
    {
        auto stmt = cached(sql);
        if (!stmt) {
            return std::unexpected(std::move(stmt.error()));
        }
        if (auto bound = (*stmt)->bindAll(args...); !bound) {
            return bound;
        }
        return (*stmt)->run();
    }

    /// Run cached query @p sql with @p args bound and call @p onRow(const Statement&) per row.
    template <typename OnRow, typename... Args>
    [[nodiscard]] std::expected<void, Error> forEachRow(
        std::string_view sql, OnRow&& onRow, const Args&... args)
    {
        auto stmt = cached(sql);
        if (!stmt) {
            return std::unexpected(std::move(stmt.error()));
        }
        if (auto bound = (*stmt)->bindAll(args...); !bound) {
            return bound;
        }
        for (;;) {
            auto row = (*stmt)->step();
            if (!row) {
                return std::unexpected(std::move(row.error()));
            }
            if (!*row) {
                return {};
            }
            onRow(**stmt);
        }
    }

    /// Every row of cached query @p sql, each turned into a value by @p read(const Statement&).
    template <typename Read, typename... Args>
    [[nodiscard]] auto collectRows(std::string_view sql, Read&& read, const Args&... args)
        -> std::expected<std::vector<std::invoke_result_t<Read&, const Statement&>>, Error>
    {
        std::vector<std::invoke_result_t<Read&, const Statement&>> out;
        auto ok = forEachRow(
            sql, [&](const Statement& row) { out.push_back(read(row)); }, args...);
        if (!ok) {
            return std::unexpected(std::move(ok.error()));
        }
        return out;
    }

    /// The first row of cached query @p sql read by @p read, or nullopt when there is none.
    template <typename Read, typename... Args>
    [[nodiscard]] auto collectOne(std::string_view sql, Read&& read, const Args&... args)
        -> std::expected<std::optional<std::invoke_result_t<Read&, const Statement&>>, Error>
    {
        std::optional<std::invoke_result_t<Read&, const Statement&>> found;
        auto ok = forEachRow(
            sql, [&](const Statement& row) { found.emplace(read(row)); }, args...);
        if (!ok) {
            return std::unexpected(std::move(ok.error()));
        }
        return found;
    }

    [[nodiscard]] std::int64_t lastInsertRowId() const noexcept;
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    [[nodiscard]] std::int64_t changes() const noexcept;
    /// True while a transaction is open.
    [[nodiscard]] bool inTransaction() const noexcept;
    [[nodiscard]] const std::filesystem::path& path() const noexcept
    {
        return m_path;
    }
    [[nodiscard]] bool isOpen() const noexcept
    {
        return m_db != nullptr;
    }

    /// Close now (also done by the destructor).
    void close() noexcept;

private:
    static std::expected<Database, Error> openWith(
        const std::filesystem::path& path, const crypto::SecureBuffer* key, const OpenOptions& options);
    std::expected<Statement, Error> firstRow(std::string_view sql);

    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
    std::unique_ptr<std::unordered_map<std::string, Statement>> m_cache;
};

} // namespace palisade::storage
