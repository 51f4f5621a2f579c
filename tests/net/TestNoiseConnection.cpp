// NoiseConnection and the handshakes over real loopback sockets: IK with a pinned key, XX
// for trust on first use, wrong keys, tampering, replay, truncation, rekeying, limits.
#include "crypto/Init.h"
#include "net/Handshake.h"

#include <QtTest>

#include "LoopbackPeers.h"
#include "NoisePeers.h"

using namespace palisade;
using namespace palisade::net;
using namespace palisade::net::test;

namespace {

using Session = std::expected<ClientSession, Error>;

Awaitable<Session> openSession(std::uint16_t port, const crypto::X25519KeyPair& device,
    std::optional<crypto::X25519PublicKey> serverKey, HandshakeOptions options = {})
{
    // Named arguments: GCC 12 mishandles braced temporaries inside co_await expressions.
    Endpoint server { "127.0.0.1", port };
    ProxySettings direct;
    auto stream = co_await connectStream(std::move(server), std::move(direct));
    if (!stream)
        co_return std::unexpected(stream.error());
    co_return co_await connectClient(std::move(*stream), device, serverKey, makeClientHello(), options);
}

crypto::Bytes message(std::size_t size, std::uint8_t seed)
{
    crypto::Bytes out(size);
    for (std::size_t i = 0; i < size; ++i)
        out[i] = static_cast<std::uint8_t>(seed + i * 7);
    return out;
}

/// Sends @p count messages of varied sizes in batches of @p batch and checks every echo.
Awaitable<std::expected<int, Error>> echoMany(NoiseConnection& connection, int count, int batch)
{
    int verified = 0;
    while (verified < count) {
        const int n = std::min(batch, count - verified);
        for (int i = 0; i < n; ++i) {
            const int index = verified + i;
            const std::size_t size
                = index % 97 == 0 ? kMaxPlaintextSize : static_cast<std::size_t>(index % 300);
            if (auto queued = connection.queue(message(size, static_cast<std::uint8_t>(index))); !queued)
                co_return std::unexpected(queued.error());
        }
        if (auto flushed = co_await connection.flush(); !flushed)
            co_return std::unexpected(flushed.error());
        for (int i = 0; i < n; ++i, ++verified) {
            auto echo = co_await connection.receive();
            if (!echo)
                co_return std::unexpected(echo.error());
            const std::size_t size
                = verified % 97 == 0 ? kMaxPlaintextSize : static_cast<std::size_t>(verified % 300);
            if (*echo != message(size, static_cast<std::uint8_t>(verified)))
                co_return std::unexpected(Error::InvalidMessage);
        }
    }
    co_return verified;
}

Awaitable<std::expected<int, Error>> sessionThenEcho(std::uint16_t port, const crypto::X25519KeyPair& device,
    crypto::X25519PublicKey serverKey, HandshakeOptions options, int count)
{
    auto session = co_await openSession(port, device, serverKey, options);
    if (!session)
        co_return std::unexpected(session.error());
    co_return co_await echoMany(*session->connection, count, 16);
}

/// Opens a session through @p relay, echoes one message, arms the relay, sends another
/// and returns what the client's next receive() reports.
Awaitable<std::expected<crypto::Bytes, Error>> tamperAfterHandshake(std::uint16_t relayPort,
    TamperingRelay& relay, TamperingRelay::Mode mode, const crypto::X25519KeyPair& device,
    crypto::X25519PublicKey serverKey)
{
    auto session = co_await openSession(relayPort, device, serverKey);
    if (!session)
        co_return std::unexpected(session.error());
    auto& connection = *session->connection;
    if (auto sent = co_await connection.send(message(40, 1)); !sent)
        co_return std::unexpected(sent.error());
    if (auto echo = co_await connection.receive(); !echo)
        co_return std::unexpected(echo.error());
    relay.arm(mode);
    if (auto sent = co_await connection.send(message(40, 2)); !sent)
        co_return std::unexpected(sent.error());
    co_return co_await connection.receive();
}

/// Connects raw TCP, writes @p bytes, then waits for the server to hang up.
Awaitable<bool> rawClient(std::uint16_t port, std::vector<std::uint8_t> bytes)
{
    tcp::socket socket(co_await asio::this_coro::executor);
    boost::system::error_code ec;
    co_await socket.async_connect(
        tcp::endpoint(asio::ip::address_v4::loopback(), port), asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return false;
    if (!bytes.empty())
        co_await asio::async_write(
            socket, asio::buffer(bytes), asio::redirect_error(asio::use_awaitable, ec));
    std::array<std::uint8_t, 512> sink {};
    while (!ec)
        co_await socket.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    co_return true;
}

/// Server side of a pair: accepts one client and hands its connection over.
Awaitable<std::shared_ptr<NoiseConnection>> acceptOne(
    tcp::acceptor& acceptor, const crypto::X25519KeyPair& key)
{
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return nullptr;
    auto client = co_await acceptClient(std::move(socket), key, makeServerHello(), false);
    co_return client ? client->connection : nullptr;
}

/// Receives @p count messages and checks their first byte counts up.
Awaitable<int> receiveCounting(NoiseConnection& connection, int count)
{
    int received = 0;
    for (; received < count; ++received) {
        auto message = co_await connection.receive();
        if (!message || message->empty() || (*message)[0] != static_cast<std::uint8_t>(received))
            break;
    }
    co_return received;
}

/// Accepts one IK client with a ServerHello that depends on who connects.
Awaitable<std::optional<AcceptedClient>> acceptEnrolled(
    tcp::acceptor& acceptor, const crypto::X25519KeyPair& key, crypto::X25519PublicKey enrolledDevice)
{
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return std::nullopt;
    ServerHelloProvider provider
        = [enrolledDevice](const v1::ClientHello* hello, const crypto::X25519PublicKey* device) {
              v1::ServerHello reply = makeServerHello();
              reply.set_device_enrolled(
                  hello && hello->client_version() == "0.1.0" && device && *device == enrolledDevice);
              return reply;
          };
    auto client = co_await acceptClient(std::move(socket), key, std::move(provider), false);
    if (!client)
        co_return std::nullopt;
    co_return std::move(*client);
}

/// A Noise echo server on loopback with fresh server and device keys.
struct Loopback {
    explicit Loopback(bool allowXx = false, HandshakeOptions options = {})
        : server(io, serverKey, log, allowXx, options)
    {
    }
    crypto::X25519KeyPair serverKey = crypto::x25519::generateKeyPair();
    crypto::X25519KeyPair device = crypto::x25519::generateKeyPair();
    ServerLog log;
    asio::io_context io;
    NoiseEchoServer server;
};

} // namespace

class TestNoiseConnection : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    void ikHandshakeExchangesHellosAndBindsTheChannel()
    {
        Loopback net;
        auto session = runTask(net.io, openSession(net.server.port(), net.device, net.serverKey.publicKey));
        QVERIFY(session && session->has_value());
        auto& s = **session;
        QCOMPARE(s.pattern, HandshakePattern::IK);
        QCOMPARE(s.hello.protocol_version(), kProtocolVersion);
        QCOMPARE(s.hello.min_client_version(), std::string("0.1.0"));
        QVERIFY(s.connection->remoteStaticKey() == net.serverKey.publicKey);
        auto echoed = runTask(net.io, echoMany(*s.connection, 3, 1));
        QVERIFY(echoed && echoed->has_value());
        QVERIFY(net.log.hello.has_value());
        QCOMPARE(net.log.hello->client_version(), std::string("0.1.0"));
        QVERIFY(*net.log.clientKey == net.device.publicKey);
        QVERIFY(*net.log.handshakeHash == s.connection->handshakeHash());
    }

