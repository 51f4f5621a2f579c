#pragma once
/// @file
/// @brief The one place where the windows meet the client core: implements Backend over
/// core::Engine (session, contacts, presence, idle lock) and the end-to-end messaging
/// service, and turns engine events into the app's plain records.
///
/// Threading: created and used on the GUI thread. Engine events arrive on the GUI thread
/// through EngineEvents (core/Engine.h). Messaging events are raised on the network thread
/// and re-posted to this object with a queued call (the second documented crossing, until
/// the engine's event variant carries messages). History reads run on the network thread
/// and the GUI thread waits for the page (a few milliseconds).

#include "app/ui/Backend.h"
#include "app/ui/FirstRunDialog.h"
#include "core/policy/EffectivePolicy.h"
#include "core/session/Events.h"

#include <QHash>

#include <filesystem>
#include <memory>

namespace palisade::core {
class Engine;
class MessagingService;
struct CoreContext;
} // namespace palisade::core

namespace palisade::app {

/// GUI thread.
class EngineBridge : public Backend {
    Q_OBJECT
public:
    /// Starts the engine for the profile in @p profileDir under @p policy.
    EngineBridge(std::filesystem::path profileDir, core::EffectivePolicy policy, QObject* parent = nullptr);
    ~EngineBridge() override;

    /// True when the profile folder holds a profile (so this is not the first run).
    [[nodiscard]] bool profileExists() const;
    [[nodiscard]] const core::EffectivePolicy& effectivePolicy() const { return m_policy; }

    /// Opens (or creates) the profile with @p passphrase (empty in keychain mode):
    /// profileOpened() or profileFailed().
    void openProfile(const QString& passphrase);
    /// First run: open the profile and enrol this device with the server.
    void firstRun(const FirstRunAnswers& answers);
    /// Wires @p dialog to this bridge: its sign-in runs firstRun(); session states, the
    /// learned server fingerprint and profile errors are shown in it.
    void attachFirstRun(FirstRunDialog& dialog);
    /// Connects with the device key (after profileOpened with enrolled = true).
    void connectToServer();

    // Backend
    void requestContact(const QString& username, const QString& note) override;
    void acceptContact(const QString& username) override;
    void declineContact(const QString& username) override;
    void blockContact(const QString& username) override;
    void removeContact(const QString& username) override;
    void sendMessage(const QString& username, const QString& text) override;
    HistorySource* history(const QString& username) override;
    void markRead(const QString& username) override;
    QString safetyNumber(const QString& username) override;
    void markVerified(const QString& username) override;
    void acceptIdentityChange(const QString& username) override;
    bool identityChangePending(const QString& username) override;
    void reportActivity() override;
    void lock() override;
    void unlock(const QString& passphrase) override;
    std::vector<PolicyEntry> policy() override;
    void setUserChoice(const QString& key, const QVariant& value) override;

signals:
    void profileOpened(bool enrolled, const QString& username);
    void profileFailed(const QString& reason);
    void serverKeyLearned(const QString& fingerprint);

private:
    class Messaging;
    class NetworkCall;
    class StoreHistory;
    void onEngineEvent(const core::EngineEvent& event);
    /// Shows our own message @p id (as stored) in the conversation with @p username.
    void reloadLatest(const QString& username, qint64 id);
    void withMessaging(std::function<void(core::MessagingService&, core::CoreContext&)> job);

    std::filesystem::path m_profileDir;
    core::EffectivePolicy m_policy;
    std::unique_ptr<core::Engine> m_engine;
    std::shared_ptr<Messaging> m_messaging;
    std::unique_ptr<NetworkCall> m_call;
    QHash<QString, std::shared_ptr<StoreHistory>> m_histories;
    QString m_pendingUsername;
    QString m_pendingPassword;
    QString m_username;
    bool m_locked = false;
    bool m_opened = false; ///< the profile was opened once
};

/// The session settings @p policy gives (server address, pinned keys, trust on first use,
/// proxy); the error names the bad key.
[[nodiscard]] std::expected<core::SessionConfig, QString> sessionConfigFromPolicy(
    const core::EffectivePolicy& policy);

} // namespace palisade::app
