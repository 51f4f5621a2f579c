#pragma once
/// @file
/// @brief Errors net/ reports as values (std::expected<T, net::Error>).

#include <string_view>

namespace palisade::net {

enum class Error {
    FrameTooLarge, ///< a frame longer than the negotiated maximum (at most 65535 bytes)
    FrameEmpty, ///< a zero-length frame, which the protocol never sends
    ConnectionClosed, ///< the peer closed the connection (cleanly or mid-frame)
    ConnectFailed, ///< TCP connect to the server or proxy failed
    ResolveFailed, ///< the host name could not be resolved
    Timeout, ///< a deadline expired (connect, proxy, handshake, idle)
    ProxyProtocol, ///< the proxy sent a reply that does not follow its protocol
    ProxyAuthFailed, ///< the proxy refused our credentials or offered no usable method
    ProxyRefused, ///< the proxy could not or would not reach the target
    InvalidArgument, ///< a host name, port or credential the protocol cannot carry
    HandshakeFailed, ///< the Noise handshake failed (wrong key, tampered or malformed message)
    UntrustedServerKey, ///< the server's static key is not one of the pinned keys
    DecryptFailed, ///< a transport message failed authentication; the connection is closed
    InvalidMessage, ///< a payload did not parse as the expected protobuf message
    QueueFull, ///< the bounded send queue is full (backpressure)
    IoError, ///< any other socket error
};

/// A sentence for logs and users; never contains addresses, keys or message text.
[[nodiscard]] std::string_view describe(Error error) noexcept;

} // namespace palisade::net