    void wrongPinnedKeyIsRejected()
    {
        const auto otherKey = crypto::x25519::generateKeyPair();
        Loopback net;
        auto session = runTask(net.io, openSession(net.server.port(), net.device, otherKey.publicKey));
        QVERIFY(session && !session->has_value());
        QCOMPARE(session->error(), Error::HandshakeFailed);
        QCOMPARE(net.log.handshakeErrors, std::vector<Error> { Error::HandshakeFailed });
        QVERIFY(!net.log.hello.has_value());
    }

    void pinnedKeysAreTriedInOrder()
    {
        const auto oldKey = crypto::x25519::generateKeyPair();
        Loopback net;
        const Endpoint at { "127.0.0.1", net.server.port() };
        auto rotated = runTask(net.io,
            connectToServer(at, {}, net.device,
                ServerTrust { { oldKey.publicKey, net.serverKey.publicKey }, false }, makeClientHello()));
        QVERIFY(rotated && rotated->has_value());
        QCOMPARE(net.log.accepted, 2);
        auto untrusted = runTask(net.io,
            connectToServer(
                at, {}, net.device, ServerTrust { { oldKey.publicKey }, true }, makeClientHello()));
        QVERIFY(untrusted && !untrusted->has_value());
        QCOMPARE(untrusted->error(), Error::UntrustedServerKey); // pinned: never falls back to TOFU
        auto nothingTrusted
            = runTask(net.io, connectToServer(at, {}, net.device, ServerTrust {}, makeClientHello()));
        QVERIFY(nothingTrusted && !nothingTrusted->has_value());
        QCOMPARE(nothingTrusted->error(), Error::UntrustedServerKey);
    }

