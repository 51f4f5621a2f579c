#include "server/AdminCommands.h"
#include "server/DataDir.h"
#include "server/Log.h"
#include "server/PasswordHasher.h"
#include "server/Server.h"

#include <boost/asio/signal_set.hpp>

#include <iostream>

namespace palisade::server {

int commandRun(const CommandLine& cl)
{
    const std::string* dir = cl.option("data");
    if (dir == nullptr || dir->empty()) {
        std::cerr << "palisade-server: give the data directory with --data DIR\n";
        return 64;
    }
    auto config = loadDataDirConfig(*dir);
    if (!config) {
        std::cerr << "palisade-server: " << config.error() << '\n';
        return 1;
    }
    if (const std::string* listen = cl.option("listen"); listen != nullptr) {
        auto address = ListenAddress::parse(*listen);
        if (!address) {
            std::cerr << "palisade-server: --listen: " << address.error() << '\n';
            return 64;
        }
        config->listen = *address;
    }
    auto key = loadServerKey(*config);
    if (!key) {
        std::cerr << "palisade-server: " << key.error() << '\n';
        return 1;
    }
    auto store = openStore(*config);
    if (!store) {
        std::cerr << "palisade-server: " << store.error() << '\n';
        return 1;
    }
    if (auto dbKey = readSecretFile(config->databaseKey); !dbKey) {
        std::cerr << "palisade-server: " << dbKey.error() << '\n';
        return 1;
    } else if (auto ok = store->checkpointInBackground(config->database, *dbKey); !ok) {
        std::cerr << "palisade-server: " << ok.error() << '\n';
        return 1;
    }
    net::asio::io_context io(1);
    SystemClock clock;
    SodiumPasswordHasher hasher;
    Server server(io, *config, *store, std::move(*key), clock, hasher);
    auto endpoint = server.listen();
    if (!endpoint) {
        std::cerr << "palisade-server: " << endpoint.error() << '\n';
        return 1;
    }
    net::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
        if (!ec) {
            server.shutdown();
        }
    });
    server.start();
    const std::string host = endpoint->address().is_v6() ? '[' + endpoint->address().to_string() + ']'
                                                         : endpoint->address().to_string();
    std::cout << "listening " << host << ':' << endpoint->port() << std::endl;
    logLine("server", "listening on " + host + ':' + std::to_string(endpoint->port()));
    io.run();
    const ServerStats& stats = server.stats();
    logLine("server",
        "stopped: " + std::to_string(stats.accepted) + " connections, "
            + std::to_string(stats.envelopesRouted) + " envelopes routed, "
            + std::to_string(stats.rateLimited) + " rate-limited");
    return 0;
}

} // namespace palisade::server
