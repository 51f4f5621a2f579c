// Fuzz target: Noise transport decryption of attacker bytes. Byte 0 picks the starting
// nonce (0, 1, 2^32, 2^64-2, 2^64-1); the rest is the ciphertext. Checks the invariant that
// a failed decrypt never moves the nonce and a successful one moves it by exactly one.
#include "crypto/Init.h"
#include "crypto/noise/CipherState.h"

#include <array>
#include <cstdlib>

#ifndef PALISADE_TEST_SEAMS
#error "the transport fuzz target sets nonces through PALISADE_TEST_SEAMS"
#endif

using namespace palisade::crypto;
using namespace palisade::crypto::noise;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = initialize().has_value();
    if (!ready || size == 0) {
        return 0;
    }
    static constexpr std::array<std::uint8_t, kKeySize> key { 0x50, 0x61, 0x6c, 0x69, 0x73, 0x61, 0x64, 0x65,
        0x20, 0x66, 0x75, 0x7a, 0x7a, 0x20, 0x6b, 0x65, 0x79, 0x20, 0x66, 0x6f, 0x72, 0x20, 0x74, 0x72, 0x61,
        0x6e, 0x73, 0x70, 0x6f, 0x72, 0x74, 0x21 };
    static constexpr std::array<std::uint64_t, 5> nonces { 0, 1, 1ULL << 32, kReservedNonce - 1,
        kReservedNonce };
    CipherState cipher;
    cipher.initializeKey(key);
    const std::uint64_t start = nonces[data[0] % nonces.size()];
    cipher.setNonceForTesting(start);
    const ByteView ciphertext(data + 1, size - 1);
    const auto plaintext = cipher.decryptWithAd({}, ciphertext);
    if (plaintext.has_value() != (cipher.nonce() == start + 1) || (!plaintext && cipher.nonce() != start)) {
        std::abort();
    }
    if (plaintext && plaintext->size() + kTagSize != ciphertext.size()) {
        std::abort();
    }
    return 0;
}
