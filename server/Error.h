#pragma once
/// @file
/// @brief Errors server/ reports as values (std::expected<T, server::Error>).

#include <string_view>

namespace palisade::server {

enum class Error {
    StoreFailed, ///< the database refused or failed an operation
    NotFound, ///< no such user, device, transfer or record
    AlreadyExists, ///< a user with that name exists already
    InvalidName, ///< a username breaks the naming rule
    WeakPassword, ///< a password breaks a strength rule
    BadCredentials, ///< unknown user or wrong password (never says which)
    LockedOut, ///< too many failed logins; try again later
    AccountDisabled, ///< an administrator disabled this account
    UnknownDevice, ///< the device key is not bound to any account
    NotBuddies, ///< the two accounts are not mutual buddies
    Blocked, ///< the recipient blocked the sender
    RateLimited, ///< a flood limit dropped the request
    UpdateRequired, ///< the client is older than the server's minimum version
    QuotaExceeded, ///< a size or count limit of the server was reached
    InvalidRequest, ///< the request is malformed or out of order
    HashFailed, ///< password hashing failed (out of memory?)
};

/// A sentence for logs and users; never contains names, keys or passwords.
[[nodiscard]] std::string_view describe(Error error) noexcept;

} // namespace palisade::server
