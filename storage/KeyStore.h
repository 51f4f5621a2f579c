#pragma once
/// @file
/// @brief Where the database key lives between sessions. Backends: PassphraseKeyStore
/// (a key file wrapped by Argon2id(passphrase), here) and the OS keychain (in core/).

#include "crypto/SecureBuffer.h"
#include "storage/Error.h"

#include <expected>

namespace palisade::storage {

/// Holds one wrapped database key. Implementations never write the key in the clear.
class KeyStore {
public:
    virtual ~KeyStore() = default;
    KeyStore() = default;
    KeyStore(const KeyStore&) = delete;
    KeyStore& operator=(const KeyStore&) = delete;

    /// True when a key has been stored (whether or not it can be unwrapped).
    [[nodiscard]] virtual bool hasKey() const = 0;
    /// Unwrap the stored key. Errors: NotFound, WrongPassphrase, KeyFile*, Io.
    [[nodiscard]] virtual std::expected<crypto::SecureBuffer, Error> loadKey() = 0;
    /// Wrap and store @p key, atomically replacing any key stored before.
    [[nodiscard]] virtual std::expected<void, Error> storeKey(const crypto::SecureBuffer& key) = 0;
};

} // namespace palisade::storage
