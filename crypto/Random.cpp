#include "crypto/Random.h"

#include <sodium.h>

namespace palisade::crypto {

void randomFill(std::span<std::uint8_t> out) noexcept
{
    if (!out.empty()) {
        randombytes_buf(out.data(), out.size());
    }
}

Bytes randomBytes(std::size_t size)
{
    Bytes out(size);
    randomFill(out);
    return out;
}

SecureBuffer randomSecret(std::size_t size)
{
    SecureBuffer out(size);
    randomFill(out.mutableBytes());
    return out;
}

std::uint32_t randomUniform(std::uint32_t upperBound) noexcept
{
    return upperBound == 0 ? 0 : randombytes_uniform(upperBound);
}

} // namespace palisade::crypto
