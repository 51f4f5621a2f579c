#include "crypto/Error.h"

namespace palisade::crypto {

std::string_view describe(Error error) noexcept
{
    switch (error) {
    case Error::InitFailed:
        return "the cryptographic library failed to start or its self-test failed";
    case Error::InvalidKey:
        return "a key has the wrong length or form";
    case Error::LowOrderPoint:
        return "the peer sent a public key that would give a predictable secret";
    case Error::InvalidSignature:
        return "a signature did not verify";
    case Error::DecryptFailed:
        return "a message failed authentication (tampered, or the wrong key)";
    case Error::MessageTooLarge:
        return "a message is larger than the protocol allows";
    case Error::MessageTooShort:
        return "a message is truncated";
    case Error::NonceExhausted:
        return "the encryption counter is exhausted; the session must be renewed";
    case Error::InvalidState:
        return "an operation was attempted at the wrong point of the protocol";
    case Error::MissingKey:
        return "a key the protocol needs was not supplied";
    case Error::StreamTruncated:
        return "an encrypted stream ended before its final block";
    case Error::KdfFailed:
        return "key derivation failed (out of memory?)";
    case Error::InvalidEncoding:
        return "data is not in the expected text encoding";
    case Error::UnsupportedProtocol:
        return "the requested protocol is not supported";
    }
    return "unknown cryptographic error";
}

} // namespace palisade::crypto
