#pragma once
/// @file
/// @brief Opening a NoiseConnection: the client side (IK to a pinned server key, XX for
/// trust on first use) and the server side (IK, and XX when the server allows it).
/// Wire details: docs/protocol.md, "Handshake".

#include "crypto/X25519.h"
#include "net/Connector.h"
#include "net/NoiseConnection.h"
#include "net/proto/palisade.pb.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace palisade::net {

/// Noise prologue, bound into every handshake hash.
inline constexpr std::string_view kPrologue = "PALISADE/1";
/// Protocol version carried in ClientHello / ServerHello.
inline constexpr std::uint32_t kProtocolVersion = 1;
/// First byte of the client's first handshake frame: which pattern follows.
enum class HandshakePattern : std::uint8_t { IK = 0x01, XX = 0x02 };

/// Limits for one handshake and the connection it opens.
struct HandshakeOptions {
    std::chrono::milliseconds timeout { 10'000 }; ///< the whole handshake
    ConnectionLimits limits;
};

/// Which server keys the client trusts (policy `server.public_keys`, `server.allow_tofu`).
struct ServerTrust {
    std::vector<crypto::X25519PublicKey> pinnedKeys; ///< tried in order with IK
    bool allowTofu = false; ///< XX when no key is pinned; the caller shows and remembers the key
};

/// A client's established session.
struct ClientSession {
    std::shared_ptr<NoiseConnection> connection;
    v1::ServerHello hello;
    HandshakePattern pattern = HandshakePattern::IK;
};

/// A server's established session with one client.
struct AcceptedClient {
    std::shared_ptr<NoiseConnection> connection; ///< remoteStaticKey() is the device key
    v1::ClientHello hello;
    HandshakePattern pattern = HandshakePattern::IK;
};

/// Client handshake on an open stream: IK to @p serverKey when given, otherwise XX (the
/// caller decides whether the key it learns is acceptable). ClientHello travels encrypted
/// (IK message 1, XX message 3); ServerHello comes back in message 2.
/// HandshakeFailed (wrong server key under IK: the server cannot decrypt and hangs up;
/// tampering), Timeout, InvalidMessage (a ServerHello that does not parse).
[[nodiscard]] Awaitable<std::expected<ClientSession, Error>> connectClient(ConnectedStream stream,
    const crypto::X25519KeyPair& deviceKey, std::optional<crypto::X25519PublicKey> serverKey,
    v1::ClientHello hello, HandshakeOptions options = {});

/// Connects (directly or through @p proxy) and handshakes: IK with each pinned key in turn,
/// a new TCP connection per key; XX only when nothing is pinned and TOFU is allowed.
/// UntrustedServerKey when every pinned key failed the handshake (or nothing is pinned and
/// TOFU is off); a connection error is returned as soon as it happens.
[[nodiscard]] Awaitable<std::expected<ClientSession, Error>> connectToServer(Endpoint server,
    ProxySettings proxy, const crypto::X25519KeyPair& deviceKey, ServerTrust trust, v1::ClientHello hello,
    HandshakeOptions options = {});

/// Builds the ServerHello the server sends in handshake message 2. Under IK it sees the
/// client's ClientHello and device key (so it can fill device_enrolled); under XX message 2
/// precedes both, so both pointers are null (send the enrolment state in a later frame).
using ServerHelloProvider = std::function<v1::ServerHello(
    const v1::ClientHello* clientHello, const crypto::X25519PublicKey* clientKey)>;

/// Server handshake on an accepted socket with the server's static key. XX is refused
/// unless @p allowXx. HandshakeFailed for anything malformed, a client that used another
/// server key, or an unknown pattern; InvalidMessage for a ClientHello that does not parse;
/// Timeout. Checking the client version and device key is the caller's job, after this.
[[nodiscard]] Awaitable<std::expected<AcceptedClient, Error>> acceptClient(tcp::socket socket,
    const crypto::X25519KeyPair& serverKey, ServerHelloProvider makeHello, bool allowXx,
    HandshakeOptions options = {});

/// acceptClient() with the same ServerHello for every client.
[[nodiscard]] Awaitable<std::expected<AcceptedClient, Error>> acceptClient(tcp::socket socket,
    const crypto::X25519KeyPair& serverKey, v1::ServerHello hello, bool allowXx,
    HandshakeOptions options = {});

} // namespace palisade::net
