#pragma once
/// @file
/// @brief Core's effective policy as the settings pages and the first-run dialog show it.
/// Only presentation is decided here (labels, which keys have a page); values, sources and
/// locks are the core's.

#include "app/ui/FirstRunDialog.h"
#include "app/ui/Types.h"
#include "core/policy/EffectivePolicy.h"

#include <vector>

namespace palisade::app {

/// One entry per effective value, in key order.
[[nodiscard]] std::vector<PolicyEntry> policyEntries(const core::EffectivePolicy& policy);

/// What the first-run dialog needs from @p policy.
[[nodiscard]] FirstRunSetup firstRunSetup(const core::EffectivePolicy& policy);

} // namespace palisade::app
