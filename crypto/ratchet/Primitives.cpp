#include "crypto/ratchet/Primitives.h"

#include <sodium.h>

#include <algorithm>

namespace palisade::crypto::ratchet::primitives {

void x25519Generate(SecureBuffer& secret, PublicKey& publicKey)
{
    secret = SecureBuffer(crypto_scalarmult_BYTES);
    randombytes_buf(secret.data(), secret.size());
    crypto_scalarmult_base(publicKey.data(), secret.data());
}

std::expected<PublicKey, Error> x25519Public(Bytes secret)
{
    if (secret.size() != crypto_scalarmult_SCALARBYTES) {
        return std::unexpected(Error::InvalidKey);
    }
    PublicKey publicKey {};
    if (crypto_scalarmult_base(publicKey.data(), secret.data()) != 0) {
        return std::unexpected(Error::InvalidKey);
    }
    return publicKey;
}

std::expected<void, Error> x25519(MutableBytes out, Bytes secret, const PublicKey& publicKey)
{
    if (out.size() != crypto_scalarmult_BYTES || secret.size() != crypto_scalarmult_SCALARBYTES) {
        return std::unexpected(Error::InvalidKey);
    }
    // libsodium returns -1 when the result is all zeros (a low-order peer key).
    if (crypto_scalarmult(out.data(), secret.data(), publicKey.data()) != 0) {
        wipe(out);
        return std::unexpected(Error::LowOrderPoint);
    }
    return {};
}

void ed25519Generate(SecureBuffer& secret, PublicKey& publicKey)
{
    secret = SecureBuffer(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(publicKey.data(), secret.data());
}

Signature ed25519Sign(Bytes secret, Bytes message)
{
    Signature signature {};
    if (secret.size() == crypto_sign_SECRETKEYBYTES) {
        crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret.data());
    }
    return signature;
}

bool ed25519Verify(const PublicKey& publicKey, Bytes message, const Signature& signature)
{
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), publicKey.data())
        == 0;
}

std::expected<PublicKey, Error> ed25519PublicToX25519(const PublicKey& publicKey)
{
    PublicKey out {};
    if (crypto_sign_ed25519_pk_to_curve25519(out.data(), publicKey.data()) != 0) {
        return std::unexpected(Error::InvalidKey);
    }
    return out;
}

std::expected<void, Error> ed25519SecretToX25519(MutableBytes out, Bytes secret)
{
    if (out.size() != crypto_scalarmult_SCALARBYTES || secret.size() != crypto_sign_SECRETKEYBYTES) {
        return std::unexpected(Error::InvalidKey);
    }
    if (crypto_sign_ed25519_sk_to_curve25519(out.data(), secret.data()) != 0) {
        return std::unexpected(Error::InvalidKey);
    }
    return {};
}

void hmacSha256(MutableBytes out, Bytes key, Bytes data)
{
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, data.data(), data.size());
    crypto_auth_hmacsha256_final(&state, out.data());
    sodium_memzero(&state, sizeof state);
}

void hkdfSha256(MutableBytes out, Bytes salt, Bytes ikm, Bytes info)
{
    constexpr std::size_t hashLen = crypto_auth_hmacsha256_BYTES;
    const std::array<std::uint8_t, hashLen> zeroSalt {};
    StackSecret<hashLen> prk;
    hmacSha256(prk.mutableBytes(), salt.empty() ? Bytes(zeroSalt) : salt, ikm);

    StackSecret<hashLen> block;
    std::size_t blockLen = 0;
    std::size_t done = 0;
    for (std::uint8_t counter = 1; done < out.size(); ++counter) {
        crypto_auth_hmacsha256_state state;
        crypto_auth_hmacsha256_init(&state, prk.data(), hashLen);
        crypto_auth_hmacsha256_update(&state, block.data(), blockLen);
        crypto_auth_hmacsha256_update(&state, info.data(), info.size());
        crypto_auth_hmacsha256_update(&state, &counter, 1);
        crypto_auth_hmacsha256_final(&state, block.data());
        sodium_memzero(&state, sizeof state);
        blockLen = hashLen;
        const std::size_t take = std::min(hashLen, out.size() - done);
        std::copy_n(block.data(), take, out.data() + done);
        done += take;
    }
}

void sha512(MutableBytes out, Bytes first, Bytes second)
{
    crypto_hash_sha512_state state;
    crypto_hash_sha512_init(&state);
    crypto_hash_sha512_update(&state, first.data(), first.size());
    crypto_hash_sha512_update(&state, second.data(), second.size());
    crypto_hash_sha512_final(&state, out.data());
}

void aeadEncrypt(std::vector<std::uint8_t>& out, Bytes key, Bytes nonce, Bytes ad, Bytes plaintext)
{
    const std::size_t offset = out.size();
    out.resize(offset + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + offset, &written, plaintext.data(),
        plaintext.size(), ad.data(), ad.size(), nullptr, nonce.data(), key.data());
    out.resize(offset + static_cast<std::size_t>(written));
}

std::expected<void, Error> aeadDecrypt(
    std::vector<std::uint8_t>& out, Bytes key, Bytes nonce, Bytes ad, Bytes ciphertext)
{
    if (ciphertext.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
        return std::unexpected(Error::MalformedMessage);
    }
    std::vector<std::uint8_t> plain(ciphertext.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &written, nullptr, ciphertext.data(),
            ciphertext.size(), ad.data(), ad.size(), nonce.data(), key.data())
        != 0) {
        return std::unexpected(Error::DecryptFailed);
    }
    plain.resize(static_cast<std::size_t>(written));
    out = std::move(plain);
    return {};
}

bool equal(Bytes a, Bytes b) noexcept
{
    return a.size() == b.size() && (a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

void wipe(MutableBytes bytes) noexcept
{
    if (!bytes.empty()) {
        sodium_memzero(bytes.data(), bytes.size());
    }
}

} // namespace palisade::crypto::ratchet::primitives
