#include "server/ClientPolicy.h"
#include "server/Config.h"
#include "server/Version.h"

#include <QtTest>

using namespace palisade::server;

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void defaultsRoundTrip()
    {
        auto config = parseConfig(defaultConfigText());
        QVERIFY2(config.has_value(), config ? "" : config.error().toString().c_str());
        const Config d;
        QCOMPARE(config->listen.toString(), d.listen.toString());
        QCOMPARE(config->limits.messagesPerSecond, d.limits.messagesPerSecond);
        QCOMPARE(config->limits.lockoutMaxSeconds, d.limits.lockoutMaxSeconds);
        QVERIFY(config->minClientVersion == d.minClientVersion);
    }

    void parsesValues()
    {
        auto config = parseConfig("# comment\n\n listen = [::1]:0 \nmin_client_version=2.3.4\r\n"
                                  "allow_strangers = yes\nlimits.pair_messages_per_second = 0.5\n"
                                  "lockout.threshold = 3\n");
        QVERIFY(config.has_value());
        QCOMPARE(config->listen.host, std::string("::1"));
        QCOMPARE(config->listen.port, std::uint16_t { 0 });
        QCOMPARE(config->listen.toString(), std::string("[::1]:0"));
        QVERIFY((config->minClientVersion == Version { 2, 3, 4 }));
        QVERIFY(config->allowStrangers);
        QCOMPARE(config->limits.pairMessagesPerSecond, 0.5);
        QCOMPARE(config->limits.lockoutThreshold, 3U);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown key") << "listen = 1.2.3.4:5\nfoo = 1\n" << 2 << "unknown key 'foo'";
        QTest::newRow("no equals") << "listen 1.2.3.4:5\n" << 1 << "key = value";
        QTest::newRow("duplicate") << "listen = a:1\nlisten = a:2\n" << 2 << "set twice";
        QTest::newRow("port range") << "listen = a:70000\n" << 1 << "between 0 and 65535";
        QTest::newRow("no port") << "listen = localhost\n" << 1 << "HOST:PORT";
        QTest::newRow("bare ipv6") << "listen = ::1:80\n" << 1 << "[ADDR]:PORT";
        QTest::newRow("negative") << "limits.max_connections = -1\n" << 1 << "whole number";
        QTest::newRow("zero rate") << "limits.messages_per_second = 0\n" << 1 << "greater than 0";
        QTest::newRow("bad bool") << "allow_strangers = maybe\n" << 1 << "true or false";
        QTest::newRow("bad version") << "min_client_version = 1.2\n" << 1 << "version";
        QTest::newRow("lockout order") << "lockout.base_seconds = 100\nlockout.max_seconds = 10\n"
                                       << 0 << "lockout.max_seconds";
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, fragment);
        auto config = parseConfig(text.toStdString());
        QVERIFY(!config.has_value());
        QCOMPARE(config.error().line, line);
        QVERIFY2(config.error().message.find(fragment.toStdString()) != std::string::npos,
            config.error().message.c_str());
    }

    void versions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "1.2.3" << true;
        QTest::newRow("zeros") << "0.0.0" << true;
        QTest::newRow("max") << "65535.0.1" << true;
        QTest::newRow("too big") << "65536.0.1" << false;
        QTest::newRow("two parts") << "1.2" << false;
        QTest::newRow("four parts") << "1.2.3.4" << false;
        QTest::newRow("sign") << "+1.2.3" << false;
        QTest::newRow("empty part") << "1..3" << false;
        QTest::newRow("trailing dot") << "1.2.3." << false;
        QTest::newRow("suffix") << "1.2.3-beta" << false;
    }
    void versions()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(Version::parse(text.toStdString()).has_value(), valid);
    }

    void minimumVersionRule()
    {
        const Version minimum { 1, 4, 0 };
        QVERIFY(meetsMinimum({ 1, 4, 0 }, minimum));
        QVERIFY(meetsMinimum({ 2, 0, 0 }, minimum));
        QVERIFY(!meetsMinimum({ 1, 3, 99 }, minimum));
        QVERIFY(!meetsMinimum({ 0, 9, 0 }, minimum));
    }

    void policyExport()
    {
        PublicKeyBytes key {};
        key[0] = 0xFF;
        auto json = clientPolicyJson("im.example.com:7443", { key }, true);
        QVERIFY(json.has_value());
        QVERIFY(json->find("\"server.address\": \"im.example.com:7443\"") != std::string::npos);
        QVERIFY(
            json->find("\"server.public_keys\": [\"" + publicKeyBase64(key) + "\"]") != std::string::npos);
        QVERIFY(json->find("contacts.allow_strangers") != std::string::npos);
        auto unlocked = clientPolicyJson("im.example.com:7443", { key }, false);
        QVERIFY(unlocked && unlocked->find("contacts.allow_strangers") == std::string::npos);
        QVERIFY(!clientPolicyJson("im.example.com", { key }, false).has_value());
        QVERIFY(!clientPolicyJson("im.example.com:0", { key }, false).has_value());
        QVERIFY(!clientPolicyJson("a\"b:1", { key }, false).has_value());
        QVERIFY(!clientPolicyJson("host:1", {}, false).has_value());
        QCOMPARE(publicKeyBase64(key), std::string("/wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        QCOMPARE(publicKeyFingerprint(key).size(), std::size_t { 39 });
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "TestConfig.moc"
