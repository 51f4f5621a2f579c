#pragma once
/// @file
/// @brief The connected session as the services on top of it see it (contacts, messaging,
/// prekeys, files). Implemented by the session; everything runs on the network thread.

#include "net/Asio.h"
#include "net/Error.h"
#include "net/proto/palisade.pb.h"

#include <expected>
#include <functional>

namespace palisade::core {

/// Requests and server pushes over the one Noise connection to the corporate server.
/// Every member must be called on the network thread (the thread that runs the engine's
/// io_context); none of them blocks.
class ServerLink {
public:
    virtual ~ServerLink() = default;

    /// Sends @p frame with a fresh request id and resumes with the server's reply to that id
    /// (an ErrorReply is a reply, not a failure). Fails with the connection's error when the
    /// link is down or drops before the reply arrives.
    [[nodiscard]] virtual net::Awaitable<std::expected<v1::Frame, net::Error>> request(v1::Frame frame) = 0;

    /// A frame the server sent on its own (request id 0): envelopes, contact and presence
    /// events, PrekeysLow, QueueStatus.
    using PushHandler = std::function<void(const v1::Frame&)>;
    /// Calls @p handler for every pushed frame whose body is @p kind, in arrival order.
    virtual void onPush(v1::Frame::BodyCase kind, PushHandler handler) = 0;

    /// True while a handshaken, logged-in connection is up.
    [[nodiscard]] virtual bool isConnected() const noexcept = 0;
};

} // namespace palisade::core