    void xxTrustOnFirstUseOnlyWhenTheServerAllowsIt()
    {
        const auto serverKey = crypto::x25519::generateKeyPair();
        const auto device = crypto::x25519::generateKeyPair();
        ServerLog strictLog, tofuLog;
        asio::io_context io;
        NoiseEchoServer strict(io, serverKey, strictLog, false);
        NoiseEchoServer tofu(io, serverKey, tofuLog, true);
        auto refused = runTask(io, openSession(strict.port(), device, std::nullopt));
        QVERIFY(refused && !refused->has_value());
        QCOMPARE(strictLog.handshakeErrors, std::vector<Error> { Error::HandshakeFailed });
        auto learned = runTask(io,
            connectToServer(
                { "127.0.0.1", tofu.port() }, {}, device, ServerTrust { {}, true }, makeClientHello()));
        QVERIFY(learned && learned->has_value());
        QCOMPARE((*learned)->pattern, HandshakePattern::XX);
        QVERIFY((*learned)->connection->remoteStaticKey() == serverKey.publicKey);
        auto echoed = runTask(io, echoMany(*(*learned)->connection, 5, 5));
        QVERIFY(echoed && echoed->has_value());
        QVERIFY(*tofuLog.clientKey == device.publicKey);
        QCOMPARE(tofuLog.hello->platform(), std::string("linux"));
    }

