#include "crypto/SelfTest.h"

#include "crypto/Aead.h"
#include "crypto/Blake2b.h"
#include "crypto/Bytes.h"
#include "crypto/Ed25519.h"
#include "crypto/HkdfSha256.h"
#include "crypto/X25519.h"

#include <array>
#include <string_view>

namespace palisade::crypto {

namespace {

bool matches(ByteView actual, std::string_view expectedHex)
{
    const auto expected = fromHex(expectedHex);
    return expected && constantTimeEqual(actual, *expected);
}

Bytes bytesOf(std::string_view hex)
{
    return fromHex(hex).value_or(Bytes {});
}

bool x25519Ok()
{
    const auto shared = x25519::dh(
        SecureBuffer::copyOf(bytesOf("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")),
        bytesOf("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
    return shared
        && matches(shared->bytes(), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
}

bool aeadOk(const Aead& aead, std::string_view nonce, std::string_view expected)
{
    static constexpr std::string_view text
        = "Ladies and Gentlemen of the class of '99: If I could offer you only one "
          "tip for the future, sunscreen would be it.";
    const auto key = bytesOf("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    const auto ad = bytesOf("50515253c0c1c2c3c4c5c6c7");
    const auto sealed = aead.encrypt(key, bytesOf(nonce), ad, asBytes(text));
    if (!sealed || !matches(*sealed, expected)) {
        return false;
    }
    const auto opened = aead.decrypt(key, bytesOf(nonce), ad, *sealed);
    return opened && constantTimeEqual(*opened, asBytes(text));
}

bool ed25519Ok()
{
    const auto pair = ed25519::keyPairFromSeed(
        bytesOf("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    if (!pair) {
        return false;
    }
    const auto signature = ed25519::sign(pair->secretKey, {});
    return signature
        && matches(*signature,
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
            "d25bf5f"
            "0595bbe24655141438e7a100b")
        && ed25519::verify(pair->publicKey, {}, *signature).has_value();
}

} // namespace

std::expected<void, Error> selfTest()
{
    const bool ok = x25519Ok()
        && aeadOk(chaCha20Poly1305(), "070000004041424344454647",
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
            "1a71de0a9e0"
            "60b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4"
            "b7a9de576d2"
            "6586cec64b61161ae10b594f09e26a7e902ecbd0600691")
        && aeadOk(xChaCha20Poly1305(), "404142434445464748494a4b4c4d4e4f5051525354555657",
            "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39"
            "ae64c6708c5"
            "4c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff921f9664c976"
            "37da9768812"
            "f615c68b13b52ec0875924c1c7987947deafd8780acf49")
        && ed25519Ok()
        && matches(blake2b::hash(asBytes("abc")),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc95"
            "18d38aa8dbf"
            "1925ab92386edd4009923")
        && matches(hmacSha256(asBytes("Jefe"), asBytes("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    if (!ok) {
        return std::unexpected(Error::InitFailed);
    }
    return {};
}

} // namespace palisade::crypto
