#pragma once
/// @file
/// @brief Exponential reconnect backoff with jitter drawn from libsodium's randombytes.

#include <chrono>
#include <cstdint>

namespace palisade::net {

/// Delays between reconnect attempts: the base doubles from @ref initial up to @ref maximum,
/// and each delay is drawn uniformly from [base/2, base] so that many clients cut off at
/// once do not reconnect in lockstep.
struct BackoffPolicy {
    std::chrono::milliseconds initial { 500 };
    std::chrono::milliseconds maximum { 60'000 };
};

/// One reconnect loop's state. Not thread-safe.
class Backoff {
public:
    explicit Backoff(BackoffPolicy policy = {}) noexcept;

    /// The delay before the next attempt; grows the base for the one after.
    [[nodiscard]] std::chrono::milliseconds next() noexcept;
    /// After a successful connection: start again from the initial delay.
    void reset() noexcept;
    /// How many delays next() has handed out since construction or reset().
    [[nodiscard]] std::uint32_t attempts() const noexcept { return m_attempts; }

private:
    BackoffPolicy m_policy;
    std::chrono::milliseconds m_base;
    std::uint32_t m_attempts = 0;
};

} // namespace palisade::net
