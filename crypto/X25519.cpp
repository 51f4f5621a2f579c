#include "crypto/X25519.h"

#include <sodium.h>

namespace palisade::crypto::x25519 {

X25519KeyPair generateKeyPair()
{
    X25519KeyPair pair;
    pair.secretKey = SecureBuffer(kKeySize);
    crypto_box_keypair(pair.publicKey.data(), pair.secretKey.data());
    return pair;
}

std::expected<X25519KeyPair, Error> keyPairFromSecret(ByteView secret)
{
    if (secret.size() != kKeySize) {
        return std::unexpected(Error::InvalidKey);
    }
    X25519KeyPair pair;
    pair.secretKey = SecureBuffer::copyOf(secret);
    if (crypto_scalarmult_base(pair.publicKey.data(), pair.secretKey.data()) != 0) {
        return std::unexpected(Error::InvalidKey);
    }
    return pair;
}

std::expected<void, Error> dh(
    ByteView secret, ByteView peerPublic, std::span<std::uint8_t, kKeySize> out) noexcept
{
    if (secret.size() != kKeySize || peerPublic.size() != kKeySize) {
        return std::unexpected(Error::InvalidKey);
    }
    // libsodium returns -1 when the output is all zeros; check the bytes as well so the
    // guarantee does not rest on one library version.
    if (crypto_scalarmult(out.data(), secret.data(), peerPublic.data()) != 0
        || sodium_is_zero(out.data(), out.size()) == 1) {
        sodium_memzero(out.data(), out.size());
        return std::unexpected(Error::LowOrderPoint);
    }
    return {};
}

std::expected<SecureBuffer, Error> dh(const SecureBuffer& secret, ByteView peerPublic)
{
    SecureBuffer out(kKeySize);
    auto result = dh(secret.bytes(), peerPublic, out.mutableBytes().first<kKeySize>());
    if (!result) {
        return std::unexpected(result.error());
    }
    return out;
}

} // namespace palisade::crypto::x25519
