#include "server/ClientPolicy.h"

#include "server/Config.h"

#include <sodium.h>

namespace palisade::server {

std::string publicKeyBase64(const PublicKeyBytes& key)
{
    std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)> out {};
    sodium_bin2base64(out.data(), out.size(), key.data(), key.size(), sodium_base64_VARIANT_ORIGINAL);
    return std::string(out.data());
}

std::string publicKeyFingerprint(const PublicKeyBytes& key)
{
    std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest {};
    crypto_hash_sha256(digest.data(), key.data(), key.size());
    static constexpr char hexDigits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i > 0 && i % 2 == 0) {
            out += ':';
        }
        out += hexDigits[digest[i] >> 4];
        out += hexDigits[digest[i] & 0xF];
    }
    return out;
}

std::expected<std::string, std::string> clientPolicyJson(
    std::string_view address, const std::vector<PublicKeyBytes>& keys, bool locked)
{
    auto parsed = ListenAddress::parse(address);
    if (!parsed) {
        return std::unexpected("--address: " + parsed.error());
    }
    if (parsed->port == 0) {
        return std::unexpected("--address: the port clients connect to cannot be 0");
    }
    if (keys.empty()) {
        return std::unexpected("no server public key");
    }
    std::string json = "{\n";
    json += "  \"server.address\": \"" + parsed->toString() + "\",\n";
    json += "  \"server.public_keys\": [";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        json += (i == 0 ? "\"" : ", \"") + publicKeyBase64(keys[i]) + '"';
    }
    json += "],\n";
    json += "  \"server.allow_tofu\": false";
    if (locked) {
        // A locked deployment also keeps users from adding strangers on their own.
        json += ",\n  \"contacts.allow_strangers\": false";
    }
    json += "\n}\n";
    return json;
}

} // namespace palisade::server
