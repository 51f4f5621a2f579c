// Integration tests of the client engine's session against the real palisade-server:
// enrolment, wrong password, update required, server key mismatch, compliance report,
// reconnect after a server restart with a persisted outbox, idle lock, no listening socket.
#include "core/EngineHarness.h"
#include "crypto/Init.h"

#include <QtTest>

using namespace palisade;
using namespace palisade::core;
using namespace palisade::core::test;
using namespace palisade::server::test;
using namespace std::chrono_literals;

namespace {

/// Runs `palisade-server run` on a fixed port (a restart on the port the first run had).
class FixedPortServer {
public:
    FixedPortServer(const QString& dataDir, std::uint16_t port)
    {
        m_process.setStandardErrorFile(dataDir + QStringLiteral("/server.log"), QIODevice::Append);
        m_process.start(QStringLiteral(PALISADE_BINARY_DIR "/server/palisade-server"),
            { QStringLiteral("run"), QStringLiteral("--data"), dataDir, QStringLiteral("--listen"),
                QStringLiteral("127.0.0.1:%1").arg(port) });
        m_ready = m_process.waitForStarted(10000) && m_process.waitForReadyRead(10000)
            && m_process.readAllStandardOutput().startsWith("listening ");
    }
    ~FixedPortServer()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    [[nodiscard]] bool ready() const { return m_ready; }

private:
    QProcess m_process;
    bool m_ready = false;
};
/// A loopback port nobody listens on right now.
std::uint16_t freePort()
{
    net::asio::io_context io;
    net::tcp::acceptor probe(io, net::tcp::endpoint(net::asio::ip::make_address("127.0.0.1"), 0));
    return probe.local_endpoint().port();
}

/// True once something accepts TCP connections on 127.0.0.1:@p port.
bool listening(std::uint16_t port)
{
    return QTest::qWaitFor(
        [port] {
            net::asio::io_context io;
            net::tcp::socket socket(io);
            boost::system::error_code ec;
            socket.connect(net::tcp::endpoint(net::asio::ip::make_address("127.0.0.1"), port), ec);
            return !ec;
        },
        10000);
}

/// A proxy process (microsocks or tinyproxy) whose outgoing connections come from 127.0.0.2.
class ProxyProcess {
public:
    explicit ProxyProcess(net::ProxySettings::Kind kind)
        : m_port(freePort())
    {
        if (kind == net::ProxySettings::Kind::Socks5) {
            m_process.start(QStringLiteral("/usr/bin/microsocks"),
                { QStringLiteral("-i"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                    QString::number(m_port), QStringLiteral("-b"), QStringLiteral("127.0.0.2") });
        } else {
            QFile conf(m_dir.filePath(QStringLiteral("tinyproxy.conf")));
            if (!conf.open(QIODevice::WriteOnly)) {
                return;
            }
            conf.write(QStringLiteral("Port %1\nListen 127.0.0.1\nBind 127.0.0.2\nTimeout 60\n"
                                      "Allow 127.0.0.1\nMaxClients 10\nLogLevel Error\n")
                           .arg(m_port)
                           .toUtf8());
            conf.close();
            m_process.start(QStringLiteral("/usr/bin/tinyproxy"),
                { QStringLiteral("-d"), QStringLiteral("-c"), conf.fileName() });
        }
        m_ready = m_process.waitForStarted(5000) && listening(m_port);
    }
    ~ProxyProcess()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    [[nodiscard]] bool ready() const { return m_ready; }
    [[nodiscard]] std::uint16_t port() const { return m_port; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    std::uint16_t m_port = 0;
    bool m_ready = false;
};
} // namespace

class TestCoreSession : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;

private slots:
    void initTestCase()
    {
        QVERIFY(crypto::initialize().has_value());
        m_server = startServer();
        QVERIFY(m_server);
    }

    void enrolThenLogInWithTheDeviceKey()
    {
        EngineHarness alice(configFor(*m_server));
        QVERIFY(alice.open());
        EngineStatus status = alice.status();
        QVERIFY(status.profileOpen);
        QVERIFY(status.deviceKeyLoaded);
        QVERIFY(status.username.empty());
        alice.engine().enrol("alice", secret(alicePassword));
        QVERIFY(alice.waitState(SessionState::Connected));
        QCOMPARE(alice.status().username, std::string("alice"));

        // Later connects use the device key only.
        alice.engine().disconnect();
        QVERIFY(alice.waitState(SessionState::Disconnected));
        alice.engine().connect();
        QVERIFY(alice.waitState(SessionState::Connected));

        // The compliance report reaches the admin's view.
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((m_server->admin({ QStringLiteral("clients") }, {}, &out) == 0
                                     && out.contains("policy=deadbeef01020304")),
            10000);
        QVERIFY(out.contains("os=linux"));
        QVERIFY(out.contains("alice"));

        // No socket of this process listens (the server is another process).
        const auto mine = ownSocketInodes();
        QVERIFY(!mine.empty());
        for (const TcpRow& row : tcpTable()) {
            if (row.state == 0x0A) {
                QVERIFY2(std::find(mine.begin(), mine.end(), row.inode) == mine.end(),
                    "the client process owns a listening socket");
            }
        }
    }