    void hostileTransport_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("serverSees");
        QTest::newRow("bit flipped") << static_cast<int>(TamperingRelay::Mode::FlipLastByte)
                                     << static_cast<int>(Error::DecryptFailed);
        QTest::newRow("replayed") << static_cast<int>(TamperingRelay::Mode::Duplicate)
                                  << static_cast<int>(Error::DecryptFailed);
        QTest::newRow("truncated") << static_cast<int>(TamperingRelay::Mode::TruncateAndClose)
                                   << static_cast<int>(Error::ConnectionClosed);
    }

    void hostileTransport()
    {
        QFETCH(int, mode);
        QFETCH(int, serverSees);
        Loopback net;
        TamperingRelay relay(net.io, net.server.port());
        auto reply = runTask(net.io,
            tamperAfterHandshake(relay.port(), relay, static_cast<TamperingRelay::Mode>(mode), net.device,
                net.serverKey.publicKey));
        QVERIFY(reply.has_value());
        if (mode == static_cast<int>(TamperingRelay::Mode::Duplicate)) {
            // The first copy is genuine and echoed; the replay then kills the connection.
            QVERIFY(reply->has_value());
        } else {
            QVERIFY(!reply->has_value());
            QCOMPARE(reply->error(), Error::ConnectionClosed);
        }
        net.io.restart();
        net.io.run_for(std::chrono::milliseconds { 200 });
        QCOMPARE(net.log.closeReasons.size(), std::size_t { 1 });
        QCOMPARE(static_cast<int>(net.log.closeReasons[0]), serverSees);
    }

    void garbageAndSilenceBeforeTheHandshake()
    {
        HandshakeOptions quick;
        quick.timeout = std::chrono::milliseconds { 200 };
        Loopback net(true, quick);
        QVERIFY(*runTask(net.io, rawClient(net.server.port(), { 0x00, 0x04, 0x01, 0xde, 0xad, 0xbe })));
        QVERIFY(*runTask(net.io, rawClient(net.server.port(), { 0x00, 0x04, 0x07, 0xde, 0xad, 0xbe })));
        QVERIFY(*runTask(net.io, rawClient(net.server.port(), { 0xff, 0xff, 0x01 })));
        QVERIFY(*runTask(net.io, rawClient(net.server.port(), { 0x00, 0x00 })));
        QVERIFY(*runTask(net.io, rawClient(net.server.port(), {})));
        QCOMPARE(net.log.handshakeErrors,
            (std::vector<Error> { Error::HandshakeFailed, Error::HandshakeFailed, Error::Timeout,
                Error::HandshakeFailed, Error::Timeout }));
    }

    void rekeyInterop()
    {
        HandshakeOptions every3;
        every3.limits.rekeyInterval = 3;
        Loopback net(false, every3);
        auto agreed = runTask(
            net.io, sessionThenEcho(net.server.port(), net.device, net.serverKey.publicKey, every3, 50));
        QVERIFY(agreed && agreed->has_value());
        QCOMPARE(**agreed, 50);
        // A peer that rekeys on another schedule fails at the first rekey: rekeying is real.
        HandshakeOptions every5;
        every5.limits.rekeyInterval = 5;
        auto mismatched = runTask(
            net.io, sessionThenEcho(net.server.port(), net.device, net.serverKey.publicKey, every5, 50));
        QVERIFY(mismatched && !mismatched->has_value());
        QCOMPARE(net.log.closeReasons.back(), Error::DecryptFailed);
    }

    void manyMessagesOfEverySize()
    {
        Loopback net;
        auto result = runTask(
            net.io, sessionThenEcho(net.server.port(), net.device, net.serverKey.publicKey, {}, 5000));
        QVERIFY(result && result->has_value());
        QCOMPARE(**result, 5000);
    }

    void limitsAreEnforced()
    {
        Loopback net;
        HandshakeOptions small;
        small.limits.maxQueuedBytes = 1000;
        auto session
            = runTask(net.io, openSession(net.server.port(), net.device, net.serverKey.publicKey, small));
        QVERIFY(session && session->has_value());
        auto& connection = *(*session)->connection;
        QCOMPARE(connection.queue(message(kMaxPlaintextSize + 1, 0)).error(), Error::FrameTooLarge);
        QVERIFY(connection.queue(message(600, 0)).has_value());
        QVERIFY(connection.queue(message(600, 1)).has_value()); // 1236 bytes now waiting
        QCOMPARE(connection.queue(message(1, 2)).error(), Error::QueueFull);
        QVERIFY(connection.isOpen()); // backpressure is not fatal
        QVERIFY(runTask(net.io, connection.flush())->has_value());
        QCOMPARE(connection.queuedBytes(), std::size_t { 0 });
        QVERIFY(connection.queue(message(1, 2)).has_value());
    }

    void idleTimeoutCloses()
    {
        HandshakeOptions idle;
        idle.limits.idleTimeout = std::chrono::milliseconds { 100 };
        Loopback net(false, idle);
        auto session = runTask(net.io, openSession(net.server.port(), net.device, net.serverKey.publicKey));
        QVERIFY(session && session->has_value());
        auto closed = runTask(net.io, (*session)->connection->receive());
        QVERIFY(closed && !closed->has_value());
        QCOMPARE(closed->error(), Error::ConnectionClosed);
        QCOMPARE(net.log.closeReasons, std::vector<Error> { Error::Timeout });
    }

    void framesRoundTrip()
    {
        Loopback net;
        auto session = runTask(net.io, openSession(net.server.port(), net.device, net.serverKey.publicKey));
        QVERIFY(session && session->has_value());
        auto& connection = *(*session)->connection;
        v1::Frame frame;
        frame.set_request_id(42);
        frame.mutable_send_envelope()->set_recipient("bob");
        frame.mutable_send_envelope()->add_ciphertexts()->set_ciphertext(std::string(100, 'x'));
        QVERIFY(runTask(net.io, connection.sendFrame(frame))->has_value());
        auto back = runTask(net.io, connection.receiveFrame());
        QVERIFY(back && back->has_value());
        QCOMPARE((*back)->request_id(), std::uint64_t { 42 });
        QCOMPARE((*back)->send_envelope().recipient(), std::string("bob"));
        // Bytes that are not a Frame: InvalidMessage, and the connection stays usable.
        const std::vector<std::uint8_t> junk { 0x0a, 0xff };
        QVERIFY(runTask(net.io, connection.send(junk))->has_value());
        auto bad = runTask(net.io, connection.receiveFrame());
        QVERIFY(bad && !bad->has_value());
        QCOMPARE(bad->error(), Error::InvalidMessage);
        QVERIFY(connection.isOpen());
    }
    void postWritesInTheBackgroundAndPushesBackOnASlowReader()
    {
        const auto serverKey = crypto::x25519::generateKeyPair();
        const auto device = crypto::x25519::generateKeyPair();
        asio::io_context io;
        tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
        std::optional<std::shared_ptr<NoiseConnection>> server;
        asio::co_spawn(io, storeResult(acceptOne(acceptor, serverKey), server), asio::detached);
        auto client = runTask(io, openSession(acceptor.local_endpoint().port(), device, serverKey.publicKey));
        QVERIFY(client && client->has_value());
        io.restart();
        for (int i = 0; i < 100 && !server; ++i)
            io.run_one_for(std::chrono::milliseconds { 100 });
        QVERIFY(server && *server);
        auto& pushing = **server;
        // Fire-and-forget pushes arrive complete and in order.
        for (int i = 0; i < 200; ++i)
            QVERIFY(pushing.post(message(1000, static_cast<std::uint8_t>(i))).has_value());
        auto received = runTask(io, receiveCounting(*(*client)->connection, 200));
        QCOMPARE(*received, 200);
        // The client stops reading: the queue fills and post() refuses instead of growing.
        int posted = 0;
        std::expected<void, Error> last;
        while ((last = pushing.post(message(60'000, 0))) && posted < 10'000) {
            ++posted;
            io.restart();
            io.poll();
        }
        QVERIFY2(!last, "a reader that never reads must not absorb unbounded data");
        QCOMPARE(last.error(), Error::QueueFull);
        QVERIFY(pushing.queuedBytes() <= ConnectionLimits {}.maxQueuedBytes + 60'000 + 18);
        QVERIFY(pushing.isOpen());
        pushing.close();
        QCOMPARE(pushing.closeReason(), std::optional<Error> { Error::ConnectionClosed });
        QCOMPARE(pushing.post(message(1, 0)).error(), Error::ConnectionClosed);
    }
    void keepaliveHoldsAQuietConnectionOpen()
    {
        HandshakeOptions idle;
        idle.limits.idleTimeout = std::chrono::milliseconds { 500 };
        Loopback net(false, idle);
        auto quiet = runTask(net.io, openSession(net.server.port(), net.device, net.serverKey.publicKey));
        auto kept = runTask(net.io, openSession(net.server.port(), net.device, net.serverKey.publicKey));
        QVERIFY(quiet && quiet->has_value() && kept && kept->has_value());
        (*kept)->connection->startKeepalive(std::chrono::milliseconds { 50 });
        // The kept connection reads frames: the server echoes each Ping, which the client
        // answers with a Pong, which comes back and is dropped. Nothing reaches the caller.
        std::optional<std::expected<v1::Frame, Error>> surfaced;
        asio::co_spawn(net.io, storeResult((*kept)->connection->receiveFrame(), surfaced), asio::detached);
        net.io.restart();
        net.io.run_for(std::chrono::milliseconds { 1500 });
        QCOMPARE(net.log.closeReasons, std::vector<Error> { Error::Timeout }); // only the quiet one
        QVERIFY((*kept)->connection->isOpen());
        QVERIFY(!surfaced.has_value());
        (*kept)->connection->close();
    }
    void throughRealProxies_data()
    {
        QTest::addColumn<bool>("socks");
        QTest::newRow("microsocks") << true;
        QTest::newRow("tinyproxy") << false;
    }

    void throughRealProxies()
    {
        QFETCH(bool, socks);
        auto proxy = socks ? ProxyProcess::microsocks("alice", "pw") : ProxyProcess::tinyproxy("alice", "pw");
        QVERIFY2(proxy->running(), qPrintable(proxy->error()));
        Loopback net;
        const ProxySettings settings { socks ? ProxySettings::Kind::Socks5 : ProxySettings::Kind::HttpConnect,
            { "127.0.0.1", proxy->port() }, "alice", "pw" };
        auto session = runTask(net.io,
            connectToServer({ "localhost", net.server.port() }, settings, net.device,
                ServerTrust { { net.serverKey.publicKey }, false }, makeClientHello()));
        QVERIFY(session && session->has_value());
        auto echoed = runTask(net.io, echoMany(*(*session)->connection, 100, 10));
        QVERIFY(echoed && echoed->has_value());
        QVERIFY(*net.log.clientKey == net.device.publicKey);
    }
    void serverHelloCanDependOnTheDevice()
    {
        const auto serverKey = crypto::x25519::generateKeyPair();
        const auto enrolled = crypto::x25519::generateKeyPair();
        const auto stranger = crypto::x25519::generateKeyPair();
        for (const auto* device : { &enrolled, &stranger }) {
            asio::io_context io;
            tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
            std::optional<std::optional<AcceptedClient>> accepted;
            asio::co_spawn(io, storeResult(acceptEnrolled(acceptor, serverKey, enrolled.publicKey), accepted),
                asio::detached);
            auto session
                = runTask(io, openSession(acceptor.local_endpoint().port(), *device, serverKey.publicKey));
            QVERIFY(session && session->has_value());
            QCOMPARE((*session)->hello.device_enrolled(), device == &enrolled);
        }
    }
};

QTEST_GUILESS_MAIN(TestNoiseConnection)
#include "TestNoiseConnection.moc"
