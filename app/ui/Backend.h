#pragma once
/// @file
/// @brief What the windows may ask of the client core, and what they hear back. The app's
/// implementation is app/EngineBridge (the only code that touches the core engine); tests
/// implement it with a recording fake. Every decision (may this contact write, is this
/// passphrase right, what does policy allow) is taken behind this interface, not in widgets.

#include "app/ui/HistorySource.h"
#include "app/ui/Types.h"

#include <QObject>

#include <chrono>
#include <vector>

namespace palisade::app {

/// GUI thread. Commands return at once; results arrive as signals.
class Backend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Contacts.
    virtual void requestContact(const QString& username, const QString& note) = 0;
    virtual void acceptContact(const QString& username) = 0;
    virtual void declineContact(const QString& username) = 0;
    virtual void blockContact(const QString& username) = 0;
    virtual void removeContact(const QString& username) = 0;

    // Conversations.
    virtual void sendMessage(const QString& username, const QString& text) = 0;
    /// The stored history with @p username (valid until the next call or contactsChanged).
    [[nodiscard]] virtual HistorySource* history(const QString& username) = 0;
    /// The user read the conversation up to now.
    virtual void markRead(const QString& username) = 0;

    // Identity.
    /// The safety number shared with @p username, in groups of digits; empty when unknown.
    [[nodiscard]] virtual QString safetyNumber(const QString& username) = 0;
    virtual void markVerified(const QString& username) = 0;
    /// The user accepted @p username's new identity key; sending is allowed again.
    virtual void acceptIdentityChange(const QString& username) = 0;
    /// True while @p username's identity changed and the user has not accepted it.
    [[nodiscard]] virtual bool identityChangePending(const QString& username) = 0;

    // Lock.
    virtual void reportActivity() = 0;
    virtual void lock() = 0;
    /// Unlocks with @p passphrase (the caller clears its copy): unlocked() or unlockFailed().
    virtual void unlock(const QString& passphrase) = 0;

    // Policy.
    /// Every effective policy value, in key order.
    [[nodiscard]] virtual std::vector<PolicyEntry> policy() = 0;
    /// The user's choice for an unlocked key; the core refuses locked keys (policyChanged
    /// reports the outcome either way).
    virtual void setUserChoice(const QString& key, const QVariant& value) = 0;

signals:
    void sessionChanged(
        palisade::app::SessionStatus status, const QString& detail, std::chrono::seconds retryAfter);
    void contactsChanged(const std::vector<palisade::app::ContactRow>& contacts);
    void presenceChanged(const QString& username, palisade::app::Presence presence);
    /// A message was received from @p username (or sent by us from another window).
    void messageAdded(const QString& username, const palisade::app::MessageRow& message);
    void deliveryChanged(const QString& username, qint64 id, palisade::app::Delivery delivery);
    void unreadChanged(const QString& username, int unread);
    /// @p username's identity key changed; sending is held until acceptIdentityChange().
    void identityChanged(const QString& username);
    void locked(bool idle);
    void unlocked();
    void unlockFailed(const QString& reason);
    void policyChanged();
    /// A command failed; @p reason is a sentence for people.
    void commandFailed(const QString& reason);
};

} // namespace palisade::app
