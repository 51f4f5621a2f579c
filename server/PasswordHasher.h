#pragma once
/// @file
/// @brief The production PasswordHasher: libsodium crypto_pwhash_str (Argon2id13, libsodium's
/// "interactive" cost of 2 passes over 64 MiB).

#include "server/Accounts.h"

namespace palisade::server {

class SodiumPasswordHasher final : public PasswordHasher {
public:
    [[nodiscard]] std::expected<std::string, Error> hash(std::string_view password) const override;
    [[nodiscard]] bool verify(const std::string& hash, std::string_view password) const override;
};

} // namespace palisade::server
