#include "server/Error.h"

namespace palisade::server {

std::string_view describe(Error error) noexcept
{
    switch (error) {
    case Error::StoreFailed:
        return "the server's database failed";
    case Error::NotFound:
        return "no such record";
    case Error::AlreadyExists:
        return "that name is taken";
    case Error::InvalidName:
        return "a username is 1 to 64 characters of a-z, 0-9, '.', '_' or '-'";
    case Error::WeakPassword:
        return "the password is too weak";
    case Error::BadCredentials:
        return "wrong username or password";
    case Error::LockedOut:
        return "too many failed logins; wait before trying again";
    case Error::AccountDisabled:
        return "this account is disabled; ask your administrator";
    case Error::UnknownDevice:
        return "this device is not enrolled";
    case Error::NotBuddies:
        return "you can only reach people on your buddy list who accepted you";
    case Error::Blocked:
        return "the recipient does not accept messages from you";
    case Error::RateLimited:
        return "too many requests; slow down";
    case Error::UpdateRequired:
        return "this client is too old for the server; update required";
    case Error::QuotaExceeded:
        return "a server limit was reached";
    case Error::InvalidRequest:
        return "the request was malformed";
    case Error::HashFailed:
        return "password hashing failed";
    }
    return "unknown server error";
}

} // namespace palisade::server
