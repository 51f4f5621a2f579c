#include "crypto/Ed25519.h"

#include <sodium.h>

namespace palisade::crypto::ed25519 {

Ed25519KeyPair generateKeyPair()
{
    Ed25519KeyPair pair;
    pair.secretKey = SecureBuffer(kSecretKeySize);
    crypto_sign_keypair(pair.publicKey.data(), pair.secretKey.data());
    return pair;
}

std::expected<Ed25519KeyPair, Error> keyPairFromSeed(ByteView seed)
{
    if (seed.size() != kSeedSize) {
        return std::unexpected(Error::InvalidKey);
    }
    Ed25519KeyPair pair;
    pair.secretKey = SecureBuffer(kSecretKeySize);
    crypto_sign_seed_keypair(pair.publicKey.data(), pair.secretKey.data(), seed.data());
    return pair;
}

std::expected<Ed25519Signature, Error> sign(const SecureBuffer& secretKey, ByteView message)
{
    if (secretKey.size() != kSecretKeySize) {
        return std::unexpected(Error::InvalidKey);
    }
    Ed25519Signature signature {};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secretKey.data());
    return signature;
}

std::expected<void, Error> verify(ByteView publicKey, ByteView message, ByteView signature)
{
    if (publicKey.size() != kPublicKeySize) {
        return std::unexpected(Error::InvalidKey);
    }
    if (signature.size() != kSignatureSize
        || crypto_sign_verify_detached(signature.data(), message.data(), message.size(), publicKey.data())
            != 0) {
        return std::unexpected(Error::InvalidSignature);
    }
    return {};
}

std::expected<X25519PublicKey, Error> toX25519PublicKey(ByteView publicKey)
{
    X25519PublicKey out {};
    // libsodium rejects points off the curve and points of small order here.
    if (publicKey.size() != kPublicKeySize
        || crypto_sign_ed25519_pk_to_curve25519(out.data(), publicKey.data()) != 0
        || sodium_is_zero(out.data(), out.size()) == 1) {
        return std::unexpected(Error::InvalidKey);
    }
    return out;
}

std::expected<SecureBuffer, Error> toX25519SecretKey(const SecureBuffer& secretKey)
{
    if (secretKey.size() != kSecretKeySize) {
        return std::unexpected(Error::InvalidKey);
    }
    SecureBuffer out(x25519::kKeySize);
    if (crypto_sign_ed25519_sk_to_curve25519(out.data(), secretKey.data()) != 0) {
        return std::unexpected(Error::InvalidKey);
    }
    return out;
}

} // namespace palisade::crypto::ed25519
