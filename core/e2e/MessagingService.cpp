#include "core/e2e/MessagingService.h"

#include "core/e2e/Plaintext.h"
#include "storage/Transaction.h"

#include <sodium.h>

#include <chrono>

namespace palisade::core {

namespace {

namespace cr = crypto::ratchet;

storage::Timestamp systemNow()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

MessagingService::MessagingService(ServerLink& link, storage::Database& db,
    net::asio::any_io_executor executor, SelfIdentity self, E2eOptions options, E2eEvents events, Clock clock)
    : m_link(&link)
    , m_db(&db)
    , m_executor(std::move(executor))
    , m_self(std::move(self))
    , m_options(options)
    , m_events(std::move(events))
    , m_clock(clock ? std::move(clock) : Clock(systemNow))
    , m_accounts(db)
    , m_contacts(db)
    , m_messages(db)
    , m_securityLog(db)
    , m_peers(m_accounts)
{
}

std::expected<void, E2eError> MessagingService::open()
{
    auto keys = DeviceKeys::loadOrCreate(m_accounts, m_options.prekeys, now());
    if (!keys) {
        return std::unexpected(keys.error());
    }
    m_keys.emplace(std::move(*keys));
    m_link->onPush(v1::Frame::kEnvelope, [this](const v1::Frame& frame) { receive(frame.envelope()); });
    m_link->onPush(v1::Frame::kPrekeysLow, [this](const v1::Frame& frame) {
        const auto remaining = frame.prekeys_low().remaining();
        const auto target = m_options.prekeys.oneTimeTarget;
        if (remaining < target) {
            spawn([](MessagingService* self, std::uint32_t count) -> net::Awaitable<void> {
                (void)co_await self->uploadPrekeys(count, false);
            }(this, target - remaining));
        }
    });
    return {};
}

const cr::PublicKey& MessagingService::identityKey() const noexcept
{
    return m_keys->identity().publicKey;
}

void MessagingService::spawn(net::Awaitable<void> task)
{
    net::asio::co_spawn(m_executor, std::move(task), net::asio::detached);
}

std::vector<std::uint8_t> MessagingService::newMessageId() const
{
    std::vector<std::uint8_t> id(kClientMessageIdSize);
    randombytes_buf(id.data(), id.size());
    return id;
}

std::expected<std::optional<storage::Contact>, E2eError> MessagingService::buddy(const std::string& user)
{
    auto contact = m_contacts.find(user);
    if (!contact) {
        return std::unexpected(E2eError::Storage);
    }
    if (!*contact || (*contact)->state != storage::ContactState::Accepted) {
        return std::optional<storage::Contact> {};
    }
    return std::move(*contact);
}

net::Awaitable<std::expected<void, E2eError>> MessagingService::uploadPrekeys(
    std::uint32_t oneTime, bool withSigned)
{
    auto upload = m_keys->prepareUpload(oneTime, withSigned, now());
    if (!upload) {
        co_return std::unexpected(upload.error());
    }
    v1::Frame frame;
    *frame.mutable_prekey_upload() = std::move(*upload);
    auto reply = co_await m_link->request(std::move(frame));
    if (!reply) {
        co_return std::unexpected(E2eError::Network);
    }
    if (!reply->has_ok()) {
        co_return std::unexpected(E2eError::ServerRefused);
    }
    co_return std::expected<void, E2eError> {};
}

net::Awaitable<std::expected<void, E2eError>> MessagingService::onConnected()
{
    constexpr std::string_view kStateKind = "e2e_state";
    auto uploaded = m_accounts.secret(kStateKind, "prekeys_uploaded");
    if (!uploaded) {
        co_return std::unexpected(E2eError::Storage);
    }
    const bool first = !*uploaded;
    if (first || m_keys->rotationDue(now())) {
        auto ok = co_await uploadPrekeys(first ? m_options.prekeys.oneTimeTarget : 0, true);
        if (!ok) {
            co_return ok;
        }
        const std::uint8_t one = 1;
        if (!m_accounts.putSecret(
                kStateKind, "prekeys_uploaded", crypto::SecureBuffer::copyOf({ &one, 1 }), now())) {
            co_return std::unexpected(E2eError::Storage);
        }
    }
    auto sent = co_await resendPending();
    if (!sent) {
        co_return std::unexpected(sent.error());
    }
    co_return std::expected<void, E2eError> {};
}

net::Awaitable<std::expected<storage::MessageId, E2eError>> MessagingService::sendText(
    std::string contact, std::string text)
{
    if (text.size() > kMaxTextBytes) {
        co_return std::unexpected(E2eError::Malformed);
    }
    auto found = buddy(contact);
    if (!found) {
        co_return std::unexpected(found.error());
    }
    if (!*found) {
        co_return std::unexpected(E2eError::NotABuddy);
    }
    auto conversation = m_contacts.conversationWith((*found)->id);
    if (!conversation) {
        co_return std::unexpected(E2eError::Storage);
    }
    PendingMessage pending { {}, contact, newMessageId(), std::move(text), now() };
    storage::Message message;
    message.conversation = *conversation;
    message.dedupeId = pending.clientMessageId;
    message.direction = storage::Direction::Outgoing;
    message.state = storage::MessageState::Pending;
    message.body = pending.body;
    message.sentAt = pending.sentAt;
    message.receivedAt = pending.sentAt;
    auto id = m_messages.add(message);
    if (!id || !*id || !m_contacts.touch(*conversation, pending.sentAt, 0)) {
        co_return std::unexpected(E2eError::Storage);
    }
    pending.id = **id;
    (void)co_await deliver(pending);
    co_return pending.id;
}

net::Awaitable<std::expected<std::size_t, E2eError>> MessagingService::resendPending()
{
    auto pending = pendingOutgoing(*m_db);
    if (!pending) {
        co_return std::unexpected(E2eError::Storage);
    }
    std::size_t sent = 0;
    for (const auto& message : *pending) {
        auto ok = co_await deliver(message);
        if (ok) {
            ++sent;
        } else if (ok.error() == E2eError::Network) {
            co_return std::unexpected(ok.error());
        }
    }
    co_return sent;
}

net::Awaitable<std::expected<void, E2eError>> MessagingService::deliver(const PendingMessage& message)
{
    if (isHeld(message.recipient)) {
        co_return std::unexpected(E2eError::IdentityHeld);
    }
    const auto stale = [this](const std::string& user) {
        auto it = m_refreshedAt.find(user);
        auto known = m_peers.devicesOf(user);
        return it == m_refreshedAt.end() || now() - it->second >= m_options.deviceRefreshMs || !known
            || known->empty();
    };
    if (stale(message.recipient)) {
        if (auto ok = co_await refreshDevices(message.recipient); !ok) {
            co_return ok;
        }
        if (isHeld(message.recipient)) {
            co_return std::unexpected(E2eError::IdentityHeld);
        }
    }
    Plaintext plaintext;
    plaintext.set_sent_at_ms(static_cast<std::uint64_t>(message.sentAt));
    plaintext.set_message_id(message.clientMessageId.data(), message.clientMessageId.size());
    plaintext.mutable_text()->set_body(message.body);
    auto reply = co_await sendTo(message.recipient, message.clientMessageId, plaintext);
    if (!reply && reply.error() == E2eError::NoDevices) {
        co_return std::unexpected(reply.error());
    }
    if (reply && reply->has_error() && reply->error().code() == v1::ERROR_NOT_FOUND) {
        // A device left since our last look: refresh the list and try once more.
        if (auto ok = co_await refreshDevices(message.recipient); !ok) {
            co_return ok;
        }
        reply = co_await sendTo(message.recipient, message.clientMessageId, plaintext);
    }
    if (!reply) {
        co_return std::unexpected(reply.error());
    }
    if (reply->has_error()) {
        const auto code = reply->error().code();
        if (code == v1::ERROR_NOT_A_BUDDY || code == v1::ERROR_TOO_LARGE || code == v1::ERROR_BAD_REQUEST) {
            (void)m_messages.setState(message.id, storage::MessageState::Failed);
            if (m_events.stateChanged) {
                m_events.stateChanged(message.id, storage::MessageState::Failed);
            }
        }
        co_return std::unexpected(E2eError::ServerRefused);
    }
    if (!reply->has_send_result()) {
        co_return std::unexpected(E2eError::Malformed);
    }
    if (!m_messages.setState(message.id, storage::MessageState::Sent)) {
        co_return std::unexpected(E2eError::Storage);
    }
    if (m_events.stateChanged) {
        m_events.stateChanged(message.id, storage::MessageState::Sent);
    }
    // Our other devices get a copy so the conversation reads the same everywhere.
    if (stale(m_self.user)) {
        (void)co_await refreshDevices(m_self.user);
    }
    plaintext.set_sync_recipient(message.recipient);
    (void)co_await sendTo(m_self.user, message.clientMessageId, plaintext);
    co_return std::expected<void, E2eError> {};
}

std::expected<std::vector<v1::DeviceCiphertext>, E2eError> MessagingService::encryptFor(
    const std::string& user, const std::vector<std::uint8_t>& plaintext)
{
    auto devices = m_peers.devicesOf(user);
    if (!devices) {
        return std::unexpected(devices.error());
    }
    auto tx = storage::Transaction::begin(*m_db);
    if (!tx) {
        return std::unexpected(E2eError::Storage);
    }
    std::vector<v1::DeviceCiphertext> out;
    for (const auto id : *devices) {
        if (user == m_self.user && id == m_self.device) {
            continue;
        }
        auto device = m_peers.find(user, id);
        if (!device) {
            return std::unexpected(device.error());
        }
        if (*device == nullptr || (*device)->sessions.empty()) {
            continue;
        }
        auto ciphertext = (*device)->sessions.front().encrypt(plaintext);
        if (!ciphertext) {
            m_peers.forget();
            return std::unexpected(E2eError::Crypto);
        }
        if (auto saved = m_peers.save(user, id); !saved) {
            m_peers.forget();
            return std::unexpected(saved.error());
        }
        auto& entry = out.emplace_back();
        entry.set_device_id(id);
        entry.set_ciphertext(ciphertext->data(), ciphertext->size());
    }
    // The ratchet advanced: it must be on disk before any ciphertext leaves, or a crash
    // would make the next message reuse a message key.
    if (!tx->commit()) {
        m_peers.forget();
        return std::unexpected(E2eError::Storage);
    }
    return out;
}

net::Awaitable<std::expected<v1::Frame, E2eError>> MessagingService::sendTo(
    const std::string& user, const std::vector<std::uint8_t>& messageId, const Plaintext& plaintext)
{
    auto ciphertexts = encryptFor(user, encodePlaintext(plaintext));
    if (!ciphertexts) {
        co_return std::unexpected(ciphertexts.error());
    }
    if (ciphertexts->empty()) {
        co_return std::unexpected(E2eError::NoDevices);
    }
    v1::Frame frame;
    auto* envelope = frame.mutable_send_envelope();
    envelope->set_client_message_id(messageId.data(), messageId.size());
    envelope->set_recipient(user);
    for (auto& c : *ciphertexts) {
        *envelope->add_ciphertexts() = std::move(c);
    }
    auto reply = co_await m_link->request(std::move(frame));
    if (!reply) {
        co_return std::unexpected(E2eError::Network);
    }
    co_return std::move(*reply);
}

net::Awaitable<void> MessagingService::sendReceipt(
    std::string user, std::vector<std::string> ids, e2e::v1::ReceiptKind kind)
{
    for (std::size_t at = 0; at < ids.size(); at += kMaxReceiptIds) {
        Plaintext plaintext;
        plaintext.set_sent_at_ms(static_cast<std::uint64_t>(now()));
        const auto id = newMessageId();
        plaintext.set_message_id(id.data(), id.size());
        auto* receipt = plaintext.mutable_receipt();
        receipt->set_kind(kind);
        for (std::size_t i = at; i < ids.size() && i < at + kMaxReceiptIds; ++i) {
            receipt->add_client_message_ids(ids[i]);
        }
        (void)co_await sendTo(user, id, plaintext);
    }
}

void MessagingService::sendAck(std::vector<std::uint64_t> serverIds)
{
    if (serverIds.empty()) {
        return;
    }
    v1::Frame frame;
    for (const auto id : serverIds) {
        frame.mutable_ack()->add_server_ids(id);
    }
    // The server answers nothing to an Ack; the reply (if any) is of no interest.
    spawn([](ServerLink* link, v1::Frame ack) -> net::Awaitable<void> {
        (void)co_await link->request(std::move(ack));
    }(m_link, std::move(frame)));
}

net::Awaitable<std::expected<void, E2eError>> MessagingService::markRead(std::string contact)
{
    auto found = m_contacts.find(contact);
    if (!found || !*found) {
        co_return std::unexpected(found ? E2eError::UnknownContact : E2eError::Storage);
    }
    auto conversation = m_contacts.conversationWith((*found)->id);
    if (!conversation) {
        co_return std::unexpected(E2eError::Storage);
    }
    auto unread = unreadIncoming(*m_db, *conversation);
    if (!unread) {
        co_return std::unexpected(E2eError::Storage);
    }
    std::vector<std::string> ids;
    for (const auto& [id, clientId] : *unread) {
        if (!m_messages.setState(id, storage::MessageState::Read)) {
            co_return std::unexpected(E2eError::Storage);
        }
        ids.emplace_back(clientId.begin(), clientId.end());
    }
    if (!m_contacts.touch(*conversation, now(), 0, true)) {
        co_return std::unexpected(E2eError::Storage);
    }
    if (ids.empty()) {
        co_return std::expected<void, E2eError> {};
    }
    if (m_options.sendReadReceipts && (*found)->state == storage::ContactState::Accepted) {
        co_await sendReceipt(contact, ids, e2e::v1::RECEIPT_READ);
    }
    // Our other devices learn it was read here (never sent to anyone else).
    Plaintext sync;
    sync.set_sent_at_ms(static_cast<std::uint64_t>(now()));
    const auto id = newMessageId();
    sync.set_message_id(id.data(), id.size());
    sync.set_sync_recipient(contact);
    sync.mutable_receipt()->set_kind(e2e::v1::RECEIPT_READ);
    for (std::size_t i = 0; i < ids.size() && i < static_cast<std::size_t>(kMaxReceiptIds); ++i) {
        sync.mutable_receipt()->add_client_message_ids(ids[i]);
    }
    (void)co_await sendTo(m_self.user, id, sync);
    co_return std::expected<void, E2eError> {};
}

} // namespace palisade::core
