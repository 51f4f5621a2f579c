#include "crypto/Bytes.h"

#include <sodium.h>

namespace palisade::crypto {

bool constantTimeEqual(ByteView a, ByteView b) noexcept
{
    if (a.size() != b.size()) {
        return false;
    }
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string toHex(ByteView bytes)
{
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back(); // the terminating NUL sodium_bin2hex writes
    return out;
}

std::expected<Bytes, Error> fromHex(std::string_view hex)
{
    if (hex.size() % 2 != 0) {
        return std::unexpected(Error::InvalidEncoding);
    }
    if (hex.empty()) {
        return Bytes {};
    }
    Bytes out(hex.size() / 2);
    std::size_t written = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &written, &end) != 0
        || written != out.size() || end != hex.data() + hex.size()) {
        return std::unexpected(Error::InvalidEncoding);
    }
    return out;
}

} // namespace palisade::crypto
