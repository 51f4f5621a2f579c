#pragma once
/// @file
/// @brief The engine's state on the network thread: the open profile, the device key, the
/// session, contacts, presence, compliance, outbox sending and the idle lock. Engine (the
/// thread-safe front) forwards every command here; nothing here is thread-safe.

#include "core/contacts/Contacts.h"
#include "core/session/Events.h"
#include "core/session/Outbox.h"
#include "core/session/Service.h"
#include "core/session/Session.h"
#include "storage/KeyStore.h"
#include "storage/PassphraseKeyStore.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace palisade::core {

/// Everything the engine is configured with.
struct EngineConfig {
    std::filesystem::path profileDir; ///< the profile folder (created 0700)
    SessionConfig session;
    std::chrono::milliseconds idleLockAfter { 0 }; ///< policy security.idle_lock_minutes; 0: never
};

/// Makes the KeyStore that opens the profile from what the user typed (the passphrase; empty
/// for a keychain store). Called at open and unlock; the store is destroyed right after.
using KeyStoreFactory = std::function<std::unique_ptr<storage::KeyStore>(crypto::SecureBuffer secret)>;

/// Passphrase key stores over `<profileDir>/profile.key`.
[[nodiscard]] KeyStoreFactory passphraseKeyStores(
    std::filesystem::path profileDir, storage::PassphrasePolicy policy = {});

/// A snapshot for the GUI and tests.
struct EngineStatus {
    bool profileOpen = false; ///< the database is open
    bool locked = false; ///< closed by lock() (or the idle timer) and not unlocked yet
    bool deviceKeyLoaded = false; ///< the device's secret key is in memory
    SessionState state = SessionState::Disconnected;
    std::string username;
    std::size_t outboxItems = 0;
    std::uint32_t reconnectAttempts = 0;
    std::vector<ContactInfo> contacts;
};

class Client {
public:
    using Emit = std::function<void(EngineEvent)>;
    Client(net::asio::io_context& io, EngineConfig config, KeyStoreFactory keys, Emit sink);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    void openProfile(crypto::SecureBuffer secret);
    void enrol(Credentials credentials);
    void connect();
    void disconnect();
    void reconfigure(SessionConfig config);
    void setPresence(v1::PresenceStatus status);
    void activity();
    void lock(bool idle);
    void unlock(crypto::SecureBuffer secret);
    void addService(std::shared_ptr<CoreService> service);
    /// The contacts of the open profile, or nullptr (and a CommandFailed) when closed.
    Contacts* contacts(std::string_view command);
    void lookup(std::string username);
    [[nodiscard]] EngineStatus status() const;
    /// Emits an event on behalf of a service.
    void publish(EngineEvent event);

private:
    struct Open;
    [[nodiscard]] std::expected<void, storage::Error> open(crypto::SecureBuffer secret);
    void close();
    SessionHooks hooks();
    net::Awaitable<void> loggedIn(std::shared_ptr<bool> alive);
    net::Awaitable<void> flushOutbox(std::shared_ptr<bool> alive);
    net::Awaitable<void> sendCompliance(std::shared_ptr<bool> alive);
    net::Awaitable<void> sendPresence(std::shared_ptr<bool> alive);
    void armIdleTimer();

    net::asio::io_context& m_io;
    EngineConfig m_config;
    KeyStoreFactory m_keys;
    Emit m_emit;
    std::unique_ptr<Open> m_open;
    std::vector<std::shared_ptr<CoreService>> m_services;
    std::optional<Credentials> m_credentials;
    net::asio::steady_timer m_idleTimer;
    std::chrono::steady_clock::time_point m_lastActivity;
    v1::PresenceStatus m_presence = v1::PRESENCE_ONLINE;
    std::uint64_t m_strangersDropped = 0; ///< since the last compliance report
    bool m_wantOnline = false;
    bool m_locked = false;
};

} // namespace palisade::core
