#include "crypto/SafetyNumber.h"

#include "crypto/ratchet/Primitives.h"

#include <algorithm>
#include <array>

namespace palisade::crypto {

namespace {

constexpr std::size_t kMaxKey = 64;
constexpr std::size_t kMaxId = 1024;
constexpr std::size_t kHashSize = 64;

std::string fingerprintHalf(
    std::span<const std::uint8_t> id, std::span<const std::uint8_t> key, std::uint32_t iterations)
{
    // Round 0 hashes version(0x0000) || key || id || key; each further round hash || key.
    std::array<std::uint8_t, 2 + kMaxKey + kMaxId> first {};
    std::size_t length = 2;
    std::ranges::copy(key, first.begin() + static_cast<std::ptrdiff_t>(length));
    length += key.size();
    std::ranges::copy(id, first.begin() + static_cast<std::ptrdiff_t>(length));
    length += id.size();
    std::array<std::uint8_t, kHashSize> hash {};
    ratchet::primitives::sha512(hash, std::span(first).first(length), key);
    for (std::uint32_t i = 1; i < iterations; ++i) {
        ratchet::primitives::sha512(hash, hash, key);
    }
    std::string digits;
    digits.reserve(30);
    for (std::size_t chunk = 0; chunk < 6; ++chunk) {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < 5; ++i) {
            value = (value << 8) | hash[chunk * 5 + i];
        }
        value %= 100000;
        std::array<char, 5> group {};
        for (std::size_t i = 5; i-- > 0;) {
            group[i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
        digits.append(group.data(), group.size());
    }
    return digits;
}

} // namespace

std::expected<std::string, Error> safetyNumber(std::span<const std::uint8_t> localId,
    std::span<const std::uint8_t> localKey, std::span<const std::uint8_t> remoteId,
    std::span<const std::uint8_t> remoteKey, std::uint32_t iterations)
{
    const auto keyOk
        = [](std::span<const std::uint8_t> key) { return !key.empty() && key.size() <= kMaxKey; };
    if (!keyOk(localKey) || !keyOk(remoteKey) || localId.empty() || remoteId.empty()
        || localId.size() > kMaxId || remoteId.size() > kMaxId || iterations < 2 || iterations > 1000000) {
        return std::unexpected(Error::InvalidKey);
    }
    const std::string local = fingerprintHalf(localId, localKey, iterations);
    const std::string remote = fingerprintHalf(remoteId, remoteKey, iterations);
    return local < remote ? local + remote : remote + local;
}

std::string formatSafetyNumber(std::string_view digits)
{
    std::string out;
    out.reserve(digits.size() + digits.size() / 5);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i % 5 == 0) {
            out.push_back(' ');
        }
        out.push_back(digits[i]);
    }
    return out;
}

} // namespace palisade::crypto
