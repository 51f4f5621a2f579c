#pragma once
/// @file
/// @brief The one interface every machine-level policy source implements: Linux policy
/// directories, the Windows registry, macOS managed preferences. Readers only read and
/// report; validation and precedence live in EffectivePolicy, shared by all platforms.

#include "core/policy/PolicyTypes.h"

#include <memory>
#include <string>

namespace palisade::core {

/// A read-only source of managed and recommended policy.
class PolicyReader {
public:
    virtual ~PolicyReader() = default;
    /// Reads the source now. Never fails as a whole: what cannot be read is reported in
    /// PolicyReadResult::problems and left out.
    [[nodiscard]] virtual PolicyReadResult read() const = 0;
    /// Where the reader looks, for the report ("/etc/palisade/policies").
    [[nodiscard]] virtual std::string location() const = 0;
};

/// The reader of this platform: /etc/palisade/policies on Linux, the registry on Windows,
/// managed preferences of com.palisade.client on macOS.
[[nodiscard]] std::unique_ptr<PolicyReader> makePlatformPolicyReader();

} // namespace palisade::core
