#include "Provision.h"

#include "server/DataDir.h"
#include "server/PasswordHasher.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace palisade::bench {

namespace server = palisade::server;

crypto::X25519KeyPair deviceKey(std::uint32_t index)
{
    crypto::Bytes secret(32, 0x5A);
    for (int i = 0; i < 4; ++i) {
        secret[static_cast<std::size_t>(4 + i)]
            = static_cast<std::uint8_t>(index >> (8 * i)); // clamping spares these
    }
    return *crypto::x25519::keyPairFromSecret(secret);
}

std::string userName(std::uint32_t index)
{
    return "u" + std::to_string(index);
}

namespace {

/// Raises the limits that would otherwise throttle the load test (documented in
/// docs/performance.md): many connections from one address, high per-pair rates.
std::expected<void, std::string> tuneConfig(const std::filesystem::path& file)
{
    const std::map<std::string, std::string> settings {
        { "limits.connections_per_address", "30000" },
        { "limits.max_connections", "60000" },
        { "limits.pending_handshakes", "2048" },
        { "limits.messages_per_second", "100000" },
        { "limits.message_burst", "100000" },
        { "limits.pair_messages_per_second", "100000" },
        { "limits.pair_burst", "100000" },
        { "limits.idle_timeout_seconds", "3600" },
    };
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    std::string out;
    std::string line;
    while (std::getline(text, line)) {
        for (const auto& [key, value] : settings) {
            if (line.rfind(key + " =", 0) == 0) {
                line = key + " = " + value;
            }
        }
        out += line + '\n';
    }
    std::ofstream(file, std::ios::trunc) << out;
    return {};
}

} // namespace

std::expected<void, std::string> provision(
    const std::string& serverBinary, const std::filesystem::path& dir, std::uint32_t users)
{
    const std::string init = '\'' + serverBinary + "' init --data '" + dir.string() + "' >/dev/null";
    if (std::system(init.c_str()) != 0) {
        return std::unexpected("`palisade-server init` failed (does " + dir.string() + " exist already?)");
    }
    if (auto ok = tuneConfig(dir / "server.conf"); !ok) {
        return ok;
    }
    auto config = server::loadDataDirConfig(dir);
    if (!config) {
        return std::unexpected(config.error());
    }
    auto store = server::openStore(*config);
    if (!store) {
        return std::unexpected(store.error());
    }
    server::SodiumPasswordHasher hasher;
    auto hash = hasher.hash("bench password 1234");
    if (!hash || !store->beginBatch()) {
        return std::unexpected(std::string("cannot hash or write"));
    }
    std::vector<server::UserId> ids;
    for (std::uint32_t i = 0; i < users; ++i) {
        server::UserRecord user;
        user.name = userName(i);
        user.passwordHash = *hash;
        auto id = store->addUser(user);
        if (!id) {
            return std::unexpected("cannot add " + user.name);
        }
        ids.push_back(*id);
        server::DeviceRecord device;
        device.user = *id;
        const auto key = deviceKey(i).publicKey;
        std::copy(key.begin(), key.end(), device.key.begin());
        device.clientVersion = "0.1.0";
        if (!store->addDevice(device)) {
            return std::unexpected("cannot add a device of " + user.name);
        }
    }
    for (std::uint32_t i = 0; users > 1 && i < users; ++i) {
        const auto next = ids[(i + 1) % users];
        if (!store->setContact(ids[i], next, server::ContactState::Accepted)
            || !store->setContact(next, ids[i], server::ContactState::Accepted)) {
            return std::unexpected(std::string("cannot add contacts"));
        }
    }
    if (!store->commitBatch()) {
        return std::unexpected(std::string("cannot commit"));
    }
    return {};
}

std::expected<Directory, std::string> readDirectory(const std::filesystem::path& dir)
{
    auto config = server::loadDataDirConfig(dir);
    if (!config) {
        return std::unexpected(config.error());
    }
    auto key = server::loadServerKey(*config);
    auto store = server::openStore(*config);
    if (!key || !store) {
        return std::unexpected(std::string("cannot read the server key or store"));
    }
    auto users = store->users();
    auto devices = store->devices(std::nullopt);
    if (!users || !devices) {
        return std::unexpected(std::string("cannot list users and devices"));
    }
    std::map<std::int64_t, std::uint64_t> deviceOf;
    for (const auto& d : *devices) {
        deviceOf[d.user.value] = static_cast<std::uint64_t>(d.id.value);
    }
    Directory out;
    out.serverKey = key->publicKey;
    out.devices.resize(users->size());
    for (const auto& u : *users) {
        if (u.name.size() > 1 && u.name[0] == 'u') {
            const auto index = std::stoul(u.name.substr(1));
            if (index < out.devices.size()) {
                out.devices[index] = deviceOf[u.id.value];
            }
        }
    }
    return out;
}

} // namespace palisade::bench
