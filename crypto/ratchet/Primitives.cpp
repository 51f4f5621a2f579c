#include "crypto/ratchet/Primitives.h"

#include "crypto/Aead.h"
#include "crypto/Ed25519.h"
#include "crypto/HkdfSha256.h"
#include "crypto/Random.h"
#include "crypto/X25519.h"

#include <sodium.h>

#include <algorithm>

namespace palisade::crypto::ratchet::primitives {

namespace {

Error fromCrypto(crypto::Error error) noexcept
{
    switch (error) {
    case crypto::Error::LowOrderPoint:
        return Error::LowOrderPoint;
    case crypto::Error::DecryptFailed:
        return Error::DecryptFailed;
    case crypto::Error::InvalidSignature:
        return Error::InvalidSignature;
    case crypto::Error::MessageTooShort:
        return Error::MalformedMessage;
    default:
        return Error::InvalidKey;
    }
}

} // namespace

void x25519Generate(MutableBytes secret, PublicKey& publicKey)
{
    randomFill(secret);
    crypto_scalarmult_base(publicKey.data(), secret.data());
}

std::expected<PublicKey, Error> x25519Public(ByteView secret)
{
    PublicKey publicKey {};
    if (secret.size() != crypto_scalarmult_SCALARBYTES
        || crypto_scalarmult_base(publicKey.data(), secret.data()) != 0) {
        return std::unexpected(Error::InvalidKey);
    }
    return publicKey;
}

std::expected<void, Error> x25519(MutableBytes out, ByteView secret, const PublicKey& publicKey)
{
    if (out.size() != x25519::kKeySize) {
        return std::unexpected(Error::InvalidKey);
    }
    if (auto r = x25519::dh(secret, publicKey, out.first<x25519::kKeySize>()); !r) {
        return std::unexpected(fromCrypto(r.error()));
    }
    return {};
}

void ed25519Generate(SecureBuffer& secret, PublicKey& publicKey)
{
    Ed25519KeyPair pair = ed25519::generateKeyPair();
    publicKey = pair.publicKey;
    secret = std::move(pair.secretKey);
}

std::expected<Signature, Error> ed25519Sign(const SecureBuffer& secret, ByteView message)
{
    auto signature = ed25519::sign(secret, message);
    if (!signature) {
        return std::unexpected(fromCrypto(signature.error()));
    }
    return *signature;
}

bool ed25519Verify(const PublicKey& publicKey, ByteView message, const Signature& signature)
{
    return ed25519::verify(publicKey, message, signature).has_value();
}

std::expected<PublicKey, Error> ed25519PublicToX25519(const PublicKey& publicKey)
{
    auto converted = ed25519::toX25519PublicKey(publicKey);
    if (!converted) {
        return std::unexpected(fromCrypto(converted.error()));
    }
    return *converted;
}

std::expected<SecureBuffer, Error> ed25519SecretToX25519(const SecureBuffer& secret)
{
    auto converted = ed25519::toX25519SecretKey(secret);
    if (!converted) {
        return std::unexpected(fromCrypto(converted.error()));
    }
    return std::move(*converted);
}

void hmacSha256(MutableBytes out, ByteView key, ByteView data)
{
    crypto::hmacSha256(key, { data }, out.first<kSha256Size>());
}

void hkdfSha256(MutableBytes out, ByteView salt, ByteView ikm, ByteView info)
{
    // RFC 5869 on crypto::hmacSha256, into stack buffers: crypto::hkdfSha256 returns a fresh
    // SecureBuffer, too costly for a derivation that runs for every message.
    const std::array<std::uint8_t, kSha256Size> zeroSalt {};
    StackSecret<kSha256Size> prk;
    crypto::hmacSha256(
        salt.empty() ? ByteView(zeroSalt) : salt, { ikm }, prk.mutableBytes().first<kSha256Size>());
    StackSecret<kSha256Size> block;
    std::size_t blockLen = 0;
    std::size_t done = 0;
    for (std::uint8_t counter = 1; done < out.size(); ++counter) {
        const std::uint8_t counterByte[] = { counter };
        crypto::hmacSha256(prk.bytes(), { block.bytes().first(blockLen), info, counterByte },
            block.mutableBytes().first<kSha256Size>());
        blockLen = kSha256Size;
        const std::size_t take = std::min(kSha256Size, out.size() - done);
        std::copy_n(block.data(), take, out.data() + done);
        done += take;
    }
}

void sha512(MutableBytes out, ByteView first, ByteView second)
{
    crypto_hash_sha512_state state;
    crypto_hash_sha512_init(&state);
    crypto_hash_sha512_update(&state, first.data(), first.size());
    crypto_hash_sha512_update(&state, second.data(), second.size());
    crypto_hash_sha512_final(&state, out.data());
}

std::expected<void, Error> aeadEncrypt(
    std::vector<std::uint8_t>& out, ByteView key, ByteView nonce, ByteView ad, ByteView plaintext)
{
    const std::size_t offset = out.size();
    out.resize(offset + plaintext.size() + Aead::kTagSize);
    const auto written
        = xChaCha20Poly1305().encrypt(key, nonce, ad, plaintext, std::span(out).subspan(offset));
    if (!written) {
        out.resize(offset);
        return std::unexpected(fromCrypto(written.error()));
    }
    out.resize(offset + *written);
    return {};
}

std::expected<void, Error> aeadDecrypt(
    std::vector<std::uint8_t>& out, ByteView key, ByteView nonce, ByteView ad, ByteView ciphertext)
{
    if (ciphertext.size() < Aead::kTagSize) {
        return std::unexpected(Error::MalformedMessage);
    }
    std::vector<std::uint8_t> plain(ciphertext.size() - Aead::kTagSize);
    const auto written = xChaCha20Poly1305().decrypt(key, nonce, ad, ciphertext, plain);
    if (!written) {
        return std::unexpected(fromCrypto(written.error()));
    }
    plain.resize(*written);
    out = std::move(plain);
    return {};
}

bool equal(ByteView a, ByteView b) noexcept
{
    return constantTimeEqual(a, b);
}

void wipe(MutableBytes bytes) noexcept
{
    if (!bytes.empty()) {
        sodium_memzero(bytes.data(), bytes.size());
    }
}

} // namespace palisade::crypto::ratchet::primitives
