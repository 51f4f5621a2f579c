#pragma once
/// @file
/// @brief Private part of EngineBridge: the end-to-end messaging service plugged into the
/// engine as a CoreService, and history pages read on the network thread.

#include "app/EngineBridge.h"
#include "core/Engine.h"
#include "core/e2e/MessagingService.h"

#include <future>
#include <map>

namespace palisade::app {

/// Network thread, except where a member says otherwise.
class EngineBridge::Messaging final : public core::CoreService {
public:
    explicit Messaging(EngineBridge* bridge)
        : m_bridge(bridge)
    {
    }

    void profileOpened(core::CoreContext& context) override;
    void connected() override;
    void profileClosing() override;

    /// Runs @p job with the service when the profile is open (network thread).
    void withService(const std::function<void(core::MessagingService&, core::CoreContext&)>& job);
    [[nodiscard]] storage::Database* database() const { return m_context ? &m_context->database : nullptr; }
    /// Remembers which contact an outgoing message went to (for delivery updates).
    void rememberRecipient(storage::MessageId id, const std::string& contact)
    {
        m_recipients[id.value] = contact;
    }

private:
    void toGui(std::function<void(EngineBridge&)> job);

    EngineBridge* m_bridge; ///< outlives the engine; only posted to (GUI thread)
    core::CoreContext* m_context = nullptr;
    std::unique_ptr<core::MessagingService> m_service;
    std::map<std::int64_t, std::string> m_recipients;
};

/// Runs a job on the network thread and waits for its result (GUI thread).
class EngineBridge::NetworkCall {
public:
    NetworkCall(core::Engine& engine, std::shared_ptr<Messaging> messaging)
        : m_engine(engine)
        , m_messaging(std::move(messaging))
    {
    }
    template <class T> T run(std::function<T(storage::Database*)> job)
    {
        std::promise<T> done;
        auto result = done.get_future();
        m_engine.post([&] { done.set_value(job(m_messaging->database())); });
        return result.get();
    }

private:
    core::Engine& m_engine;
    std::shared_ptr<Messaging> m_messaging;
};

/// One conversation's stored history (GUI thread; reads on the network thread).
class EngineBridge::StoreHistory final : public HistorySource {
public:
    StoreHistory(NetworkCall& engine, std::string contact)
        : m_engine(engine)
        , m_contact(std::move(contact))
    {
    }
    std::vector<MessageRow> older(std::optional<HistoryCursor> before, int limit) override;
    std::vector<qint64> search(const QString& text, int limit) override;

private:
    NetworkCall& m_engine;
    std::string m_contact;
};

} // namespace palisade::app
