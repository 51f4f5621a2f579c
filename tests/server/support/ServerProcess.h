#pragma once
// The real palisade-server process for integration tests: a fresh data directory, users
// added through the CLI, `run` on an ephemeral loopback port.

#include "crypto/X25519.h"

#include <QProcess>
#include <QTemporaryDir>

#include <map>
#include <optional>
#include <string>

namespace palisade::server::test {

class ServerProcess {
public:
    /// `init` in a temporary directory, then apply @p settings to server.conf.
    explicit ServerProcess(const std::map<std::string, std::string>& settings = {});
    ~ServerProcess();

    [[nodiscard]] bool ready() const { return m_ready; }
    /// Runs `palisade-server <args> --data DIR` with @p input on stdin; returns the exit code.
    int admin(const QStringList& args, const QByteArray& input = {}, QByteArray* output = nullptr);
    bool addUser(const std::string& name, const std::string& password);

    /// `run --listen 127.0.0.1:0`; waits for "listening ...". False when it did not start.
    bool start();
    /// SIGTERM and wait; returns the exit code (-1 when it had to be killed).
    int stop();
    /// SIGKILL (a crash: nothing is drained) and wait. start() again serves the same data.
    void crash();
    /// The server's process id while it runs (0 otherwise).
    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    [[nodiscard]] bool running() const { return m_process.state() == QProcess::Running; }
    [[nodiscard]] std::uint16_t port() const { return m_port; }
    [[nodiscard]] const crypto::X25519PublicKey& publicKey() const { return m_publicKey; }
    [[nodiscard]] QString dataDir() const { return m_dir.path(); }
    /// Everything the server logged on stderr so far.
    QByteArray log();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_log;
    crypto::X25519PublicKey m_publicKey {};
    std::uint16_t m_port = 0;
    bool m_ready = false;
};

} // namespace palisade::server::test
