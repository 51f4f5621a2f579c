#include "crypto/noise/SymmetricState.h"

#include "crypto/HmacBlake2b.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace palisade::crypto::noise {

namespace {

// Wipes a stack array of key material when it goes out of scope.
template <std::size_t N> struct WipedArray {
    std::array<std::uint8_t, N> bytes {};
    WipedArray() = default;
    WipedArray(const WipedArray&) = delete;
    WipedArray& operator=(const WipedArray&) = delete;
    ~WipedArray() { sodium_memzero(bytes.data(), bytes.size()); }
};

} // namespace

SymmetricState::SymmetricState(std::string_view protocolName)
    : m_ck(kHashSize)
{
    const ByteView name = asBytes(protocolName);
    if (name.size() <= kHashSize) {
        std::copy(name.begin(), name.end(), m_h.begin());
    } else {
        blake2b::hash({ name }, m_h);
    }
    std::copy(m_h.begin(), m_h.end(), m_ck.data());
}

void SymmetricState::mixKey(ByteView inputKeyMaterial)
{
    WipedArray<kHashSize> ck;
    WipedArray<kHashSize> tempKey;
    noiseHkdf(m_ck.bytes(), inputKeyMaterial, ck.bytes, tempKey.bytes);
    std::copy(ck.bytes.begin(), ck.bytes.end(), m_ck.data());
    m_cipher.initializeKey(ByteView(tempKey.bytes).first(kKeySize));
}

void SymmetricState::mixHash(ByteView data) noexcept
{
    blake2b::hash({ m_h, data }, m_h);
}

void SymmetricState::mixKeyAndHash(ByteView inputKeyMaterial)
{
    WipedArray<kHashSize> ck;
    WipedArray<kHashSize> tempHash;
    WipedArray<kHashSize> tempKey;
    noiseHkdf(m_ck.bytes(), inputKeyMaterial, ck.bytes, tempHash.bytes, tempKey.bytes);
    std::copy(ck.bytes.begin(), ck.bytes.end(), m_ck.data());
    mixHash(tempHash.bytes);
    m_cipher.initializeKey(ByteView(tempKey.bytes).first(kKeySize));
}

std::expected<std::size_t, Error> SymmetricState::encryptAndHash(
    ByteView plaintext, std::span<std::uint8_t> out) noexcept
{
    auto written = m_cipher.encryptWithAd(m_h, plaintext, out);
    if (written) {
        mixHash(out.first(*written));
    }
    return written;
}

std::expected<std::size_t, Error> SymmetricState::decryptAndHash(
    ByteView ciphertext, std::span<std::uint8_t> out) noexcept
{
    auto written = m_cipher.decryptWithAd(m_h, ciphertext, out);
    if (written) {
        mixHash(ciphertext);
    }
    return written;
}

SplitCiphers SymmetricState::split()
{
    WipedArray<kHashSize> key1;
    WipedArray<kHashSize> key2;
    noiseHkdf(m_ck.bytes(), {}, key1.bytes, key2.bytes);
    SplitCiphers ciphers;
    ciphers.initiatorToResponder.initializeKey(ByteView(key1.bytes).first(kKeySize));
    ciphers.responderToInitiator.initializeKey(ByteView(key2.bytes).first(kKeySize));
    m_ck.wipe();
    return ciphers;
}

} // namespace palisade::crypto::noise
