#include "net/NoiseConnection.h"

namespace palisade::net {

using boost::system::error_code;

NoiseConnection::NoiseConnection(tcp::socket socket, crypto::noise::TransportCiphers ciphers,
    FrameDecoder decoder, const crypto::blake2b::Digest& handshakeHash,
    const crypto::X25519PublicKey& remoteStaticKey, ConnectionLimits limits)
    : m_socket(std::move(socket))
    , m_ciphers(std::move(ciphers))
    , m_decoder(std::move(decoder))
    , m_handshakeHash(handshakeHash)
    , m_remoteStatic(remoteStaticKey)
    , m_limits(limits)
    , m_idle(m_socket.get_executor())
{
    if (m_limits.rekeyInterval == 0)
        m_limits.rekeyInterval = kRekeyInterval;
    error_code ignored;
    m_socket.set_option(tcp::no_delay(true), ignored);
    // Reads wait for readiness, then read without blocking into a per-thread buffer (receive()).
    m_socket.non_blocking(true, ignored);
}

namespace {

/// The bytes one read takes from a socket: shared by every connection of the thread, since a
/// read copies them into the connection's decoder before anything else runs.
std::span<std::uint8_t> readScratch()
{
    thread_local std::array<std::uint8_t, 64 * 1024> scratch;
    return scratch;
}

} // namespace

NoiseConnection::~NoiseConnection()
{
    *m_alive = false;
    close();
}

Error NoiseConnection::fail(Error error) noexcept
{
    if (!m_error)
        m_error = error;
    error_code ignored;
    m_socket.shutdown(tcp::socket::shutdown_both, ignored);
    m_socket.close(ignored);
    return *m_error;
}

void NoiseConnection::close() noexcept
{
    if (!m_error)
        fail(Error::ConnectionClosed);
}

std::expected<void, Error> NoiseConnection::queue(crypto::ByteView plaintext)
{
    if (m_error)
        return std::unexpected(*m_error);
    if (plaintext.size() > kMaxPlaintextSize)
        return std::unexpected(Error::FrameTooLarge);
    if (m_pending.size() >= m_limits.maxQueuedBytes)
        return std::unexpected(Error::QueueFull);
    const std::size_t at = m_pending.size();
    const std::size_t length = plaintext.size() + crypto::noise::kTagSize;
    m_pending.resize(at + kFrameHeaderSize + length);
    m_pending[at] = static_cast<std::uint8_t>(length >> 8);
    m_pending[at + 1] = static_cast<std::uint8_t>(length & 0xFF);
    const auto written = m_ciphers.send.encryptWithAd(
        {}, plaintext, std::span(m_pending).subspan(at + kFrameHeaderSize, length));
    if (!written) {
        m_pending.resize(at);
        return std::unexpected(fail(Error::IoError));
    }
    if (++m_sent % m_limits.rekeyInterval == 0 && !m_ciphers.send.rekey())
        return std::unexpected(fail(Error::IoError));
    return {};
}

Awaitable<std::expected<void, Error>> NoiseConnection::flush()
{
    if (m_error)
        co_return std::unexpected(*m_error);
    if (m_writing)
        co_return std::expected<void, Error> {};
    m_writing = true;
    const auto alive = m_alive;
    while (!m_pending.empty()) {
        std::swap(m_inFlight, m_pending);
        m_writeStarted = std::chrono::steady_clock::now();
        error_code ec;
        co_await asio::async_write(
            m_socket, asio::buffer(m_inFlight), asio::redirect_error(asio::use_awaitable, ec));
        if (!*alive)
            co_return std::unexpected(Error::ConnectionClosed);
        m_inFlight.clear();
        if (ec) {
            m_writing = false;
            co_return std::unexpected(fail(ec == asio::error::eof || ec == asio::error::broken_pipe
                        || ec == asio::error::connection_reset
                    ? Error::ConnectionClosed
                    : Error::IoError));
        }
    }
    m_writing = false;
    // Idle connections keep no write buffers either.
    std::vector<std::uint8_t>().swap(m_inFlight);
    std::vector<std::uint8_t>().swap(m_pending);
    co_return std::expected<void, Error> {};
}

Awaitable<std::expected<void, Error>> NoiseConnection::send(crypto::ByteView plaintext)
{
    if (auto queued = queue(plaintext); !queued)
        co_return queued;
    co_return co_await flush();
}

Awaitable<std::expected<crypto::Bytes, Error>> NoiseConnection::receive()
{
    for (;;) {
        if (m_error)
            co_return std::unexpected(*m_error);
        auto frame = m_decoder.next();
        if (!frame)
            co_return std::unexpected(fail(frame.error()));
        if (*frame) {
            const auto body = **frame;
            if (body.size() < crypto::noise::kTagSize)
                co_return std::unexpected(fail(Error::DecryptFailed));
            crypto::Bytes plaintext(body.size() - crypto::noise::kTagSize);
            if (!m_ciphers.receive.decryptWithAd({}, body, plaintext))
                co_return std::unexpected(fail(Error::DecryptFailed));
            if (++m_received % m_limits.rekeyInterval == 0 && !m_ciphers.receive.rekey())
                co_return std::unexpected(fail(Error::IoError));
            co_return plaintext;
        }
        // No bytes are held while waiting: an idle connection owns no read buffer.
        if (m_decoder.buffered() == 0)
            m_decoder = FrameDecoder(m_decoder.maxFrame());
        const bool timed = m_limits.idleTimeout.count() > 0;
        if (timed)
            m_idle.arm(m_limits.idleTimeout, [this] { fail(Error::Timeout); });
        error_code ec;
        const auto alive = m_alive;
        co_await m_socket.async_wait(tcp::socket::wait_read, asio::redirect_error(asio::use_awaitable, ec));
        if (!*alive)
            co_return std::unexpected(Error::ConnectionClosed);
        if (timed)
            m_idle.disarm();
        std::size_t n = 0;
        const auto scratch = readScratch();
        if (!ec)
            n = m_socket.read_some(asio::buffer(scratch.data(), scratch.size()), ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again || ec == asio::error::interrupted)
            continue; // spurious readiness
        if (ec) {
            // After an idle expiry fail() already recorded Timeout and returns it.
            co_return std::unexpected(
                fail(ec == asio::error::eof || ec == asio::error::connection_reset ? Error::ConnectionClosed
                                                                                   : Error::IoError));
        }
        m_decoder.feed(scratch.first(n));
    }
}

std::expected<void, Error> NoiseConnection::post(crypto::ByteView plaintext)
{
    if (auto queued = queue(plaintext); !queued)
        return queued;
    if (!m_writing && !m_flushScheduled) {
        m_flushScheduled = true;
        asio::co_spawn(m_socket.get_executor(), flushInBackground(this, m_alive), asio::detached);
    }
    return {};
}

Awaitable<void> NoiseConnection::flushInBackground(NoiseConnection* self, std::shared_ptr<bool> alive)
{
    if (!*alive)
        co_return;
    self->m_flushScheduled = false;
    // A failure is recorded in the connection (closeReason()); nothing else to report to.
    (void)co_await self->flush();
}

std::expected<crypto::Bytes, Error> NoiseConnection::serialize(const v1::Frame& frame)
{
    const std::size_t size = frame.ByteSizeLong();
    if (size > kMaxPlaintextSize)
        return std::unexpected(Error::InvalidMessage);
    crypto::Bytes bytes(size);
    if (!frame.SerializeToArray(bytes.data(), static_cast<int>(size)))
        return std::unexpected(Error::InvalidMessage);
    return bytes;
}

std::expected<void, Error> NoiseConnection::queueFrame(const v1::Frame& frame)
{
    auto bytes = serialize(frame);
    if (!bytes)
        return std::unexpected(bytes.error());
    return queue(*bytes);
}

std::expected<void, Error> NoiseConnection::postFrame(const v1::Frame& frame)
{
    auto bytes = serialize(frame);
    if (!bytes)
        return std::unexpected(bytes.error());
    return post(*bytes);
}

Awaitable<std::expected<void, Error>> NoiseConnection::sendFrame(const v1::Frame& frame)
{
    if (auto queued = queueFrame(frame); !queued)
        co_return queued;
    co_return co_await flush();
}

Awaitable<std::expected<v1::Frame, Error>> NoiseConnection::receiveFrame()
{
    for (;;) {
        auto bytes = co_await receive();
        if (!bytes)
            co_return std::unexpected(bytes.error());
        v1::Frame frame;
        if (!frame.ParseFromArray(bytes->data(), static_cast<int>(bytes->size())))
            co_return std::unexpected(Error::InvalidMessage);
        if (frame.has_ping()) {
            v1::Frame pong;
            pong.set_request_id(frame.request_id());
            pong.mutable_pong()->set_nonce(frame.ping().nonce());
            // QueueFull here means the peer does not read; the next post() reports it.
            (void)postFrame(pong);
            continue;
        }
        if (frame.has_pong())
            continue;
        co_return frame;
    }
}

void NoiseConnection::startKeepalive(std::chrono::milliseconds interval)
{
    asio::co_spawn(m_socket.get_executor(), keepalive(this, m_alive, interval), asio::detached);
}

Awaitable<void> NoiseConnection::keepalive(
    NoiseConnection* self, std::shared_ptr<bool> alive, std::chrono::milliseconds interval)
{
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (std::uint64_t nonce = 1;; ++nonce) {
        timer.expires_after(interval);
        error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !*alive || !self->isOpen())
            co_return;
        v1::Frame ping;
        ping.mutable_ping()->set_nonce(nonce);
        if (auto posted = self->postFrame(ping); !posted && posted.error() != Error::QueueFull)
            co_return;
    }
}

} // namespace palisade::net
