#include "core/ProxySetting.h"

#include <QtTest>

using namespace palisade::core;
using Kind = palisade::net::ProxySettings::Kind;

class TestProxySetting : public QObject {
    Q_OBJECT
private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        const int none = static_cast<int>(ProxyChoice::Mode::None);
        const int system = static_cast<int>(ProxyChoice::Mode::System);
        const int explicitMode = static_cast<int>(ProxyChoice::Mode::Explicit);
        const int direct = static_cast<int>(Kind::Direct);
        const int socks = static_cast<int>(Kind::Socks5);
        const int http = static_cast<int>(Kind::HttpConnect);
        QTest::newRow("none") << "none" << none << direct << "" << 0 << ""
                              << "";
        QTest::newRow("system") << "system" << system << direct << "" << 0 << ""
                                << "";
        QTest::newRow("socks") << "socks5://proxy.corp:1080" << explicitMode << socks << "proxy.corp" << 1080
                               << ""
                               << "";
        QTest::newRow("socks auth") << "socks5://alice:s3cret@10.0.0.5:1080/" << explicitMode << socks
                                    << "10.0.0.5" << 1080 << "alice"
                                    << "s3cret";
        QTest::newRow("http encoded") << "http://bob%40corp:p%3Ass%40@[fd00::2]:3128" << explicitMode << http
                                      << "fd00::2" << 3128 << "bob@corp"
                                      << "p:ss@";
        QTest::newRow("http user only")
            << "http://carol@proxy:8080" << explicitMode << http << "proxy" << 8080 << "carol"
            << "";
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(int, mode);
        QFETCH(int, kind);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, user);
        QFETCH(QString, password);
        const auto choice = parseProxySetting(text.toStdString());
        QVERIFY(choice);
        QCOMPARE(static_cast<int>(choice->mode), mode);
        QCOMPARE(static_cast<int>(choice->proxy.kind), kind);
        QCOMPARE(QString::fromStdString(choice->proxy.proxy.host), host);
        QCOMPARE(static_cast<int>(choice->proxy.proxy.port), port);
        QCOMPARE(QString::fromStdString(choice->proxy.username), user);
        QCOMPARE(QString::fromStdString(choice->proxy.password), password);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* bad : { "", "None", "direct", "socks4://p:1080", "https://p:443", "socks5://p",
                 "socks5://p:0", "socks5://p:99999", "http://p:80/path", "http://p:80?x=1",
                 "socks5://:pw@p:1080", "socks5://u:%zz@p:1080", "socks5://u:%4@p:1080",
                 "http://fd00::2:3128", "socks5://bad host:1" }) {
            QTest::newRow(bad) << QString::fromLatin1(bad);
        }
    }
    void refuses()
    {
        QFETCH(QString, text);
        const auto choice = parseProxySetting(text.toStdString());
        QVERIFY(!choice);
        QVERIFY(!choice.error().empty());
    }

    void errorsAndRedactionHidePasswords()
    {
        const std::string bad = "socks5://alice:TopSecret@proxy.corp:notaport";
        const auto choice = parseProxySetting(bad);
        QVERIFY(!choice);
        QVERIFY(choice.error().find("TopSecret") == std::string::npos);
        QCOMPARE(redactProxySetting("socks5://alice:TopSecret@proxy.corp:1080"),
            std::string("socks5://alice:***@proxy.corp:1080"));
        QCOMPARE(
            redactProxySetting("http://alice@proxy.corp:1080"), std::string("http://alice@proxy.corp:1080"));
        QCOMPARE(redactProxySetting("system"), std::string("system"));
        QCOMPARE(redactProxySetting(bad), std::string("(invalid)"));
    }

    void resolvesNoneAndExplicit()
    {
        const palisade::net::Endpoint server { "im.example.com", 7443 };
        auto direct = resolveProxy(*parseProxySetting("none"), server);
        QVERIFY(direct);
        QCOMPARE(direct->kind, Kind::Direct);
        auto socks = resolveProxy(*parseProxySetting("socks5://u:p@proxy:1080"), server);
        QVERIFY(socks);
        QCOMPARE(socks->kind, Kind::Socks5);
        QCOMPARE(socks->proxy.host, std::string("proxy"));
        QCOMPARE(socks->password, std::string("p"));
    }

    void resolvesSystemProxyFromTheEnvironment()
    {
        // With no desktop proxy configuration, Qt (and libproxy) follow the environment.
        qputenv("http_proxy", "http://sysproxy.corp:3128");
        const palisade::net::Endpoint server { "im.example.com", 7443 };
        const auto proxy = resolveProxy(*parseProxySetting("system"), server);
        qunsetenv("http_proxy");
        QVERIFY(proxy);
        QCOMPARE(proxy->kind, Kind::HttpConnect);
        QCOMPARE(proxy->proxy.host, std::string("sysproxy.corp"));
        QCOMPARE(proxy->proxy.port, std::uint16_t { 3128 });
        const auto none = resolveProxy(*parseProxySetting("system"), server);
        QVERIFY(none);
        QCOMPARE(none->kind, Kind::Direct);
    }
};

QTEST_GUILESS_MAIN(TestProxySetting)
#include "TestProxySetting.moc"
