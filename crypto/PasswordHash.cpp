#include "crypto/PasswordHash.h"

#include <sodium.h>

namespace palisade::crypto {

static_assert(passwordSaltSize == crypto_pwhash_SALTBYTES);

namespace {
constexpr std::uint64_t maxAcceptedOps = 16;
constexpr std::uint64_t maxAcceptedMem = 4ULL * 1024 * 1024 * 1024;
} // namespace

PasswordHashParams interactivePasswordParams() noexcept
{
    return { crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE };
}

PasswordHashParams moderatePasswordParams() noexcept
{
    return { crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE };
}

bool acceptablePasswordParams(const PasswordHashParams& params) noexcept
{
    return params.opsLimit >= crypto_pwhash_OPSLIMIT_MIN && params.opsLimit <= maxAcceptedOps
        && params.memLimit >= crypto_pwhash_MEMLIMIT_MIN && params.memLimit <= maxAcceptedMem
        && params.memLimit <= crypto_pwhash_MEMLIMIT_MAX;
}

std::expected<SecureBuffer, Error> derivePasswordKey(std::span<const std::uint8_t> passphrase,
    std::span<const std::uint8_t> salt, const PasswordHashParams& params, std::size_t outputSize)
{
    if (salt.size() != passwordSaltSize || outputSize < crypto_pwhash_BYTES_MIN || outputSize > 1024
        || !acceptablePasswordParams(params) || passphrase.size() > crypto_pwhash_PASSWD_MAX) {
        return std::unexpected(Error::InvalidKey);
    }
    SecureBuffer out(outputSize);
    // An empty passphrase is legal for libsodium; a zero-length span may have a null data().
    static const char empty = 0;
    const char* pass = passphrase.empty() ? &empty : reinterpret_cast<const char*>(passphrase.data());
    if (crypto_pwhash(out.data(), out.size(), pass, passphrase.size(), salt.data(), params.opsLimit,
            static_cast<std::size_t>(params.memLimit), crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return std::unexpected(Error::KdfFailed);
    }
    return out;
}

} // namespace palisade::crypto
