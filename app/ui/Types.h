#pragma once
/// @file
/// @brief Plain presentation records the models and windows show. They mirror what the core
/// engine reports (core/session/Events.h, storage/Types.h); app/EngineBridge.cpp is the only
/// place that converts between the two.

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace palisade::app {

/// A buddy's presence as the server last reported it.
enum class Presence { Offline, Online, Away, Busy };

/// Where a contact stands with us.
enum class ContactKind {
    Buddy, ///< accepted: may write and be written to
    IncomingRequest, ///< asked to become a buddy; waiting for accept / decline / block
    OutgoingRequest, ///< we asked; waiting for them
    Blocked,
};

/// One row of the contact list.
struct ContactRow {
    QString username;
    ContactKind kind = ContactKind::Buddy;
    Presence presence = Presence::Offline;
    int unread = 0;
    QString note; ///< the requester's note (plain text) while a request is pending
    bool verified = false; ///< the safety number was compared and marked verified
};

/// Delivery state of a message, as storage::MessageState.
enum class Delivery { Pending, Sent, Delivered, Read, Failed };

/// One message of a conversation.
struct MessageRow {
    qint64 id = 0; ///< storage row id, unique within the profile
    bool outgoing = false;
    Delivery delivery = Delivery::Pending;
    QString body; ///< shown as plain text only
    QDateTime sentAt;
};

/// A position in the history (the (sentAt, id) keyset of storage::MessageStore::latest).
struct HistoryCursor {
    qint64 sentAtMs = 0;
    qint64 id = 0;
};

/// Where the connection to the corporate server stands (mirrors core::SessionState).
enum class SessionStatus {
    Disconnected,
    Connecting,
    Connected,
    EnrolmentNeeded,
    UpdateRequired,
    ServerKeyMismatch,
    LockedOut,
    BadCredentials,
    Disabled,
    Unreachable, ///< the last attempt could not reach the server (still retrying)
};

/// How much a desktop notification may show (policy `notifications.preview`).
enum class PreviewLevel { Full, Sender, None };

/// One effective policy value, as the settings pages show it.
struct PolicyEntry {
    enum class Type { Bool, Int, Text, Choice, List };
    QString key; ///< e.g. "notifications.preview"
    QString group; ///< first part of the key: "notifications"
    Type type = Type::Text;
    QVariant value; ///< bool, qlonglong, QString or QStringList
    QStringList choices; ///< allowed values of a Choice
    QString source; ///< "managed", "user", "recommended", "default"
    QString origin; ///< the file or registry key it came from
    bool locked = false; ///< set by the organisation: the user cannot change it
    bool userFacing = false; ///< shown on the ordinary settings pages
};

/// Displays @p value of an entry as one line ("true", "5", "a, b").
[[nodiscard]] QString policyValueText(const PolicyEntry& entry);

} // namespace palisade::app
