#pragma once
/// @file
/// @brief How a service (end-to-end messaging, file transfers) plugs into the engine. All of
/// it runs on the network thread.

#include "core/ServerLink.h"
#include "core/session/Events.h"
#include "core/session/Outbox.h"
#include "storage/Database.h"

#include <functional>
#include <string>

namespace palisade::core {

/// What a service may use while the profile is open. Valid from CoreService::profileOpened()
/// until CoreService::profileClosing(); never keep it longer.
struct CoreContext {
    net::asio::io_context& io; ///< the network thread's context (co_spawn here)
    ServerLink& link; ///< requests and pushes (pushes from non-buddies are already dropped)
    Outbox& outbox; ///< persisted requests; register onAnswered(kind, ...) for your kind
    storage::Database& database; ///< the open profile
    std::string username; ///< empty until enrolled
    std::function<void(EngineEvent)> publish; ///< an event to the owner thread
};

class CoreService {
public:
    virtual ~CoreService() = default;
    /// The profile was opened (start or unlock): register push and outbox handlers here.
    virtual void profileOpened(CoreContext& context) = 0;
    /// Logged in, after the contact list sync (again after every reconnect).
    virtual void connected() { }
    /// The profile is closing (lock or shutdown): wipe keys and forget the context.
    virtual void profileClosing() = 0;
};

} // namespace palisade::core
