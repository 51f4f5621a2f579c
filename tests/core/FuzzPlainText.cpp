// Fuzz target: plainText() on arbitrary bytes must give valid UTF-8 without control
// characters, within the bound.
#include "core/contacts/PlainText.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string out = palisade::core::plainText(
        std::string_view(reinterpret_cast<const char*>(data), size), palisade::core::maxNoteLength);
    std::size_t codePoints = 0;
    for (const char c : out) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            std::abort();
        }
        codePoints += (byte & 0xC0) != 0x80 ? 1 : 0;
    }
    if (codePoints > palisade::core::maxNoteLength) {
        std::abort();
    }
    // Idempotent: cleaning clean text changes nothing.
    if (palisade::core::plainText(out, palisade::core::maxNoteLength) != out) {
        std::abort();
    }
    return 0;
}
