// Connector against real proxies (microsocks, tinyproxy) started by the test, and against
// hostile fake proxies that send bad or truncated replies or never answer.
#include "net/Connector.h"

#include <QtTest>

#include "LoopbackPeers.h"

using namespace palisade::net;
using namespace palisade::net::test;
using Kind = ProxySettings::Kind;

namespace {

/// Connects, then proves the tunnel carries bytes both ways through the echo server.
Awaitable<std::expected<std::string, Error>> connectAndEcho(
    Endpoint server, ProxySettings proxy, std::chrono::milliseconds timeout = std::chrono::seconds { 10 })
{
    auto stream = co_await connectStream(std::move(server), std::move(proxy), timeout);
    if (!stream)
        co_return std::unexpected(stream.error());
    const std::string ping = "palisade-ping";
    boost::system::error_code ec;
    co_await asio::async_write(
        stream->socket, asio::buffer(ping), asio::redirect_error(asio::use_awaitable, ec));
    std::string pong(ping.size(), '\0');
    if (!ec)
        co_await asio::async_read(
            stream->socket, asio::buffer(pong), asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return std::unexpected(Error::IoError);
    co_return pong;
}

ProxySettings proxyAt(Kind kind, std::uint16_t port, std::string user = {}, std::string password = {})
{
    return ProxySettings { kind, Endpoint { "127.0.0.1", port }, std::move(user), std::move(password) };
}

std::vector<std::uint8_t> socksSuccessReply()
{
    return { 0x05, 0x00, 0x00, 0x01, 127, 0, 0, 1, 0x12, 0x34 };
}

} // namespace

class TestConnector : public QObject {
    Q_OBJECT
private slots:
    void direct()
    {
        asio::io_context io;
        EchoServer echo(io);
        auto result = runTask(io, connectAndEcho({ "127.0.0.1", echo.port() }, {}));
        QVERIFY(result && result->has_value());
        QCOMPARE(**result, std::string("palisade-ping"));
    }

    void directRefusedIsConnectFailed()
    {
        asio::io_context io;
        auto result = runTask(io, connectAndEcho({ "127.0.0.1", freeLoopbackPort() }, {}));
        QVERIFY(result && !result->has_value());
        QCOMPARE(result->error(), Error::ConnectFailed);
    }

    void microsocksNoAuthWithRemoteDns()
    {
        auto proxy = ProxyProcess::microsocks();
        QVERIFY2(proxy->running(), qPrintable(proxy->error()));
        asio::io_context io;
        EchoServer echo(io);
        // "localhost" travels as a domain name (ATYP 3): microsocks resolves it, not us.
        auto result
            = runTask(io, connectAndEcho({ "localhost", echo.port() }, proxyAt(Kind::Socks5, proxy->port())));
        QVERIFY(result && result->has_value());
        QCOMPARE(**result, std::string("palisade-ping"));
    }

    void microsocksPassword()
    {
        auto proxy = ProxyProcess::microsocks("alice", "correct horse");
        QVERIFY2(proxy->running(), qPrintable(proxy->error()));
        asio::io_context io;
        EchoServer echo(io);
        auto good = runTask(io,
            connectAndEcho({ "127.0.0.1", echo.port() },
                proxyAt(Kind::Socks5, proxy->port(), "alice", "correct horse")));
        QVERIFY(good && good->has_value());
        auto wrong = runTask(io,
            connectAndEcho(
                { "127.0.0.1", echo.port() }, proxyAt(Kind::Socks5, proxy->port(), "alice", "wrong")));
        QVERIFY(wrong && !wrong->has_value());
        QCOMPARE(wrong->error(), Error::ProxyAuthFailed);
        auto none
            = runTask(io, connectAndEcho({ "127.0.0.1", echo.port() }, proxyAt(Kind::Socks5, proxy->port())));
        QVERIFY(none && !none->has_value());
        QCOMPARE(none->error(), Error::ProxyAuthFailed);
    }

