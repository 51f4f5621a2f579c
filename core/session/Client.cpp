#include "core/session/Client.h"

#include "core/ClientInfo.h"
#include "core/session/Time.h"
#include "storage/AccountStore.h"
#include "storage/Profile.h"
#include "storage/SettingsStore.h"

#include <sodium.h>

namespace palisade::core {

namespace asio = net::asio;

namespace {

constexpr std::string_view deviceKeyName = "default";
constexpr std::string_view learnedKeySetting = "server.learned_key";

std::string hex(std::span<const std::uint8_t> bytes)
{
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}

std::optional<crypto::X25519PublicKey> parseKey(std::string_view text)
{
    crypto::X25519PublicKey key {};
    std::size_t length = 0;
    if (sodium_hex2bin(key.data(), key.size(), text.data(), text.size(), nullptr, &length, nullptr) != 0
        || length != key.size()) {
        return std::nullopt;
    }
    return key;
}

} // namespace

/// The open profile and everything that lives only while it is open.
struct Client::Open {
    explicit Open(storage::Profile opened)
        : profile(std::move(opened))
        , accounts(profile.database())
        , settings(profile.database())
        , outbox(profile.database())
    {
    }
    storage::Profile profile;
    storage::AccountStore accounts;
    storage::SettingsStore settings;
    Outbox outbox;
    std::shared_ptr<Session> session;
    std::unique_ptr<Contacts> contacts;
    std::unique_ptr<CoreContext> context;
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
    std::string username;
    bool flushing = false;
    bool flushAgain = false;
};

KeyStoreFactory passphraseKeyStores(std::filesystem::path profileDir, storage::PassphrasePolicy policy)
{
    return [dir = std::move(profileDir), policy](
               crypto::SecureBuffer secret) -> std::unique_ptr<storage::KeyStore> {
        return std::make_unique<storage::PassphraseKeyStore>(
            dir / storage::Profile::keyFileName, std::move(secret), policy);
    };
}

Client::Client(asio::io_context& io, EngineConfig config, KeyStoreFactory keys, Emit sink)
    : m_io(io)
    , m_config(std::move(config))
    , m_keys(std::move(keys))
    , m_emit(std::move(sink))
    , m_idleTimer(io)
{
}

Client::~Client()
{
    close();
}

void Client::publish(EngineEvent event)
{
    if (const auto* dropped = std::get_if<SecurityEventRecorded>(&event);
        dropped != nullptr && dropped->kind.starts_with("stranger_")) {
        ++m_strangersDropped;
    }
    m_emit(std::move(event));
}

void Client::openProfile(crypto::SecureBuffer secret)
{
    if (m_open) {
        publish(CommandFailed { "open", "the profile is already open" });
        return;
    }
    const bool existed = std::filesystem::exists(m_config.profileDir / storage::Profile::databaseFileName);
    if (auto ok = open(std::move(secret)); !ok) {
        publish(ProfileFailed { ok.error().code, storage::describe(ok.error()) });
        return;
    }
    m_locked = false;
    publish(ProfileOpened { !existed, !m_open->username.empty(), m_open->username });
    if (m_open->contacts) {
        publish(ContactsChanged { m_open->contacts->list() });
    }
}

std::expected<void, storage::Error> Client::open(crypto::SecureBuffer secret)
{
    auto profile = [&] {
        auto keys = m_keys(std::move(secret)); // destroyed (passphrase wiped) when this returns
        return storage::Profile::open(m_config.profileDir, *keys);
    }();
    if (!profile) {
        return std::unexpected(profile.error());
    }
    auto open = std::make_unique<Open>(std::move(*profile));
    auto account = open->accounts.account();
    auto stored = open->accounts.secret(storage::credential::deviceKey, deviceKeyName);
    if (!account || !stored) {
        return std::unexpected(!account ? account.error() : stored.error());
    }
    if (*account) {
        open->username = (*account)->userId;
    }
    crypto::X25519KeyPair deviceKey;
    if (*stored) {
        auto pair = crypto::x25519::keyPairFromSecret((*stored)->bytes());
        if (!pair) {
            return std::unexpected(storage::Error { storage::ErrorCode::Corrupt, "device key" });
        }
        deviceKey = std::move(*pair);
    } else {
        deviceKey = crypto::x25519::generateKeyPair();
        if (auto ok = open->accounts.putSecret(
                storage::credential::deviceKey, deviceKeyName, deviceKey.secretKey, nowMs());
            !ok) {
            return std::unexpected(ok.error());
        }
    }
    std::optional<crypto::X25519PublicKey> learned;
    if (auto value = open->settings.value(learnedKeySetting); value && *value) {
        learned = parseKey(**value);
    }
    m_open = std::move(open);
    m_open->session
        = std::make_shared<Session>(m_io, m_config.session, std::move(deviceKey), learned, hooks());
    m_open->contacts = std::make_unique<Contacts>(
        m_open->profile.database(), *m_open->session, m_open->outbox, m_open->username,
        [this](EngineEvent e) { publish(std::move(e)); }, m_open->alive);
    m_open->contacts->install();
    m_open->outbox.onAdded([this, alive = m_open->alive] {
        if (*alive && m_open->session->isConnected()) {
            asio::co_spawn(m_io, flushOutbox(alive), asio::detached);
        }
    });
    m_open->context = std::make_unique<CoreContext>(CoreContext { m_io, *m_open->session, m_open->outbox,
        m_open->profile.database(), m_open->username, [this](EngineEvent e) { publish(std::move(e)); } });
    for (auto& service : m_services) {
        service->profileOpened(*m_open->context);
    }
    m_lastActivity = std::chrono::steady_clock::now();
    armIdleTimer();
    return {};
}

SessionHooks Client::hooks()
{
    SessionHooks h;
    h.stateChanged = [this](SessionState state, const std::string& detail, std::chrono::milliseconds retry) {
        publish(SessionStateChanged { state, detail, retry });
    };
    h.enrolled = [this](const std::string& username, std::uint64_t deviceId) {
        const auto& server = m_config.session.server;
        (void)m_open->accounts.setAccount(
            { username, std::to_string(deviceId), server.host + ":" + std::to_string(server.port), nowMs() });
        m_open->username = username;
        m_open->context->username = username;
        m_open->contacts->setSelf(username);
    };
    h.serverKeyLearned = [this](const crypto::X25519PublicKey& key) {
        (void)m_open->settings.setValue(learnedKeySetting, hex(key));
        publish(ServerKeyLearned { hex(key) });
    };
    h.loggedIn = [this]() { return loggedIn(m_open->alive); };
    h.accept
        = [this](const v1::Frame& frame, bool isReply) { return m_open->contacts->accept(frame, isReply); };
    return h;
}

net::Awaitable<void> Client::loggedIn(std::shared_ptr<bool> alive)
{
    co_await m_open->contacts->sync();
    if (!*alive) {
        co_return;
    }
    asio::co_spawn(m_io, sendCompliance(alive), asio::detached);
    if (m_presence != v1::PRESENCE_ONLINE) {
        asio::co_spawn(m_io, sendPresence(alive), asio::detached);
    }
    asio::co_spawn(m_io, flushOutbox(alive), asio::detached);
    for (auto& service : m_services) {
        service->connected();
    }
}

net::Awaitable<void> Client::flushOutbox(std::shared_ptr<bool> alive)
{
    if (m_open->flushing) {
        m_open->flushAgain = true;
        co_return;
    }
    m_open->flushing = true;
    bool progress = true;
    while (progress && m_open->session->isConnected()) {
        m_open->flushAgain = false;
        progress = false;
        auto items = m_open->outbox.items();
        if (!items) {
            break;
        }
        bool syncContacts = false;
        for (auto& item : *items) {
            auto answer = co_await m_open->session->request(item.frame);
            if (!*alive) {
                co_return;
            }
            if (!answer) {
                break; // kept; sent again after the next login
            }
            if (auto removed = m_open->outbox.remove(item.seq); !removed) {
                break;
            }
            progress = true;
            syncContacts = syncContacts || item.kind == Contacts::outboxKind;
            m_open->outbox.answered(item, *answer);
            publish(OutboxItemAnswered { item.seq, item.kind, answer->has_error(),
                answer->has_error() ? answer->error().message().substr(0, 200) : std::string() });
        }
        if (syncContacts) {
            co_await m_open->contacts->sync();
            if (!*alive) {
                co_return;
            }
        }
        progress = progress && m_open->flushAgain;
    }
    m_open->flushing = false;
}

net::Awaitable<void> Client::sendCompliance(std::shared_ptr<bool> alive)
{
    v1::Frame frame;
    auto* report = frame.mutable_compliance_report();
    report->set_client_version(std::string(clientVersion()));
    report->set_os(std::string(platformName()));
    const auto& digest = m_config.session.policyDigest;
    report->set_policy_digest(reinterpret_cast<const char*>(digest.data()), digest.size());
    for (const auto& event : m_config.session.complianceEvents) {
        report->add_events(event);
    }
    const std::uint64_t dropped = m_strangersDropped;
    if (dropped > 0) {
        report->add_events("strangers_dropped=" + std::to_string(dropped));
    }
    auto answer = co_await m_open->session->request(std::move(frame));
    if (*alive && answer && answer->has_ok()) {
        m_strangersDropped -= dropped;
    }
}

net::Awaitable<void> Client::sendPresence(std::shared_ptr<bool> alive)
{
    v1::Frame frame;
    frame.mutable_presence_update()->set_status(m_presence);
    auto answer = co_await m_open->session->request(std::move(frame));
    if (*alive && (!answer || answer->has_error())) {
        publish(CommandFailed {
            "presence", answer ? answer->error().message() : std::string(net::describe(answer.error())) });
    }
}

void Client::enrol(Credentials credentials)
{
    m_credentials = std::move(credentials);
    connect();
}

void Client::connect()
{
    if (!m_open) {
        publish(CommandFailed { "connect", "the profile is not open" });
        return;
    }
    m_wantOnline = true;
    m_open->session->start(std::move(m_credentials));
    m_credentials.reset();
}

void Client::disconnect()
{
    m_wantOnline = false;
    if (m_open) {
        m_open->session->stop();
    }
}

void Client::reconfigure(SessionConfig config)
{
    m_config.session = std::move(config);
    if (m_open) {
        m_open->session->reconfigure(m_config.session);
        if (m_wantOnline) {
            m_open->session->stop();
            m_open->session->start(std::nullopt);
        }
    }
}

void Client::setPresence(v1::PresenceStatus status)
{
    m_presence = status;
    if (m_open && m_open->session->isConnected()) {
        asio::co_spawn(m_io, sendPresence(m_open->alive), asio::detached);
    }
}

void Client::activity()
{
    m_lastActivity = std::chrono::steady_clock::now();
}

void Client::armIdleTimer()
{
    if (m_config.idleLockAfter.count() <= 0 || !m_open) {
        return;
    }
    m_idleTimer.expires_at(m_lastActivity + m_config.idleLockAfter);
    m_idleTimer.async_wait([this, alive = m_open->alive](boost::system::error_code ec) {
        if (ec || !*alive) {
            return;
        }
        if (std::chrono::steady_clock::now() - m_lastActivity >= m_config.idleLockAfter) {
            lock(true);
        } else {
            armIdleTimer();
        }
    });
}

void Client::lock(bool idle)
{
    if (!m_open) {
        publish(CommandFailed { "lock", "the profile is not open" });
        return;
    }
    close();
    m_locked = true;
    publish(ProfileLocked { idle });
    publish(SessionStateChanged {
        SessionState::Disconnected, std::string(describe(SessionState::Disconnected)), {} });
}

void Client::unlock(crypto::SecureBuffer secret)
{
    openProfile(std::move(secret));
    if (m_open && m_wantOnline) {
        m_open->session->start(std::nullopt);
    }
}

void Client::close()
{
    m_idleTimer.cancel();
    if (!m_open) {
        return;
    }
    for (auto& service : m_services) {
        service->profileClosing();
    }
    *m_open->alive = false;
    m_open->session->shutdown(); // disconnects, fails pending requests, wipes the device key
    m_credentials.reset();
    m_open.reset(); // closes the database; queued items stay in it
}

void Client::addService(std::shared_ptr<CoreService> service)
{
    m_services.push_back(service);
    if (m_open) {
        service->profileOpened(*m_open->context);
        if (m_open->session->isConnected()) {
            service->connected();
        }
    }
}

Contacts* Client::contacts(std::string_view command)
{
    if (!m_open) {
        publish(CommandFailed { std::string(command), "the profile is not open" });
        return nullptr;
    }
    return m_open->contacts.get();
}

void Client::lookup(std::string username)
{
    if (Contacts* c = contacts("lookup")) {
        asio::co_spawn(m_io, c->lookup(std::move(username)), asio::detached);
    }
}

EngineStatus Client::status() const
{
    EngineStatus s;
    s.locked = m_locked;
    if (!m_open) {
        return s;
    }
    s.profileOpen = true;
    s.deviceKeyLoaded = m_open->session->hasDeviceKey();
    s.state = m_open->session->state();
    s.username = m_open->username;
    s.reconnectAttempts = m_open->session->reconnectAttempts();
    if (auto items = m_open->outbox.items()) {
        s.outboxItems = items->size();
    }
    s.contacts = m_open->contacts->list();
    return s;
}

} // namespace palisade::core
