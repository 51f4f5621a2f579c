#pragma once
// A clock the test moves by hand.

#include "server/Clock.h"

namespace palisade::server::test {

class ManualClock final : public Clock {
public:
    [[nodiscard]] std::chrono::steady_clock::time_point monotonic() const override { return m_mono; }
    [[nodiscard]] std::int64_t unixSeconds() const override { return m_unix; }
    void advance(std::chrono::milliseconds by)
    {
        m_mono += by;
        m_unix += std::chrono::duration_cast<std::chrono::seconds>(by).count();
    }

private:
    std::chrono::steady_clock::time_point m_mono {};
    std::int64_t m_unix = 1'800'000'000;
};

} // namespace palisade::server::test
