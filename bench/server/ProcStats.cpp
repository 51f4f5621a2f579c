#include "ProcStats.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace palisade::bench {
namespace {

std::uint64_t fieldKiB(const std::string& file, const std::string& key)
{
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) == 0) {
            std::istringstream fields(line.substr(key.size()));
            std::uint64_t kib = 0;
            fields >> kib;
            return kib;
        }
    }
    return 0;
}

} // namespace

std::uint64_t cpuMicros(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = all.rfind(')'); // the command name may hold spaces
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream fields(all.substr(close + 2));
    std::string skip;
    for (int i = 3; i < 14; ++i) { // fields 3..13
        fields >> skip;
    }
    std::uint64_t utime = 0;
    std::uint64_t stime = 0;
    fields >> utime >> stime;
    const auto ticks = static_cast<std::uint64_t>(sysconf(_SC_CLK_TCK));
    return (utime + stime) * 1'000'000 / ticks;
}

std::uint64_t schedMicros(pid_t pid)
{
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& task :
        std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        std::ifstream in(task.path() / "schedstat");
        std::uint64_t ns = 0;
        in >> ns;
        total += ns;
    }
    return total / 1000;
}

std::uint64_t rssKiB(pid_t pid)
{
    return fieldKiB("/proc/" + std::to_string(pid) + "/status", "VmRSS:");
}

std::uint64_t pssKiB(pid_t pid)
{
    return fieldKiB("/proc/" + std::to_string(pid) + "/smaps_rollup", "Pss:");
}

} // namespace palisade::bench
