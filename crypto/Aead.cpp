#include "crypto/Aead.h"

#include <sodium.h>

namespace palisade::crypto {

std::expected<std::size_t, Error> Aead::encrypt(
    ByteView key, ByteView nonce, ByteView ad, ByteView plaintext, std::span<std::uint8_t> out) const noexcept
{
    if (key.size() != kKeySize || nonce.size() != m_nonceSize) {
        return std::unexpected(Error::InvalidKey);
    }
    if (out.size() < plaintext.size() + kTagSize) {
        return std::unexpected(Error::MessageTooLarge);
    }
    unsigned long long written = 0;
    m_encrypt(out.data(), &written, plaintext.data(), plaintext.size(), ad.data(), ad.size(), nullptr,
        nonce.data(), key.data());
    return static_cast<std::size_t>(written);
}

std::expected<Bytes, Error> Aead::encrypt(ByteView key, ByteView nonce, ByteView ad, ByteView plaintext) const
{
    Bytes out(plaintext.size() + kTagSize);
    auto written = encrypt(key, nonce, ad, plaintext, out);
    if (!written) {
        return std::unexpected(written.error());
    }
    return out;
}

std::expected<std::size_t, Error> Aead::decrypt(ByteView key, ByteView nonce, ByteView ad,
    ByteView ciphertext, std::span<std::uint8_t> out) const noexcept
{
    if (key.size() != kKeySize || nonce.size() != m_nonceSize) {
        return std::unexpected(Error::InvalidKey);
    }
    if (ciphertext.size() < kTagSize) {
        return std::unexpected(Error::MessageTooShort);
    }
    if (out.size() < ciphertext.size() - kTagSize) {
        return std::unexpected(Error::MessageTooLarge);
    }
    unsigned long long written = 0;
    if (m_decrypt(out.data(), &written, nullptr, ciphertext.data(), ciphertext.size(), ad.data(), ad.size(),
            nonce.data(), key.data())
        != 0) {
        return std::unexpected(Error::DecryptFailed);
    }
    return static_cast<std::size_t>(written);
}

std::expected<Bytes, Error> Aead::decrypt(
    ByteView key, ByteView nonce, ByteView ad, ByteView ciphertext) const
{
    Bytes out(ciphertext.size() >= kTagSize ? ciphertext.size() - kTagSize : 0);
    auto written = decrypt(key, nonce, ad, ciphertext, out);
    if (!written) {
        return std::unexpected(written.error());
    }
    return out;
}

const Aead& chaCha20Poly1305() noexcept
{
    static constexpr Aead aead(crypto_aead_chacha20poly1305_ietf_NPUBBYTES,
        &crypto_aead_chacha20poly1305_ietf_encrypt, &crypto_aead_chacha20poly1305_ietf_decrypt);
    return aead;
}

const Aead& xChaCha20Poly1305() noexcept
{
    static constexpr Aead aead(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
        &crypto_aead_xchacha20poly1305_ietf_encrypt, &crypto_aead_xchacha20poly1305_ietf_decrypt);
    return aead;
}

} // namespace palisade::crypto