    void throughSocks5AndHttpProxies_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("microsocks") << static_cast<int>(net::ProxySettings::Kind::Socks5);
        QTest::newRow("tinyproxy") << static_cast<int>(net::ProxySettings::Kind::HttpConnect);
    }

    void throughSocks5AndHttpProxies()
    {
        QFETCH(int, kind);
        ProxyProcess proxy(static_cast<net::ProxySettings::Kind>(kind));
        QVERIFY(proxy.ready());
        SessionConfig config = configFor(*m_server);
        config.proxy.kind = static_cast<net::ProxySettings::Kind>(kind);
        config.proxy.proxy = { "127.0.0.1", proxy.port() };
        EngineHarness alice(config);
        QVERIFY(alice.enrol("alice", alicePassword));

        // The client's only connection goes to the proxy, never to the server's port.
        const auto mine = ownSocketInodes();
        bool toProxy = false;
        for (const TcpRow& row : tcpTable()) {
            if (std::find(mine.begin(), mine.end(), row.inode) == mine.end()) {
                continue;
            }
            QVERIFY2(row.remotePort != m_server->port(), "the client connected to the server directly");
            toProxy = toProxy || (row.remotePort == proxy.port() && row.state == 0x01);
        }
        QVERIFY(toProxy);
        // The server's side of the session sees the proxy's address, 127.0.0.2.
        int sessions = 0;
        for (const TcpRow& row : tcpTable()) {
            if (row.localPort == m_server->port() && row.state == 0x01) {
                QCOMPARE(row.remoteAddress, std::string("127.0.0.2"));
                ++sessions;
            }
        }
        QCOMPARE(sessions, 1);
    }

    void wrongPasswordIsBadCredentials()
    {
        EngineHarness bob(configFor(*m_server));
        QVERIFY(bob.open());
        bob.engine().enrol("bob", secret("not bob's password 99"));
        QVERIFY(bob.waitState(SessionState::BadCredentials));
        QTest::qWait(500);
        QCOMPARE(bob.status().state, SessionState::BadCredentials);
        QCOMPARE(bob.status().reconnectAttempts, 0u);
    }

    void updateRequiredIsAStateWithoutRetry()
    {
        auto strict = startServer({ { "min_client_version", "99.0.0" } });
        QVERIFY(strict);
        EngineHarness client(configFor(*strict));
        QVERIFY(client.open());
        client.engine().enrol("alice", secret(alicePassword));
        const auto state = client.waitFor<SessionStateChanged>(
            [](const SessionStateChanged& e) { return e.state == SessionState::UpdateRequired; });
        QVERIFY(state.has_value());
        QVERIFY(state->detail.find("99.0.0") != std::string::npos);
        QTest::qWait(500);
        QCOMPARE(client.status().state, SessionState::UpdateRequired);
        QCOMPARE(client.status().reconnectAttempts, 0u);
    }

    void unpinnedServerKeyIsRefused()
    {
        SessionConfig config = configFor(*m_server);
        config.pinnedKeys = { crypto::x25519::generateKeyPair().publicKey };
        EngineHarness client(config);
        QVERIFY(client.open());
        client.engine().enrol("alice", secret(alicePassword));
        QVERIFY(client.waitState(SessionState::ServerKeyMismatch));
        QTest::qWait(500);
        QCOMPARE(client.status().state, SessionState::ServerKeyMismatch);
        QCOMPARE(client.status().reconnectAttempts, 0u);
    }

