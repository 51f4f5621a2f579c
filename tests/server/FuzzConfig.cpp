// Fuzz target: server.conf parsing (an admin-edited file, treated as untrusted bytes).
#include "server/Config.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto config = palisade::server::parseConfig(text);
    if (config) {
        // A parsed config must describe itself without failing.
        (void)config->listen.toString();
        (void)config->minClientVersion.toString();
    } else {
        (void)config.error().toString();
    }
    return 0;
}
