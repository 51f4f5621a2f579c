#pragma once
/// @file
/// @brief Loopback helpers for the net/ tests: run a coroutine to completion, an echo
/// server, a scripted (hostile) peer, and real proxy processes started as children.

#include "net/Asio.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace palisade::net::test {

template <typename T> Awaitable<void> storeResult(Awaitable<T> task, std::optional<T>& out)
{
    out.emplace(co_await std::move(task));
}

/// Runs @p task on @p io until it finishes (or 30 s pass: then std::nullopt).
template <typename T> std::optional<T> runTask(asio::io_context& io, Awaitable<T> task)
{
    std::optional<T> result;
    asio::co_spawn(io, storeResult(std::move(task), result), [&io](std::exception_ptr) { io.stop(); });
    io.restart();
    io.run_for(std::chrono::seconds { 30 });
    return result;
}

/// Accepts connections on 127.0.0.1 and echoes every byte back.
class EchoServer {
public:
    explicit EchoServer(asio::io_context& io);
    [[nodiscard]] std::uint16_t port() const { return m_port; }

private:
    tcp::acceptor m_acceptor;
    std::uint16_t m_port;
};

/// One step of a scripted peer: read exactly @p readBytes (recorded), then write @p reply.
struct ScriptStep {
    std::size_t readBytes = 0;
    std::vector<std::uint8_t> reply;
};

/// Accepts one connection, plays the steps, then closes (or, with @p hang, stays silent).
class ScriptedPeer {
public:
    ScriptedPeer(asio::io_context& io, std::vector<ScriptStep> steps, bool hang = false);
    [[nodiscard]] std::uint16_t port() const { return m_port; }
    /// Everything the client sent, in order.
    [[nodiscard]] const std::vector<std::uint8_t>& received() const { return *m_received; }

private:
    tcp::acceptor m_acceptor;
    std::uint16_t m_port;
    std::shared_ptr<std::vector<std::uint8_t>> m_received = std::make_shared<std::vector<std::uint8_t>>();
};

std::vector<std::uint8_t> bytesOf(std::string_view text);

/// A loopback port that was free a moment ago (for child processes that need a number).
std::uint16_t freeLoopbackPort();

/// A real proxy (microsocks or tinyproxy) running as a child process on a loopback port.
class ProxyProcess {
public:
    /// microsocks, with user/password authentication when @p user is not empty.
    static std::unique_ptr<ProxyProcess> microsocks(
        const std::string& user = {}, const std::string& password = {});
    /// tinyproxy with a generated config, Basic auth when @p user is not empty.
    static std::unique_ptr<ProxyProcess> tinyproxy(
        const std::string& user = {}, const std::string& password = {});
    ~ProxyProcess();

    /// False when the program is missing or never started listening; see error().
    [[nodiscard]] bool running() const { return m_running; }
    [[nodiscard]] std::uint16_t port() const { return m_port; }
    [[nodiscard]] QString error() const { return m_error; }

private:
    void start(const QString& program, const QStringList& arguments);
    QProcess m_process;
    QTemporaryDir m_dir;
    std::uint16_t m_port = 0;
    bool m_running = false;
    QString m_error;
};

} // namespace palisade::net::test
