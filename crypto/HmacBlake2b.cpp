#include "crypto/HmacBlake2b.h"

#include <sodium.h>

#include <array>
#include <cstring>

namespace palisade::crypto {

void hmacBlake2b(ByteView key, std::initializer_list<ByteView> parts,
    std::span<std::uint8_t, blake2b::kDigestSize> out) noexcept
{
    std::array<std::uint8_t, blake2b::kBlockSize> pad {};
    if (key.size() > blake2b::kBlockSize) {
        blake2b::hash({ key }, std::span(pad).first<blake2b::kDigestSize>());
    } else if (!key.empty()) {
        std::memcpy(pad.data(), key.data(), key.size());
    }
    for (auto& byte : pad) {
        byte ^= 0x36;
    }
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, blake2b::kDigestSize);
    crypto_generichash_update(&state, pad.data(), pad.size());
    for (const ByteView part : parts) {
        crypto_generichash_update(&state, part.data(), part.size());
    }
    blake2b::Digest inner {};
    crypto_generichash_final(&state, inner.data(), inner.size());
    for (auto& byte : pad) {
        byte ^= 0x36 ^ 0x5c;
    }
    blake2b::hash({ pad, inner }, out);
    sodium_memzero(pad.data(), pad.size());
    sodium_memzero(inner.data(), inner.size());
    sodium_memzero(&state, sizeof state);
}

blake2b::Digest hmacBlake2b(ByteView key, ByteView data) noexcept
{
    blake2b::Digest out {};
    hmacBlake2b(key, { data }, out);
    return out;
}

void noiseHkdf(ByteView chainingKey, ByteView inputKeyMaterial,
    std::span<std::uint8_t, blake2b::kDigestSize> output1,
    std::span<std::uint8_t, blake2b::kDigestSize> output2, std::span<std::uint8_t> output3) noexcept
{
    static constexpr std::array<std::uint8_t, 1> one { 0x01 };
    static constexpr std::array<std::uint8_t, 1> two { 0x02 };
    static constexpr std::array<std::uint8_t, 1> three { 0x03 };
    blake2b::Digest tempKey {};
    hmacBlake2b(chainingKey, { inputKeyMaterial }, tempKey);
    hmacBlake2b(tempKey, { one }, output1);
    hmacBlake2b(tempKey, { output1, two }, output2);
    if (output3.size() == blake2b::kDigestSize) {
        hmacBlake2b(tempKey, { output2, three }, output3.first<blake2b::kDigestSize>());
    }
    sodium_memzero(tempKey.data(), tempKey.size());
}

} // namespace palisade::crypto
