#include "server/support/TestClient.h"

#include <functional>
#include <sys/socket.h>

namespace palisade::server::test {

namespace asio = net::asio;

TestClient::TestClient()
    : m_deviceKey(crypto::x25519::generateKeyPair())
{
}

TestClient::TestClient(std::uint8_t seed)
    : m_deviceKey(*crypto::x25519::keyPairFromSecret(crypto::Bytes(32, seed)))
{
}

TestClient::~TestClient()
{
    disconnect();
}

bool TestClient::runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            return false;
        }
        m_io.restart();
        m_io.run_one_for(
            std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(50)));
    }
    return true;
}

std::expected<v1::ServerHello, net::Error> TestClient::connect(
    std::uint16_t port, const crypto::X25519PublicKey& serverKey, const std::string& clientVersion)
{
    disconnect();
    m_inbox->clear();
    std::optional<std::expected<net::ClientSession, net::Error>> result;
    v1::ClientHello hello;
    hello.set_protocol_version(net::kProtocolVersion);
    hello.set_client_version(clientVersion);
    hello.set_platform("linux");
    asio::co_spawn(
        m_io,
        [&]() -> net::Awaitable<void> {
            net::tcp::socket socket(m_io);
            boost::system::error_code ec;
            co_await socket.async_connect(net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                result = std::unexpected(net::Error::ConnectFailed);
                co_return;
            }
            // A named stream: GCC 12 mishandles a braced temporary inside co_await.
            net::ConnectedStream stream { std::move(socket), {} };
            result = co_await net::connectClient(std::move(stream), m_deviceKey, serverKey, hello);
        },
        asio::detached);
    if (!runUntil([&] { return result.has_value(); }, std::chrono::seconds(15))) {
        return std::unexpected(net::Error::Timeout);
    }
    if (!*result) {
        return std::unexpected(result->error());
    }
    m_connection = std::move((*result)->connection);
    startReader();
    return (*result)->hello;
}

void TestClient::startReader()
{
    *m_readerDone = false;
    asio::co_spawn(
        m_io,
        [conn = m_connection.get(), inbox = m_inbox, done = m_readerDone]() -> net::Awaitable<void> {
            for (;;) {
                auto frame = co_await conn->receiveFrame();
                if (!frame) {
                    break;
                }
                inbox->push_back(std::move(*frame));
            }
            *done = true;
        },
        asio::detached);
}

void TestClient::disconnect()
{
    if (m_connection) {
        m_connection->close();
        runUntil([this] { return *m_readerDone; }, std::chrono::seconds(5));
        m_connection.reset();
    }
}

bool TestClient::logIn(std::uint16_t port, const crypto::X25519PublicKey& serverKey, const std::string& user,
    const std::string& password, std::uint64_t* device)
{
    auto hello = connect(port, serverKey);
    if (!hello) {
        return false;
    }
    if (!hello->device_enrolled()) {
        auto result = enrol(user, password);
        if (!result || !result->has_enrol_result()) {
            return false;
        }
        if (device != nullptr) {
            *device = result->enrol_result().device_id();
        }
    }
    return waitFor(v1::Frame::kQueueStatus).has_value();
}

void TestClient::setReceiveBuffer(int bytes)
{
    if (m_connection) {
        ::setsockopt(m_connection->socket().native_handle(), SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    }
}

bool TestClient::isOpen() const
{
    return m_connection && m_connection->isOpen() && !*m_readerDone;
}

std::uint64_t TestClient::send(v1::Frame frame)
{
    const std::uint64_t id = ++m_nextId;
    frame.set_request_id(id);
    if (!m_connection) {
        return id;
    }
    std::optional<bool> sent;
    asio::co_spawn(
        m_io, [&]() -> net::Awaitable<void> { sent = (co_await m_connection->sendFrame(frame)).has_value(); },
        asio::detached);
    runUntil([&] { return sent.has_value(); }, std::chrono::seconds(5));
    return id;
}

bool TestClient::sendRaw(const std::string& bytes)
{
    std::optional<bool> sent;
    asio::co_spawn(
        m_io,
        [&]() -> net::Awaitable<void> {
            const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
            sent = (co_await m_connection->send(crypto::ByteView(data, bytes.size()))).has_value();
        },
        asio::detached);
    runUntil([&] { return sent.has_value(); }, std::chrono::seconds(5));
    return sent.value_or(false);
}

std::optional<v1::Frame> TestClient::next(std::chrono::milliseconds timeout)
{
    if (!runUntil([&] { return !m_inbox->empty() || *m_readerDone; }, timeout) || m_inbox->empty()) {
        return std::nullopt;
    }
    auto frame = std::move(m_inbox->front());
    m_inbox->pop_front();
    return frame;
}

std::optional<v1::Frame> TestClient::answer(std::uint64_t id, std::chrono::milliseconds timeout)
{
    std::optional<v1::Frame> found;
    auto match = [&] {
        for (auto it = m_inbox->begin(); it != m_inbox->end(); ++it) {
            if (it->request_id() == id) {
                found = std::move(*it);
                m_inbox->erase(it);
                return true;
            }
        }
        return *m_readerDone;
    };
    runUntil(match, timeout);
    return found;
}

std::optional<v1::Frame> TestClient::waitFor(v1::Frame::BodyCase kind, std::chrono::milliseconds timeout)
{
    std::optional<v1::Frame> found;
    auto match = [&] {
        for (auto it = m_inbox->begin(); it != m_inbox->end(); ++it) {
            if (it->body_case() == kind) {
                found = std::move(*it);
                m_inbox->erase(it);
                return true;
            }
        }
        return *m_readerDone;
    };
    runUntil(match, timeout);
    return found;
}

bool TestClient::waitClosed(std::chrono::milliseconds timeout)
{
    return runUntil([&] { return *m_readerDone; }, timeout);
}

std::optional<v1::Frame> TestClient::enrol(const std::string& user, const std::string& password)
{
    v1::Frame frame;
    frame.mutable_enrol_request()->set_username(user);
    frame.mutable_enrol_request()->set_password(password);
    frame.mutable_enrol_request()->set_device_name("test");
    return call(std::move(frame));
}

std::optional<v1::Frame> TestClient::contact(v1::Frame::BodyCase kind, const std::string& user)
{
    v1::Frame frame;
    switch (kind) {
    case v1::Frame::kContactRequest:
        frame.mutable_contact_request()->set_username(user);
        break;
    case v1::Frame::kContactAccept:
        frame.mutable_contact_accept()->set_username(user);
        break;
    case v1::Frame::kContactBlock:
        frame.mutable_contact_block()->set_username(user);
        break;
    default:
        frame.mutable_contact_remove()->set_username(user);
        break;
    }
    return call(std::move(frame));
}

std::optional<v1::Frame> TestClient::sendText(
    const std::string& recipient, std::uint64_t device, const std::string& body, const std::string& id)
{
    v1::Frame frame;
    auto* envelope = frame.mutable_send_envelope();
    envelope->set_client_message_id(id);
    envelope->set_recipient(recipient);
    auto* c = envelope->add_ciphertexts();
    c->set_device_id(device);
    c->set_ciphertext(body);
    return call(std::move(frame));
}

std::string messageId(const std::string& tag)
{
    std::string id = tag.substr(0, 16);
    id.resize(16, '.');
    return id;
}

} // namespace palisade::server::test
