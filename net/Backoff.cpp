#include "net/Backoff.h"

#include <sodium.h>

#include <algorithm>

namespace palisade::net {

Backoff::Backoff(BackoffPolicy policy) noexcept
    : m_policy(policy)
{
    m_policy.initial = std::max(m_policy.initial, std::chrono::milliseconds { 1 });
    m_policy.maximum
        = std::clamp(m_policy.maximum, m_policy.initial, std::chrono::milliseconds { UINT32_MAX });
    m_base = m_policy.initial;
}

std::chrono::milliseconds Backoff::next() noexcept
{
    const auto base = static_cast<std::uint32_t>(m_base.count());
    const std::uint32_t half = base / 2;
    // Uniform in [base - half, base]; randombytes_uniform avoids modulo bias.
    const auto delay = std::chrono::milliseconds { base - half + randombytes_uniform(half + 1) };
    m_base = std::min(m_base * 2, m_policy.maximum);
    ++m_attempts;
    return delay;
}

void Backoff::reset() noexcept
{
    m_base = m_policy.initial;
    m_attempts = 0;
}

} // namespace palisade::net
