#include "storage/Database.h"

#include "storage/CipherCheck.h"
#include "storage/Sqlite.h"

#include <array>
#include <cstring>
#include <fstream>
#include <utility>

namespace palisade::storage {

namespace detail {

Error sqliteError(sqlite3* db, int rc)
{
    const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    std::string detail = message != nullptr ? message : "";
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return { ErrorCode::Corrupt, std::move(detail) };
    case SQLITE_FULL:
        return { ErrorCode::DiskFull, std::move(detail) };
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return { ErrorCode::Busy, std::move(detail) };
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return { ErrorCode::ReadOnly, std::move(detail) };
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        return { ErrorCode::Io, std::move(detail) };
    case SQLITE_CONSTRAINT:
        return { ErrorCode::Constraint, std::move(detail) };
    default:
        return { ErrorCode::Sql, std::move(detail) };
    }
}

} // namespace detail

namespace {

// Cipher settings spelled out so SQLCipher 4 (whose defaults differ) reads and writes the
// same format as the 3.4 packaged on Debian: 4 KiB pages, HMAC-SHA1, PBKDF2-SHA1 (only used
// for the HMAC subkey with a raw key). SQLCipher 3 ignores the pragmas it does not know.
constexpr std::string_view cipherSettings = "PRAGMA cipher_page_size = 4096;"
                                            "PRAGMA kdf_iter = 64000;"
                                            "PRAGMA cipher_hmac_algorithm = HMAC_SHA1;"
                                            "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA1;";

constexpr std::array<char, 16> plaintextHeader { 'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a',
    't', ' ', '3', '\0' };

bool hasPlaintextHeader(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::array<char, 16> head {};
    in.read(head.data(), head.size());
    return in.gcount() == static_cast<std::streamsize>(head.size()) && head == plaintextHeader;
}

// The raw-key form SQLCipher expects as key bytes: x'<64 hex digits>'.
crypto::SecureBuffer rawKeySpec(const crypto::SecureBuffer& key)
{
    static constexpr char hex[] = "0123456789abcdef";
    crypto::SecureBuffer spec(3 + 2 * key.size());
    auto* out = spec.data();
    *out++ = 'x';
    *out++ = '\'';
    for (const auto byte : key.bytes()) {
        *out++ = static_cast<std::uint8_t>(hex[byte >> 4]);
        *out++ = static_cast<std::uint8_t>(hex[byte & 0x0f]);
    }
    *out = '\'';
    return spec;
}

} // namespace

std::expected<Database, Error> Database::open(
    const std::filesystem::path& path, const crypto::SecureBuffer& key, const OpenOptions& options)
{
    return openWith(path, &key, options);
}

#ifdef PALISADE_TEST_SEAMS
std::expected<Database, Error> Database::openPlaintextForComparison(
    const std::filesystem::path& path, const OpenOptions& options)
{
    return openWith(path, nullptr, options);
}
#endif

