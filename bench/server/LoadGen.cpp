// palisade-loadgen: drives a real palisade-server (or the built-in trivial relay) with N
// authenticated connections. See docs/performance.md "## server" for usage and numbers.
#include "crypto/Init.h"

#include <sodium.h>

#include "Fleet.h"
#include "ProcStats.h"
#include "Provision.h"
#include "Relay.h"
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <sched.h>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace palisade;
using namespace palisade::bench;
using namespace std::chrono_literals;

namespace {

struct Args {
    std::string command;
    std::map<std::string, std::string> options;
    [[nodiscard]] std::string get(const std::string& key, const std::string& fallback = {}) const
    {
        auto it = options.find(key);
        return it == options.end() ? fallback : it->second;
    }
    [[nodiscard]] bool has(const std::string& key) const { return options.contains(key); }
};

Args parse(int argc, char** argv)
{
    Args args;
    args.command = argc > 1 ? argv[1] : "";
    for (int i = 2; i < argc; ++i) {
        std::string key = argv[i];
        if (key.rfind("--", 0) != 0) {
            continue;
        }
        key = key.substr(2);
        if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
            args.options[key] = argv[++i];
        } else {
            args.options[key] = "1";
        }
    }
    return args;
}

/// Optional niceness for the server and the generator (--nice -20 on a shared machine).
int g_nice = 0;