    void tinyproxyConnect()
    {
        auto proxy = ProxyProcess::tinyproxy();
        QVERIFY2(proxy->running(), qPrintable(proxy->error()));
        asio::io_context io;
        EchoServer echo(io);
        auto result = runTask(
            io, connectAndEcho({ "localhost", echo.port() }, proxyAt(Kind::HttpConnect, proxy->port())));
        QVERIFY(result && result->has_value());
        QCOMPARE(**result, std::string("palisade-ping"));
    }

    void tinyproxyBasicAuth()
    {
        auto proxy = ProxyProcess::tinyproxy("alice", "s3cret");
        QVERIFY2(proxy->running(), qPrintable(proxy->error()));
        asio::io_context io;
        EchoServer echo(io);
        auto good = runTask(io,
            connectAndEcho(
                { "127.0.0.1", echo.port() }, proxyAt(Kind::HttpConnect, proxy->port(), "alice", "s3cret")));
        QVERIFY(good && good->has_value());
        auto wrong = runTask(io,
            connectAndEcho(
                { "127.0.0.1", echo.port() }, proxyAt(Kind::HttpConnect, proxy->port(), "alice", "nope")));
        QVERIFY(wrong && !wrong->has_value());
        QCOMPARE(wrong->error(), Error::ProxyAuthFailed);
    }

    void socksRequestCarriesTheNameNotAnAddress()
    {
        asio::io_context io;
        const std::string name = "chat.corp.example";
        const std::size_t requestSize = 4 + 1 + name.size() + 2;
        ScriptedPeer fake(io, { { 3, { 0x05, 0x00 } }, { requestSize, socksSuccessReply() } }, true);
        auto stream = runTask(io, connectStream({ name, 5222 }, proxyAt(Kind::Socks5, fake.port())));
        QVERIFY(stream && stream->has_value());
        const auto& sent = fake.received();
        QCOMPARE(sent.size(), 3 + requestSize);
        QCOMPARE(sent[3 + 3], std::uint8_t { 0x03 }); // ATYP domain name
        QCOMPARE(std::string(
                     sent.begin() + 3 + 5, sent.begin() + 3 + 5 + static_cast<std::ptrdiff_t>(name.size())),
            name);
        QCOMPARE(sent[sent.size() - 2], std::uint8_t { 5222 >> 8 });
        QCOMPARE(sent[sent.size() - 1], std::uint8_t { 5222 & 0xFF });
    }

    void hostileSocks_data()
    {
        QTest::addColumn<QByteArray>("methodReply");
        QTest::addColumn<QByteArray>("connectReply");
        QTest::addColumn<int>("expected");
        const auto e = [](Error error) { return static_cast<int>(error); };
        QTest::newRow("wrong version")
            << QByteArray("\x04\x00", 2) << QByteArray() << e(Error::ProxyProtocol);
        QTest::newRow("no acceptable method")
            << QByteArray("\x05\xff", 2) << QByteArray() << e(Error::ProxyAuthFailed);
        QTest::newRow("method not offered")
            << QByteArray("\x05\x02", 2) << QByteArray() << e(Error::ProxyProtocol);
        QTest::newRow("method reply truncated")
            << QByteArray("\x05", 1) << QByteArray() << e(Error::ProxyProtocol);
        QTest::newRow("connection refused")
            << QByteArray("\x05\x00", 2) << QByteArray("\x05\x05\x00\x01\x00\x00\x00\x00\x00\x00", 10)
            << e(Error::ProxyRefused);
        QTest::newRow("reply truncated")
            << QByteArray("\x05\x00", 2) << QByteArray("\x05\x00\x00\x01\x7f", 5) << e(Error::ProxyProtocol);
        QTest::newRow("bad address type")
            << QByteArray("\x05\x00", 2) << QByteArray("\x05\x00\x00\x09\x00\x00\x00\x00\x00\x00", 10)
            << e(Error::ProxyProtocol);
        QTest::newRow("http spoken to socks")
            << QByteArray("HT", 2) << QByteArray() << e(Error::ProxyProtocol);
    }

