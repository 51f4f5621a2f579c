#include "storage/KeyFile.h"

#include <algorithm>
#include <string_view>

namespace palisade::storage {

namespace {

constexpr std::string_view magic = "PALISKEY";
constexpr std::uint8_t kdfArgon2id13 = 1;

void putLe(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i) {
        out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
    }
}

std::uint64_t getLe(std::span<const std::uint8_t> in, std::size_t at, int bytes)
{
    std::uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) {
        value |= static_cast<std::uint64_t>(in[at + static_cast<std::size_t>(i)]) << (8 * i);
    }
    return value;
}

template <std::size_t N>
void copyOut(std::span<const std::uint8_t> in, std::size_t at, std::array<std::uint8_t, N>& out)
{
    std::copy_n(in.begin() + static_cast<std::ptrdiff_t>(at), N, out.begin());
}

} // namespace

std::vector<std::uint8_t> encodeKeyFile(const KeyFile& file)
{
    std::vector<std::uint8_t> out;
    out.reserve(keyFileSize);
    out.insert(out.end(), magic.begin(), magic.end());
    putLe(out, keyFileVersion, 2);
    out.push_back(kdfArgon2id13);
    out.push_back(0);
    putLe(out, file.params.opsLimit, 8);
    putLe(out, file.params.memLimit, 8);
    out.insert(out.end(), file.salt.begin(), file.salt.end());
    out.insert(out.end(), file.nonce.begin(), file.nonce.end());
    out.insert(out.end(), file.wrappedKey.begin(), file.wrappedKey.end());
    return out;
}

std::expected<KeyFile, Error> parseKeyFile(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < magic.size() + 2 || !std::equal(magic.begin(), magic.end(), bytes.begin())) {
        return std::unexpected(Error { ErrorCode::KeyFileCorrupt, "not a Palisade key file" });
    }
    const auto version = getLe(bytes, magic.size(), 2);
    if (version != keyFileVersion) {
        return std::unexpected(
            Error { ErrorCode::KeyFileVersion, "key file version " + std::to_string(version) });
    }
    if (bytes.size() != keyFileSize) {
        return std::unexpected(Error { ErrorCode::KeyFileCorrupt, "key file has the wrong size" });
    }
    if (bytes[10] != kdfArgon2id13 || bytes[11] != 0) {
        return std::unexpected(Error { ErrorCode::KeyFileCorrupt, "unknown key derivation" });
    }
    KeyFile file;
    file.params.opsLimit = getLe(bytes, 12, 8);
    file.params.memLimit = getLe(bytes, 20, 8);
    if (!crypto::acceptablePasswordParams(file.params)) {
        return std::unexpected(Error { ErrorCode::KeyFileCorrupt, "key derivation cost out of range" });
    }
    copyOut(bytes, 28, file.salt);
    copyOut(bytes, 28 + file.salt.size(), file.nonce);
    copyOut(bytes, 28 + file.salt.size() + file.nonce.size(), file.wrappedKey);
    return file;
}

} // namespace palisade::storage
