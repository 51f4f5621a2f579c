#pragma once
/// @file
/// @brief Buddy-list-only contacts on the client: requests with a note, accept, decline,
/// remove, block, unblock, exact-username lookup, the list kept in the ContactStore, buddies'
/// presence, and the client half of buddy-only routing (DESIGN.md "Contacts"): anything from
/// a non-buddy that a faulty or hostile server lets through is dropped and logged.
/// Network thread only.

#include "core/session/Events.h"
#include "core/session/Outbox.h"
#include "core/session/Session.h"
#include "storage/ContactStore.h"
#include "storage/SecurityLog.h"
#include "storage/SettingsStore.h"

#include <functional>
#include <memory>
#include <set>
#include <string>

namespace palisade::core {

class Contacts {
public:
    using Emit = std::function<void(EngineEvent)>;

    /// @p alive turns false when the profile closes; coroutines check it after every wait.
    Contacts(storage::Database& db, Session& session, Outbox& outbox, std::string self, Emit sink,
        std::shared_ptr<bool> alive);

    /// Registers the contact and presence push handlers on the session given above.
    void install();
    /// The buddy filter for SessionHooks::accept: false drops @p frame (and logs it).
    [[nodiscard]] bool accept(const v1::Frame& frame, bool isReply);
    /// Fetches the server's list and makes the ContactStore match it (items still waiting in
    /// the outbox keep their local state).
    [[nodiscard]] net::Awaitable<void> sync();

    /// Outbox kind of the contact actions.
    static constexpr std::string_view outboxKind = "contact";

    // Commands: each updates the local list at once and queues the request in the outbox.
    void request(const std::string& username, const std::string& note);
    void acceptRequest(const std::string& username);
    void decline(const std::string& username);
    void remove(const std::string& username);
    void block(const std::string& username);
    /// The protocol has no separate message: ContactRemove on a blocked contact lifts the block.
    void unblock(const std::string& username);
    /// Exact-username lookup; answers with LookupFinished (or CommandFailed when offline).
    [[nodiscard]] net::Awaitable<void> lookup(std::string username);

    /// Our own username, once enrolled.
    void setSelf(std::string username) { m_self = std::move(username); }
    /// The current list, notes included.
    [[nodiscard]] std::vector<ContactInfo> list();
    /// True for a mutual buddy (or ourselves: our other devices).
    [[nodiscard]] bool isBuddy(const std::string& username);

private:
    enum class Action { Request, Accept, Decline, Remove, Block };
    void queue(Action action, const std::string& username, const std::string& note = {});
    void onContactEvent(const v1::Frame& frame);
    void onPresence(const v1::Frame& frame);
    void drop(std::string_view kind, const std::string& from);
    void changed();
    void setLocal(const std::string& username, std::optional<storage::ContactState> state);
    std::set<std::string> pendingTargets();
    bool validName(const std::string& username, std::string_view command);

    storage::ContactStore m_store;
    storage::SecurityLog m_log;
    storage::SettingsStore m_settings;
    Session& m_session;
    Outbox& m_outbox;
    std::string m_self;
    Emit m_emit;
    std::shared_ptr<bool> m_alive;
    bool m_syncRunning = false;
    bool m_syncAgain = false;
};

} // namespace palisade::core
