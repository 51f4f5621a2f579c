#include "crypto/Blake2b.h"

#include <sodium.h>

namespace palisade::crypto::blake2b {

void hash(std::initializer_list<ByteView> parts, std::span<std::uint8_t, kDigestSize> out) noexcept
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, kDigestSize);
    for (const ByteView part : parts) {
        crypto_generichash_update(&state, part.data(), part.size());
    }
    crypto_generichash_final(&state, out.data(), kDigestSize);
    sodium_memzero(&state, sizeof state);
}

Digest hash(ByteView data) noexcept
{
    Digest out {};
    hash({ data }, out);
    return out;
}

} // namespace palisade::crypto::blake2b
