// Byte-exact SOCKS5 / HTTP CONNECT messages and reply parsing, plus the reconnect backoff.
#include "crypto/Init.h"
#include "net/Backoff.h"
#include "net/ProxyProtocol.h"

#include <QtTest>

#include <set>

using namespace palisade::net;
using namespace palisade::net::proxy;

namespace {
std::span<const std::uint8_t> asBytes(std::string_view text)
{
    return { reinterpret_cast<const std::uint8_t*>(text.data()), text.size() };
}
} // namespace

class TestProxyProtocol : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }

    void socksGreetings()
    {
        QCOMPARE(socksGreeting(false), (std::vector<std::uint8_t> { 5, 1, 0 }));
        QCOMPARE(socksGreeting(true), (std::vector<std::uint8_t> { 5, 2, 0, 2 }));
    }

    void socksConnectRequests()
    {
        QCOMPARE(*socksConnectRequest("10.1.2.3", 443),
            (std::vector<std::uint8_t> { 5, 1, 0, 1, 10, 1, 2, 3, 1, 0xBB }));
        const auto v6 = *socksConnectRequest("::1", 80);
        QCOMPARE(v6.size(), std::size_t { 4 + 16 + 2 });
        QCOMPARE(v6[3], std::uint8_t { 4 });
        QCOMPARE(*socksConnectRequest("a.b", 1),
            (std::vector<std::uint8_t> { 5, 1, 0, 3, 3, 'a', '.', 'b', 0, 1 }));
        QCOMPARE(socksConnectRequest("", 1).error(), Error::InvalidArgument);
        QCOMPARE(socksConnectRequest(std::string(256, 'a'), 1).error(), Error::InvalidArgument);
        QCOMPARE(socksConnectRequest("a b", 1).error(), Error::InvalidArgument);
        QCOMPARE(socksConnectRequest("a.b", 0).error(), Error::InvalidArgument);
    }

    void socksPassword()
    {
        QCOMPARE(*socksPasswordRequest("u", "pw"), (std::vector<std::uint8_t> { 1, 1, 'u', 2, 'p', 'w' }));
        QCOMPARE(socksPasswordRequest("", "pw").error(), Error::InvalidArgument);
        QCOMPARE(socksPasswordRequest("u", std::string(256, 'p')).error(), Error::InvalidArgument);
        const std::vector<std::uint8_t> ok { 1, 0 }, denied { 1, 1 }, junk { 5, 0 };
        QVERIFY(parseSocksPasswordStatus(ok).has_value());
        QCOMPARE(parseSocksPasswordStatus(denied).error(), Error::ProxyAuthFailed);
        QCOMPARE(parseSocksPasswordStatus(junk).error(), Error::ProxyProtocol);
    }

    void socksReplyLengths()
    {
        const std::vector<std::uint8_t> v4 { 5, 0, 0, 1, 9 }, name { 5, 0, 0, 3, 7 }, v6 { 5, 0, 0, 4, 0 };
        QCOMPARE(*socksReplyLength(v4), std::size_t { 10 });
        QCOMPARE(*socksReplyLength(name), std::size_t { 4 + 1 + 7 + 2 });
        QCOMPARE(*socksReplyLength(v6), std::size_t { 22 });
        const std::vector<std::uint8_t> refused { 5, 2, 0, 1, 0 }, unknownCode { 5, 0x42, 0, 1, 0 },
            emptyName { 5, 0, 0, 3, 0 }, badRsv { 5, 0, 1, 1, 0 };
        QCOMPARE(socksReplyLength(refused).error(), Error::ProxyRefused);
        QCOMPARE(socksReplyLength(unknownCode).error(), Error::ProxyProtocol);
        QCOMPARE(socksReplyLength(emptyName).error(), Error::ProxyProtocol);
        QCOMPARE(socksReplyLength(badRsv).error(), Error::ProxyProtocol);
    }

    void httpRequests()
    {
        QCOMPARE(*httpConnectRequest("chat.corp", 443, "", ""),
            std::string("CONNECT chat.corp:443 HTTP/1.1\r\nHost: chat.corp:443\r\n\r\n"));
        // RFC 7617 example credentials.
        QCOMPARE(*httpConnectRequest("::1", 8443, "Aladdin", "open sesame"),
            std::string("CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n"
                        "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n"));
        QCOMPARE(httpConnectRequest("a\r\nb", 1, "", "").error(), Error::InvalidArgument);
        QCOMPARE(httpConnectRequest("a", 1, "x:y", "p").error(), Error::InvalidArgument);
        QCOMPARE(httpConnectRequest("a", 1, "u", "p\r\nX: y").error(), Error::InvalidArgument);
    }

    void httpResponses()
    {
        QCOMPARE(**parseHttpConnectResponse(asBytes("HTTP/1.1 200 OK\r\n\r\nrest")), std::size_t { 19 });
        QCOMPARE(**parseHttpConnectResponse(asBytes("HTTP/1.0 200\r\n\r\n")), std::size_t { 16 });
        QVERIFY(!*parseHttpConnectResponse(asBytes("HTTP/1.1 200 OK\r\n")));
        QVERIFY(!*parseHttpConnectResponse(asBytes("HTT")));
        QCOMPARE(parseHttpConnectResponse(asBytes("HTTX")).error(), Error::ProxyProtocol);
        QCOMPARE(parseHttpConnectResponse(asBytes("HTTP/1.1 407 A\r\n\r\n")).error(), Error::ProxyAuthFailed);
        QCOMPARE(parseHttpConnectResponse(asBytes("HTTP/1.0 401 A\r\n\r\n")).error(), Error::ProxyAuthFailed);
        QCOMPARE(parseHttpConnectResponse(asBytes("HTTP/1.1 502 B\r\n\r\n")).error(), Error::ProxyRefused);
        QCOMPARE(parseHttpConnectResponse(asBytes("HTTP/1.1 2000 B\r\n\r\n")).error(), Error::ProxyProtocol);
        QCOMPARE(parseHttpConnectResponse(asBytes("HTTP/1.1 -20 B\r\n\r\n")).error(), Error::ProxyProtocol);
        QCOMPARE(parseHttpConnectResponse(asBytes("HTTP/1.1 20\r\n\r\n")).error(), Error::ProxyProtocol);
    }

    void backoffGrowsWithJitterAndCaps()
    {
        using namespace std::chrono_literals;
        Backoff backoff({ 100ms, 1000ms });
        const std::vector<std::chrono::milliseconds> bases { 100ms, 200ms, 400ms, 800ms, 1000ms, 1000ms };
        for (const auto base : bases) {
            const auto delay = backoff.next();
            QVERIFY2(delay >= base / 2 && delay <= base, qPrintable(QString::number(delay.count())));
        }
        QCOMPARE(backoff.attempts(), std::uint32_t { 6 });
        backoff.reset();
        QCOMPARE(backoff.attempts(), std::uint32_t { 0 });
        QVERIFY(backoff.next() <= 100ms);
        // Draws from randombytes: 64 draws of [500, 1000] are not all equal.
        std::set<long long> distinct;
        for (int i = 0; i < 64; ++i) {
            Backoff b({ 1000ms, 1000ms });
            distinct.insert(b.next().count());
        }
        QVERIFY(distinct.size() > 1);
    }
};

QTEST_GUILESS_MAIN(TestProxyProtocol)
#include "TestProxyProtocol.moc"
