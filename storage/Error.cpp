#include "storage/Error.h"

namespace palisade::storage {

std::string_view describe(ErrorCode code) noexcept
{
    switch (code) {
    case ErrorCode::NotSqlCipher:
        return "the program was built without database encryption (SQLCipher); it refuses to store data";
    case ErrorCode::WrongKey:
        return "the key does not open this database";
    case ErrorCode::Corrupt:
        return "the database file is damaged; it was left untouched";
    case ErrorCode::NotFound:
        return "a file or record that should exist was not found";
    case ErrorCode::AlreadyExists:
        return "data already exists there and was not overwritten";
    case ErrorCode::DiskFull:
        return "the disk is full; the last change was not saved, earlier data is intact";
    case ErrorCode::Busy:
        return "the profile is in use by another Palisade process";
    case ErrorCode::ReadOnly:
        return "the profile cannot be written (read-only file or folder)";
    case ErrorCode::Io:
        return "reading or writing the profile failed";
    case ErrorCode::Constraint:
        return "the change conflicts with data already stored";
    case ErrorCode::Sql:
        return "an internal database statement failed";
    case ErrorCode::SchemaTooNew:
        return "this profile was created by a newer version of Palisade; update Palisade to open it";
    case ErrorCode::Migration:
        return "upgrading the profile failed; it was left as it was";
    case ErrorCode::KeyFileCorrupt:
        return "the key file is damaged or is not a Palisade key file";
    case ErrorCode::KeyFileVersion:
        return "the key file was written by a different version of Palisade";
    case ErrorCode::KeyFilePermissions:
        return "the key file can be read by other users; restrict it to your account (chmod 600)";
    case ErrorCode::WrongPassphrase:
        return "the passphrase is wrong";
    case ErrorCode::PassphraseTooShort:
        return "the passphrase is shorter than your organization requires";
    case ErrorCode::InvalidQuery:
        return "the search has no words to look for";
    case ErrorCode::Crypto:
        return "a cryptographic operation failed";
    case ErrorCode::KeychainUnavailable:
        return "the system keychain is not available; the profile's key cannot be read or saved";
    case ErrorCode::KeychainAccessDenied:
        return "the system keychain refused access to the profile's key";
    }
    return "unknown storage error";
}

std::string describe(const Error& error)
{
    std::string text(describe(error.code));
    if (!error.detail.empty()) {
        text += " (";
        text += error.detail;
        text += ')';
    }
    return text;
}

} // namespace palisade::storage
