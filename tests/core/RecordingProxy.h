#pragma once
// A TCP relay for integration tests: listens on an ephemeral loopback port, forwards each
// connection to 127.0.0.1:<target> and records every byte in both directions.

#include "net/Asio.h"

#include <cstdint>
#include <memory>
#include <string>

namespace palisade::test {

class RecordingProxy {
public:
    RecordingProxy(net::asio::io_context& io, std::uint16_t target);
    ~RecordingProxy();
    [[nodiscard]] std::uint16_t port() const noexcept { return m_port; }
    /// Every byte relayed so far (client→server and server→client, interleaved).
    [[nodiscard]] const std::string& recorded() const noexcept { return *m_recorded; }

private:
    net::Awaitable<void> acceptLoop();
    net::asio::io_context* m_io;
    std::uint16_t m_target;
    net::tcp::acceptor m_acceptor;
    std::uint16_t m_port = 0;
    std::shared_ptr<std::string> m_recorded = std::make_shared<std::string>();
};

} // namespace palisade::test
