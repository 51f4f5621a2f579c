// Session handlers for contacts, the directory and prekeys (docs/protocol.md §4).
#include "server/Server.h"
#include "server/Session.h"

namespace palisade::server {

namespace {

/// A contact request's note is cut to this many bytes (clients cut further, by characters).
constexpr std::size_t maxNoteBytes = 280;

v1::ContactState toWire(Relation relation)
{
    switch (relation) {
    case Relation::Buddies:
        return v1::CONTACT_STATE_BUDDY;
    case Relation::OutgoingRequest:
        return v1::CONTACT_STATE_REQUEST_SENT;
    case Relation::IncomingRequest:
        return v1::CONTACT_STATE_REQUEST_RECEIVED;
    case Relation::BlockedByMe:
        return v1::CONTACT_STATE_BLOCKED;
    case Relation::None:
        break;
    }
    return v1::CONTACT_STATE_UNSPECIFIED;
}

// A prekey bundle is stored as the serialized PrekeyUpload without its one-time keys.
std::vector<std::uint8_t> serialize(const google::protobuf::MessageLite& message)
{
    const std::string bytes = message.SerializeAsString();
    return { bytes.begin(), bytes.end() };
}

} // namespace

void Session::onContact(std::uint64_t id, const v1::Frame& frame)
{
    const std::string* name = nullptr;
    switch (frame.body_case()) {
    case v1::Frame::kContactRequest:
        name = &frame.contact_request().username();
        break;
    case v1::Frame::kContactAccept:
        name = &frame.contact_accept().username();
        break;
    case v1::Frame::kContactDecline:
        name = &frame.contact_decline().username();
        break;
    case v1::Frame::kContactRemove:
        name = &frame.contact_remove().username();
        break;
    default:
        name = &frame.contact_block().username();
        break;
    }
    const auto peer = m_server.userByName(*name);
    if (!peer || *peer == m_user) {
        error(id, Error::NotFound);
        return;
    }
    Contacts& contacts = m_server.contacts();
    std::expected<void, Error> result;
    bool unblocked = false; // never announced, like the block itself
    switch (frame.body_case()) {
    case v1::Frame::kContactRequest: {
        auto r = contacts.request(m_user, *peer);
        result = r ? std::expected<void, Error> {} : std::unexpected(r.error());
        break;
    }
    case v1::Frame::kContactAccept:
        result = contacts.accept(m_user, *peer);
        break;
    case v1::Frame::kContactDecline:
        result = contacts.decline(m_user, *peer);
        break;
    case v1::Frame::kContactRemove: {
        // Removing a contact we block lifts the block (protocol 1 has no separate unblock).
        const auto mine = contacts.relation(m_user, *peer);
        unblocked = mine && *mine == Relation::BlockedByMe;
        result = unblocked ? contacts.unblock(m_user, *peer) : contacts.remove(m_user, *peer);
        break;
    }
    default:
        result = contacts.block(m_user, *peer);
        break;
    }
    m_server.contactsChanged();
    if (!result) {
        error(id, result.error());
        return;
    }
    v1::Frame answer;
    answer.mutable_ok();
    reply(id, answer);
    // Tell the peer's live devices how the relation looks from their side, unless they are
    // now blocked (a block is never announced).
    auto theirView = contacts.relation(*peer, m_user);
    if (!theirView || frame.body_case() == v1::Frame::kContactBlock || unblocked) {
        return;
    }
    auto mine = contacts.relation(m_user, *peer);
    if (mine && *mine == Relation::BlockedByMe) {
        return;
    }
    v1::Frame event;
    event.mutable_contact_event()->mutable_contact()->set_username(m_server.nameOf(m_user).value_or(""));
    event.mutable_contact_event()->mutable_contact()->set_state(toWire(*theirView));
    if (frame.body_case() == v1::Frame::kContactRequest && *theirView == Relation::IncomingRequest) {
        // Carried, not interpreted: the client shows it as plain text. Live devices only.
        event.mutable_contact_event()->set_note(frame.contact_request().note().substr(0, maxNoteBytes));
    }
    for (Session* s : m_server.sessionsOf(*peer)) {
        s->push(event);
    }
}

void Session::onContactList(std::uint64_t id)
{
    auto edges = m_server.store().contacts(m_user);
    auto incoming = m_server.store().incomingRequests(m_user);
    if (!edges || !incoming) {
        error(id, Error::StoreFailed);
        return;
    }
    std::vector<UserId> peers;
    for (const auto& [peer, state] : *edges) {
        peers.push_back(peer);
    }
    for (UserId peer : *incoming) {
        if (std::find(peers.begin(), peers.end(), peer) == peers.end()) {
            peers.push_back(peer);
        }
    }
    v1::Frame answer;
    auto* list = answer.mutable_contact_list();
    for (UserId peer : peers) {
        auto relation = m_server.contacts().relation(m_user, peer);
        if (!relation || *relation == Relation::None) {
            continue;
        }
        auto* c = list->add_contacts();
        c->set_username(m_server.nameOf(peer).value_or(""));
        c->set_state(toWire(*relation));
        if (*relation == Relation::Buddies) {
            for (DeviceId d : m_server.devicesOf(peer)) {
                c->add_device_ids(static_cast<std::uint64_t>(d.value));
            }
        }
    }
    reply(id, answer);
}

void Session::onLookup(std::uint64_t id, const v1::DirectoryLookup& request)
{
    v1::Frame answer;
    auto* result = answer.mutable_directory_result();
    // Exact names only on the wire: a listed-user prefix search is not part of protocol 1.
    if (auto found = m_server.contacts().lookup(request.username())) {
        for (const auto& user : *found) {
            if (user.name == request.username()) {
                result->set_found(true);
                result->set_username(user.name);
            }
        }
    }
    reply(id, answer);
}

void Session::onPrekeyUpload(std::uint64_t id, const v1::PrekeyUpload& request)
{
    std::vector<std::uint8_t> bundle;
    if (request.has_signed_prekey()) {
        if (request.identity_key().size() != 32 || request.signed_prekey().public_key().size() != 32
            || request.signed_prekey().signature().size() != 64) {
            error(id, v1::ERROR_BAD_REQUEST,
                "a signed prekey needs a 32-byte identity key, key and 64-byte signature");
            return;
        }
        v1::PrekeyUpload stored;
        stored.set_identity_key(request.identity_key());
        *stored.mutable_signed_prekey() = request.signed_prekey();
        bundle = serialize(stored);
    }
    std::vector<std::vector<std::uint8_t>> oneTime;
    for (const auto& key : request.one_time_prekeys()) {
        if (key.public_key().size() != 32) {
            error(id, v1::ERROR_BAD_REQUEST, "a one-time prekey has 32 bytes");
            return;
        }
        oneTime.push_back(serialize(key));
    }
    auto count = m_server.prekeys().upload(m_device, bundle, oneTime);
    if (!count) {
        error(id, count.error());
        return;
    }
    v1::Frame answer;
    answer.mutable_ok();
    reply(id, answer);
}

void Session::onPrekeyFetch(std::uint64_t id, const v1::PrekeyBundleRequest& request)
{
    const auto target = m_server.userByName(request.username());
    if (!target) {
        error(id, Error::NotFound);
        return;
    }
    std::vector<DeviceId> low;
    auto bundles = m_server.prekeys().fetch(m_user, *target, &low);
    if (!bundles) {
        error(id, bundles.error());
        return;
    }
    v1::Frame answer;
    auto* out = answer.mutable_prekey_bundles();
    out->set_username(request.username());
    for (const auto& b : *bundles) {
        v1::PrekeyUpload stored;
        if (!stored.ParseFromArray(b.signedBundle.data(), static_cast<int>(b.signedBundle.size()))) {
            continue;
        }
        auto* bundle = out->add_bundles();
        bundle->set_device_id(static_cast<std::uint64_t>(b.device.value));
        bundle->set_identity_key(stored.identity_key());
        *bundle->mutable_signed_prekey() = stored.signed_prekey();
        if (b.oneTimePrekey) {
            bundle->mutable_one_time_prekey()->ParseFromArray(
                b.oneTimePrekey->data(), static_cast<int>(b.oneTimePrekey->size()));
        }
    }
    reply(id, answer);
    for (DeviceId device : low) {
        if (Session* s = m_server.sessionOf(device)) {
            v1::Frame notice;
            auto left = m_server.store().oneTimePrekeyCount(device);
            notice.mutable_prekeys_low()->set_remaining(static_cast<std::uint32_t>(left.value_or(0)));
            s->push(notice);
        }
    }
}

} // namespace palisade::server
