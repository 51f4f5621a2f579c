#pragma once
/// @file
/// @brief Outgoing requests that need the server, kept in the profile until the server has
/// answered them: contact actions issued while offline, and the services' own items (the
/// end-to-end service queues its envelopes here). Network thread only.
///
/// Storage: the profile's `credentials` table under kind "outbox" (no schema change; the
/// database is encrypted as a whole). Items are sent in the order they were added, one at a
/// time, and removed when the server answered (with a result or an ErrorReply). A connection
/// lost before the answer keeps the item; it is sent again after the next login, so every
/// item is at-least-once: servers answer repeats idempotently (contact actions) or receivers
/// deduplicate (envelopes carry a client_message_id).

#include "net/proto/palisade.pb.h"
#include "storage/AccountStore.h"
#include "storage/Database.h"
#include "storage/SettingsStore.h"

#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::core {

/// One queued request.
struct OutboxItem {
    std::uint64_t seq = 0; ///< increasing, never reused in a profile; the send order
    std::string kind; ///< who owns it: "contact", "presence", "e2e" ...; [a-z0-9_.] only
    v1::Frame frame; ///< the request (its request_id is chosen when it is sent)
};

class Outbox {
public:
    explicit Outbox(storage::Database& db) noexcept
        : m_accounts(db)
        , m_settings(db)
    {
    }

    /// Persists @p frame; returns its sequence number. Also calls the "added" callback, so
    /// the engine sends it at once when connected.
    [[nodiscard]] std::expected<std::uint64_t, storage::Error> add(
        std::string_view kind, const v1::Frame& frame);
    /// Every queued item, oldest first.
    [[nodiscard]] std::expected<std::vector<OutboxItem>, storage::Error> items();
    /// Forgets item @p seq (after the server answered it).
    [[nodiscard]] std::expected<void, storage::Error> remove(std::uint64_t seq);

    /// Called with the server's answer (a result or an ErrorReply) to an item of @p kind,
    /// after the item left the outbox.
    using ResultHandler = std::function<void(const OutboxItem& item, const v1::Frame& answer)>;
    void onAnswered(std::string kind, ResultHandler handler)
    {
        m_handlers.emplace(std::move(kind), std::move(handler));
    }
    /// Calls the handlers registered for @p item's kind.
    void answered(const OutboxItem& item, const v1::Frame& answer) const;
    /// Called after every successful add().
    void onAdded(std::function<void()> callback) { m_added = std::move(callback); }

private:
    storage::AccountStore m_accounts;
    storage::SettingsStore m_settings; ///< "outbox.next_seq": sequence numbers are never reused
    std::multimap<std::string, ResultHandler, std::less<>> m_handlers;
    std::function<void()> m_added;
};

} // namespace palisade::core
