#include "Fleet.h"

#include "Provision.h"
#include <algorithm>
#include <cstring>
#include <iostream>

namespace palisade::bench {

namespace asio = net::asio;
using Clock = std::chrono::steady_clock;

namespace {
constexpr std::size_t bodySize = 256;
constexpr std::size_t ackBatch = 128;

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}
} // namespace

struct Fleet::Client {
    std::uint32_t index = 0;
    std::unique_ptr<net::NoiseConnection> connection;
    bool ready = false;
    std::vector<std::uint64_t> acks;
    std::uint64_t seq = 0;
};

Fleet::Fleet(asio::io_context& io, FleetOptions options)
    : m_io(io)
    , m_options(std::move(options))
{
    for (std::uint32_t i = 0; i < m_options.clients; ++i) {
        auto client = std::make_unique<Client>();
        client->index = i;
        m_clients.push_back(std::move(client));
    }
}

Fleet::~Fleet()
{
    closeAll();
}

void Fleet::runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (!done() && Clock::now() < deadline) {
        m_io.restart();
        m_io.run_one_for(std::chrono::milliseconds(20));
    }
}

std::uint32_t Fleet::connectAll()
{
    constexpr std::uint32_t parallel = 256;
    std::uint32_t launched = 0;
    const auto started = Clock::now();
    while (m_ready + m_failed < m_options.clients && Clock::now() - started < std::chrono::minutes(10)) {
        while (launched < m_options.clients && launched - (m_ready + m_failed) < parallel) {
            asio::co_spawn(m_io, connectOne(launched++), asio::detached);
        }
        m_io.restart();
        m_io.run_one_for(std::chrono::milliseconds(20));
    }
    return m_ready;
}

net::Awaitable<void> Fleet::connectOne(std::uint32_t index)
{
    Client* client = m_clients[index].get();
    net::tcp::socket socket(m_io);
    boost::system::error_code ec;
    socket.open(net::tcp::v4(), ec);
    const auto source = asio::ip::address_v4((127U << 24) | (1 + index % m_options.sources));
    socket.bind(net::tcp::endpoint(source, 0), ec);
    co_await socket.async_connect(net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), m_options.port),
        asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        ++m_failed;
        co_return;
    }
    v1::ClientHello hello;
    hello.set_protocol_version(net::kProtocolVersion);
    hello.set_client_version("0.1.0");
    hello.set_platform("loadgen");
    net::ConnectedStream stream { std::move(socket), {} };
    auto session
        = co_await net::connectClient(std::move(stream), deviceKey(index), m_options.serverKey, hello);
    if (!session) {
        ++m_failed;
        co_return;
    }
    client->connection = std::move(session->connection);
    if (m_options.relay) {
        v1::Frame enrol;
        enrol.mutable_enrol_request()->set_username(userName(index));
        (void)client->connection->postFrame(enrol);
    }
    co_await readLoop(client);
}

net::Awaitable<void> Fleet::readLoop(Client* client)
{
    for (;;) {
        auto frame = co_await client->connection->receiveFrame();
        if (!frame) {
            if (!client->ready) {
                ++m_failed;
            }
            co_return;
        }
        switch (frame->body_case()) {
        case v1::Frame::kQueueStatus:
        case v1::Frame::kEnrolResult:
            if (!client->ready) {
                client->ready = true;
                ++m_ready;
            }
            break;
        case v1::Frame::kEnvelope: {
            const auto& body = frame->envelope().ciphertext();
            if (body.size() == bodySize) {
                std::int64_t scheduled = 0;
                std::uint32_t step = 0;
                std::memcpy(&scheduled, body.data(), sizeof scheduled);
                std::memcpy(&step, body.data() + 8, sizeof step);
                if (step == m_step) {
                    ++m_result.delivered;
                    m_lastDelivery = Clock::now();
                    m_latencyUs.push_back(
                        static_cast<std::uint32_t>(std::max<std::int64_t>(0, nowNs() - scheduled) / 1000));
                }
            }
            if (client->acks.empty()) {
                m_dirty.push_back(client);
            }
            client->acks.push_back(frame->envelope().server_id());
            if (client->acks.size() >= ackBatch) {
                flushAcks();
            }
            break;
        }
        case v1::Frame::kSendResult:
            ++m_result.accepted;
            break;
        case v1::Frame::kError:
            ++m_result.errors;
            break;
        default:
            break;
        }
    }
}

