// The receive path of MessagingService: decrypt, dedupe, store, then ack and receipt.
#include "core/e2e/MessagingService.h"
#include "core/e2e/Plaintext.h"
#include "crypto/ratchet/Message.h"
#include "storage/Transaction.h"

namespace palisade::core {

namespace cr = crypto::ratchet;

/// What one burst of envelopes leaves to do once its transaction committed.
struct MessagingService::Batch {
    std::vector<std::uint64_t> acks;
    std::map<std::string, std::vector<std::string>> delivered; ///< sender -> client message ids
    std::set<std::pair<std::string, std::uint64_t>> touched; ///< devices whose sessions changed
    std::set<std::string> keySetsChanged;
    std::vector<std::function<void()>> events;
    /// Contacts looked up in this burst: conversation and whether they are buddies.
    std::map<std::string, std::optional<BatchPeer>> peers;
    /// Per conversation: newest arrival and how many new incoming messages.
    std::map<std::int64_t, std::pair<storage::Timestamp, std::int64_t>> activity;
};

const MessagingService::BatchPeer* MessagingService::peer(const std::string& user, Batch& batch)
{
    auto it = batch.peers.find(user);
    if (it == batch.peers.end()) {
        std::optional<BatchPeer> entry;
        auto contact = m_contacts.find(user);
        if (contact && *contact) {
            auto conversation = m_contacts.conversationWith((*contact)->id);
            if (conversation) {
                entry = BatchPeer { *conversation, (*contact)->state == storage::ContactState::Accepted };
            }
        }
        it = batch.peers.emplace(user, entry).first;
    }
    return it->second ? &*it->second : nullptr;
}

void MessagingService::receive(const v1::Envelope& envelope)
{
    m_inbox.push_back(envelope);
    if (!m_flushPosted) {
        m_flushPosted = true;
        net::asio::post(m_executor, [this] { flushIncoming(); });
    }
}

void MessagingService::flushIncoming()
{
    m_flushPosted = false;
    if (m_inbox.empty()) {
        return;
    }
    std::vector<v1::Envelope> inbox;
    inbox.swap(m_inbox);
    Batch batch;
    auto tx = storage::Transaction::begin(*m_db);
    if (!tx) {
        // Nothing acked: the server delivers these again.
        return;
    }
    for (const auto& envelope : inbox) {
        processEnvelope(envelope, batch);
    }
    bool ok = true;
    for (const auto& [conversation, activity] : batch.activity) {
        ok = ok
            && m_contacts.touch(storage::ConversationId { conversation }, activity.first, activity.second)
                   .has_value();
    }
    for (const auto& [user, device] : batch.touched) {
        ok = ok && m_peers.save(user, device).has_value();
    }
    for (const auto& user : batch.keySetsChanged) {
        ok = ok && recordKeySet(user).has_value();
    }
    if (!ok || !tx->commit()) {
        tx->rollback();
        m_peers.forget();
        return;
    }
    // Committed: only now may the server forget the envelopes.
    sendAck(std::move(batch.acks));
    for (auto& event : batch.events) {
        event();
    }
    for (auto& [sender, ids] : batch.delivered) {
        spawn(sendReceipt(sender, std::move(ids), e2e::v1::RECEIPT_DELIVERED));
    }
}

void MessagingService::processEnvelope(const v1::Envelope& envelope, Batch& batch)
{
    batch.acks.push_back(envelope.server_id());
    const std::string& sender = envelope.sender();
    const auto device = envelope.sender_device_id();
    const std::string who = "sender=" + sender + " device=" + std::to_string(device);
    if (sender == m_self.user && device == m_self.device) {
        return;
    }
    if (sender != m_self.user) {
        const auto* contact = peer(sender, batch);
        if (contact == nullptr || !contact->buddy) {
            logSecurity("message_from_stranger", who);
            return;
        }
    }
    const auto& bytes = envelope.ciphertext();
    const crypto::ByteView ciphertext(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    // Delivered again (our ack was lost): the text is stored and its ratchet keys are gone.
    // Checked first for a PreKeyMessage, which would otherwise start a session anew.
    const auto type = cr::messageType(ciphertext);
    const bool preKey = type && *type == cr::MessageType::PreKey;
    if (preKey && alreadyStored(envelope, batch)) {
        batch.delivered[sender].push_back(envelope.client_message_id());
        return;
    }
    auto decrypted = decryptFrom(sender, device, ciphertext, batch);
    if (!decrypted) {
        if (!preKey && alreadyStored(envelope, batch)) {
            batch.delivered[sender].push_back(envelope.client_message_id());
        } else if (decrypted.error() != cr::Error::DuplicateMessage) {
            logSecurity(
                "undecryptable_message", who + " reason=" + std::string(cr::describe(decrypted.error())));
        }
        return;
    }
    auto plaintext = decodePlaintext(*decrypted);
    if (!plaintext || plaintext->message_id() != envelope.client_message_id()) {
        logSecurity("malformed_message", who);
        return;
    }
    if (plaintext->has_text()) {
        storeText(envelope, *plaintext, batch);
    } else {
        applyReceipt(envelope, *plaintext, batch);
    }
}

bool MessagingService::alreadyStored(const v1::Envelope& envelope, Batch& batch)
{
    const auto* contact = peer(envelope.sender(), batch);
    if (envelope.sender() == m_self.user || contact == nullptr
        || envelope.client_message_id().size() != kClientMessageIdSize) {
        return false;
    }
    const auto& id = envelope.client_message_id();
    auto found = findMessage(*m_db, contact->conversation,
        { reinterpret_cast<const std::uint8_t*>(id.data()), id.size() }, storage::Direction::Incoming);
    return found && found->has_value();
}

std::expected<std::vector<std::uint8_t>, cr::Error> MessagingService::decryptFrom(
    const std::string& user, std::uint64_t deviceId, crypto::ByteView ciphertext, Batch& batch)
{
    auto type = cr::messageType(ciphertext);
    if (!type) {
        return std::unexpected(type.error());
    }
    auto device = m_peers.find(user, deviceId);
    if (!device) {
        return std::unexpected(cr::Error::CorruptState);
    }
    cr::Error last = cr::Error::WrongSession;
    if (*device != nullptr) {
        auto& sessions = (*device)->sessions;
        for (std::size_t i = 0; i < sessions.size(); ++i) {
            auto plaintext = sessions[i].decrypt(ciphertext);
            if (plaintext) {
                PeerSessions::promote(**device, i);
                batch.touched.emplace(user, deviceId);
                return plaintext;
            }
            if (plaintext.error() == cr::Error::DuplicateMessage) {
                return std::unexpected(plaintext.error());
            }
            last = plaintext.error();
        }
    }
    if (*type != cr::MessageType::PreKey) {
        return std::unexpected(last);
    }
    // A new session started by the peer (their first message, or a re-installed device).
    auto parsed = cr::parsePreKeyMessage(ciphertext);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    auto signedKey = m_keys->signedPreKey(parsed->signedPreKeyId);
    if (!signedKey || !*signedKey) {
        return std::unexpected(cr::Error::UnknownPreKey);
    }
    std::optional<cr::PreKeyPair> oneTime;
    if (parsed->oneTimePreKeyId) {
        auto stored = m_keys->oneTimePreKey(*parsed->oneTimePreKeyId);
        if (!stored || !*stored) {
            return std::unexpected(cr::Error::UnknownPreKey);
        }
        oneTime = std::move(*stored);
    }
    auto accepted
        = cr::Session::accept(m_keys->identity(), **signedKey, oneTime ? &*oneTime : nullptr, ciphertext);
    if (!accepted) {
        return std::unexpected(accepted.error());
    }
    if (oneTime && !m_keys->consumeOneTimePreKey(oneTime->id)) {
        return std::unexpected(cr::Error::CorruptState);
    }
    PeerDevice* entry = *device;
    if (entry == nullptr) {
        auto known = m_peers.devicesOf(user);
        const bool hadDevices = known && !known->empty();
        entry = &m_peers.put(user, deviceId, parsed->identityKey);
        if (hadDevices && user != m_self.user) {
            if (m_options.strictIdentity) {
                (void)hold(user, "new_device", deviceId);
            }
            batch.events.emplace_back([this, user, deviceId] {
                if (m_events.newDevice) {
                    m_events.newDevice(user, deviceId);
                }
            });
        }
        batch.keySetsChanged.insert(user);
    } else if (entry->identity != parsed->identityKey) {
        entry = &m_peers.put(user, deviceId, parsed->identityKey);
        if (user != m_self.user) {
            (void)hold(user, "identity_changed", deviceId);
            batch.events.emplace_back([this, user] {
                if (m_events.identityChanged) {
                    m_events.identityChanged(user);
                }
            });
        }
        batch.keySetsChanged.insert(user);
    }
    entry->sessions.insert(entry->sessions.begin(), std::move(accepted->session));
    PeerSessions::promote(*entry, 0);
    batch.touched.emplace(user, deviceId);
    return std::move(accepted->plaintext);
}

void MessagingService::storeText(const v1::Envelope& envelope, const Plaintext& plaintext, Batch& batch)
{
    const bool fromUs = envelope.sender() == m_self.user;
    const std::string& peerName = fromUs ? plaintext.sync_recipient() : envelope.sender();
    const auto* contact = peer(peerName, batch);
    if (contact == nullptr) {
        logSecurity("message_for_unknown_contact", "device=" + std::to_string(envelope.sender_device_id()));
        return;
    }
    const auto conversation = contact->conversation;
    const auto received = now();
    storage::Message message;
    message.conversation = conversation;
    const auto& id = plaintext.message_id();
    message.dedupeId.assign(id.begin(), id.end());
    message.direction = fromUs ? storage::Direction::Outgoing : storage::Direction::Incoming;
    message.state = fromUs ? storage::MessageState::Sent : storage::MessageState::Delivered;
    message.body = plaintext.text().body();
    message.sentAt = plaintext.sent_at_ms() != 0 ? static_cast<storage::Timestamp>(plaintext.sent_at_ms())
                                                 : static_cast<storage::Timestamp>(envelope.server_time_ms());
    message.receivedAt = received;
    auto stored = m_messages.add(message);
    if (!stored) {
        return;
    }
    if (!fromUs) {
        // Also for a repeat: the first receipt may have been lost with the connection.
        batch.delivered[peerName].push_back(id);
    }
    if (!*stored) {
        return;
    }
    auto& activity = batch.activity[conversation.value];
    activity.first = received;
    activity.second += fromUs ? 0 : 1;
    batch.events.emplace_back([this, peerName, messageId = **stored] {
        if (m_events.messageStored) {
            m_events.messageStored(peerName, messageId);
        }
    });
}

void MessagingService::applyReceipt(const v1::Envelope& envelope, const Plaintext& plaintext, Batch& batch)
{
    const bool fromUs = envelope.sender() == m_self.user;
    const auto* contact = peer(fromUs ? plaintext.sync_recipient() : envelope.sender(), batch);
    if (contact == nullptr) {
        return;
    }
    const auto conversation = contact->conversation;
    const auto kind = plaintext.receipt().kind();
    // A receipt from the peer moves our outgoing messages on; one from our own other
    // device says we read the peer's messages there.
    const auto direction = fromUs ? storage::Direction::Incoming : storage::Direction::Outgoing;
    const auto target
        = kind == e2e::v1::RECEIPT_READ ? storage::MessageState::Read : storage::MessageState::Delivered;
    if (fromUs && target != storage::MessageState::Read) {
        return;
    }
    for (const auto& id : plaintext.receipt().client_message_ids()) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(id.data());
        auto found = findMessage(*m_db, conversation, { p, id.size() }, direction);
        if (!found || !*found) {
            continue;
        }
        const auto [messageId, state] = **found;
        if (state == storage::MessageState::Failed || static_cast<int>(state) >= static_cast<int>(target)) {
            continue;
        }
        if (!m_messages.setState(messageId, target)) {
            continue;
        }
        batch.events.emplace_back([this, messageId, target] {
            if (m_events.stateChanged) {
                m_events.stateChanged(messageId, target);
            }
        });
    }
}

} // namespace palisade::core
