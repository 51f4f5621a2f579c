#pragma once
// Argon2id with libsodium's minimum cost, so account tests run fast (tests only).

#include "server/Accounts.h"

#include <sodium.h>

#include <array>

namespace palisade::server::test {

class FastHasher final : public PasswordHasher {
public:
    [[nodiscard]] std::expected<std::string, Error> hash(std::string_view password) const override
    {
        std::array<char, crypto_pwhash_STRBYTES> out {};
        if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_MIN,
                crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13)
            != 0) {
            return std::unexpected(Error::HashFailed);
        }
        ++hashes;
        return std::string(out.data());
    }
    [[nodiscard]] bool verify(const std::string& hash, std::string_view password) const override
    {
        ++verifications;
        return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
    }
    mutable int hashes = 0;
    mutable int verifications = 0;
};

} // namespace palisade::server::test