void Fleet::flushAcks()
{
    for (Client* c : m_dirty) {
        if (c->acks.empty() || !c->connection) {
            continue;
        }
        v1::Frame ack;
        for (auto id : c->acks) {
            ack.mutable_ack()->add_server_ids(id);
        }
        c->acks.clear();
        (void)c->connection->postFrame(ack);
    }
    m_dirty.clear();
}

void Fleet::sendOne(std::uint32_t index, Clock::time_point scheduled)
{
    Client* c = m_clients[index].get();
    if (!c->ready || !c->connection->isOpen()) {
        ++m_result.overflow;
        return;
    }
    // The buddy: the next user in the ring, or the previous one for the last client.
    const std::uint32_t peer = index + 1 < m_options.clients ? index + 1 : index - 1;
    std::string body(bodySize, '\x5A');
    const std::int64_t ns
        = std::chrono::duration_cast<std::chrono::nanoseconds>(scheduled.time_since_epoch()).count();
    std::memcpy(body.data(), &ns, sizeof ns);
    std::memcpy(body.data() + 8, &m_step, sizeof m_step);
    std::memcpy(body.data() + 12, &index, sizeof index);
    std::string id(16, '\0');
    const std::uint64_t seq = ++c->seq;
    std::memcpy(id.data(), &index, sizeof index);
    std::memcpy(id.data() + 8, &seq, sizeof seq);
    v1::Frame frame;
    frame.set_request_id(seq);
    auto* send = frame.mutable_send_envelope();
    send->set_recipient(userName(peer));
    send->set_client_message_id(std::move(id));
    auto* ciphertext = send->add_ciphertexts();
    ciphertext->set_device_id(m_options.relay ? peer : m_options.devices.at(peer));
    ciphertext->set_ciphertext(std::move(body));
    if (!c->connection->postFrame(frame)) {
        ++m_result.overflow;
        return;
    }
    ++m_result.sent;
}

net::Awaitable<void> Fleet::sendLoop(double rate, std::chrono::milliseconds duration)
{
    asio::steady_timer timer(m_io);
    const auto start = Clock::now();
    const auto total = static_cast<std::uint64_t>(rate * std::chrono::duration<double>(duration).count());
    std::uint64_t sent = 0;
    std::uint32_t next = 0;
    while (sent < total) {
        const auto now = Clock::now();
        const auto due = std::min(
            total, static_cast<std::uint64_t>(rate * std::chrono::duration<double>(now - start).count()));
        while (sent < due) {
            const auto scheduled = start
                + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(sent / rate));
            sendOne(next, scheduled);
            next = (next + 1) % m_options.clients;
            ++sent;
        }
        flushAcks();
        timer.expires_at(now + std::chrono::milliseconds(1));
        co_await timer.async_wait(asio::use_awaitable);
    }
    m_sending = false;
}

StepResult Fleet::runStep(double rate, std::chrono::milliseconds duration, std::chrono::milliseconds drain)
{
    ++m_step;
    m_result = StepResult {};
    m_result.offered = rate;
    m_latencyUs.clear();
    m_latencyUs.reserve(static_cast<std::size_t>(rate * std::chrono::duration<double>(duration).count()));
    const auto start = Clock::now();
    m_lastDelivery = start;
    m_sending = true;
    asio::co_spawn(m_io, sendLoop(rate, duration), asio::detached);
    runUntil([this] { return !m_sending; }, duration + std::chrono::seconds(30));
    runUntil(
        [this] {
            flushAcks();
            return m_result.delivered >= m_result.sent;
        },
        drain);
    flushAcks();
    m_result.seconds
        = std::chrono::duration<double>(std::max(m_lastDelivery, start + duration) - start).count();
    if (!m_latencyUs.empty()) {
        std::sort(m_latencyUs.begin(), m_latencyUs.end());
        const auto at = [this](double q) {
            return m_latencyUs[std::min(
                       m_latencyUs.size() - 1, static_cast<std::size_t>(q * m_latencyUs.size()))]
                / 1000.0;
        };
        m_result.p50 = at(0.50);
        m_result.p99 = at(0.99);
        m_result.p999 = at(0.999);
        m_result.max = m_latencyUs.back() / 1000.0;
    }
    return m_result;
}

void Fleet::closeAll()
{
    for (auto& c : m_clients) {
        if (c->connection) {
            c->connection->close();
        }
    }
    runUntil([] { return false; }, std::chrono::milliseconds(200));
    for (auto& c : m_clients) {
        c->connection.reset();
    }
}

} // namespace palisade::bench
