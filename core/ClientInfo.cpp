#include "core/ClientInfo.h"

namespace palisade::core {

std::string_view clientVersion() noexcept
{
    return PALISADE_CLIENT_VERSION;
}

std::string_view platformName() noexcept
{
#if defined(_WIN32)
    return "windows";
#elif defined(__APPLE__)
    return "macos";
#else
    return "linux";
#endif
}

} // namespace palisade::core
