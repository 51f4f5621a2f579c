#include "core/EngineHarness.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <future>

namespace palisade::core::test {

SessionConfig configFor(const server::test::ServerProcess& server)
{
    SessionConfig config;
    config.server = { "127.0.0.1", server.port() };
    config.pinnedKeys = { server.publicKey() };
    config.deviceName = "test device";
    config.policyDigest = { 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, 0x05 };
    config.backoff = { std::chrono::milliseconds(100), std::chrono::milliseconds(800) };
    config.requestTimeout = std::chrono::seconds(10);
    return config;
}

std::unique_ptr<server::test::ServerProcess> startServer(const std::map<std::string, std::string>& settings)
{
    auto server = std::make_unique<server::test::ServerProcess>(settings);
    if (!server->ready() || !server->addUser("alice", alicePassword) || !server->addUser("bob", bobPassword)
        || !server->addUser("carol", carolPassword) || !server->start()) {
        return nullptr;
    }
    return server;
}

crypto::SecureBuffer secret(const std::string& text)
{
    return crypto::SecureBuffer::copyOf({ reinterpret_cast<const std::uint8_t*>(text.data()), text.size() });
}

std::expected<v1::Frame, net::Error> LinkProbe::request(Engine& engine, v1::Frame frame)
{
    auto promise = std::make_shared<std::promise<std::expected<v1::Frame, net::Error>>>();
    auto future = promise->get_future();
    engine.post([this, promise, frame = std::move(frame)]() mutable {
        if (m_context == nullptr) {
            promise->set_value(std::unexpected(net::Error::ConnectionClosed));
            return;
        }
        net::asio::co_spawn(
            m_context->io,
            [link = &m_context->link, promise, frame = std::move(frame)]() mutable -> net::Awaitable<void> {
                promise->set_value(co_await link->request(std::move(frame)));
            },
            net::asio::detached);
    });
    return future.get();
}

EngineHarness::EngineHarness(SessionConfig config, std::chrono::milliseconds idleLock)
    : m_dir(std::make_unique<QTemporaryDir>())
    , m_profileDir(m_dir->path() + QStringLiteral("/profile"))
{
    start(std::move(config), idleLock);
}

EngineHarness::EngineHarness(SessionConfig config, std::unique_ptr<EngineHarness> previous)
    : m_profileDir(previous->m_profileDir)
{
    previous->m_engine.reset();
    m_dir = std::move(previous->m_dir);
    previous.reset();
    start(std::move(config), {});
}

EngineHarness::~EngineHarness() = default;

void EngineHarness::start(SessionConfig config, std::chrono::milliseconds idleLock)
{
    EngineConfig engineConfig;
    engineConfig.profileDir = m_profileDir.toStdString();
    engineConfig.session = std::move(config);
    engineConfig.idleLockAfter = idleLock;
    storage::PassphrasePolicy policy;
    policy.params = crypto::interactivePasswordParams();
    auto keys = passphraseKeyStores(engineConfig.profileDir, policy);
    m_engine = std::make_unique<Engine>(std::move(engineConfig), std::move(keys));
    QObject::connect(m_engine->events(), &EngineEvents::event, m_engine->events(),
        [this](const EngineEvent& e) { m_events.push_back(e); });
    m_probe = std::make_shared<LinkProbe>();
    m_engine->addService(m_probe);
}

std::shared_ptr<LinkProbe> EngineHarness::probe()
{
    return m_probe;
}

bool EngineHarness::waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
{
    return QTest::qWaitFor(done, static_cast<int>(timeout.count()));
}

bool EngineHarness::open(const std::string& passphrase)
{
    m_engine->openProfile(secret(passphrase));
    return waitFor<ProfileOpened>().has_value();
}

bool EngineHarness::enrol(const std::string& user, const std::string& password)
{
    if (!open()) {
        return false;
    }
    m_engine->enrol(user, secret(password));
    return waitState(SessionState::Connected);
}

bool EngineHarness::waitState(SessionState state, std::chrono::milliseconds timeout)
{
    return waitFor<SessionStateChanged>(
        [state](const SessionStateChanged& e) { return e.state == state; }, timeout)
        .has_value();
}

std::vector<unsigned long> ownSocketInodes()
{
    std::vector<unsigned long> out;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString& name : fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
        const QString target = QFile::symLinkTarget(fds.filePath(name));
        if (target.contains(QStringLiteral("socket:["))) {
            const int open = static_cast<int>(target.indexOf(QLatin1Char('[')));
            out.push_back(target.mid(open + 1, target.size() - open - 2).toULong());
        }
    }
    return out;
}

namespace {
std::string ipv4(const QByteArray& hex)
{
    const std::uint32_t raw = hex.toUInt(nullptr, 16); // little-endian in /proc
    return std::to_string(raw & 0xFF) + "." + std::to_string((raw >> 8) & 0xFF) + "."
        + std::to_string((raw >> 16) & 0xFF) + "." + std::to_string(raw >> 24);
}
} // namespace

std::vector<TcpRow> tcpTable()
{
    std::vector<TcpRow> rows;
    for (const char* path : { "/proc/net/tcp", "/proc/net/tcp6" }) {
        QFile file(QString::fromLatin1(path));
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const bool v4 = QByteArray(path).endsWith("tcp");
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].simplified().split(' ');
            if (f.size() < 10) {
                continue;
            }
            const QList<QByteArray> local = f[1].split(':');
            const QList<QByteArray> remote = f[2].split(':');
            TcpRow row;
            row.localAddress = v4 ? ipv4(local[0]) : local[0].toStdString();
            row.localPort = static_cast<std::uint16_t>(local[1].toUInt(nullptr, 16));
            row.remoteAddress = v4 ? ipv4(remote[0]) : remote[0].toStdString();
            row.remotePort = static_cast<std::uint16_t>(remote[1].toUInt(nullptr, 16));
            row.state = f[3].toInt(nullptr, 16);
            row.inode = f[9].toULong();
            rows.push_back(row);
        }
    }
    return rows;
}

} // namespace palisade::core::test
