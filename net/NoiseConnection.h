#pragma once
/// @file
/// @brief A Noise-encrypted, framed message stream over a TCP socket (after the handshake;
/// see Handshake.h for how one is opened).
///
/// Every message is one Noise transport message in one frame. Writes are batched with one
/// write in flight and a bounded queue (backpressure: Error::QueueFull, never unbounded
/// memory). Both directions rekey (Noise §11.3) every kRekeyInterval messages. Any decrypt
/// failure, malformed frame or socket error closes the connection and is sticky.

#include "crypto/Blake2b.h"
#include "crypto/Bytes.h"
#include "crypto/X25519.h"
#include "crypto/noise/HandshakeState.h"
#include "net/Asio.h"
#include "net/Deadline.h"
#include "net/Error.h"
#include "net/FrameCodec.h"
#include "net/proto/palisade.pb.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>

namespace palisade::net {

/// Messages per direction between two rekeys. Both peers count and rekey on their own, so
/// this is part of the protocol (docs/protocol.md, "Rekeying").
inline constexpr std::uint64_t kRekeyInterval = 65536;
/// The largest plaintext one transport message can carry (65535 minus the 16-byte tag).
inline constexpr std::size_t kMaxPlaintextSize = crypto::noise::kMaxPlaintextSize;

/// Per-connection limits.
struct ConnectionLimits {
    /// Bytes of queued, not yet written ciphertext before queue() refuses (backpressure).
    std::size_t maxQueuedBytes = 512 * 1024;
    /// Rekey after this many messages per direction; tests lower it, peers must agree.
    std::uint64_t rekeyInterval = kRekeyInterval;
    /// receive() fails with Error::Timeout (and closes) after this long without data; 0: never.
    std::chrono::milliseconds idleTimeout { 0 };
};

/// One established, encrypted connection. Owned by the thread that runs the socket's
/// executor; every call happens there. Held in a std::unique_ptr (Handshake.h makes it).
/// Destroying it while operations are pending is safe: they complete with ConnectionClosed
/// without touching it again (background writes and keepalive stop by themselves).
class NoiseConnection {
public:
    NoiseConnection(tcp::socket socket, crypto::noise::TransportCiphers ciphers, FrameDecoder decoder,
        const crypto::blake2b::Digest& handshakeHash, const crypto::X25519PublicKey& remoteStaticKey,
        ConnectionLimits limits);
    ~NoiseConnection();
    NoiseConnection(const NoiseConnection&) = delete;
    NoiseConnection& operator=(const NoiseConnection&) = delete;

    /// Encrypts @p plaintext into the write queue without any I/O. FrameTooLarge above
    /// kMaxPlaintextSize, QueueFull when maxQueuedBytes are already waiting (not sticky),
    /// or the error that closed the connection.
    [[nodiscard]] std::expected<void, Error> queue(crypto::ByteView plaintext);
    /// Writes the queue. Returns at once when another flush() already writes (it will take
    /// these bytes too); otherwise returns when the queue is empty or a write failed.
    [[nodiscard]] Awaitable<std::expected<void, Error>> flush();
    /// queue() then flush().
    [[nodiscard]] Awaitable<std::expected<void, Error>> send(crypto::ByteView plaintext);
    /// queue() and, unless a write is already running, start one in the background: for
    /// producers that must not wait for this peer (routing to a slow client). A peer that
    /// stops reading makes post() fail with QueueFull; close the connection then.
    [[nodiscard]] std::expected<void, Error> post(crypto::ByteView plaintext);
    /// The next message. One receive() at a time. DecryptFailed (tampered, replayed,
    /// reordered), FrameTooLarge / FrameEmpty, ConnectionClosed, Timeout (idle), IoError.
    [[nodiscard]] Awaitable<std::expected<crypto::Bytes, Error>> receive();

    /// Serialises @p frame and queue()s it; InvalidMessage when it exceeds one message.
    [[nodiscard]] std::expected<void, Error> queueFrame(const v1::Frame& frame);
    /// Serialises @p frame and post()s it.
    [[nodiscard]] std::expected<void, Error> postFrame(const v1::Frame& frame);
    /// queueFrame() then flush().
    [[nodiscard]] Awaitable<std::expected<void, Error>> sendFrame(const v1::Frame& frame);
    /// receive() parsed as a Frame; InvalidMessage (the connection stays open) when it is not
    /// one. Keepalive traffic is handled here and never returned: a Ping is answered with a
    /// Pong carrying its nonce, a Pong is dropped.
    [[nodiscard]] Awaitable<std::expected<v1::Frame, Error>> receiveFrame();

    /// Posts a Ping frame every @p interval while the connection is open, so a quiet
    /// connection survives the peer's idle timeout and NAT tables. It stops by itself once
    /// the connection is closed or destroyed.
    void startKeepalive(std::chrono::milliseconds interval);

    /// Closes the socket; pending operations complete with an error. Idempotent.
    void close() noexcept;
    [[nodiscard]] bool isOpen() const noexcept { return !m_error.has_value(); }
    /// The error that closed the connection, if any.
    [[nodiscard]] std::optional<Error> closeReason() const noexcept { return m_error; }

    /// The Noise handshake hash, for channel binding (e.g. signing it with an identity key).
    [[nodiscard]] const crypto::blake2b::Digest& handshakeHash() const noexcept { return m_handshakeHash; }
    /// The peer's Noise static key (the server's, or the client's device key).
    [[nodiscard]] const crypto::X25519PublicKey& remoteStaticKey() const noexcept { return m_remoteStatic; }
    /// Ciphertext bytes queued and not yet handed to the socket.
    [[nodiscard]] std::size_t queuedBytes() const noexcept { return m_pending.size(); }
    [[nodiscard]] tcp::socket& socket() noexcept { return m_socket; }
    /// When the socket write in progress started, or nullopt when none is: a peer that stops
    /// reading leaves a write pending forever, and the owner decides how long is too long.
    [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> writingSince() const noexcept
    {
        if (!m_writing)
            return std::nullopt;
        return m_writeStarted;
    }

private:
    Error fail(Error error) noexcept;
    static Awaitable<void> flushInBackground(NoiseConnection* self, std::shared_ptr<bool> alive);
    static Awaitable<void> keepalive(
        NoiseConnection* self, std::shared_ptr<bool> alive, std::chrono::milliseconds interval);
    [[nodiscard]] static std::expected<crypto::Bytes, Error> serialize(const v1::Frame& frame);

    tcp::socket m_socket;
    crypto::noise::TransportCiphers m_ciphers;
    FrameDecoder m_decoder;
    crypto::blake2b::Digest m_handshakeHash;
    crypto::X25519PublicKey m_remoteStatic;
    ConnectionLimits m_limits;
    Deadline m_idle;
    std::vector<std::uint8_t> m_pending;
    std::vector<std::uint8_t> m_inFlight;
    std::chrono::steady_clock::time_point m_writeStarted {};
    std::uint64_t m_sent = 0;
    std::uint64_t m_received = 0;
    bool m_writing = false;
    bool m_flushScheduled = false;
    std::optional<Error> m_error;
    /// False once destroyed; suspended coroutines check it before touching members.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace palisade::net
