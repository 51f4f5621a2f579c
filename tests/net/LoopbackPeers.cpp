#include "LoopbackPeers.h"

#include <QFile>
#include <QStandardPaths>

#include <thread>

namespace palisade::net::test {
namespace {

using boost::system::error_code;

Awaitable<void> echo(tcp::socket socket)
{
    std::array<std::uint8_t, 4096> buffer {};
    for (;;) {
        error_code ec;
        const std::size_t n = co_await socket.async_read_some(
            asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        co_await asio::async_write(
            socket, asio::buffer(buffer.data(), n), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
    }
}

Awaitable<void> acceptEchoes(tcp::acceptor& acceptor)
{
    for (;;) {
        error_code ec;
        tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        asio::co_spawn(acceptor.get_executor(), echo(std::move(socket)), asio::detached);
    }
}

Awaitable<void> playScript(tcp::acceptor& acceptor, std::vector<ScriptStep> steps, bool hang,
    std::shared_ptr<std::vector<std::uint8_t>> received)
{
    error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return;
    for (const auto& step : steps) {
        std::vector<std::uint8_t> in(step.readBytes);
        co_await asio::async_read(socket, asio::buffer(in), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
        received->insert(received->end(), in.begin(), in.end());
        co_await asio::async_write(
            socket, asio::buffer(step.reply), asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return;
    }
    if (hang) {
        // Say nothing more; keep the socket open until the client gives up.
        std::array<std::uint8_t, 256> sink {};
        while (!ec)
            co_await socket.async_read_some(
                asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
}

tcp::acceptor loopbackAcceptor(asio::io_context& io)
{
    return tcp::acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
}

} // namespace

EchoServer::EchoServer(asio::io_context& io)
    : m_acceptor(loopbackAcceptor(io))
    , m_port(m_acceptor.local_endpoint().port())
{
    asio::co_spawn(io, acceptEchoes(m_acceptor), asio::detached);
}

ScriptedPeer::ScriptedPeer(asio::io_context& io, std::vector<ScriptStep> steps, bool hang)
    : m_acceptor(loopbackAcceptor(io))
    , m_port(m_acceptor.local_endpoint().port())
{
    asio::co_spawn(io, playScript(m_acceptor, std::move(steps), hang, m_received), asio::detached);
}

std::vector<std::uint8_t> bytesOf(std::string_view text)
{
    return { text.begin(), text.end() };
}

std::uint16_t freeLoopbackPort()
{
    asio::io_context io;
    return loopbackAcceptor(io).local_endpoint().port();
}

std::unique_ptr<ProxyProcess> ProxyProcess::microsocks(const std::string& user, const std::string& password)
{
    auto proxy = std::unique_ptr<ProxyProcess>(new ProxyProcess);
    proxy->m_port = freeLoopbackPort();
    QStringList arguments { QStringLiteral("-i"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
        QString::number(proxy->m_port) };
    if (!user.empty())
        arguments << QStringLiteral("-u") << QString::fromStdString(user) << QStringLiteral("-P")
                  << QString::fromStdString(password);
    proxy->start(QStringLiteral("microsocks"), arguments);
    return proxy;
}

std::unique_ptr<ProxyProcess> ProxyProcess::tinyproxy(const std::string& user, const std::string& password)
{
    auto proxy = std::unique_ptr<ProxyProcess>(new ProxyProcess);
    proxy->m_port = freeLoopbackPort();
    QString config
        = QStringLiteral("Port %1\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\nLogLevel Critical\n")
              .arg(proxy->m_port);
    if (!user.empty())
        config += QStringLiteral("BasicAuth %1 %2\n")
                      .arg(QString::fromStdString(user), QString::fromStdString(password));
    const QString path = proxy->m_dir.filePath(QStringLiteral("tinyproxy.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) != config.toUtf8().size()) {
        proxy->m_error = QStringLiteral("cannot write %1").arg(path);
        return proxy;
    }
    file.close();
    proxy->start(QStringLiteral("tinyproxy"), { QStringLiteral("-d"), QStringLiteral("-c"), path });
    return proxy;
}

void ProxyProcess::start(const QString& program, const QStringList& arguments)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        m_error = program + QStringLiteral(" is not installed (scripts/dev setup installs it)");
        return;
    }
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(path, arguments);
    if (!m_process.waitForStarted(5000)) {
        m_error = program + QStringLiteral(" did not start: ") + m_process.errorString();
        return;
    }
    // Wait until it accepts connections (a readiness poll, not a timing assertion).
    asio::io_context io;
    for (int attempt = 0; attempt < 250; ++attempt) {
        tcp::socket probe(io);
        error_code ec;
        probe.connect(tcp::endpoint(asio::ip::address_v4::loopback(), m_port), ec);
        if (!ec) {
            m_running = true;
            return;
        }
        if (m_process.state() != QProcess::Running) {
            m_error = program + QStringLiteral(" exited: ")
                + QString::fromUtf8(m_process.readAllStandardOutput());
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds { 20 });
    }
    m_error = program + QStringLiteral(" never listened on its port");
}

ProxyProcess::~ProxyProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
}

} // namespace palisade::net::test
