#include "server/support/ServerProcess.h"

#include <sodium.h>

#include <QFile>
#include <QTextStream>

#include <csignal>

namespace palisade::server::test {
namespace {
QString serverBinary()
{
    return QStringLiteral(PALISADE_BINARY_DIR "/server/palisade-server");
}
} // namespace

ServerProcess::ServerProcess(const std::map<std::string, std::string>& settings)
{
    // Debugging aid: keep the data directory and server.log after the test.
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("PALISADE_KEEP_TEST_DIR"));
    QByteArray out;
    if (admin({ QStringLiteral("init") }, {}, &out) != 0) {
        return;
    }
    const int at = out.indexOf("public key: ");
    if (at < 0) {
        return;
    }
    const QByteArray b64 = out.mid(at + 12, out.indexOf('\n', at) - at - 12);
    std::size_t length = 0;
    if (sodium_base642bin(m_publicKey.data(), m_publicKey.size(), b64.constData(),
            static_cast<std::size_t>(b64.size()), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL)
            != 0
        || length != 32) {
        return;
    }
    QFile conf(m_dir.path() + QStringLiteral("/server.conf"));
    if (!conf.open(QIODevice::ReadOnly)) {
        return;
    }
    QByteArrayList lines = conf.readAll().split('\n');
    conf.close();
    for (const auto& [key, value] : settings) {
        bool replaced = false;
        for (auto& line : lines) {
            if (line.startsWith(QByteArray::fromStdString(key + " ="))) {
                line = QByteArray::fromStdString(key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            return;
        }
    }
    if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate) || conf.write(lines.join('\n')) < 0) {
        return;
    }
    conf.close();
    m_ready = true;
}

ServerProcess::~ServerProcess()
{
    if (running()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

int ServerProcess::admin(const QStringList& args, const QByteArray& input, QByteArray* output)
{
    QProcess p;
    p.start(serverBinary(), QStringList(args) << QStringLiteral("--data") << m_dir.path());
    if (!p.waitForStarted(10000)) {
        return -1;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        return -1;
    }
    if (output != nullptr) {
        *output = p.readAllStandardOutput();
    }
    m_log += p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool ServerProcess::addUser(const std::string& name, const std::string& password)
{
    return admin({ QStringLiteral("user"), QStringLiteral("add"), QString::fromStdString(name) },
               QByteArray::fromStdString(password + "\n"))
        == 0;
}

bool ServerProcess::start()
{
    m_process.setStandardErrorFile(m_dir.path() + QStringLiteral("/server.log"), QIODevice::Append);
    m_process.start(serverBinary(),
        { QStringLiteral("run"), QStringLiteral("--data"), m_dir.path(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0") });
    if (!m_process.waitForStarted(10000)) {
        return false;
    }
    QByteArray out;
    while (!out.contains('\n')) {
        if (!m_process.waitForReadyRead(10000)) {
            return false;
        }
        out += m_process.readAllStandardOutput();
    }
    const QByteArray line = out.left(out.indexOf('\n'));
    if (!line.startsWith("listening ")) {
        return false;
    }
    m_port = static_cast<std::uint16_t>(line.mid(line.lastIndexOf(':') + 1).toUInt());
    return m_port != 0;
}

int ServerProcess::stop()
{
    if (!running()) {
        return m_process.exitCode();
    }
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ServerProcess::crash()
{
    if (running()) {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
        m_process.waitForFinished(10000);
    }
}

QByteArray ServerProcess::log()
{
    QFile file(m_dir.path() + QStringLiteral("/server.log"));
    return m_log + (file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
}

} // namespace palisade::server::test
