#pragma once
// Test clients for core/e2e: a real SQLCipher profile per device (temporary directory) and
// a MessagingService on one E2eRelay link, all driven on one io_context.

#include "core/e2e/MessagingService.h"
#include "storage/Database.h"

#include <QTemporaryDir>

#include "E2eRelay.h"
#include <memory>
#include <string>
#include <vector>

namespace palisade::test {

/// A logical clock every client shares: each read is one millisecond later.
struct TestClock {
    storage::Timestamp value = 1'700'000'000'000;
    storage::Timestamp operator()() { return ++value; }
};

struct E2eClient {
    E2eClient(net::asio::io_context& io, E2eRelay& relay, RelayLink& link, TestClock& clock,
        core::E2eOptions options = {});
    /// Add @p user as an accepted contact in this profile.
    void addBuddy(const std::string& user);
    /// Messages of the conversation with @p contact, oldest first.
    std::vector<storage::Message> messages(const std::string& contact);
    /// Kinds of the security log, newest first.
    std::vector<std::string> securityKinds();

    QTemporaryDir dir;
    storage::Database db;
    RelayLink* link;
    std::unique_ptr<core::MessagingService> service;
    std::vector<std::string> newDevices;
    std::vector<std::string> removedDevices;
    std::vector<std::string> identityChanges;
    int stored = 0;
};

/// Run @p task on @p io until everything it started (pushes, acks, receipts) settled.
template <typename T> T run(net::asio::io_context& io, net::Awaitable<T> task)
{
    std::optional<T> result;
    net::asio::co_spawn(
        io, std::move(task), [&](std::exception_ptr, T value) { result.emplace(std::move(value)); });
    io.restart();
    io.run();
    return std::move(*result);
}

/// Let posted work (pushes, acks, receipts) settle.
inline void settle(net::asio::io_context& io)
{
    io.restart();
    io.run();
}

} // namespace palisade::test
