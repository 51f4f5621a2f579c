#include "E2eRelay.h"

#include <algorithm>

namespace palisade::test {

namespace {

v1::Frame errorFrame(v1::ErrorCode code)
{
    v1::Frame frame;
    frame.mutable_error()->set_code(code);
    return frame;
}

} // namespace

net::Awaitable<std::expected<v1::Frame, net::Error>> RelayLink::request(v1::Frame frame)
{
    ++sent[frame.body_case()];
    if (!m_connected) {
        co_return std::unexpected(net::Error::ConnectionClosed);
    }
    co_return m_relay->handle(*this, frame);
}

void RelayLink::push(const v1::Frame& frame)
{
    if (auto it = m_handlers.find(frame.body_case()); it != m_handlers.end()) {
        it->second(frame);
    }
}

RelayLink& E2eRelay::addDevice(const std::string& user)
{
    const auto id = m_nextDevice++;
    m_links.push_back(std::make_unique<RelayLink>(*this, user, id));
    m_devices[id].link = m_links.back().get();
    m_users[user].push_back(id);
    return *m_links.back();
}

void E2eRelay::removeDevice(RelayLink& link)
{
    link.m_connected = false;
    std::erase(m_users[link.user()], link.device());
    m_devices.erase(link.device());
}

void E2eRelay::makeBuddies(const std::string& a, const std::string& b)
{
    m_buddies.emplace(a, b);
    m_buddies.emplace(b, a);
}

bool E2eRelay::mayRoute(const std::string& a, const std::string& b) const
{
    return a == b || m_buddies.contains({ a, b });
}

void E2eRelay::connect(RelayLink& link)
{
    link.m_connected = true;
    redeliver(link);
}

void E2eRelay::disconnect(RelayLink& link)
{
    link.m_connected = false;
}

void E2eRelay::redeliver(RelayLink& link)
{
    auto& device = m_devices.at(link.device());
    for (const auto& q : device.queue) {
        v1::Frame frame;
        *frame.mutable_envelope() = q.envelope;
        frame.mutable_envelope()->set_server_id(q.serverId);
        deliver(device, frame);
    }
}

void E2eRelay::setHoldPushes(RelayLink& link, bool hold)
{
    m_devices.at(link.device()).hold = hold;
}

std::size_t E2eRelay::heldCount(RelayLink& link) const
{
    return m_devices.at(link.device()).held.size();
}

void E2eRelay::releaseHeld(RelayLink& link, const std::vector<std::size_t>& order)
{
    auto& device = m_devices.at(link.device());
    auto held = std::move(device.held);
    device.held.clear();
    for (const auto index : order) {
        net::asio::post(*m_io, [l = &link, frame = held.at(index)] { l->push(frame); });
    }
}

void E2eRelay::deliver(Device& device, const v1::Frame& frame)
{
    if (device.link == nullptr || !device.link->m_connected) {
        return;
    }
    if (device.hold) {
        device.held.push_back(frame);
        return;
    }
    net::asio::post(*m_io, [l = device.link, frame] { l->push(frame); });
}

std::size_t E2eRelay::queued(const RelayLink& link) const
{
    return m_devices.at(link.device()).queue.size();
}

std::size_t E2eRelay::oneTimePrekeys(const RelayLink& link) const
{
    return m_devices.at(link.device()).oneTime.size();
}

v1::Frame E2eRelay::handle(RelayLink& from, const v1::Frame& frame)
{
    v1::Frame ok;
    ok.mutable_ok();
    auto& self = m_devices.at(from.device());
    switch (frame.body_case()) {
    case v1::Frame::kSendEnvelope:
        return onSend(from, frame.send_envelope());
    case v1::Frame::kAck:
        for (const auto id : frame.ack().server_ids()) {
            if (dropAcks) {
                break;
            }
            std::erase_if(self.queue, [id](const Queued& q) { return q.serverId == id; });
        }
        return ok;
    case v1::Frame::kPrekeyUpload: {
        const auto& upload = frame.prekey_upload();
        if (upload.has_signed_prekey()) {
            if (upload.identity_key().size() != 32 || upload.signed_prekey().signature().size() != 64) {
                return errorFrame(v1::ERROR_BAD_REQUEST);
            }
            if (self.bundle && self.bundle->identity_key() != upload.identity_key()) {
                self.oneTime.clear(); // a new identity: the old one-time prekeys are useless
            }
            self.bundle = upload;
            self.bundle->clear_one_time_prekeys();
        }
        for (const auto& key : upload.one_time_prekeys()) {
            self.oneTime.push_back(key);
        }
        return ok;
    }
    case v1::Frame::kPrekeyBundleRequest:
        return onFetch(from, frame.prekey_bundle_request().username());
    default:
        return errorFrame(v1::ERROR_BAD_REQUEST);
    }
}

v1::Frame E2eRelay::onSend(RelayLink& from, const v1::SendEnvelope& send)
{
    if (send.client_message_id().size() != 16 || send.ciphertexts_size() == 0) {
        return errorFrame(v1::ERROR_BAD_REQUEST);
    }
    auto user = m_users.find(send.recipient());
    if (user == m_users.end()) {
        return errorFrame(v1::ERROR_NOT_FOUND);
    }
    if (!mayRoute(from.user(), send.recipient())) {
        return errorFrame(v1::ERROR_NOT_A_BUDDY);
    }
    for (const auto& c : send.ciphertexts()) {
        const auto& list = user->second;
        if (std::find(list.begin(), list.end(), c.device_id()) == list.end()
            || c.device_id() == from.device()) {
            return errorFrame(v1::ERROR_NOT_FOUND);
        }
    }
    for (const auto& c : send.ciphertexts()) {
        auto& device = m_devices.at(c.device_id());
        Queued q { m_nextServerId++, {} };
        q.envelope.set_server_id(q.serverId);
        q.envelope.set_sender(from.user());
        q.envelope.set_sender_device_id(from.device());
        q.envelope.set_client_message_id(send.client_message_id());
        q.envelope.set_ciphertext(c.ciphertext());
        q.envelope.set_server_time_ms(1'700'000'000'000);
        ciphertexts.push_back(c.ciphertext());
        device.queue.push_back(q);
        v1::Frame frame;
        *frame.mutable_envelope() = q.envelope;
        deliver(device, frame);
    }
    v1::Frame result;
    result.mutable_send_result()->set_client_message_id(send.client_message_id());
    return result;
}

v1::Frame E2eRelay::onFetch(RelayLink& from, const std::string& user)
{
    auto it = m_users.find(user);
    if (it == m_users.end()) {
        return errorFrame(v1::ERROR_NOT_FOUND);
    }
    if (!mayRoute(from.user(), user)) {
        return errorFrame(v1::ERROR_NOT_A_BUDDY);
    }
    v1::Frame answer;
    auto* out = answer.mutable_prekey_bundles();
    out->set_username(user);
    for (const auto id : it->second) {
        auto& device = m_devices.at(id);
        if (!device.bundle) {
            continue;
        }
        auto* bundle = out->add_bundles();
        bundle->set_device_id(id);
        bundle->set_identity_key(device.bundle->identity_key());
        *bundle->mutable_signed_prekey() = device.bundle->signed_prekey();
        if (!device.oneTime.empty()) {
            *bundle->mutable_one_time_prekey() = device.oneTime.front();
            device.oneTime.pop_front();
        }
        if (device.oneTime.size() < lowWatermark) {
            v1::Frame low;
            low.mutable_prekeys_low()->set_remaining(static_cast<std::uint32_t>(device.oneTime.size()));
            deliver(device, low);
        }
    }
    return answer;
}

} // namespace palisade::test