    void outboxSurvivesServerAndClientRestart()
    {
        auto started = startServer();
        QVERIFY(started);
        ServerProcess& server = *started;
        const std::uint16_t port = server.port();
        auto alice = std::make_unique<EngineHarness>(configFor(server));
        EngineHarness bob(configFor(server));
        QVERIFY(alice->enrol("alice", alicePassword));
        QVERIFY(bob.enrol("bob", bobPassword));

        // The server goes away: both keep retrying with backoff.
        server.stop();
        QVERIFY(alice->waitState(SessionState::Connecting));
        QVERIFY(bob.waitState(SessionState::Connecting));
        QTRY_VERIFY_WITH_TIMEOUT(alice->status().reconnectAttempts >= 2, 10000);

        // Queued while offline, then the client itself restarts.
        alice->engine().requestContact("bob", "queued while the server was down");
        QTRY_COMPARE_WITH_TIMEOUT(alice->status().outboxItems, std::size_t { 1 }, 5000);
        alice = std::make_unique<EngineHarness>(configFor(server), std::move(alice));
        QVERIFY(alice->open());
        QCOMPARE(alice->status().outboxItems, std::size_t { 1 });

        // The server comes back on the same port: bob reconnects by himself (backoff), then
        // the restarted alice connects and her queued item goes out, once.
        FixedPortServer again(server.dataDir(), port);
        QVERIFY(again.ready());
        QVERIFY(bob.waitState(SessionState::Connected, 20s));
        alice->engine().connect();
        QVERIFY(alice->waitState(SessionState::Connected, 20s));
        QTRY_COMPARE_WITH_TIMEOUT(alice->status().outboxItems, std::size_t { 0 }, 10000);
        const auto request = bob.waitFor<ContactRequestReceived>(
            [](const ContactRequestReceived& e) { return e.username == "alice"; });
        QVERIFY(request.has_value());
        QCOMPARE(request->note, std::string("queued while the server was down"));
        QTest::qWait(500);
        QCOMPARE(bob.count<ContactRequestReceived>(), 0);
        const auto contacts = bob.status().contacts;
        QCOMPARE(contacts.size(), std::size_t { 1 });
        QCOMPARE(contacts.front().state, storage::ContactState::RequestReceived);
    }

    void idleLockWipesAndUnlockRestores()
    {
        EngineHarness alice(configFor(*m_server), 4000ms);
        QVERIFY(alice.open());
        alice.engine().enrol("alice", secret(alicePassword));
        // (a second device of alice: the first one enrolled in another profile above)
        QVERIFY(alice.waitState(SessionState::Connected));
        const auto locked = alice.waitFor<ProfileLocked>({}, 10s);
        QVERIFY(locked.has_value());
        QVERIFY(locked->idle);
        EngineStatus status = alice.status();
        QVERIFY(status.locked);
        QVERIFY(!status.profileOpen);
        QVERIFY(!status.deviceKeyLoaded);
        QCOMPARE(status.state, SessionState::Disconnected);

        // Commands that need the profile fail while locked.
        alice.engine().requestContact("bob", "hello");
        QVERIFY(alice.waitFor<CommandFailed>().has_value());

        // A wrong passphrase keeps it locked.
        alice.engine().unlock(secret("wrong passphrase entirely"));
        const auto failed = alice.waitFor<ProfileFailed>();
        QVERIFY(failed.has_value());
        QCOMPARE(failed->code, storage::ErrorCode::WrongPassphrase);
        QVERIFY(!alice.status().profileOpen);

        alice.engine().unlock(secret(profilePassphrase));
        QVERIFY(alice.waitFor<ProfileOpened>().has_value());
        QVERIFY(alice.waitState(SessionState::Connected));
        status = alice.status();
        QVERIFY(status.profileOpen);
        QVERIFY(status.deviceKeyLoaded);
        QCOMPARE(status.username, std::string("alice"));

        // On demand, with an item queued while offline: it survives the lock.
        alice.engine().reportActivity();
        alice.engine().disconnect();
        QVERIFY(alice.waitState(SessionState::Disconnected));
        alice.engine().requestContact("bob", "kept through the lock");
        QTRY_COMPARE_WITH_TIMEOUT(alice.status().outboxItems, std::size_t { 1 }, 5000);
        alice.engine().lock();
        const auto manual = alice.waitFor<ProfileLocked>();
        QVERIFY(manual.has_value());
        QVERIFY(!manual->idle);
        QVERIFY(!alice.status().deviceKeyLoaded);
        alice.engine().unlock(secret(profilePassphrase));
        QVERIFY(alice.waitFor<ProfileOpened>().has_value());
        QCOMPARE(alice.status().outboxItems, std::size_t { 1 });
        alice.engine().connect();
        QVERIFY(alice.waitState(SessionState::Connected));
        QTRY_COMPARE_WITH_TIMEOUT(alice.status().outboxItems, std::size_t { 0 }, 10000);
    }
};

QTEST_GUILESS_MAIN(TestCoreSession)
#include "TestCoreSession.moc"
