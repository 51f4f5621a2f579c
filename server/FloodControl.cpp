#include "server/FloodControl.h"

#include <algorithm>

namespace palisade::server {

TokenBucket::TokenBucket(double rate, double burst, MonoTime now) noexcept
    : m_rate(rate)
    , m_burst(burst)
    , m_tokens(burst)
    , m_last(now)
{
}

double TokenBucket::level(MonoTime now) const noexcept
{
    if (now <= m_last) {
        return m_tokens;
    }
    const double elapsed = std::chrono::duration<double>(now - m_last).count();
    return std::min(m_burst, m_tokens + elapsed * m_rate);
}

bool TokenBucket::tryTake(MonoTime now) noexcept
{
    m_tokens = level(now);
    m_last = std::max(m_last, now);
    if (m_tokens < 1.0) {
        return false;
    }
    m_tokens -= 1.0;
    return true;
}

bool TokenBucket::isFull(MonoTime now) const noexcept
{
    return level(now) >= m_burst;
}

bool PairLimiter::allow(std::int64_t from, std::int64_t to, MonoTime now)
{
    if (++m_allowsSincePrune >= 4096) {
        prune(now);
    }
    auto [it, inserted] = m_buckets.try_emplace({ from, to }, m_rate, m_burst, now);
    return it->second.tryTake(now);
}

void PairLimiter::prune(MonoTime now)
{
    m_allowsSincePrune = 0;
    std::erase_if(m_buckets, [now](const auto& entry) { return entry.second.isFull(now); });
}

} // namespace palisade::server
