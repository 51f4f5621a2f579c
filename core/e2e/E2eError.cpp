#include "core/e2e/E2eError.h"

namespace palisade::core {

std::string_view describe(E2eError error) noexcept
{
    switch (error) {
    case E2eError::Storage:
        return "the profile database failed";
    case E2eError::Crypto:
        return "an end-to-end key or session could not be used";
    case E2eError::Network:
        return "the connection to the server is down";
    case E2eError::ServerRefused:
        return "the server refused the request";
    case E2eError::NotABuddy:
        return "the contact is not a mutual buddy";
    case E2eError::IdentityHeld:
        return "the contact's identity changed; accept it before sending";
    case E2eError::NoDevices:
        return "the contact has no device that can receive messages";
    case E2eError::UnknownContact:
        return "no such contact";
    case E2eError::Malformed:
        return "a message could not be decoded";
    }
    return "unknown end-to-end error";
}

} // namespace palisade::core
