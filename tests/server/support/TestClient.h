#pragma once
// A blocking test client over net/'s real client handshake and NoiseConnection: one
// io_context per client, driven from the test thread.

#include "crypto/X25519.h"
#include "net/Handshake.h"

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace palisade::server::test {

class TestClient {
public:
    /// A client with a new random device key.
    TestClient();
    /// A client whose device key is derived from @p seed (the same seed: the same device).
    explicit TestClient(std::uint8_t seed);
    ~TestClient();

    /// TCP + Noise IK to 127.0.0.1:@p port; returns the ServerHello or the net error.
    std::expected<v1::ServerHello, net::Error> connect(std::uint16_t port,
        const crypto::X25519PublicKey& serverKey, const std::string& clientVersion = "0.1.0");
    /// Closes the connection (the device key stays: connect() again logs in).
    void disconnect();
    [[nodiscard]] bool isOpen() const;

    /// Send @p frame with a fresh request id; returns that id.
    std::uint64_t send(v1::Frame frame);
    /// Send raw plaintext (not necessarily a Frame) inside the Noise channel.
    bool sendRaw(const std::string& bytes);
    /// The next frame (push or answer), or nullopt on timeout or close.
    std::optional<v1::Frame> next(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    /// The answer to request @p id; pushes that arrive meanwhile are kept for next().
    std::optional<v1::Frame> answer(
        std::uint64_t id, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    /// send() then answer().
    std::optional<v1::Frame> call(v1::Frame frame) { return answer(send(std::move(frame))); }
    /// The next push of body @p kind, skipping others (kept).
    std::optional<v1::Frame> waitFor(
        v1::Frame::BodyCase kind, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    /// Shrinks the socket's receive buffer (SO_RCVBUF), so a client that stops calling next()
    /// soon stops accepting bytes.
    void setReceiveBuffer(int bytes);
    /// True when the server closes the connection within @p timeout.
    bool waitClosed(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

    /// connect(), then log in: by the device key when the server says the device is enrolled
    /// (waits for QueueStatus), else by enrolling as @p user. @p device receives the device id
    /// on enrolment.
    bool logIn(std::uint16_t port, const crypto::X25519PublicKey& serverKey, const std::string& user,
        const std::string& password, std::uint64_t* device = nullptr);

    // Shorthands for the requests the tests use.
    std::optional<v1::Frame> enrol(const std::string& user, const std::string& password);
    std::optional<v1::Frame> contact(v1::Frame::BodyCase kind, const std::string& user);
    /// SendEnvelope to every device id of @p recipient in @p devices; @p tag becomes the body.
    std::optional<v1::Frame> sendText(const std::string& recipient, std::uint64_t device,
        const std::string& body, const std::string& messageId);

private:
    void startReader();
    bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);

    net::asio::io_context m_io;
    crypto::X25519KeyPair m_deviceKey;
    std::shared_ptr<net::NoiseConnection> m_connection;
    std::shared_ptr<std::deque<v1::Frame>> m_inbox = std::make_shared<std::deque<v1::Frame>>();
    std::shared_ptr<bool> m_readerDone = std::make_shared<bool>(true);
    std::uint64_t m_nextId = 0;
};

/// A 16-byte message id from a short tag (padded), for readable tests.
std::string messageId(const std::string& tag);

} // namespace palisade::server::test
