#include "net/Error.h"

namespace palisade::net {

std::string_view describe(Error error) noexcept
{
    switch (error) {
    case Error::FrameTooLarge:
        return "The peer sent a message larger than the protocol allows; the connection was closed.";
    case Error::FrameEmpty:
        return "The peer sent an empty message, which the protocol forbids; the connection was closed.";
    case Error::ConnectionClosed:
        return "The connection was closed.";
    case Error::ConnectFailed:
        return "Could not connect to the server or proxy.";
    case Error::ResolveFailed:
        return "The server name could not be resolved.";
    case Error::Timeout:
        return "The server did not answer in time.";
    case Error::ProxyProtocol:
        return "The proxy sent an invalid reply.";
    case Error::ProxyAuthFailed:
        return "The proxy rejected the user name or password.";
    case Error::ProxyRefused:
        return "The proxy could not reach the server.";
    case Error::InvalidArgument:
        return "The server address or proxy settings are invalid.";
    case Error::HandshakeFailed:
        return "The secure handshake with the server failed.";
    case Error::UntrustedServerKey:
        return "The server's key is not one your organization trusts; the connection was refused.";
    case Error::DecryptFailed:
        return "A message from the peer failed authentication; the connection was closed.";
    case Error::InvalidMessage:
        return "The peer sent a malformed message.";
    case Error::QueueFull:
        return "Too many messages are waiting to be sent.";
    case Error::IoError:
        return "A network error occurred.";
    }
    return "Unknown network error.";
}

} // namespace palisade::net
