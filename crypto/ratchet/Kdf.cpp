#include "crypto/ratchet/Kdf.h"

#include <algorithm>

namespace palisade::crypto::ratchet::kdf {

void x3dh(MutableBytes rootKey, MutableBytes chainKey, ByteView dhOutputs, ByteView info)
{
    StackSecret<kKeySize*(kMaxX3dhDh + 1)> material;
    const std::size_t dhLen = std::min(dhOutputs.size(), kKeySize * kMaxX3dhDh);
    std::fill_n(material.data(), kKeySize, std::uint8_t { 0xFF });
    std::copy_n(dhOutputs.data(), dhLen, material.data() + kKeySize);
    StackSecret<2 * kKeySize> okm;
    primitives::hkdfSha256(okm.mutableBytes(), {}, material.bytes().first(kKeySize + dhLen), info);
    std::copy_n(okm.data(), kKeySize, rootKey.data());
    std::copy_n(okm.data() + kKeySize, kKeySize, chainKey.data());
}

void root(MutableBytes newRootKey, MutableBytes chainKey, ByteView rootKey, ByteView dhOutput, ByteView info)
{
    StackSecret<2 * kKeySize> okm;
    primitives::hkdfSha256(okm.mutableBytes(), rootKey, dhOutput, info);
    std::copy_n(okm.data(), kKeySize, newRootKey.data());
    std::copy_n(okm.data() + kKeySize, kKeySize, chainKey.data());
}

void chain(MutableBytes messageKey, MutableBytes nextChainKey, ByteView chainKey)
{
    static constexpr std::uint8_t messageConstant = 0x01;
    static constexpr std::uint8_t chainConstant = 0x02;
    StackSecret<kKeySize> key;
    std::copy_n(chainKey.data(), kKeySize, key.data());
    primitives::hmacSha256(messageKey, key.bytes(), { &messageConstant, 1 });
    primitives::hmacSha256(nextChainKey, key.bytes(), { &chainConstant, 1 });
}

void messageKeys(MutableBytes out, ByteView messageKey, ByteView info)
{
    primitives::hkdfSha256(out, {}, messageKey, info);
}

} // namespace palisade::crypto::ratchet::kdf
