#include "crypto/ratchet/Error.h"

namespace palisade::crypto::ratchet {

std::string_view describe(Error error) noexcept
{
    switch (error) {
    case Error::InvalidKey:
        return "a key has the wrong length or is not a valid public key";
    case Error::LowOrderPoint:
        return "the contact sent a public key that would give a predictable secret";
    case Error::InvalidSignature:
        return "the contact's signed prekey does not carry a valid signature";
    case Error::MalformedMessage:
        return "an encrypted message is malformed or truncated";
    case Error::UnsupportedVersion:
        return "an encrypted message or stored session uses an unknown version";
    case Error::DecryptFailed:
        return "a message failed authentication (tampered, or not for this session)";
    case Error::DuplicateMessage:
        return "a message was received twice; the copy was rejected";
    case Error::TooManySkipped:
        return "too many messages are missing before this one; it cannot be decrypted";
    case Error::MessageTooLarge:
        return "the message is larger than end-to-end encryption allows";
    case Error::ChainExhausted:
        return "the session's message counter is exhausted; a new session is needed";
    case Error::UnknownPreKey:
        return "a session start message refers to a prekey this device does not have";
    case Error::WrongSession:
        return "a session start message came from a different identity than this session's";
    case Error::CorruptState:
        return "the stored encryption session is corrupt";
    }
    return "unknown end-to-end encryption error";
}

} // namespace palisade::crypto::ratchet
