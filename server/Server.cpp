#include "server/Server.h"

#include "net/Handshake.h"
#include "server/Log.h"
#include "server/Session.h"
#include "server/Version.h"

#include <boost/asio/thread_pool.hpp>
#include <sodium.h>

namespace palisade::server {

namespace asio = net::asio;

namespace {

constexpr std::string_view serverVersion = "0.1.0";
constexpr std::uint32_t maxEnvelopeBytes = 60 * 1024;

/// Keeps the per-address connection count while a socket lives.
struct AddressSlot {
    std::unordered_map<std::string, std::uint32_t>& counts;
    std::string address;
    ~AddressSlot()
    {
        if (auto it = counts.find(address); it != counts.end() && --it->second == 0) {
            counts.erase(it);
        }
    }
};

} // namespace

Server::Server(asio::io_context& io, Config config, Store& store, crypto::X25519KeyPair key,
    const Clock& clock, const PasswordHasher& hasher)
    : m_io(io)
    , m_config(std::move(config))
    , m_store(store)
    , m_key(std::move(key))
    , m_clock(clock)
    , m_accounts(store, hasher, clock, m_config.limits)
    , m_contacts(store, m_config.allowStrangers)
    , m_prekeys(store, m_contacts, m_config.limits)
    , m_files(store, m_contacts, clock, m_config.limits)
    , m_pairs(m_config.limits.pairMessagesPerSecond, m_config.limits.pairBurst)
    , m_acceptor(io)
    , m_housekeepingTimer(io)
{
}

Server::~Server()
{
    commitBatch();
    m_verifiers.join();
}

net::Awaitable<bool> Server::verifyPassword(std::string hash, std::string password)
{
    auto initiation = [this](auto handler, std::string h, std::string p) {
        // The work guard keeps run() going until the answer is back on the server's thread.
        asio::post(m_verifiers,
            [this, work = asio::make_work_guard(m_io), handler = std::move(handler), h = std::move(h),
                p = std::move(p)]() mutable {
                const bool ok = m_accounts.hasher().verify(h, p);
                sodium_memzero(p.data(), p.size());
                asio::post(m_io, [handler = std::move(handler), ok]() mutable { handler(ok); });
            });
    };
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(bool)>(
        initiation, asio::use_awaitable, std::move(hash), std::move(password));
}

bool Server::beginWrite()
{
    if (m_batchOpen) {
        return true;
    }
    if (!m_store.beginBatch()) {
        return false;
    }
    m_batchOpen = true;
    // Runs after the handlers that are ready now: their writes share the transaction.
    asio::post(m_io, [this] { commitBatch(); });
    return true;
}

void Server::afterCommit(std::shared_ptr<Session> session, v1::Frame frame)
{
    m_afterCommit.push_back(Pending { std::move(session), std::move(frame), {} });
}

void Server::afterCommit(std::shared_ptr<Session> session, EnvelopeRecord envelope)
{
    m_afterCommit.push_back(Pending { std::move(session), std::nullopt, std::move(envelope) });
}

void Server::commitBatch()
{
    if (!m_batchOpen) {
        return;
    }
    m_batchOpen = false;
    const bool committed = m_store.commitBatch().has_value();
    std::vector<Pending> waiting;
    waiting.swap(m_afterCommit);
    if (!committed) {
        // Nothing that waited was durable: drop those clients; they resend what got no answer.
        logLine(
            "server", "store commit failed; closing " + std::to_string(waiting.size()) + " waiting sessions");
        for (auto& p : waiting) {
            p.session->close();
        }
        return;
    }
    for (auto& p : waiting) {
        if (p.frame) {
            p.session->push(*p.frame);
        } else {
            p.session->deliver(std::move(p.envelope));
        }
    }
}

std::expected<net::tcp::endpoint, std::string> Server::listen()
{
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(m_config.listen.host, ec);
    if (ec) {
        return std::unexpected("listen address " + m_config.listen.host + " is not an IP address");
    }
    const net::tcp::endpoint endpoint(address, m_config.listen.port);
    m_acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        m_acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        m_acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        m_acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        return std::unexpected("cannot listen on " + m_config.listen.toString() + ": " + ec.message());
    }
    return m_acceptor.local_endpoint();
}

void Server::start()
{
    if (auto changes = m_store.externalChanges()) {
        m_lastExternalChange = *changes;
    }
    asio::co_spawn(m_io, acceptLoop(), asio::detached);
    asio::co_spawn(m_io, housekeeping(), asio::detached);
}

