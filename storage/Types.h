#pragma once
/// @file
/// @brief Identifiers and records of the client stores.

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace palisade::storage {

/// A strongly typed row id, so a contact id cannot be passed where a message id is meant.
template <typename Tag> struct RowId {
    std::int64_t value = 0;
    friend auto operator<=>(const RowId&, const RowId&) = default;
};
using ContactId = RowId<struct ContactTag>;
using ConversationId = RowId<struct ConversationTag>;
using MessageId = RowId<struct MessageTag>;

/// Milliseconds since the Unix epoch (UTC).
using Timestamp = std::int64_t;

enum class Direction : std::uint8_t { Incoming = 0, Outgoing = 1 };
enum class MessageState : std::uint8_t { Pending = 0, Sent = 1, Delivered = 2, Read = 3, Failed = 4 };
enum class ContactState : std::uint8_t { RequestSent = 0, RequestReceived = 1, Accepted = 2, Blocked = 3 };
enum class TransferState : std::uint8_t {
    Offered = 0,
    Accepted = 1,
    Transferring = 2,
    Scanning = 3,
    Done = 4,
    Quarantined = 5,
    Failed = 6,
    Declined = 7,
};

struct Message {
    MessageId id;
    ConversationId conversation;
    std::vector<std::uint8_t> dedupeId; ///< sender-chosen id; a repeat is dropped
    Direction direction = Direction::Incoming;
    MessageState state = MessageState::Pending;
    std::string body;
    Timestamp sentAt = 0;
    Timestamp receivedAt = 0;
};

struct Contact {
    ContactId id;
    std::string userId;
    std::string displayName;
    ContactState state = ContactState::RequestSent;
    std::vector<std::uint8_t> identityKey; ///< empty until known
    bool verified = false;
    Timestamp updatedAt = 0;
};

struct Conversation {
    ConversationId id;
    ContactId contact;
    Timestamp lastActivity = 0;
    std::int64_t unread = 0;
};

struct Transfer {
    std::string id; ///< the transfer id agreed with the peer
    ConversationId conversation;
    Direction direction = Direction::Incoming;
    std::string fileName;
    std::int64_t size = 0;
    std::vector<std::uint8_t> sha256;
    TransferState state = TransferState::Offered;
    std::string localPath;
    Timestamp updatedAt = 0;
};

struct SecurityEvent {
    std::int64_t id = 0;
    Timestamp at = 0;
    std::string kind; ///< a fixed event name such as "identity_changed"
    std::string detail; ///< never message text, keys or passwords
};

} // namespace palisade::storage
