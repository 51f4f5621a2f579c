#pragma once
/// @file
/// @brief Loopback peers for NoiseConnection tests and benchmarks: a Noise echo server and
/// a relay that can tamper with, replay or truncate what the client sends.

#include "crypto/X25519.h"
#include "net/Handshake.h"

#include <optional>
#include <vector>

namespace palisade::net::test {

/// What the echo server saw.
struct ServerLog {
    int accepted = 0;
    std::vector<Error> handshakeErrors;
    std::vector<Error> closeReasons;
    std::optional<v1::ClientHello> hello;
    std::optional<crypto::X25519PublicKey> clientKey;
    std::optional<crypto::blake2b::Digest> handshakeHash;
};

/// A ServerHello as the real server would fill it.
v1::ServerHello makeServerHello();
/// A ClientHello for version 0.1.0.
v1::ClientHello makeClientHello();

/// Accepts Noise clients on 127.0.0.1 and echoes every message back until the connection
/// ends. Lives on @p io; @p key and @p log must outlive the io_context's work.
class NoiseEchoServer {
public:
    NoiseEchoServer(asio::io_context& io, const crypto::X25519KeyPair& key, ServerLog& log,
        bool allowXx = false, HandshakeOptions options = {});
    [[nodiscard]] std::uint16_t port() const { return m_port; }

private:
    tcp::acceptor m_acceptor;
    std::uint16_t m_port;
};

/// Forwards one client connection to 127.0.0.1:@p target; once armed, does @p mode to the
/// next chunk the client sends.
class TamperingRelay {
public:
    enum class Mode { FlipLastByte, Duplicate, TruncateAndClose };
    TamperingRelay(asio::io_context& io, std::uint16_t target);
    [[nodiscard]] std::uint16_t port() const { return m_port; }
    void arm(Mode mode) { m_state->armed = mode; }

    struct State {
        std::optional<Mode> armed;
    };

private:
    tcp::acceptor m_acceptor;
    std::uint16_t m_port;
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

} // namespace palisade::net::test
