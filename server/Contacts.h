#pragma once
/// @file
/// @brief The buddy graph and the routing rule: messages, presence, prekey bundles and files
/// flow only between mutual buddies (unless the server allows strangers), never to someone
/// who blocked the sender. Directory lookups find exact usernames, or listed users by prefix.

#include "server/Store.h"

#include <expected>
#include <string>
#include <vector>

namespace palisade::server {

/// What one account sees of another in its contact list.
enum class Relation {
    None,
    OutgoingRequest, ///< I asked them
    IncomingRequest, ///< they asked me
    Buddies, ///< both accepted
    BlockedByMe,
};

/// Contact operations and routing decisions over a Store. Owned by the Store's thread.
class Contacts {
public:
    Contacts(Store& store, bool allowStrangers)
        : m_store(store)
        , m_allowStrangers(allowStrangers)
    {
    }

    /// Ask @p to to become a buddy. If @p to already asked @p from, this accepts instead.
    /// A request to someone who blocked @p from is accepted silently and never delivered.
    std::expected<Relation, Error> request(UserId from, UserId to);
    /// Accept a pending request from @p requester; InvalidRequest when there is none.
    std::expected<void, Error> accept(UserId me, UserId requester);
    std::expected<void, Error> decline(UserId me, UserId requester);
    /// End a buddy relation (both directions).
    std::expected<void, Error> remove(UserId me, UserId peer);
    std::expected<void, Error> block(UserId me, UserId peer);
    std::expected<void, Error> unblock(UserId me, UserId peer);

    [[nodiscard]] std::expected<Relation, Error> relation(UserId me, UserId other);
    [[nodiscard]] std::expected<bool, Error> areBuddies(UserId a, UserId b);
    /// The routing rule: may @p from send anything (message, presence, bundle, file) to @p to?
    [[nodiscard]] std::expected<bool, Error> mayRoute(UserId from, UserId to);
    /// Mutual buddies of @p me (who gets presence, who may fetch bundles).
    [[nodiscard]] std::expected<std::vector<UserId>, Error> buddies(UserId me);

    /// Directory: the exact username, or listed users whose names start with @p query.
    /// Disabled accounts are never found.
    [[nodiscard]] std::expected<std::vector<UserRecord>, Error> lookup(const std::string& query);

private:
    Store& m_store;
    bool m_allowStrangers;
};

} // namespace palisade::server