void pinTo(int cpu)
{
    if (g_nice != 0) {
        setpriority(PRIO_PROCESS, 0, g_nice);
    }
    if (cpu < 0) {
        return;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

void raiseFileLimit()
{
    rlimit limit {};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
}

/// A child process pinned to @p cpu; its first stdout line ("listening ...") is returned.
struct Child {
    pid_t pid = -1;
    std::string firstLine;
};

Child spawn(const std::vector<std::string>& argv, int cpu, const std::string& logFile)
{
    int fds[2];
    if (pipe(fds) != 0) {
        return {};
    }
    const pid_t pid = fork();
    if (pid == 0) {
        pinTo(cpu);
        dup2(fds[1], STDOUT_FILENO);
        if (FILE* log = std::fopen(logFile.c_str(), "a")) {
            dup2(fileno(log), STDERR_FILENO);
        }
        close(fds[0]);
        close(fds[1]);
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(fds[1]);
    Child child { pid, {} };
    char c = 0;
    while (read(fds[0], &c, 1) == 1 && c != '\n') {
        child.firstLine += c;
    }
    close(fds[0]);
    return child;
}

void stop(const Child& child)
{
    if (child.pid > 0) {
        kill(child.pid, SIGTERM);
        int status = 0;
        waitpid(child.pid, &status, 0);
    }
}

std::uint64_t selfCpuMicros()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000
        + static_cast<std::uint64_t>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

/// Starts the real server (or the relay) and fills @p options with its port and key.
std::optional<Child> startTarget(const Args& args, FleetOptions& options, char** argv)
{
    const int cpu = std::stoi(args.get("server-cpu", "0"));
    const std::string dir = args.get("data");
    if (args.has("relay")) {
        auto child = spawn({ "/proc/self/exe", "relay" }, cpu, "/dev/null");
        std::istringstream line(child.firstLine);
        std::string word, address, key;
        line >> word >> address >> key;
        std::size_t length = 0;
        if (word != "listening"
            || sodium_base642bin(options.serverKey.data(), options.serverKey.size(), key.c_str(), key.size(),
                   nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL)
                != 0) {
            return std::nullopt;
        }
        options.port = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
        options.relay = true;
        return child;
    }
    (void)argv;
    auto directory = readDirectory(dir);
    if (!directory) {
        std::cerr << "palisade-loadgen: " << directory.error() << '\n';
        return std::nullopt;
    }
    options.serverKey = directory->serverKey;
    options.devices = directory->devices;
    auto child = spawn({ args.get("server-bin"), "run", "--data", dir, "--listen", "127.0.0.1:0" }, cpu,
        dir + "/bench-server.log");
    if (child.firstLine.rfind("listening ", 0) != 0) {
        std::cerr << "palisade-loadgen: the server did not start (see " << dir << "/bench-server.log)\n";
        stop(child);
        return std::nullopt;
    }
    options.port
        = static_cast<std::uint16_t>(std::stoi(child.firstLine.substr(child.firstLine.rfind(':') + 1)));
    return child;
}

std::vector<double> rates(const Args& args)
{
    std::vector<double> out;
    std::istringstream list(args.get("rates", "5000,10000,25000,50000,75000,100000,125000,150000,200000"));
    std::string item;
    while (std::getline(list, item, ',')) {
        out.push_back(std::stod(item));
    }
    return out;
}

int commandRun(const Args& args, char** argv)
{
    FleetOptions options;
    options.clients = static_cast<std::uint32_t>(std::stoul(args.get("clients", "1000")));
    options.sources = static_cast<std::uint32_t>(std::stoul(args.get("sources", "1")));
    auto target = startTarget(args, options, argv);
    if (!target) {
        return 1;
    }
    pinTo(std::stoi(args.get("gen-cpu", "1")));
    net::asio::io_context io(1);
    Fleet fleet(io, options);
    const auto ready = fleet.connectAll();
    std::cout << (options.relay ? "target: trivial relay" : "target: palisade-server") << ", " << ready << '/'
              << options.clients << " clients logged in\n";
    if (ready != options.clients) {
        stop(*target);
        return 1;
    }
    const auto seconds
        = std::chrono::milliseconds(static_cast<int>(std::stod(args.get("seconds", "5")) * 1000));
    std::printf("%9s %10s %8s %8s %8s %8s %7s %6s %10s %10s %7s %8s %7s\n", "offered", "delivered", "p50 ms",
        "p99 ms", "p99.9 ms", "max ms", "lost", "errors", "us/msg stat", "us/msg sch", "srv cpu", "srv RSS",
        "gen cpu");
    for (double rate : rates(args)) {
        const auto cpu0 = cpuMicros(target->pid);
        const auto sched0 = schedMicros(target->pid);
        const auto self0 = selfCpuMicros();
        const auto wall0 = std::chrono::steady_clock::now();
        auto r = fleet.runStep(rate, seconds, 3s);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        const auto serverCpu = static_cast<double>(cpuMicros(target->pid) - cpu0);
        const auto serverSched = static_cast<double>(schedMicros(target->pid) - sched0);
        const auto selfCpu = static_cast<double>(selfCpuMicros() - self0);
        const std::uint64_t lost = r.sent > r.delivered ? r.sent - r.delivered : 0;
        const double perMessage = r.delivered ? 1.0 / static_cast<double>(r.delivered) : 0.0;
        std::printf(
            "%9.0f %10.0f %8.2f %8.2f %8.2f %8.1f %7llu %6llu %10.2f %10.2f %6.0f%% %6lluMiB %6.0f%%\n", rate,
            static_cast<double>(r.delivered) / r.seconds, r.p50, r.p99, r.p999, r.max,
            static_cast<unsigned long long>(lost + r.overflow), static_cast<unsigned long long>(r.errors),
            serverCpu * perMessage, serverSched * perMessage, serverSched / (wall * 1e4),
            static_cast<unsigned long long>(rssKiB(target->pid) / 1024), selfCpu / (wall * 1e4));
        std::fflush(stdout);
        const bool saturated = lost + r.overflow > r.sent / 100 || r.p99 > 1000;
        if (saturated) {
            std::cout << "saturated at " << rate << " msgs/s offered\n";
            break;
        }
    }
    fleet.closeAll();
    stop(*target);
    return 0;
}

int commandIdle(const Args& args, char** argv)
{
    FleetOptions options;
    options.clients = static_cast<std::uint32_t>(std::stoul(args.get("clients", "10000")));
    options.sources = static_cast<std::uint32_t>(std::stoul(args.get("sources", "4")));
    auto target = startTarget(args, options, argv);
    if (!target) {
        return 1;
    }
    pinTo(std::stoi(args.get("gen-cpu", "1")));
    std::this_thread::sleep_for(1s);
    const auto rss0 = rssKiB(target->pid);
    const auto pss0 = pssKiB(target->pid);
    net::asio::io_context io(1);
    Fleet fleet(io, options);
    const auto ready = fleet.connectAll();
    // Let the server settle (log lines, last writes), then measure.
    fleet.pump(3000ms);
    const auto rss1 = rssKiB(target->pid);
    const auto pss1 = pssKiB(target->pid);
    std::cout << "idle: " << ready << '/' << options.clients << " authenticated connections\n"
              << "server RSS " << rss0 << " KiB -> " << rss1
              << " KiB: " << static_cast<double>(rss1 - rss0) / ready << " KiB per connection\n"
              << "server Pss " << pss0 << " KiB -> " << pss1
              << " KiB: " << static_cast<double>(pss1 - pss0) / ready << " KiB per connection\n";
    fleet.closeAll();
    stop(*target);
    return ready == options.clients ? 0 : 1;
}

void usage()
{
    std::cerr << "usage:\n"
                 "  palisade-loadgen setup --server-bin BIN --data DIR --users N\n"
                 "  palisade-loadgen run --server-bin BIN --data DIR [--clients 1000] [--rates a,b,..]\n"
                 "                   [--seconds 5] [--server-cpu 0] [--gen-cpu 1] [--sources 1] [--relay] "
                 "[--nice -20]\n"
                 "  palisade-loadgen idle --server-bin BIN --data DIR [--clients 10000] [--sources 4]\n";
}

} // namespace

int main(int argc, char** argv)
{
    if (!crypto::initialize()) {
        return 1;
    }
    std::signal(SIGPIPE, SIG_IGN);
    raiseFileLimit();
    const Args args = parse(argc, argv);
    g_nice = std::stoi(args.get("nice", "0"));
    if (args.command == "relay") {
        return runRelay();
    }
    if (args.command == "setup") {
        auto ok = provision(args.get("server-bin"), args.get("data"),
            static_cast<std::uint32_t>(std::stoul(args.get("users", "10000"))));
        if (!ok) {
            std::cerr << "palisade-loadgen: " << ok.error() << '\n';
            return 1;
        }
        std::cout << "provisioned " << args.get("data") << '\n';
        return 0;
    }
    if (args.command == "run") {
        return commandRun(args, argv);
    }
    if (args.command == "idle") {
        return commandIdle(args, argv);
    }
    usage();
    return 64;
}
