#include "core/contacts/Contacts.h"

#include "core/contacts/PlainText.h"
#include "core/session/Time.h"

#include <map>

namespace palisade::core {

namespace {

constexpr std::string_view contactKind = "contact";
constexpr std::string_view notePrefix = "contacts.note.";

std::optional<storage::ContactState> fromWire(v1::ContactState state)
{
    switch (state) {
    case v1::CONTACT_STATE_BUDDY:
        return storage::ContactState::Accepted;
    case v1::CONTACT_STATE_REQUEST_SENT:
        return storage::ContactState::RequestSent;
    case v1::CONTACT_STATE_REQUEST_RECEIVED:
        return storage::ContactState::RequestReceived;
    case v1::CONTACT_STATE_BLOCKED:
        return storage::ContactState::Blocked;
    default:
        return std::nullopt;
    }
}

/// The username a queued contact action targets.
std::string targetOf(const v1::Frame& frame)
{
    switch (frame.body_case()) {
    case v1::Frame::kContactRequest:
        return frame.contact_request().username();
    case v1::Frame::kContactAccept:
        return frame.contact_accept().username();
    case v1::Frame::kContactDecline:
        return frame.contact_decline().username();
    case v1::Frame::kContactRemove:
        return frame.contact_remove().username();
    case v1::Frame::kContactBlock:
        return frame.contact_block().username();
    default:
        return {};
    }
}

} // namespace

Contacts::Contacts(storage::Database& db, Session& session, Outbox& outbox, std::string self, Emit sink,
    std::shared_ptr<bool> alive)
    : m_store(db)
    , m_log(db)
    , m_settings(db)
    , m_session(session)
    , m_outbox(outbox)
    , m_self(std::move(self))
    , m_emit(std::move(sink))
    , m_alive(std::move(alive))
{
}

void Contacts::install()
{
    m_session.onPush(v1::Frame::kContactEvent, [this](const v1::Frame& f) { onContactEvent(f); });
    m_session.onPush(v1::Frame::kPresenceEvent, [this](const v1::Frame& f) { onPresence(f); });
}

bool Contacts::isBuddy(const std::string& username)
{
    if (username == m_self) {
        return true;
    }
    auto contact = m_store.find(username);
    return contact && *contact && (*contact)->state == storage::ContactState::Accepted;
}

bool Contacts::accept(const v1::Frame& frame, bool isReply)
{
    std::string from;
    std::string_view kind;
    if (isReply) {
        if (!frame.has_prekey_bundles()) {
            return true;
        }
        from = frame.prekey_bundles().username();
        kind = "stranger_bundle";
    } else if (frame.has_envelope()) {
        from = frame.envelope().sender();
        kind = "stranger_envelope";
    } else if (frame.has_presence_event()) {
        from = frame.presence_event().username();
        kind = "stranger_presence";
    } else {
        return true; // contact events (requests come from strangers), queue status, prekeys low
    }
    if (isBuddy(from)) {
        return true;
    }
    drop(kind, from);
    if (frame.has_envelope()) {
        // Delete it from the server's queue so a faulty server does not deliver it again.
        v1::Frame ack;
        ack.mutable_ack()->add_server_ids(frame.envelope().server_id());
        m_session.post(std::move(ack));
    }
    return false;
}

void Contacts::drop(std::string_view kind, const std::string& from)
{
    const std::string detail = "from " + plainText(from, maxNameLength);
    (void)m_log.append(nowMs(), kind, detail);
    m_emit(SecurityEventRecorded { std::string(kind), detail });
}

net::Awaitable<void> Contacts::sync()
{
    if (m_syncRunning) {
        m_syncAgain = true;
        co_return;
    }
    m_syncRunning = true;
    auto alive = m_alive;
    do {
        m_syncAgain = false;
        v1::Frame frame;
        frame.mutable_contact_list_request();
        auto reply = co_await m_session.request(std::move(frame));
        if (!*alive) {
            co_return;
        }
        if (!reply || !reply->has_contact_list()) {
            break;
        }
        std::map<std::string, storage::ContactState> server;
        for (const auto& c : reply->contact_list().contacts()) {
            if (auto state = fromWire(c.state());
                state && plainText(c.username(), maxNameLength) == c.username()) {
                server.emplace(c.username(), *state);
            }
        }
        const auto pending = pendingTargets();
        if (auto local = m_store.all()) {
            for (const auto& c : *local) {
                if (!server.contains(c.userId) && !pending.contains(c.userId)) {
                    setLocal(c.userId, std::nullopt);
                }
            }
        }
        for (const auto& [name, state] : server) {
            if (!pending.contains(name)) {
                setLocal(name, state);
            }
        }
        changed();
    } while (m_syncAgain);
    m_syncRunning = false;
}

std::set<std::string> Contacts::pendingTargets()
{
    std::set<std::string> out;
    if (auto items = m_outbox.items()) {
        for (const auto& item : *items) {
            if (item.kind == contactKind) {
                out.insert(targetOf(item.frame));
            }
        }
    }
    return out;
}

void Contacts::setLocal(const std::string& username, std::optional<storage::ContactState> state)
{
    auto existing = m_store.find(username);
    if (!existing) {
        return;
    }
    if (!state) {
        if (*existing) {
            (void)m_store.remove((*existing)->id);
        }
        (void)m_settings.remove(std::string(notePrefix) + username);
        return;
    }
    if (!*existing) {
        (void)m_store.add(username, username, *state, nowMs());
    } else if ((*existing)->state != *state) {
        (void)m_store.setState((*existing)->id, *state, nowMs());
    }
    if (*state != storage::ContactState::RequestReceived) {
        (void)m_settings.remove(std::string(notePrefix) + username);
    }
}

void Contacts::onContactEvent(const v1::Frame& frame)
{
    const auto& event = frame.contact_event();
    const std::string& name = event.contact().username();
    if (name.empty() || name == m_self || plainText(name, maxNameLength) != name) {
        drop("malformed_contact_event", name);
        return;
    }
    const auto state = fromWire(event.contact().state());
    setLocal(name, state);
    if (state == storage::ContactState::RequestReceived) {
        const std::string note = plainText(event.note(), maxNoteLength);
        (void)m_settings.setValue(std::string(notePrefix) + name, note);
        m_emit(ContactRequestReceived { name, note });
    }
    changed();
}

void Contacts::onPresence(const v1::Frame& frame)
{
    const auto& event = frame.presence_event();
    auto status = event.status();
    if (!v1::PresenceStatus_IsValid(status) || status == v1::PRESENCE_UNSPECIFIED) {
        status = v1::PRESENCE_OFFLINE;
    }
    m_emit(PresenceChanged { event.username(), status });
}

void Contacts::changed()
{
    m_emit(ContactsChanged { list() });
}

std::vector<ContactInfo> Contacts::list()
{
    std::vector<ContactInfo> out;
    if (auto all = m_store.all()) {
        for (const auto& c : *all) {
            ContactInfo info { c.userId, c.state, {} };
            if (c.state == storage::ContactState::RequestReceived) {
                if (auto note = m_settings.value(std::string(notePrefix) + c.userId); note && *note) {
                    info.note = **note;
                }
            }
            out.push_back(std::move(info));
        }
    }
    return out;
}

bool Contacts::validName(const std::string& username, std::string_view command)
{
    if (!username.empty() && username != m_self && username.size() <= maxNameLength
        && plainText(username, maxNameLength) == username) {
        return true;
    }
    m_emit(CommandFailed { std::string(command), "not a valid username" });
    return false;
}

void Contacts::queue(Action action, const std::string& username, const std::string& note)
{
    v1::Frame frame;
    std::optional<storage::ContactState> local;
    switch (action) {
    case Action::Request:
        frame.mutable_contact_request()->set_username(username);
        frame.mutable_contact_request()->set_note(plainText(note, maxNoteLength));
        local = storage::ContactState::RequestSent;
        break;
    case Action::Accept:
        frame.mutable_contact_accept()->set_username(username);
        local = storage::ContactState::Accepted;
        break;
    case Action::Decline:
        frame.mutable_contact_decline()->set_username(username);
        break;
    case Action::Remove:
        frame.mutable_contact_remove()->set_username(username);
        break;
    case Action::Block:
        frame.mutable_contact_block()->set_username(username);
        local = storage::ContactState::Blocked;
        break;
    }
    if (auto added = m_outbox.add(contactKind, frame); !added) {
        m_emit(CommandFailed { "contact", storage::describe(added.error()) });
        return;
    }
    setLocal(username, local);
    changed();
}

void Contacts::request(const std::string& username, const std::string& note)
{
    if (validName(username, "request")) {
        queue(Action::Request, username, note);
    }
}

void Contacts::acceptRequest(const std::string& username)
{
    if (validName(username, "accept")) {
        queue(Action::Accept, username);
    }
}

void Contacts::decline(const std::string& username)
{
    if (validName(username, "decline")) {
        queue(Action::Decline, username);
    }
}

void Contacts::remove(const std::string& username)
{
    if (validName(username, "remove")) {
        queue(Action::Remove, username);
    }
}

void Contacts::block(const std::string& username)
{
    if (validName(username, "block")) {
        queue(Action::Block, username);
    }
}

void Contacts::unblock(const std::string& username)
{
    if (validName(username, "unblock")) {
        queue(Action::Remove, username);
    }
}

net::Awaitable<void> Contacts::lookup(std::string username)
{
    auto alive = m_alive;
    v1::Frame frame;
    frame.mutable_directory_lookup()->set_username(username);
    auto reply = co_await m_session.request(std::move(frame));
    if (!*alive) {
        co_return;
    }
    if (!reply) {
        m_emit(CommandFailed { "lookup", std::string(net::describe(reply.error())) });
        co_return;
    }
    const bool found = reply->has_directory_result() && reply->directory_result().found()
        && reply->directory_result().username() == username;
    m_emit(LookupFinished { username, found });
}

} // namespace palisade::core
