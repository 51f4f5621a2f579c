#pragma once
/// @file
/// @brief macOS policy source: the preferences of com.palisade.client read with
/// CFPreferencesCopyAppValue; a value for which CFPreferencesAppValueIsForced is true (a
/// configuration profile) is managed, any other value is recommended. Only known keys are
/// read (CFPreferences cannot list forced keys), so unknown keys are not reported here.
/// Compiled on macOS only.

#include "core/policy/PolicyReader.h"

namespace palisade::core {

/// Reads the Palisade keys from the macOS preferences system.
class PreferencesPolicyReader final : public PolicyReader {
public:
    [[nodiscard]] PolicyReadResult read() const override;
    [[nodiscard]] std::string location() const override { return "com.palisade.client managed preferences"; }
};

} // namespace palisade::core
