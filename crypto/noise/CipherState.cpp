#include "crypto/noise/CipherState.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace palisade::crypto::noise {

namespace {

using Nonce = std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_NPUBBYTES>;

// ChaChaPoly nonce: 32 zero bits then the 64-bit counter, little-endian (spec §12.3).
Nonce encodeNonce(std::uint64_t n) noexcept
{
    Nonce nonce {};
    for (std::size_t i = 0; i < 8; ++i) {
        nonce[4 + i] = static_cast<std::uint8_t>(n >> (8 * i));
    }
    return nonce;
}

} // namespace

CipherState::CipherState(CipherState&& other) noexcept
    : m_key(std::move(other.m_key))
    , m_nonce(std::exchange(other.m_nonce, 0))
    , m_hasKey(std::exchange(other.m_hasKey, false))
{
}

CipherState& CipherState::operator=(CipherState&& other) noexcept
{
    if (this != &other) {
        m_key = std::move(other.m_key);
        m_nonce = std::exchange(other.m_nonce, 0);
        m_hasKey = std::exchange(other.m_hasKey, false);
    }
    return *this;
}

void CipherState::initializeKey(ByteView key)
{
    m_nonce = 0;
    if (key.size() != kKeySize) {
        m_hasKey = false;
        m_key.wipe();
        return;
    }
    if (m_key.size() != kKeySize) {
        m_key = SecureBuffer(kKeySize);
    }
    std::copy(key.begin(), key.end(), m_key.data());
    m_hasKey = true;
}

std::expected<std::size_t, Error> CipherState::encryptWithAd(
    ByteView ad, ByteView plaintext, std::span<std::uint8_t> out) noexcept
{
    const std::size_t size = plaintext.size() + (m_hasKey ? kTagSize : 0);
    if (size > kMaxMessageSize || out.size() < size) {
        return std::unexpected(Error::MessageTooLarge);
    }
    if (!m_hasKey) {
        std::copy(plaintext.begin(), plaintext.end(), out.begin());
        return size;
    }
    if (m_nonce == kReservedNonce) {
        return std::unexpected(Error::NonceExhausted);
    }
    const Nonce nonce = encodeNonce(m_nonce);
    unsigned long long written = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), &written, plaintext.data(), plaintext.size(),
        ad.data(), ad.size(), nullptr, nonce.data(), m_key.data());
    ++m_nonce;
    return static_cast<std::size_t>(written);
}

std::expected<Bytes, Error> CipherState::encryptWithAd(ByteView ad, ByteView plaintext)
{
    Bytes out(plaintext.size() + (m_hasKey ? kTagSize : 0));
    auto written = encryptWithAd(ad, plaintext, out);
    if (!written) {
        return std::unexpected(written.error());
    }
    return out;
}

std::expected<std::size_t, Error> CipherState::decryptWithAd(
    ByteView ad, ByteView ciphertext, std::span<std::uint8_t> out) noexcept
{
    if (ciphertext.size() > kMaxMessageSize) {
        return std::unexpected(Error::MessageTooLarge);
    }
    if (!m_hasKey) {
        if (out.size() < ciphertext.size()) {
            return std::unexpected(Error::MessageTooLarge);
        }
        std::copy(ciphertext.begin(), ciphertext.end(), out.begin());
        return ciphertext.size();
    }
    if (ciphertext.size() < kTagSize) {
        return std::unexpected(Error::MessageTooShort);
    }
    if (out.size() < ciphertext.size() - kTagSize) {
        return std::unexpected(Error::MessageTooLarge);
    }
    if (m_nonce == kReservedNonce) {
        return std::unexpected(Error::NonceExhausted);
    }
    const Nonce nonce = encodeNonce(m_nonce);
    unsigned long long written = 0;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(out.data(), &written, nullptr, ciphertext.data(),
            ciphertext.size(), ad.data(), ad.size(), nonce.data(), m_key.data())
        != 0) {
        return std::unexpected(Error::DecryptFailed);
    }
    ++m_nonce;
    return static_cast<std::size_t>(written);
}

std::expected<Bytes, Error> CipherState::decryptWithAd(ByteView ad, ByteView ciphertext)
{
    Bytes out(m_hasKey && ciphertext.size() >= kTagSize ? ciphertext.size() - kTagSize : ciphertext.size());
    auto written = decryptWithAd(ad, ciphertext, out);
    if (!written) {
        return std::unexpected(written.error());
    }
    return out;
}

std::expected<void, Error> CipherState::rekey() noexcept
{
    if (!m_hasKey) {
        return std::unexpected(Error::MissingKey);
    }
    static constexpr std::array<std::uint8_t, kKeySize> zeros {};
    std::array<std::uint8_t, kKeySize + kTagSize> block {};
    const Nonce nonce = encodeNonce(kReservedNonce);
    crypto_aead_chacha20poly1305_ietf_encrypt(
        block.data(), nullptr, zeros.data(), zeros.size(), nullptr, 0, nullptr, nonce.data(), m_key.data());
    std::copy_n(block.begin(), kKeySize, m_key.data());
    sodium_memzero(block.data(), block.size());
    return {};
}

} // namespace palisade::crypto::noise
