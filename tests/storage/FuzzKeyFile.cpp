// Fuzz target: the key file parser (storage/KeyFile.h) on untrusted bytes. A file that
// parses must re-encode to exactly the same bytes and carry acceptable Argon2id costs.
#include "crypto/PasswordHash.h"
#include "storage/KeyFile.h"

#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> input(data, size);
    auto parsed = palisade::storage::parseKeyFile(input);
    if (parsed) {
        if (!palisade::crypto::acceptablePasswordParams(parsed->params)) {
            std::abort();
        }
        const auto encoded = palisade::storage::encodeKeyFile(*parsed);
        if (encoded != std::vector<std::uint8_t>(input.begin(), input.end())) {
            std::abort();
        }
    }
    return 0;
}
