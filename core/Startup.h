#pragma once
/// @file
/// @brief Process hardening at start (STYLE.md §12), before any secret exists: no core dumps
/// (RLIMIT_CORE 0; on Linux also PR_SET_DUMPABLE 0, which also keeps other processes of the
/// same user from ptrace-attaching), libsodium initialised, crypto known-answer self-test.

#include <expected>
#include <string_view>

namespace palisade::core {

/// Why start-up hardening failed. The app reports describe() and exits.
enum class StartupError {
    CoreDumpsNotDisabled, ///< setrlimit(RLIMIT_CORE) or prctl(PR_SET_DUMPABLE) failed
    CryptoInitFailed, ///< sodium_init failed
    CryptoSelfTestFailed, ///< a primitive gave a wrong known answer
};

/// A sentence for the user.
[[nodiscard]] std::string_view describe(StartupError error) noexcept;

/// Hardens the process and checks the crypto. Call first thing in main(); safe to call again.
[[nodiscard]] std::expected<void, StartupError> hardenProcess();

} // namespace palisade::core
