#include "server/AdminCommands.h"

#include "server/Accounts.h"
#include "server/ClientPolicy.h"
#include "server/DataDir.h"
#include "server/PasswordHasher.h"

#include <sodium.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace palisade::server {
namespace {

int fail(const std::string& message)
{
    std::cerr << "palisade-server: " << message << '\n';
    return 1;
}

const std::string* dataDir(const CommandLine& cl)
{
    const std::string* dir = cl.option("data");
    if (dir == nullptr || dir->empty()) {
        std::cerr << "palisade-server: give the data directory with --data DIR\n";
    }
    return dir == nullptr || dir->empty() ? nullptr : dir;
}

struct OpenDataDir {
    Config config;
    SqlStore store;
};

/// The config and store of the --data directory, or the exit code after saying what went wrong.
std::expected<OpenDataDir, int> openDataDir(const CommandLine& cl)
{
    const std::string* dir = dataDir(cl);
    if (dir == nullptr) {
        return std::unexpected(64);
    }
    auto config = loadDataDirConfig(*dir);
    if (!config) {
        return std::unexpected(fail(config.error()));
    }
    auto store = openStore(*config);
    if (!store) {
        return std::unexpected(fail(store.error()));
    }
    return OpenDataDir { std::move(*config), std::move(*store) };
}

/// One line from stdin; with a terminal, prompted twice with echo off.
std::expected<std::string, std::string> readPassword()
{
    const bool tty = ::isatty(STDIN_FILENO) != 0;
    auto readLine = [tty](const char* prompt) -> std::optional<std::string> {
        termios old {};
        if (tty) {
            std::cerr << prompt << std::flush;
            ::tcgetattr(STDIN_FILENO, &old);
            termios quiet = old;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        std::string line;
        const bool ok = static_cast<bool>(std::getline(std::cin, line));
        if (tty) {
            ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
            std::cerr << '\n';
        }
        if (!ok) {
            return std::nullopt;
        }
        return line;
    };
    auto first = readLine("Password: ");
    if (!first) {
        return std::unexpected("no password on standard input");
    }
    if (tty) {
        auto second = readLine("Again: ");
        const bool same = second && *second == *first;
        if (second) {
            sodium_memzero(second->data(), second->size());
        }
        if (!same) {
            sodium_memzero(first->data(), first->size());
            return std::unexpected("the passwords differ");
        }
    }
    return std::move(*first);
}

std::string formatTime(std::int64_t unixSeconds)
{
    if (unixSeconds == 0) {
        return "never";
    }
    const std::time_t t = unixSeconds;
    std::tm utc {};
    gmtime_r(&t, &utc);
    char buf[32];
    return std::string(buf, std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &utc));
}

} // namespace

const std::string* CommandLine::option(const std::string& name) const
{
    for (const auto& [key, value] : options) {
        if (key == name) {
            return &value;
        }
    }
    return nullptr;
}

CommandLine parseCommandLine(int argc, char** argv, const std::vector<std::string>& flags)
{
    CommandLine cl;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.starts_with("--")) {
            std::string name = arg.substr(2);
            if (const auto eq = name.find('='); eq != std::string::npos) {
                cl.options.emplace_back(name.substr(0, eq), name.substr(eq + 1));
            } else if (std::find(flags.begin(), flags.end(), name) != flags.end() || i + 1 >= argc) {
                cl.options.emplace_back(name, "");
            } else {
                cl.options.emplace_back(name, argv[++i]);
            }
        } else {
            cl.words.push_back(std::move(arg));
        }
    }
    return cl;
}

int usage()
{
    std::cerr << "usage: palisade-server <command> --data DIR [options]\n"
                 "  init                          create keys, database and server.conf in DIR\n"
                 "  user add|disable|enable|reset-password NAME   (password on stdin or prompted)\n"
                 "  user list\n"
                 "  policy export --address HOST:PORT [--locked] [--out FILE]\n"
                 "  run [--listen ADDR:PORT]      serve; SIGTERM/SIGINT drain and exit\n"
                 "  clients                       devices, client versions, last seen, compliance\n";
    return 64;
}

