#include "server/Log.h"

#include <cstdio>
#include <ctime>
#include <string>

namespace palisade::server {

void logLine(std::string_view category, std::string_view text)
{
    const std::time_t now = std::time(nullptr);
    std::tm utc {};
    gmtime_r(&now, &utc);
    char stamp[32];
    const std::size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::string line(stamp, n);
    line += ' ';
    line += category;
    line += ": ";
    line += text;
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace palisade::server