std::expected<Database, Error> Database::openWith(
    const std::filesystem::path& path, const crypto::SecureBuffer* key, const OpenOptions& options)
{
    if (key != nullptr && key->size() != databaseKeySize) {
        return std::unexpected(Error { ErrorCode::WrongKey, "a database key has 32 bytes" });
    }
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && !options.create) {
        return std::unexpected(Error { ErrorCode::NotFound, path.string() });
    }
    if (exists) {
        // An empty file would silently become a new database: never over the user's data.
        if (std::filesystem::file_size(path, ec) == 0 || ec) {
            return std::unexpected(
                Error { ErrorCode::Corrupt, "empty or unreadable file: " + path.string() });
        }
        if (key != nullptr && hasPlaintextHeader(path)) {
            return std::unexpected(Error { ErrorCode::Corrupt, "unencrypted SQLite file: " + path.string() });
        }
    }

    Database db;
    db.m_path = path;
    db.m_cache = std::make_unique<std::unordered_map<std::string, Statement>>();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options.create ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(path.c_str(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        auto error = detail::sqliteError(db.m_db, rc);
        error.detail += ": " + path.string();
        return std::unexpected(std::move(error));
    }
    sqlite3_extended_result_codes(db.m_db, 1);

    if (auto cipher = detail::requireSqlCipher(db.m_db); !cipher) {
        return std::unexpected(std::move(cipher.error()));
    }
    if (key != nullptr) {
        const auto spec = rawKeySpec(*key);
        if (sqlite3_key(db.m_db, spec.data(), static_cast<int>(spec.size())) != SQLITE_OK) {
            return std::unexpected(Error { ErrorCode::Crypto, "sqlite3_key failed" });
        }
        if (auto ok = db.exec(cipherSettings); !ok) {
            return std::unexpected(std::move(ok.error()));
        }
    } else if (auto ok = db.exec("PRAGMA page_size = 4096"); !ok) {
        return std::unexpected(std::move(ok.error()));
    }
    // The first read decrypts page 1: a wrong key (or a damaged first page) fails here.
    if (auto probe = db.queryInt64("SELECT count(*) FROM sqlite_master"); !probe) {
        if (probe.error().code == ErrorCode::Corrupt) {
            return std::unexpected(Error { ErrorCode::WrongKey, probe.error().detail });
        }
        return std::unexpected(std::move(probe.error()));
    }
    auto mode = db.queryText("PRAGMA journal_mode = WAL");
    if (!mode) {
        return std::unexpected(std::move(mode.error()));
    }
    if (*mode != "wal") {
        return std::unexpected(Error { ErrorCode::Io, "cannot switch to WAL mode: " + *mode });
    }
    const std::string pragmas = "PRAGMA synchronous = NORMAL;"
                                "PRAGMA foreign_keys = ON;"
                                "PRAGMA secure_delete = ON;"
                                "PRAGMA temp_store = MEMORY;"
                                "PRAGMA cache_size = -"
        + std::to_string(options.cacheSizeKiB) + ";";
    if (auto ok = db.exec(pragmas); !ok) {
        return std::unexpected(std::move(ok.error()));
    }
    sqlite3_busy_timeout(db.m_db, options.busyTimeoutMs);
    return db;
}

Database::~Database()
{
    close();
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
    , m_cache(std::move(other.m_cache))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

void Database::close() noexcept
{
    if (m_cache) {
        m_cache->clear();
    }
    if (m_db != nullptr) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

std::expected<void, Error> Database::exec(std::string_view sql)
{
    const std::string text(sql);
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        return std::unexpected(detail::sqliteError(m_db, rc));
    }
    return {};
}

std::expected<Statement, Error> Database::prepare(std::string_view sql)
{
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return std::unexpected(detail::sqliteError(m_db, rc));
    }
    return Statement(stmt, m_db);
}

std::expected<CachedStatement, Error> Database::cached(std::string_view sql)
{
    const std::string key(sql);
    auto it = m_cache->find(key);
    if (it == m_cache->end()) {
        auto stmt = prepare(sql);
        if (!stmt) {
            return std::unexpected(std::move(stmt.error()));
        }
        it = m_cache->emplace(key, std::move(*stmt)).first;
    }
    return std::expected<CachedStatement, Error>(std::in_place, it->second);
}

std::expected<Statement, Error> Database::firstRow(std::string_view sql)
{
    auto stmt = prepare(sql);
    if (!stmt) {
        return stmt;
    }
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(std::move(row.error()));
    }
    if (!*row) {
        return std::unexpected(Error { ErrorCode::NotFound, "query returned no row" });
    }
    return stmt;
}

std::expected<std::string, Error> Database::queryText(std::string_view sql)
{
    auto stmt = firstRow(sql);
    if (!stmt) {
        return std::unexpected(std::move(stmt.error()));
    }
    return stmt->columnText(0);
}

std::expected<std::int64_t, Error> Database::queryInt64(std::string_view sql)
{
    auto stmt = firstRow(sql);
    if (!stmt) {
        return std::unexpected(std::move(stmt.error()));
    }
    return stmt->columnInt64(0);
}

std::int64_t Database::lastInsertRowId() const noexcept
{
    return sqlite3_last_insert_rowid(m_db);
}

std::int64_t Database::changes() const noexcept
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const noexcept
{
    return m_db != nullptr && sqlite3_get_autocommit(m_db) == 0;
}

} // namespace palisade::storage
