#pragma once
/// @file
/// @brief End-to-end messaging on top of a ServerLink (docs/e2e.md "Client core"): device
/// keys and prekey upload, sessions per (contact, device), text messages with delivery
/// states and receipts, the persisted outbox, dedupe, safety numbers and identity holds,
/// buddy-only receive. Everything runs on the network thread, like the ServerLink.

#include "core/ServerLink.h"
#include "core/e2e/DeviceKeys.h"
#include "core/e2e/E2eError.h"
#include "core/e2e/Outbox.h"
#include "core/e2e/PeerSessions.h"
#include "net/proto/e2e.pb.h"
#include "storage/AccountStore.h"
#include "storage/ContactStore.h"
#include "storage/MessageStore.h"
#include "storage/SecurityLog.h"

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace palisade::core {

/// Behaviour the user or the managed policy chooses.
struct E2eOptions {
    PrekeyPolicy prekeys;
    /// Tell senders when their messages were read (off unless the user allows it).
    bool sendReadReceipts = false;
    /// Policy "strict identity": a contact's new device also holds sending until accepted.
    bool strictIdentity = false;
    /// Re-fetch a contact's device list before sending when it is older than this (ms).
    std::int64_t deviceRefreshMs = 3600LL * 1000;
};

/// What the UI hears about. Every callback is optional and runs on the network thread,
/// after the change it reports is committed.
struct E2eEvents {
    /// A message was stored (incoming, or sent from one of our other devices).
    std::function<void(const std::string& contact, storage::MessageId)> messageStored;
    /// An outgoing message changed state (Sent, Delivered, Read, Failed).
    std::function<void(storage::MessageId, storage::MessageState)> stateChanged;
    /// The contact has a new device (announce it in the conversation).
    std::function<void(const std::string& contact, std::uint64_t device)> newDevice;
    /// A device left the contact's device list; it receives nothing any more.
    std::function<void(const std::string& contact, std::uint64_t device)> deviceRemoved;
    /// A known device of the contact presented a different identity key: sending is held.
    std::function<void(const std::string& contact)> identityChanged;
};

/// The logged-in account on this device.
struct SelfIdentity {
    std::string user;
    std::uint64_t device = 0;
};

class MessagingService {
public:
    using Clock = std::function<storage::Timestamp()>;

    /// @p link, @p db and @p executor (the network thread's) must outlive the service.
    MessagingService(ServerLink& link, storage::Database& db, net::asio::any_io_executor executor,
        SelfIdentity self, E2eOptions options = {}, E2eEvents events = {}, Clock clock = {});

    /// Load or create this device's identity and register the push handlers. Call once.
    [[nodiscard]] std::expected<void, E2eError> open();

    /// After each login: publish prekeys (all of them the first time, a rotated signed
    /// prekey when due) and re-send the outbox.
    [[nodiscard]] net::Awaitable<std::expected<void, E2eError>> onConnected();

    /// Store @p text for @p contact as Outgoing/Pending, then encrypt it for every device of
    /// the contact and our own other devices and send it. Returns the stored message id; a
    /// message that could not be sent yet (link down, identity held) stays Pending.
    [[nodiscard]] net::Awaitable<std::expected<storage::MessageId, E2eError>> sendText(
        std::string contact, std::string text);

    /// Re-send every Pending outgoing message (same client message id). Returns how many
    /// reached the server.
    [[nodiscard]] net::Awaitable<std::expected<std::size_t, E2eError>> resendPending();

    /// Mark the conversation's incoming messages Read; sends read receipts only when the
    /// options allow it, and tells our other devices.
    [[nodiscard]] net::Awaitable<std::expected<void, E2eError>> markRead(std::string contact);

    /// Fetch @p user's prekey bundles: start sessions with new devices, drop devices that
    /// left, detect identity changes. Our own user gives our other devices.
    [[nodiscard]] net::Awaitable<std::expected<void, E2eError>> refreshDevices(std::string user);

    /// The 60-digit safety number with @p contact over both users' device identity keys.
    [[nodiscard]] std::expected<std::string, E2eError> safetyNumber(const std::string& contact);
    /// Record that the user compared the safety number (or withdraw it).
    [[nodiscard]] std::expected<void, E2eError> setVerified(const std::string& contact, bool verified);
    /// True while sending to @p contact waits for the user to accept an identity change.
    [[nodiscard]] bool isHeld(const std::string& contact);
    /// The user accepted @p contact's changed identity: release the hold and send what waited.
    [[nodiscard]] net::Awaitable<std::expected<void, E2eError>> acceptIdentity(std::string contact);

    /// Queue one envelope from the server; a burst is decrypted and stored in one
    /// transaction, then acknowledged and receipted (the push handler calls this).
    void receive(const v1::Envelope& envelope);
    /// Process the queued envelopes now.
    void flushIncoming();

    /// This device's Ed25519 identity public key.
    [[nodiscard]] const crypto::ratchet::PublicKey& identityKey() const noexcept;

private:
    struct Batch;
    struct BatchPeer {
        storage::ConversationId conversation;
        bool buddy = false;
    };
    using Plaintext = e2e::v1::Plaintext;

    storage::Timestamp now() const { return m_clock(); }
    std::vector<std::uint8_t> newMessageId() const;
    std::expected<std::optional<storage::Contact>, E2eError> buddy(const std::string& user);
    net::Awaitable<std::expected<void, E2eError>> uploadPrekeys(std::uint32_t oneTime, bool withSigned);
    net::Awaitable<std::expected<void, E2eError>> deliver(const PendingMessage& message);
    net::Awaitable<std::expected<v1::Frame, E2eError>> sendTo(
        const std::string& user, const std::vector<std::uint8_t>& messageId, const Plaintext& plaintext);
    std::expected<std::vector<v1::DeviceCiphertext>, E2eError> encryptFor(
        const std::string& user, const std::vector<std::uint8_t>& plaintext);
    net::Awaitable<void> sendReceipt(
        std::string user, std::vector<std::string> ids, e2e::v1::ReceiptKind kind);
    void sendAck(std::vector<std::uint64_t> serverIds);
    void spawn(net::Awaitable<void> task);

    // Receive path (MessagingReceive.cpp).
    void processEnvelope(const v1::Envelope& envelope, Batch& batch);
    bool alreadyStored(const v1::Envelope& envelope, Batch& batch);
    const BatchPeer* peer(const std::string& user, Batch& batch);
    std::expected<std::vector<std::uint8_t>, crypto::ratchet::Error> decryptFrom(
        const std::string& user, std::uint64_t device, crypto::ByteView ciphertext, Batch& batch);
    void storeText(const v1::Envelope& envelope, const Plaintext& plaintext, Batch& batch);
    void applyReceipt(const v1::Envelope& envelope, const Plaintext& plaintext, Batch& batch);

    // Trust (MessagingTrust.cpp).
    std::vector<std::uint8_t> keySet(const std::string& user);
    std::expected<void, E2eError> recordKeySet(const std::string& user);
    std::expected<void, E2eError> hold(
        const std::string& user, std::string_view reason, std::uint64_t device);
    void logSecurity(std::string_view kind, const std::string& detail);

    ServerLink* m_link;
    storage::Database* m_db;
    net::asio::any_io_executor m_executor;
    SelfIdentity m_self;
    E2eOptions m_options;
    E2eEvents m_events;
    Clock m_clock;
    storage::AccountStore m_accounts;
    storage::ContactStore m_contacts;
    storage::MessageStore m_messages;
    storage::SecurityLog m_securityLog;
    std::optional<DeviceKeys> m_keys;
    PeerSessions m_peers;
    std::map<std::string, storage::Timestamp> m_refreshedAt;
    std::vector<v1::Envelope> m_inbox;
    bool m_flushPosted = false;
};

} // namespace palisade::core