    void hostileSocks()
    {
        QFETCH(QByteArray, methodReply);
        QFETCH(QByteArray, connectReply);
        QFETCH(int, expected);
        asio::io_context io;
        std::vector<ScriptStep> steps { { 3, { methodReply.begin(), methodReply.end() } } };
        if (!connectReply.isEmpty())
            steps.push_back({ 4 + 1 + 9 + 2, { connectReply.begin(), connectReply.end() } });
        ScriptedPeer fake(io, steps);
        auto stream = runTask(io, connectStream({ "localhost", 443 }, proxyAt(Kind::Socks5, fake.port())));
        QVERIFY(stream && !stream->has_value());
        QCOMPARE(static_cast<int>(stream->error()), expected);
    }

    void silentProxyTimesOut()
    {
        asio::io_context io;
        ScriptedPeer fake(io, {}, true);
        auto stream = runTask(io,
            connectStream(
                { "localhost", 443 }, proxyAt(Kind::Socks5, fake.port()), std::chrono::milliseconds { 200 }));
        QVERIFY(stream && !stream->has_value());
        QCOMPARE(stream->error(), Error::Timeout);
    }

    void httpKeepsBytesAfterThe200()
    {
        asio::io_context io;
        const std::string request = "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n";
        ScriptedPeer fake(io,
            { { request.size(),
                bytesOf("HTTP/1.1 200 Connection established\r\nVia: x\r\n\r\nSERVER-FIRST") } },
            true);
        auto stream
            = runTask(io, connectStream({ "localhost", 443 }, proxyAt(Kind::HttpConnect, fake.port())));
        QVERIFY(stream && stream->has_value());
        QCOMPARE(std::string(fake.received().begin(), fake.received().end()), request);
        const auto& pending = (*stream)->pending;
        QCOMPARE(std::string(pending.begin(), pending.end()), std::string("SERVER-FIRST"));
    }

    void hostileHttp_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("expected");
        const auto e = [](Error error) { return static_cast<int>(error); };
        QTest::newRow("forbidden") << QByteArray("HTTP/1.1 403 Forbidden\r\n\r\n") << e(Error::ProxyRefused);
        QTest::newRow("auth required")
            << QByteArray("HTTP/1.0 407 Auth\r\n\r\n") << e(Error::ProxyAuthFailed);
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n") << e(Error::ProxyProtocol);
        QTest::newRow("truncated header") << QByteArray("HTTP/1.1 200 OK\r\n") << e(Error::ProxyProtocol);
        QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << e(Error::ProxyProtocol);
        QTest::newRow("endless header")
            << QByteArray("HTTP/1.1 200 OK\r\n") + QByteArray(9000, 'a') << e(Error::ProxyProtocol);
    }

    void hostileHttp()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, expected);
        asio::io_context io;
        const std::string request = "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n";
        ScriptedPeer fake(io, { { request.size(), { reply.begin(), reply.end() } } });
        auto stream
            = runTask(io, connectStream({ "localhost", 443 }, proxyAt(Kind::HttpConnect, fake.port())));
        QVERIFY(stream && !stream->has_value());
        QCOMPARE(static_cast<int>(stream->error()), expected);
    }

    void invalidSettingsRejectedBeforeConnecting()
    {
        asio::io_context io;
        auto noHost = runTask(io, connectStream({ "", 443 }, {}));
        QVERIFY(noHost && !noHost->has_value());
        QCOMPARE(noHost->error(), Error::InvalidArgument);
        ScriptedPeer fake(io, { { 4, { 0x05, 0x02 } } });
        auto longUser = runTask(io,
            connectStream(
                { "localhost", 443 }, proxyAt(Kind::Socks5, fake.port(), std::string(300, 'u'), "p")));
        QVERIFY(longUser && !longUser->has_value());
        QCOMPARE(longUser->error(), Error::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestConnector)
#include "TestConnector.moc"
