#include "storage/Profile.h"

#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/Schema.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <utility>

namespace palisade::storage {

namespace {

std::expected<void, Error> ensurePrivateDirectory(const std::filesystem::path& directory)
{
    std::error_code ec;
    if (std::filesystem::is_directory(directory, ec)) {
        return {};
    }
    if (directory.has_parent_path()) {
        std::filesystem::create_directories(directory.parent_path(), ec);
    }
    if (::mkdir(directory.c_str(), S_IRWXU) != 0 && errno != EEXIST) {
        return std::unexpected(
            Error { ErrorCode::Io, "cannot create " + directory.string() + ": " + std::strerror(errno) });
    }
    return {};
}

} // namespace

std::expected<Profile, Error> Profile::open(
    const std::filesystem::path& directory, KeyStore& keys, const OpenOptions& options)
{
    if (auto ok = ensurePrivateDirectory(directory); !ok) {
        return std::unexpected(std::move(ok.error()));
    }
    const auto dbPath = directory / databaseFileName;
    std::error_code ec;
    const bool haveDb = std::filesystem::exists(dbPath, ec);
    const bool haveKey = keys.hasKey();
    if (haveDb != haveKey) {
        return std::unexpected(Error { ErrorCode::NotFound,
            haveDb ? "the profile's key is missing; the database was left untouched"
                   : "the profile's database is missing; the key was left untouched" });
    }

    crypto::SecureBuffer key;
    OpenOptions openOptions = options;
    if (haveKey) {
        auto loaded = keys.loadKey();
        if (!loaded) {
            return std::unexpected(std::move(loaded.error()));
        }
        key = std::move(*loaded);
        openOptions.create = false;
    } else {
        key = crypto::randomSecret(databaseKeySize);
        if (auto stored = keys.storeKey(key); !stored) {
            return std::unexpected(std::move(stored.error()));
        }
        openOptions.create = true;
    }

    auto db = Database::open(dbPath, key, openOptions);
    if (!db) {
        // The key store authenticated the key, so a key the file refuses means damage.
        if (db.error().code == ErrorCode::WrongKey && haveKey) {
            return std::unexpected(Error { ErrorCode::Corrupt, db.error().detail });
        }
        return std::unexpected(std::move(db.error()));
    }
    if (auto migrated = migrate(*db, clientMigrations()); !migrated) {
        return std::unexpected(std::move(migrated.error()));
    }
    return Profile(std::move(*db));
}

} // namespace palisade::storage
