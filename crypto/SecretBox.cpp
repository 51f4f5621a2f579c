#include "crypto/SecretBox.h"

#include <sodium.h>

namespace palisade::crypto {

static_assert(secretBoxKeySize == crypto_secretbox_KEYBYTES);
static_assert(secretBoxNonceSize == crypto_secretbox_NONCEBYTES);
static_assert(secretBoxMacSize == crypto_secretbox_MACBYTES);

std::expected<SealedBox, Error> secretBoxSeal(
    const SecureBuffer& key, std::span<const std::uint8_t> plaintext)
{
    if (key.size() != secretBoxKeySize) {
        return std::unexpected(Error::InvalidKey);
    }
    SealedBox box;
    randombytes_buf(box.nonce.data(), box.nonce.size());
    box.ciphertext.resize(plaintext.size() + secretBoxMacSize);
    static const std::uint8_t empty = 0;
    const std::uint8_t* in = plaintext.empty() ? &empty : plaintext.data();
    crypto_secretbox_easy(box.ciphertext.data(), in, plaintext.size(), box.nonce.data(), key.data());
    return box;
}

std::expected<SecureBuffer, Error> secretBoxOpen(
    const SecureBuffer& key, const SecretBoxNonce& nonce, std::span<const std::uint8_t> ciphertext)
{
    if (key.size() != secretBoxKeySize) {
        return std::unexpected(Error::InvalidKey);
    }
    if (ciphertext.size() < secretBoxMacSize) {
        return std::unexpected(Error::MessageTooShort);
    }
    const std::size_t plainSize = ciphertext.size() - secretBoxMacSize;
    // SecureBuffer(0) holds no memory; decrypt into at least one byte, then shrink.
    SecureBuffer plain(plainSize == 0 ? 1 : plainSize);
    if (crypto_secretbox_open_easy(
            plain.data(), ciphertext.data(), ciphertext.size(), nonce.data(), key.data())
        != 0) {
        return std::unexpected(Error::DecryptFailed);
    }
    if (plainSize == 0) {
        return SecureBuffer {};
    }
    return plain;
}

} // namespace palisade::crypto