int commandInit(const CommandLine& cl)
{
    const std::string* dir = dataDir(cl);
    if (dir == nullptr) {
        return 64;
    }
    auto publicKey = initDataDir(*dir);
    if (!publicKey) {
        return fail(publicKey.error());
    }
    std::cout << "initialised " << *dir << '\n'
              << "public key: " << publicKeyBase64(*publicKey) << '\n'
              << "fingerprint: " << publicKeyFingerprint(*publicKey) << '\n';
    return 0;
}

int commandUser(const CommandLine& cl)
{
    if (cl.words.size() < 2) {
        return usage();
    }
    auto opened = openDataDir(cl);
    if (!opened) {
        return opened.error();
    }
    const Config& config = opened->config;
    SqlStore* store = &opened->store;
    const std::string& action = cl.words[1];
    if (action == "list") {
        auto users = store->users();
        if (!users) {
            return fail(std::string(describe(users.error())));
        }
        for (const auto& u : *users) {
            std::cout << u.name << (u.disabled ? "\tdisabled" : "\tenabled")
                      << (u.lockedUntil > 0 ? "\tlocked-until " + formatTime(u.lockedUntil) : std::string())
                      << '\n';
        }
        return 0;
    }
    if (cl.words.size() != 3) {
        return usage();
    }
    const std::string& name = cl.words[2];
    SystemClock clock;
    SodiumPasswordHasher hasher;
    Accounts accounts(*store, hasher, clock, config.limits);
    std::expected<void, Error> result;
    if (action == "add" || action == "reset-password") {
        if (!isValidUsername(name)) {
            return fail(std::string(describe(Error::InvalidName)));
        }
        auto password = readPassword();
        if (!password) {
            return fail(password.error());
        }
        if (auto weakness = passwordWeakness(*password, name)) {
            sodium_memzero(password->data(), password->size());
            return fail("password refused: " + *weakness);
        }
        if (action == "add") {
            auto id = accounts.addUser(name, *password);
            result = id ? std::expected<void, Error> {} : std::unexpected(id.error());
        } else {
            result = accounts.resetPassword(name, *password);
        }
        sodium_memzero(password->data(), password->size());
    } else if (action == "disable" || action == "enable") {
        result = accounts.setDisabled(name, action == "disable");
    } else {
        return usage();
    }
    if (!result) {
        return fail(result.error() == Error::NotFound ? "no user named " + name
                                                      : std::string(describe(result.error())));
    }
    std::cout << "user " << name << ": " << action << " done\n";
    return 0;
}

int commandPolicyExport(const CommandLine& cl)
{
    const std::string* dir = dataDir(cl);
    const std::string* address = cl.option("address");
    if (dir == nullptr || address == nullptr || cl.words.size() != 2 || cl.words[1] != "export") {
        return usage();
    }
    auto config = loadDataDirConfig(*dir);
    if (!config) {
        return fail(config.error());
    }
    auto pair = loadServerKey(*config);
    if (!pair) {
        return fail(pair.error());
    }
    const bool locked = cl.flag("locked");
    auto json = clientPolicyJson(*address, { pair->publicKey }, locked);
    if (!json) {
        return fail(json.error());
    }
    if (const std::string* out = cl.option("out"); out != nullptr && !out->empty()) {
        std::ofstream file(*out, std::ios::binary | std::ios::trunc);
        if (!(file << *json)) {
            return fail("cannot write " + *out);
        }
    } else {
        std::cout << *json;
    }
    std::cerr << "install as /etc/palisade/policies/" << (locked ? "managed" : "recommended")
              << "/palisade-server.json (owned by root, not writable by others)\n";
    return 0;
}

int commandClients(const CommandLine& cl)
{
    auto opened = openDataDir(cl);
    if (!opened) {
        return opened.error();
    }
    SqlStore* store = &opened->store;
    auto devices = store->devices(std::nullopt);
    if (!devices) {
        return fail(std::string(describe(devices.error())));
    }
    std::cout << "user\tdevice\tclient\tlast-seen\tcompliance\n";
    for (const auto& d : *devices) {
        auto owner = store->user(d.user);
        std::cout << (owner ? owner->name : "?") << '\t' << d.id.value << '\t'
                  << (d.clientVersion.empty() ? "-" : d.clientVersion) << '\t' << formatTime(d.lastSeen)
                  << '\t' << (d.compliance.empty() ? "-" : d.compliance) << '\n';
    }
    return 0;
}

} // namespace palisade::server
