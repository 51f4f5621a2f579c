#pragma once
// One client engine in a test: its own temporary profile, every event recorded, helpers that
// wait for states and events while the owner thread's event loop runs.

#include "core/Engine.h"
#include "server/support/ServerProcess.h"

#include <QTemporaryDir>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace palisade::core::test {

inline const std::string profilePassphrase = "correct horse battery staple";
/// The test users' server passwords (the server refuses weak ones).
inline const std::string alicePassword = "my long passphrase 1";
inline const std::string bobPassword = "a good one 42 for him";
inline const std::string carolPassword = "chosen well 7 by her";

/// A started palisade-server (@p settings applied) with alice, bob and carol; null on failure.
std::unique_ptr<server::test::ServerProcess> startServer(
    const std::map<std::string, std::string>& settings = {});

/// Session settings for the real server in @p server (pinned to its key).
SessionConfig configFor(const server::test::ServerProcess& server);

/// A SecureBuffer holding @p text.
crypto::SecureBuffer secret(const std::string& text);

/// Runs a coroutine on the engine's network thread with the services' view of the core.
class LinkProbe final : public CoreService {
public:
    void profileOpened(CoreContext& context) override { m_context = &context; }
    void profileClosing() override { m_context = nullptr; }
    /// ServerLink::request from the network thread; blocks the caller until answered.
    std::expected<v1::Frame, net::Error> request(Engine& engine, v1::Frame frame);

private:
    CoreContext* m_context = nullptr;
};

class EngineHarness {
public:
    explicit EngineHarness(SessionConfig config, std::chrono::milliseconds idleLock = {});
    /// Another engine on the profile of @p previous (a restart of the same client); the
    /// previous engine is destroyed first.
    EngineHarness(SessionConfig config, std::unique_ptr<EngineHarness> previous);
    ~EngineHarness();

    Engine& engine() { return *m_engine; }
    EngineStatus status() { return m_engine->status().get(); }

    /// Opens the profile and waits for ProfileOpened.
    bool open(const std::string& passphrase = profilePassphrase);
    /// open() then enrol and wait for Connected.
    bool enrol(const std::string& user, const std::string& password);
    bool waitState(SessionState state, std::chrono::milliseconds timeout = std::chrono::seconds(15));

    /// Waits for an event of type T matching @p match; the event is consumed.
    template <typename T>
    std::optional<T> waitFor(std::function<bool(const T&)> match = {},
        std::chrono::milliseconds timeout = std::chrono::seconds(15))
    {
        std::optional<T> found;
        waitUntil(
            [&] {
                for (auto it = m_events.begin(); it != m_events.end(); ++it) {
                    if (const T* e = std::get_if<T>(&*it); e != nullptr && (!match || match(*e))) {
                        found = *e;
                        m_events.erase(it);
                        return true;
                    }
                }
                return false;
            },
            timeout);
        return found;
    }
    /// How many recorded (not consumed) events of type T match @p match.
    template <typename T> int count(std::function<bool(const T&)> match = {})
    {
        int n = 0;
        for (const auto& e : m_events) {
            if (const T* t = std::get_if<T>(&e); t != nullptr && (!match || match(*t))) {
                ++n;
            }
        }
        return n;
    }
    std::shared_ptr<LinkProbe> probe();

private:
    bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
    void start(SessionConfig config, std::chrono::milliseconds idleLock);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_profileDir;
    std::unique_ptr<Engine> m_engine;
    std::vector<EngineEvent> m_events;
    std::shared_ptr<LinkProbe> m_probe;
};

/// Inodes of the sockets this process holds open (from /proc/self/fd).
std::vector<unsigned long> ownSocketInodes();
/// One row of /proc/net/tcp or tcp6.
struct TcpRow {
    std::string localAddress; ///< dotted IPv4, or the raw hex for IPv6
    std::uint16_t localPort = 0;
    std::string remoteAddress;
    std::uint16_t remotePort = 0;
    int state = 0; ///< 0x0A LISTEN, 0x01 ESTABLISHED
    unsigned long inode = 0;
};
std::vector<TcpRow> tcpTable();

} // namespace palisade::core::test
