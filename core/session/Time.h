#pragma once
/// @file
/// @brief Wall-clock time for the client stores.

#include "storage/Types.h"

#include <chrono>

namespace palisade::core {

/// Milliseconds since the Unix epoch, now.
[[nodiscard]] inline storage::Timestamp nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace palisade::core
