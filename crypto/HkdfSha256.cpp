#include "crypto/HkdfSha256.h"

#include <sodium.h>

#include <algorithm>

namespace palisade::crypto {

void hmacSha256(
    ByteView key, std::initializer_list<ByteView> parts, std::span<std::uint8_t, kSha256Size> out) noexcept
{
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    for (const ByteView part : parts) {
        crypto_auth_hmacsha256_update(&state, part.data(), part.size());
    }
    crypto_auth_hmacsha256_final(&state, out.data());
    sodium_memzero(&state, sizeof state);
}

Sha256Digest hmacSha256(ByteView key, ByteView data) noexcept
{
    Sha256Digest out {};
    hmacSha256(key, { data }, out);
    return out;
}

std::expected<SecureBuffer, Error> hkdfSha256(
    ByteView salt, ByteView inputKeyMaterial, ByteView info, std::size_t length)
{
    if (length == 0 || length > 255 * kSha256Size) {
        return std::unexpected(Error::KdfFailed);
    }
    static constexpr Sha256Digest zeroSalt {};
    Sha256Digest prk {};
    hmacSha256(salt.empty() ? ByteView(zeroSalt) : salt, { inputKeyMaterial }, prk);

    SecureBuffer okm(length);
    Sha256Digest block {};
    std::size_t blockSize = 0; // T(0) is empty
    std::array<std::uint8_t, 1> counter { 0 };
    for (std::size_t offset = 0; offset < length; offset += kSha256Size) {
        ++counter[0];
        hmacSha256(prk, { ByteView(block).first(blockSize), info, counter }, block);
        blockSize = kSha256Size;
        const std::size_t take = std::min(kSha256Size, length - offset);
        std::copy_n(block.begin(), take, okm.data() + offset);
    }
    sodium_memzero(prk.data(), prk.size());
    sodium_memzero(block.data(), block.size());
    return okm;
}

} // namespace palisade::crypto
