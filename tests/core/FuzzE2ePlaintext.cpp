// Fuzz target: the end-to-end plaintext decoder (core/e2e/Plaintext.h), the first parser
// of bytes a peer controls after decryption. A decoded message must re-encode and decode.
#include "core/e2e/Plaintext.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto decoded = palisade::core::decodePlaintext({ data, size });
    if (decoded) {
        const auto again = palisade::core::encodePlaintext(*decoded);
        if (again.size() != palisade::core::paddedSize(again.size())) {
            std::abort();
        }
        auto round = palisade::core::decodePlaintext(again);
        if (!round || round->message_id() != decoded->message_id()) {
            std::abort();
        }
    }
    return 0;
}