void Server::shutdown()
{
    if (m_stopping) {
        return;
    }
    m_stopping = true;
    logLine("server", "draining " + std::to_string(m_all.size()) + " sessions");
    boost::system::error_code ec;
    m_acceptor.close(ec);
    m_housekeepingTimer.cancel();
    // Closing makes every session's read fail; each then stores its unacknowledged envelopes.
    const std::vector<Session*> all(m_all.begin(), m_all.end());
    for (Session* s : all) {
        s->close();
    }
    commitBatch();
}

net::Awaitable<void> Server::acceptLoop()
{
    const Limits& limits = m_config.limits;
    while (!m_stopping) {
        boost::system::error_code ec;
        net::tcp::socket socket
            = co_await m_acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (m_stopping || ec == asio::error::operation_aborted) {
                co_return;
            }
            continue; // EMFILE and friends: keep serving the connections we have
        }
        const auto remote = socket.remote_endpoint(ec);
        std::string address = ec ? std::string("unknown") : remote.address().to_string();
        auto& perAddress = m_perAddress[address];
        const std::size_t total = m_all.size() + static_cast<std::size_t>(pendingHandshakes);
        if (perAddress >= limits.connectionsPerAddress || total >= limits.maxConnections
            || static_cast<std::uint32_t>(pendingHandshakes) >= limits.pendingHandshakes) {
            ++m_stats.refused;
            if (perAddress == 0) {
                m_perAddress.erase(address);
            }
            socket.close(ec);
            continue;
        }
        ++perAddress;
        ++m_stats.accepted;
        asio::co_spawn(m_io, handleSocket(std::move(socket), std::move(address)), asio::detached);
    }
}

net::Awaitable<void> Server::handleSocket(net::tcp::socket socket, std::string address)
{
    AddressSlot slot { m_perAddress, address };
    v1::ServerHello hello;
    hello.set_protocol_version(net::kProtocolVersion);
    hello.set_server_version(std::string(serverVersion));
    hello.set_min_client_version(m_config.minClientVersion.toString());
    hello.set_server_time_ms(m_clock.unixSeconds() * 1000);
    auto* policy = hello.mutable_policy();
    policy->set_allow_strangers(m_config.allowStrangers);
    policy->set_max_file_bytes(std::uint64_t { m_config.limits.maxFileMb } * 1024 * 1024);
    policy->set_max_envelope_bytes(maxEnvelopeBytes);
    policy->set_file_chunk_bytes(FileRelay::maxChunkBytes);

    net::HandshakeOptions options;
    options.timeout = std::chrono::seconds(m_config.limits.handshakeTimeoutSeconds);
    options.limits.idleTimeout = std::chrono::seconds(m_config.limits.idleTimeoutSeconds);
    ++pendingHandshakes;
    // Under IK the client's device key is known before message 2: tell it whether it is enrolled.
    net::ServerHelloProvider provider
        = [this, hello](const v1::ClientHello*, const crypto::X25519PublicKey* key) {
              v1::ServerHello out = hello;
              if (key != nullptr) {
                  DeviceKey device {};
                  std::copy(key->begin(), key->end(), device.begin());
                  out.set_device_enrolled(m_store.findDevice(device).has_value());
              }
              return out;
          };
    auto accepted = co_await net::acceptClient(std::move(socket), m_key, std::move(provider), false, options);
    --pendingHandshakes;
    if (!accepted) {
        ++m_stats.handshakeFailures;
        logLine("server", std::string("handshake failed: ") + std::string(net::describe(accepted.error())));
        co_return;
    }
    if (m_stopping) {
        accepted->connection->close();
        co_return;
    }
    const auto version = Version::parse(accepted->hello.client_version());
    if (!version || !meetsMinimum(*version, m_config.minClientVersion)) {
        logLine("server", "refused a client older than " + m_config.minClientVersion.toString());
        v1::Frame frame;
        frame.mutable_error()->set_code(v1::ERROR_UPDATE_REQUIRED);
        frame.mutable_error()->set_message(
            "this client is too old; update to " + m_config.minClientVersion.toString() + " or newer");
        (void)co_await accepted->connection->sendFrame(frame);
        accepted->connection->close();
        co_return;
    }
    auto session = std::make_shared<Session>(*this, std::move(accepted->connection), address);
    co_await session->run(version->toString());
}

net::Awaitable<void> Server::housekeeping()
{
    std::uint64_t tick = 0;
    while (!m_stopping) {
        m_housekeepingTimer.expires_after(std::chrono::seconds(1));
        boost::system::error_code ec;
        co_await m_housekeepingTimer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (m_stopping) {
            co_return;
        }
        dropDisabledSessions();
        dropStalledWriters();
        if (++tick % 60 == 0) {
            const auto now = m_clock.unixSeconds();
            (void)m_store.expireEnvelopes(now);
            (void)m_files.expire();
            m_pairs.prune(m_clock.monotonic());
        }
    }
}

