#pragma once
/// @file
/// @brief What the engine tells the GUI: one value type per event, delivered on the owner
/// thread through EngineEvents::event (see core/Engine.h).

#include "core/session/SessionConfig.h"
#include "net/proto/palisade.pb.h"
#include "storage/Error.h"
#include "storage/Types.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace palisade::core {

/// A contact as the GUI shows it. Texts are plain (see core/contacts/PlainText.h).
struct ContactInfo {
    std::string username;
    storage::ContactState state = storage::ContactState::RequestSent;
    std::string note; ///< the requester's note while a request is pending
};

/// The session changed state; @ref detail is a sentence for people.
struct SessionStateChanged {
    SessionState state = SessionState::Disconnected;
    std::string detail;
    std::chrono::milliseconds retryAfter { 0 }; ///< LockedOut only
};
/// The profile is open (after openProfile() or unlock()).
struct ProfileOpened {
    bool created = false; ///< a new profile was made
    bool enrolled = false; ///< this device already has an account
    std::string username; ///< empty until enrolled
};
/// Opening or unlocking the profile failed; nothing was changed on disk.
struct ProfileFailed {
    storage::ErrorCode code = storage::ErrorCode::Io;
    std::string message;
};
/// The profile was locked: keys wiped, database closed, disconnected.
struct ProfileLocked {
    bool idle = false; ///< locked by the idle timer rather than on demand
};
/// Trust on first use learned the server's key (pinned for this profile from now on).
struct ServerKeyLearned {
    std::string fingerprint; ///< hex of the key, for the user to compare with IT's
};
/// The contact list (after a sync or any change).
struct ContactsChanged {
    std::vector<ContactInfo> contacts;
};
/// Someone asked to become a buddy: only their name and note, as plain text.
struct ContactRequestReceived {
    std::string username;
    std::string note;
};
/// A buddy's presence.
struct PresenceChanged {
    std::string username;
    v1::PresenceStatus status = v1::PRESENCE_OFFLINE;
};
/// Answer to lookup().
struct LookupFinished {
    std::string username;
    bool found = false;
};
/// Something was dropped or refused for safety and written to the security log.
struct SecurityEventRecorded {
    std::string kind; ///< e.g. "stranger_envelope"
    std::string detail; ///< never content
};
/// The server answered a queued item (see Outbox).
struct OutboxItemAnswered {
    std::uint64_t seq = 0;
    std::string kind;
    bool refused = false; ///< the answer was an ErrorReply
    std::string reason; ///< the server's sentence when refused
};
/// A command could not run (not connected, no profile, storage error ...).
struct CommandFailed {
    std::string command;
    std::string reason;
};

using EngineEvent = std::variant<SessionStateChanged, ProfileOpened, ProfileFailed, ProfileLocked,
    ServerKeyLearned, ContactsChanged, ContactRequestReceived, PresenceChanged, LookupFinished,
    SecurityEventRecorded, OutboxItemAnswered, CommandFailed>;

} // namespace palisade::core
