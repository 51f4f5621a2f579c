#pragma once
/// @file
/// @brief The policy as IT reads it (`palisade --print-policy`, the "Managed settings" page):
/// every effective value, its source, whether it is locked, and the reported problems.
/// A proxy password never appears (network.proxy is shown redacted).

#include "core/policy/EffectivePolicy.h"

#include <QByteArray>

#include <string>

namespace palisade::core {

/// @p value as a person reads it: booleans and numbers plain, strings as they are ("(empty)"
/// when empty), lists as "[a, b]"; network.proxy with its password replaced by "***".
[[nodiscard]] std::string displayValue(const EffectiveValue& value);

/// An aligned table, one key per line, then the problems; @p location says where the
/// machine policy was read from.
[[nodiscard]] std::string policyReportText(const EffectivePolicy& policy, const std::string& location);

/// The same as an indented JSON object: client_version, platform, location, digest,
/// policies (key → {value, source, locked, origin}) and problems [{origin, key, reason}].
[[nodiscard]] QByteArray policyReportJson(const EffectivePolicy& policy, const std::string& location);

} // namespace palisade::core
