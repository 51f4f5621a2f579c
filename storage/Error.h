#pragma once
/// @file
/// @brief Errors storage/ reports as values (std::expected<T, storage::Error>).

#include <string>
#include <string_view>

namespace palisade::storage {

enum class ErrorCode {
    NotSqlCipher, ///< the SQLite library linked is not SQLCipher; refusing to store anything
    WrongKey, ///< the key does not decrypt the database (or its first page is damaged)
    Corrupt, ///< the database file is damaged
    NotFound, ///< a file or row that must exist does not
    AlreadyExists, ///< refusing to overwrite existing data
    DiskFull, ///< the disk (or the database's page limit) is full; nothing was lost
    Busy, ///< another process holds the database
    ReadOnly, ///< the file cannot be written
    Io, ///< an operating-system read or write failed
    Constraint, ///< a uniqueness or foreign-key rule refused the change
    Sql, ///< an SQL statement failed (a bug in Palisade)
    SchemaTooNew, ///< the profile was written by a newer Palisade
    Migration, ///< a schema upgrade failed and was rolled back
    KeyFileCorrupt, ///< the key file is truncated or malformed
    KeyFileVersion, ///< the key file has a format version this build does not know
    KeyFilePermissions, ///< the key file can be read by other users
    WrongPassphrase, ///< the passphrase does not unwrap the database key
    PassphraseTooShort, ///< the passphrase is shorter than policy allows
    InvalidQuery, ///< a search query has no searchable words
    Crypto, ///< a cryptographic operation failed (out of memory?)
    KeychainUnavailable, ///< no OS keychain (Secret Service, Keychain, Credential Manager) answers
    KeychainAccessDenied, ///< the OS keychain refused access (locked, or the user said no)
};

/// An error code plus a technical detail for logs (an SQLite message or a file path; never
/// message text, keys or passphrases).
struct Error {
    ErrorCode code;
    std::string detail;
};

/// A sentence a user understands.
[[nodiscard]] std::string_view describe(ErrorCode code) noexcept;
/// describe(error.code), then the detail in parentheses when there is one.
[[nodiscard]] std::string describe(const Error& error);

} // namespace palisade::storage