void Server::dropStalledWriters()
{
    const auto limit = std::chrono::seconds(m_config.limits.writeTimeoutSeconds);
    const auto now = std::chrono::steady_clock::now();
    std::vector<Session*> stalled;
    for (Session* s : m_all) {
        if (auto since = s->writingSince(); since && now - *since > limit) {
            stalled.push_back(s);
        }
    }
    for (Session* s : stalled) {
        logLine("server", "dropping a client that stopped reading");
        s->close();
    }
}

void Server::dropDisabledSessions()
{
    auto changes = m_store.externalChanges();
    if (!changes || *changes == m_lastExternalChange) {
        return;
    }
    m_lastExternalChange = *changes;
    m_names.clear(); // the admin may have added users
    std::vector<Session*> drop;
    for (const auto& [user, devices] : m_online) {
        auto record = m_store.user(user);
        if (record && record->disabled) {
            for (DeviceId d : devices) {
                drop.push_back(m_sessions.at(d));
            }
        }
    }
    for (Session* s : drop) {
        logLine("server", "dropping a session of a disabled account");
        v1::Frame frame;
        frame.mutable_error()->set_code(v1::ERROR_ACCOUNT_DISABLED);
        frame.mutable_error()->set_message(std::string(describe(Error::AccountDisabled)));
        detach(*s);
        s->push(frame);
        s->finish();
    }
}

void Server::attach(Session& session)
{
    if (auto it = m_sessions.find(session.device()); it != m_sessions.end() && it->second != &session) {
        Session* old = it->second;
        detach(*old);
        old->close(); // the same device connected again: the new connection wins
    }
    m_sessions[session.device()] = &session;
    m_online[session.user()].push_back(session.device());
}

void Server::detach(Session& session)
{
    auto it = m_sessions.find(session.device());
    if (it == m_sessions.end() || it->second != &session) {
        return;
    }
    m_sessions.erase(it);
    auto& devices = m_online[session.user()];
    std::erase(devices, session.device());
    if (devices.empty()) {
        m_online.erase(session.user());
    }
}

Session* Server::sessionOf(DeviceId device) const
{
    auto it = m_sessions.find(device);
    return it == m_sessions.end() ? nullptr : it->second;
}

std::vector<Session*> Server::sessionsOf(UserId user) const
{
    std::vector<Session*> out;
    if (auto it = m_online.find(user); it != m_online.end()) {
        for (DeviceId d : it->second) {
            out.push_back(m_sessions.at(d));
        }
    }
    return out;
}

std::optional<UserId> Server::userByName(const std::string& name)
{
    if (auto it = m_names.find(name); it != m_names.end()) {
        return it->second;
    }
    if (!isValidUsername(name)) {
        return std::nullopt;
    }
    auto user = m_store.findUser(name);
    if (!user) {
        return std::nullopt;
    }
    if (m_names.size() > 100'000) {
        m_names.clear();
    }
    m_names.emplace(name, user->id);
    return user->id;
}

std::optional<std::string> Server::nameOf(UserId user)
{
    if (auto it = m_userNames.find(user); it != m_userNames.end()) {
        return it->second;
    }
    auto record = m_store.user(user);
    if (!record) {
        return std::nullopt;
    }
    if (m_userNames.size() > 100'000) {
        m_userNames.clear();
    }
    m_userNames.emplace(user, record->name);
    return record->name;
}

const std::vector<DeviceId>& Server::devicesOf(UserId user)
{
    auto it = m_devices.find(user);
    if (it == m_devices.end()) {
        std::vector<DeviceId> ids;
        if (auto devices = m_store.devices(user)) {
            for (const auto& d : *devices) {
                ids.push_back(d.id);
            }
        }
        it = m_devices.emplace(user, std::move(ids)).first;
    }
    return it->second;
}

bool Server::mayRoute(UserId from, UserId to)
{
    const std::uint64_t key
        = (static_cast<std::uint64_t>(from.value) << 32) ^ static_cast<std::uint64_t>(to.value);
    if (auto it = m_routeCache.find(key); it != m_routeCache.end()) {
        return it->second;
    }
    const bool allowed = m_contacts.mayRoute(from, to).value_or(false);
    if (m_routeCache.size() > 1'000'000) {
        m_routeCache.clear();
    }
    m_routeCache.emplace(key, allowed);
    return allowed;
}

bool Server::allowPair(UserId from, UserId to)
{
    return m_pairs.allow(from.value, to.value, m_clock.monotonic());
}

} // namespace palisade::server
