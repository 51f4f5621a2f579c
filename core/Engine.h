#pragma once
/// @file
/// @brief The client engine's front: a thread-safe command API for the GUI and an event
/// stream delivered on the owner (GUI) thread.
///
/// Threading (docs/ARCHITECTURE.md, "Client engine"): the engine starts one network thread
/// that runs an io_context and owns ALL core state (profile, keys, session, contacts,
/// outbox). Each command below only posts a job to that thread and returns at once. Events
/// cross back exactly once: the network thread calls QMetaObject::invokeMethod(events(), ...,
/// Qt::QueuedConnection), so EngineEvents::event is emitted on the thread that created the
/// engine. Both sides assert their thread.

#include "core/session/Client.h"
#include "core/session/Events.h"

#include <QObject>

#include <future>
#include <memory>
#include <thread>

namespace palisade::core {

/// Lives on the owner thread; connect to its signal.
class EngineEvents : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
signals:
    /// One engine event (std::visit it). Emitted on the owner thread only.
    void event(const palisade::core::EngineEvent& event);
};

class Engine {
public:
    /// Starts the network thread. Create it on the owner (GUI) thread; @p keys makes the
    /// profile's KeyStore (passphraseKeyStores() or a keychain store).
    Engine(EngineConfig config, KeyStoreFactory keys);
    /// Closes the profile (wiping keys) and joins the network thread.
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// The event stream (owner thread).
    [[nodiscard]] EngineEvents* events() const noexcept { return m_events.get(); }

    // Profile and session. Results arrive as events.
    /// Opens (or on first run creates) the profile with the passphrase: ProfileOpened or ProfileFailed.
    void openProfile(crypto::SecureBuffer passphrase);
    /// First login of this device: enrol with username + password, then stay connected.
    void enrol(std::string username, crypto::SecureBuffer password);
    /// Connect with the device key and keep reconnecting until disconnect().
    void connect();
    void disconnect();
    /// New server settings (from policy); reconnects when connected.
    void reconfigure(SessionConfig config);

    // Contacts and presence.
    void requestContact(std::string username, std::string note);
    void acceptContact(std::string username);
    void declineContact(std::string username);
    void removeContact(std::string username);
    void blockContact(std::string username);
    void unblockContact(std::string username);
    /// Exact-username lookup: LookupFinished.
    void lookup(std::string username);
    void setPresence(v1::PresenceStatus status);

    // Idle lock.
    /// The user did something (key press, mouse): restarts the idle timer.
    void reportActivity();
    /// Wipe keys, close the database, disconnect: ProfileLocked.
    void lock();
    /// Reopen with the passphrase and reconnect when the session was wanted: ProfileOpened.
    void unlock(crypto::SecureBuffer passphrase);

    /// A snapshot of the core state, computed on the network thread.
    [[nodiscard]] std::future<EngineStatus> status();

    // For services (the end-to-end and file services run on the network thread).
    /// Adds @p service; it is told about the profile opening, logins and closing.
    void addService(std::shared_ptr<CoreService> service);
    /// Runs @p job on the network thread.
    void post(std::function<void()> job);

private:
    void onNetworkThread(std::function<void(Client&)> job);
    void deliver(EngineEvent event);

    std::unique_ptr<EngineEvents> m_events;
    net::asio::io_context m_io;
    std::optional<net::asio::executor_work_guard<net::asio::io_context::executor_type>> m_work;
    std::unique_ptr<Client> m_client; ///< touched on the network thread only
    std::thread m_thread;
    std::thread::id m_networkThread;
};

} // namespace palisade::core

Q_DECLARE_METATYPE(palisade::core::EngineEvent)
