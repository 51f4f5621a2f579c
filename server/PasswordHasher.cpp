#include "server/PasswordHasher.h"

#include <sodium.h>

#include <array>

namespace palisade::server {

std::expected<std::string, Error> SodiumPasswordHasher::hash(std::string_view password) const
{
    std::array<char, crypto_pwhash_STRBYTES> out {};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
            crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return std::unexpected(Error::HashFailed);
    }
    return std::string(out.data());
}

bool SodiumPasswordHasher::verify(const std::string& hash, std::string_view password) const
{
    if (hash.empty()) {
        return false;
    }
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

} // namespace palisade::server
