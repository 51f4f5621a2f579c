#pragma once
/// @file
/// @brief The server's two clocks behind one interface so tests can drive time.

#include <chrono>
#include <cstdint>

namespace palisade::server {

/// Monotonic time for rate limits and timeouts; wall time (Unix seconds) for anything
/// stored (TTLs, lockout deadlines, last-seen).
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual std::chrono::steady_clock::time_point monotonic() const = 0;
    [[nodiscard]] virtual std::int64_t unixSeconds() const = 0;
};

/// The real clocks.
class SystemClock final : public Clock {
public:
    [[nodiscard]] std::chrono::steady_clock::time_point monotonic() const override
    {
        return std::chrono::steady_clock::now();
    }
    [[nodiscard]] std::int64_t unixSeconds() const override
    {
        return std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

} // namespace palisade::server
