#pragma once
/// @file
/// @brief A profile folder: `profile.db` (SQLCipher) whose key a KeyStore holds. Opening
/// creates a new profile only when neither the key nor the database exists; any other
/// mismatch is an error, so the user's data is never recreated over.

#include "storage/Database.h"
#include "storage/Error.h"
#include "storage/KeyStore.h"

#include <expected>
#include <filesystem>

namespace palisade::storage {

class Profile {
public:
    /// File name of the database inside the profile folder.
    static constexpr const char* databaseFileName = "profile.db";
    /// File name of the passphrase key file inside the profile folder (PassphraseKeyStore).
    static constexpr const char* keyFileName = "profile.key";

    /// Open or create the profile in @p directory (created 0700 when missing) with @p keys,
    /// and bring its schema up to date. Errors: WrongPassphrase, WrongKey, Corrupt (database
    /// damaged: the key unwrapped but does not open it), NotFound (the key or the database is
    /// missing while the other exists), SchemaTooNew, Migration, Io and KeyFile* errors.
    [[nodiscard]] static std::expected<Profile, Error> open(
        const std::filesystem::path& directory, KeyStore& keys, const OpenOptions& options = {});

    [[nodiscard]] Database& database() noexcept { return m_db; }

private:
    explicit Profile(Database db) noexcept
        : m_db(std::move(db))
    {
    }
    Database m_db;
};

} // namespace palisade::storage
