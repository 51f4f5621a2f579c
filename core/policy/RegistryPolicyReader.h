#pragma once
/// @file
/// @brief Windows policy source: `HKCU\Software\Policies\Palisade` then
/// `HKLM\Software\Policies\Palisade` (machine wins: it is read last), each with a
/// `Recommended` subkey, in the 64-bit registry view. REG_DWORD → integer (0/1 also boolean),
/// REG_SZ → string, REG_MULTI_SZ or a subkey of numbered values (ADMX lists) → list.
/// Compiled on Windows only.

#include "core/policy/PolicyReader.h"

namespace palisade::core {

/// Reads the Palisade policy keys from the registry with QSettings.
class RegistryPolicyReader final : public PolicyReader {
public:
    [[nodiscard]] PolicyReadResult read() const override;
    [[nodiscard]] std::string location() const override;
};

} // namespace palisade::core
