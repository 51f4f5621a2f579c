#include "app/EngineBridgeMessaging.h"

#include "storage/AccountStore.h"
#include "storage/ContactStore.h"
#include "storage/MessageStore.h"

#include <QMetaObject>
#include <QTimeZone>

#include <chrono>
#include <future>

namespace palisade::app {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

Delivery delivery(storage::MessageState state)
{
    switch (state) {
    case storage::MessageState::Pending:
        return Delivery::Pending;
    case storage::MessageState::Sent:
        return Delivery::Sent;
    case storage::MessageState::Delivered:
        return Delivery::Delivered;
    case storage::MessageState::Read:
        return Delivery::Read;
    case storage::MessageState::Failed:
        break;
    }
    return Delivery::Failed;
}

MessageRow toRow(const storage::Message& m)
{
    return { m.id.value, m.direction == storage::Direction::Outgoing, delivery(m.state), qs(m.body),
        QDateTime::fromMSecsSinceEpoch(m.sentAt, Qt::UTC) };
}

} // namespace

void EngineBridge::Messaging::toGui(std::function<void(EngineBridge&)> job)
{
    EngineBridge* bridge = m_bridge;
    QMetaObject::invokeMethod(
        bridge, [bridge, job = std::move(job)] { job(*bridge); }, Qt::QueuedConnection);
}

void EngineBridge::Messaging::profileOpened(core::CoreContext& context)
{
    m_context = &context;
}

void EngineBridge::Messaging::connected()
{
    if (!m_context)
        return;
    if (!m_service) {
        storage::AccountStore accounts(m_context->database);
        const auto account = accounts.account();
        if (!account || !*account)
            return;
        core::E2eEvents events;
        events.messageStored = [this](const std::string& contact, storage::MessageId id) {
            storage::ContactStore contacts(m_context->database);
            storage::MessageStore messages(m_context->database);
            const auto c = contacts.find(contact);
            if (!c || !*c)
                return;
            const auto conversation = contacts.conversationWith((*c)->id);
            if (!conversation)
                return;
            const auto page = messages.latest(*conversation, 20);
            if (!page)
                return;
            for (const storage::Message& m : *page)
                if (m.id == id) {
                    const MessageRow row = toRow(m);
                    toGui([contact, row](EngineBridge& b) { emit b.messageAdded(qs(contact), row); });
                }
        };
        events.stateChanged = [this](storage::MessageId id, storage::MessageState state) {
            const auto it = m_recipients.find(id.value);
            if (it == m_recipients.end())
                return;
            const std::string contact = it->second;
            toGui([contact, id, state](
                      EngineBridge& b) { emit b.deliveryChanged(qs(contact), id.value, delivery(state)); });
        };
        events.identityChanged = [this](const std::string& contact) {
            toGui([contact](EngineBridge& b) { emit b.identityChanged(qs(contact)); });
        };
        const core::SelfIdentity self { (*account)->userId, std::stoull((*account)->deviceId) };
        m_service = std::make_unique<core::MessagingService>(m_context->link, m_context->database,
            m_context->io.get_executor(), self, core::E2eOptions {}, std::move(events));
        if (!m_service->open()) {
            m_service.reset();
            return;
        }
    }
    net::asio::co_spawn(m_context->io, m_service->onConnected(), net::asio::detached);
}

void EngineBridge::Messaging::profileClosing()
{
    m_service.reset();
    m_context = nullptr;
}

void EngineBridge::Messaging::withService(
    const std::function<void(core::MessagingService&, core::CoreContext&)>& job)
{
    if (m_service && m_context)
        job(*m_service, *m_context);
}

std::vector<MessageRow> EngineBridge::StoreHistory::older(std::optional<HistoryCursor> before, int limit)
{
    return m_engine.run<std::vector<MessageRow>>([&](storage::Database* db) {
        std::vector<MessageRow> rows;
        if (!db)
            return rows;
        storage::ContactStore contacts(*db);
        const auto c = contacts.find(m_contact);
        if (!c || !*c)
            return rows;
        const auto conversation = contacts.conversationWith((*c)->id);
        if (!conversation)
            return rows;
        std::optional<std::pair<storage::Timestamp, storage::MessageId>> position;
        if (before)
            position = std::pair { before->sentAtMs, storage::MessageId { before->id } };
        const auto page
            = storage::MessageStore(*db).latest(*conversation, static_cast<std::size_t>(limit), position);
        if (page)
            for (const storage::Message& m : *page)
                rows.push_back(toRow(m));
        return rows;
    });
}

std::vector<qint64> EngineBridge::StoreHistory::search(const QString& text, int limit)
{
    const std::string query = text.toStdString();
    return m_engine.run<std::vector<qint64>>([&](storage::Database* db) {
        std::vector<qint64> ids;
        if (!db)
            return ids;
        storage::ContactStore contacts(*db);
        const auto c = contacts.find(m_contact);
        if (!c || !*c)
            return ids;
        const auto conversation = contacts.conversationWith((*c)->id);
        const auto hits = storage::MessageStore(*db).search(query, static_cast<std::size_t>(limit) * 4);
        if (!conversation || !hits)
            return ids;
        for (const storage::Message& m : *hits)
            if (m.conversation == *conversation && static_cast<int>(ids.size()) < limit)
                ids.push_back(m.id.value);
        return ids;
    });
}

} // namespace palisade::app
