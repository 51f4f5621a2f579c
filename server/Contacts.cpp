#include "server/Contacts.h"

namespace palisade::server {
namespace {

bool is(const std::expected<ContactState, Error>& edge, ContactState state)
{
    return edge && *edge == state;
}

} // namespace

std::expected<Relation, Error> Contacts::request(UserId from, UserId to)
{
    if (from == to) {
        return std::unexpected(Error::InvalidRequest);
    }
    const auto mine = m_store.contact(from, to);
    const auto theirs = m_store.contact(to, from);
    if (!mine || !theirs) {
        return std::unexpected(Error::StoreFailed);
    }
    if (is(theirs, ContactState::Blocked)) {
        return Relation::OutgoingRequest; // never tell the requester they are blocked
    }
    if (is(mine, ContactState::Accepted) && is(theirs, ContactState::Accepted)) {
        return Relation::Buddies;
    }
    if (is(theirs, ContactState::Requested) || is(theirs, ContactState::Accepted)) {
        if (auto ok = m_store.setContact(from, to, ContactState::Accepted); !ok) {
            return std::unexpected(ok.error());
        }
        if (auto ok = m_store.setContact(to, from, ContactState::Accepted); !ok) {
            return std::unexpected(ok.error());
        }
        return Relation::Buddies;
    }
    if (auto ok = m_store.setContact(from, to, ContactState::Requested); !ok) {
        return std::unexpected(ok.error());
    }
    return Relation::OutgoingRequest;
}

std::expected<void, Error> Contacts::accept(UserId me, UserId requester)
{
    const auto theirs = m_store.contact(requester, me);
    if (!theirs) {
        return std::unexpected(theirs.error());
    }
    if (!is(theirs, ContactState::Requested) && !is(theirs, ContactState::Accepted)) {
        return std::unexpected(Error::InvalidRequest);
    }
    if (auto ok = m_store.setContact(me, requester, ContactState::Accepted); !ok) {
        return ok;
    }
    return m_store.setContact(requester, me, ContactState::Accepted);
}

std::expected<void, Error> Contacts::decline(UserId me, UserId requester)
{
    const auto theirs = m_store.contact(requester, me);
    if (!theirs) {
        return std::unexpected(theirs.error());
    }
    if (!is(theirs, ContactState::Requested)) {
        return std::unexpected(Error::InvalidRequest);
    }
    return m_store.removeContact(requester, me);
}

std::expected<void, Error> Contacts::remove(UserId me, UserId peer)
{
    const auto mine = m_store.contact(me, peer);
    const auto theirs = m_store.contact(peer, me);
    if (!mine || !theirs) {
        return std::unexpected(Error::StoreFailed);
    }
    if (*mine != ContactState::None && *mine != ContactState::Blocked) {
        if (auto ok = m_store.removeContact(me, peer); !ok) {
            return ok;
        }
    }
    if (*theirs != ContactState::None && *theirs != ContactState::Blocked) {
        return m_store.removeContact(peer, me);
    }
    return {};
}

std::expected<void, Error> Contacts::block(UserId me, UserId peer)
{
    if (me == peer) {
        return std::unexpected(Error::InvalidRequest);
    }
    const auto theirs = m_store.contact(peer, me);
    if (!theirs) {
        return std::unexpected(theirs.error());
    }
    if (*theirs != ContactState::None && *theirs != ContactState::Blocked) {
        if (auto ok = m_store.removeContact(peer, me); !ok) {
            return ok;
        }
    }
    return m_store.setContact(me, peer, ContactState::Blocked);
}

std::expected<void, Error> Contacts::unblock(UserId me, UserId peer)
{
    const auto mine = m_store.contact(me, peer);
    if (!mine) {
        return std::unexpected(mine.error());
    }
    if (!is(mine, ContactState::Blocked)) {
        return std::unexpected(Error::InvalidRequest);
    }
    return m_store.removeContact(me, peer);
}

std::expected<Relation, Error> Contacts::relation(UserId me, UserId other)
{
    const auto mine = m_store.contact(me, other);
    const auto theirs = m_store.contact(other, me);
    if (!mine || !theirs) {
        return std::unexpected(Error::StoreFailed);
    }
    if (is(mine, ContactState::Blocked)) {
        return Relation::BlockedByMe;
    }
    if (is(mine, ContactState::Accepted) && is(theirs, ContactState::Accepted)) {
        return Relation::Buddies;
    }
    if (is(mine, ContactState::Requested) || is(mine, ContactState::Accepted)) {
        return Relation::OutgoingRequest;
    }
    if (is(theirs, ContactState::Requested)) {
        return Relation::IncomingRequest;
    }
    return Relation::None;
}

std::expected<bool, Error> Contacts::areBuddies(UserId a, UserId b)
{
    auto r = relation(a, b);
    if (!r) {
        return std::unexpected(r.error());
    }
    return *r == Relation::Buddies;
}

std::expected<bool, Error> Contacts::mayRoute(UserId from, UserId to)
{
    const auto theirs = m_store.contact(to, from);
    const auto mine = m_store.contact(from, to);
    if (!theirs || !mine) {
        return std::unexpected(Error::StoreFailed);
    }
    if (is(theirs, ContactState::Blocked) || is(mine, ContactState::Blocked)) {
        return false;
    }
    if (m_allowStrangers) {
        return true;
    }
    return is(mine, ContactState::Accepted) && is(theirs, ContactState::Accepted);
}

std::expected<std::vector<UserId>, Error> Contacts::buddies(UserId me)
{
    auto edges = m_store.contacts(me);
    if (!edges) {
        return std::unexpected(edges.error());
    }
    std::vector<UserId> result;
    for (const auto& [peer, state] : *edges) {
        if (state != ContactState::Accepted) {
            continue;
        }
        if (auto mutual = areBuddies(me, peer); mutual && *mutual) {
            result.push_back(peer);
        }
    }
    return result;
}

std::expected<std::vector<UserRecord>, Error> Contacts::lookup(const std::string& query)
{
    std::vector<UserRecord> result;
    if (query.empty()) {
        return result;
    }
    auto exact = m_store.findUser(query);
    if (exact && !exact->disabled) {
        result.push_back(*exact);
    } else if (!exact && exact.error() != Error::NotFound) {
        return std::unexpected(exact.error());
    }
    auto all = m_store.users();
    if (!all) {
        return std::unexpected(all.error());
    }
    for (auto& u : *all) {
        if (u.listed && !u.disabled && u.name != query && u.name.starts_with(query)) {
            result.push_back(std::move(u));
        }
    }
    return result;
}

} // namespace palisade::server
