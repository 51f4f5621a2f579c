#pragma once
/// @file
/// @brief Token buckets for flood control: one per connection and one per
/// sender→recipient account pair. Time is passed in (monotonic), so tests drive it.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <unordered_map>

namespace palisade::server {

using MonoTime = std::chrono::steady_clock::time_point;

/// A classic token bucket: @p rate tokens per second up to @p burst; starts full.
class TokenBucket {
public:
    TokenBucket(double rate, double burst, MonoTime now) noexcept;
    /// Take one token if there is one; false means "over the limit, drop".
    [[nodiscard]] bool tryTake(MonoTime now) noexcept;
    /// True once the bucket has refilled completely (it can then be forgotten).
    [[nodiscard]] bool isFull(MonoTime now) const noexcept;

private:
    [[nodiscard]] double level(MonoTime now) const noexcept;
    double m_rate;
    double m_burst;
    double m_tokens;
    MonoTime m_last;
};

/// Per sender→recipient buckets, keyed by the two account ids. Full buckets are pruned
/// so memory is bounded by the pairs active within one refill period.
/// Owned by one thread (the io_context that routes the sender's messages).
class PairLimiter {
public:
    PairLimiter(double rate, double burst) noexcept
        : m_rate(rate)
        , m_burst(burst)
    {
    }
    /// True when @p from may send one more message to @p to now.
    [[nodiscard]] bool allow(std::int64_t from, std::int64_t to, MonoTime now);
    /// Forget the pairs whose buckets are full again.
    void prune(MonoTime now);
    [[nodiscard]] std::size_t trackedPairs() const noexcept { return m_buckets.size(); }

private:
    struct PairHash {
        std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& p) const noexcept
        {
            return std::hash<std::int64_t> {}(p.first * 1'000'003 + p.second);
        }
    };
    double m_rate;
    double m_burst;
    std::unordered_map<std::pair<std::int64_t, std::int64_t>, TokenBucket, PairHash> m_buckets;
    std::size_t m_allowsSincePrune = 0;
};

} // namespace palisade::server
