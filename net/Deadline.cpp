#include "net/Deadline.h"

namespace palisade::net {

Deadline::Deadline(const asio::any_io_executor& executor)
    : m_timer(executor)
{
}

Deadline::~Deadline()
{
    disarm();
}

void Deadline::arm(std::chrono::steady_clock::duration timeout, std::function<void()> onExpire)
{
    const std::uint64_t generation = ++m_state->generation;
    m_state->expired = false;
    m_state->onExpire = std::move(onExpire);
    m_timer.expires_after(timeout);
    // The handler holds the state, not this: it may run after the Deadline is gone.
    m_timer.async_wait([state = m_state, generation](const boost::system::error_code& ec) {
        if (ec || state->generation != generation || !state->onExpire)
            return;
        state->expired = true;
        auto action = std::move(state->onExpire);
        state->onExpire = nullptr;
        action();
    });
}

void Deadline::disarm() noexcept
{
    ++m_state->generation;
    m_state->onExpire = nullptr;
    m_timer.cancel();
}

} // namespace palisade::net
