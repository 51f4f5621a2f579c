#include "core/Startup.h"

#include "crypto/Init.h"
#include "crypto/SelfTest.h"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>
#endif
#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace palisade::core {

namespace {

bool disableCoreDumps()
{
#if defined(__unix__) || defined(__APPLE__)
    const struct rlimit none {
        0, 0
    };
    if (::setrlimit(RLIMIT_CORE, &none) != 0) {
        return false;
    }
#endif
#if defined(__linux__)
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        return false;
    }
#endif
    return true;
}

} // namespace

std::string_view describe(StartupError error) noexcept
{
    switch (error) {
    case StartupError::CoreDumpsNotDisabled:
        return "Palisade could not turn off crash dumps, which could write secrets to disk; it will not "
               "start.";
    case StartupError::CryptoInitFailed:
        return "Palisade could not initialise its cryptography library; it will not start.";
    case StartupError::CryptoSelfTestFailed:
        return "Palisade's cryptography self-test failed; it will not start. Reinstall the application.";
    }
    return "Palisade could not start.";
}

std::expected<void, StartupError> hardenProcess()
{
    if (!disableCoreDumps()) {
        return std::unexpected(StartupError::CoreDumpsNotDisabled);
    }
    if (!crypto::initialize()) {
        return std::unexpected(StartupError::CryptoInitFailed);
    }
    if (!crypto::selfTest()) {
        return std::unexpected(StartupError::CryptoSelfTestFailed);
    }
    return {};
}

} // namespace palisade::core
