#pragma once
/// @file
/// @brief A timeout for asynchronous operations: when it expires it runs a cancel action
/// (typically cancelling or closing a socket) so that the pending operation completes with
/// operation_aborted, and expired() tells the caller to report Error::Timeout.

#include "net/Asio.h"

#include <chrono>
#include <functional>
#include <memory>

namespace palisade::net {

/// Runs on the executor it was created with; arm, disarm and the expiry all happen there.
class Deadline {
public:
    explicit Deadline(const asio::any_io_executor& executor);
    ~Deadline();
    Deadline(const Deadline&) = delete;
    Deadline& operator=(const Deadline&) = delete;

    /// (Re)starts the countdown; @p onExpire runs once if it reaches zero while armed.
    void arm(std::chrono::steady_clock::duration timeout, std::function<void()> onExpire);
    /// Stops the countdown; a later expiry does nothing.
    void disarm() noexcept;
    /// True once an armed countdown reached zero (until the next arm()).
    [[nodiscard]] bool expired() const noexcept { return m_state->expired; }

private:
    struct State {
        bool expired = false;
        std::uint64_t generation = 0;
        std::function<void()> onExpire;
    };
    asio::steady_timer m_timer;
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

} // namespace palisade::net
