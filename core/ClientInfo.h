#pragma once
/// @file
/// @brief What the client says about itself: its version (ClientHello, compliance report,
/// `palisade --version`) and the platform it runs on.

#include <string_view>

namespace palisade::core {

/// The client's semantic version, "MAJOR.MINOR.PATCH" (the CMake project version).
[[nodiscard]] std::string_view clientVersion() noexcept;

/// "linux", "windows" or "macos": the platform this build targets.
[[nodiscard]] std::string_view platformName() noexcept;

} // namespace palisade::core
