#include "app/EngineBridge.h"

#include "app/EngineBridgeMessaging.h"
#include "app/PolicyEntries.h"
#include "core/Engine.h"
#include "core/ProxySetting.h"
#include "crypto/Bytes.h"
#include "storage/ContactStore.h"

#include <cstring>

namespace palisade::app {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

/// What the user typed, as a secret buffer; the UTF-8 copy is wiped.
crypto::SecureBuffer secretOf(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    crypto::SecureBuffer secret(static_cast<std::size_t>(utf8.size()));
    if (!utf8.isEmpty())
        std::memcpy(secret.data(), utf8.constData(), static_cast<std::size_t>(utf8.size()));
    utf8.fill('\0');
    return secret;
}

SessionStatus status(core::SessionState state)
{
    using S = core::SessionState;
    switch (state) {
    case S::Connecting:
        return SessionStatus::Connecting;
    case S::Connected:
        return SessionStatus::Connected;
    case S::EnrolmentNeeded:
        return SessionStatus::EnrolmentNeeded;
    case S::UpdateRequired:
        return SessionStatus::UpdateRequired;
    case S::ServerKeyMismatch:
        return SessionStatus::ServerKeyMismatch;
    case S::LockedOut:
        return SessionStatus::LockedOut;
    case S::BadCredentials:
        return SessionStatus::BadCredentials;
    case S::Disabled:
        return SessionStatus::Disabled;
    case S::Disconnected:
        break;
    }
    return SessionStatus::Disconnected;
}

Presence presence(v1::PresenceStatus s)
{
    switch (s) {
    case v1::PRESENCE_ONLINE:
        return Presence::Online;
    case v1::PRESENCE_AWAY:
        return Presence::Away;
    case v1::PRESENCE_BUSY:
        return Presence::Busy;
    default:
        return Presence::Offline;
    }
}

ContactRow row(const core::ContactInfo& c)
{
    ContactRow r;
    r.username = qs(c.username);
    r.note = qs(c.note);
    switch (c.state) {
    case storage::ContactState::Accepted:
        r.kind = ContactKind::Buddy;
        break;
    case storage::ContactState::RequestReceived:
        r.kind = ContactKind::IncomingRequest;
        break;
    case storage::ContactState::RequestSent:
        r.kind = ContactKind::OutgoingRequest;
        break;
    case storage::ContactState::Blocked:
        r.kind = ContactKind::Blocked;
        break;
    }
    return r;
}

} // namespace

std::expected<core::SessionConfig, QString> sessionConfigFromPolicy(const core::EffectivePolicy& policy)
{
    namespace keys = core::policykeys;
    core::SessionConfig config;
    const auto server = core::parseHostPort(policy.get(keys::serverAddress));
    if (!server)
        return std::unexpected(QObject::tr("The server address is not valid: %1").arg(qs(server.error())));
    config.server = *server;
    for (const std::string& base64 : policy.get(keys::serverPublicKeys)) {
        const auto decoded = QByteArray::fromBase64Encoding(
            QByteArray::fromStdString(base64), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded
            || decoded.decoded.size() != static_cast<qsizetype>(config.pinnedKeys.emplace_back().size()))
            return std::unexpected(QObject::tr("A pinned server key in the policy is not valid."));
        std::memcpy(
            config.pinnedKeys.back().data(), decoded.decoded.constData(), config.pinnedKeys.back().size());
    }
    config.allowTofu = policy.get(keys::serverAllowTofu);
    const auto proxy = core::parseProxySetting(policy.get(keys::networkProxy));
    if (!proxy)
        return std::unexpected(QObject::tr("The proxy setting is not valid: %1").arg(qs(proxy.error())));
    const auto resolved = core::resolveProxy(*proxy, config.server);
    if (!resolved)
        return std::unexpected(qs(resolved.error()));
    config.proxy = *resolved;
    if (const auto digest = crypto::fromHex(policy.digest()))
        config.policyDigest.assign(digest->begin(), digest->end());
    config.deviceName = "desktop";
    return config;
}

EngineBridge::EngineBridge(std::filesystem::path profileDir, core::EffectivePolicy policy, QObject* parent)
    : Backend(parent)
    , m_profileDir(std::move(profileDir))
    , m_policy(std::move(policy))
{
    core::EngineConfig config;
    config.profileDir = m_profileDir;
    if (auto session = sessionConfigFromPolicy(m_policy))
        config.session = std::move(*session);
    config.idleLockAfter = std::chrono::minutes(m_policy.get(core::policykeys::securityIdleLockMinutes));
    m_engine = std::make_unique<core::Engine>(std::move(config), core::passphraseKeyStores(m_profileDir));
    m_messaging = std::make_shared<Messaging>(this);
    m_engine->addService(m_messaging);
    m_call = std::make_unique<NetworkCall>(*m_engine, m_messaging);
    connect(m_engine->events(), &core::EngineEvents::event, this, &EngineBridge::onEngineEvent);
}

EngineBridge::~EngineBridge()
{
    m_histories.clear();
    m_call.reset();
    m_engine.reset(); // joins the network thread before the messaging service goes
}

bool EngineBridge::profileExists() const
{
    std::error_code ec;
    return std::filesystem::exists(m_profileDir / "profile.key", ec);
}

void EngineBridge::openProfile(const QString& passphrase)
{
    m_engine->openProfile(secretOf(passphrase));
}

void EngineBridge::firstRun(const FirstRunAnswers& answers)
{
    m_pendingUsername = answers.username;
    m_pendingPassword = answers.password;
    openProfile(answers.passphrase);
}

void EngineBridge::attachFirstRun(FirstRunDialog& dialog)
{
    connect(&dialog, &FirstRunDialog::signInRequested, this, &EngineBridge::firstRun);
    connect(this, &Backend::sessionChanged, &dialog, &FirstRunDialog::showSession);
    connect(this, &EngineBridge::serverKeyLearned, &dialog, &FirstRunDialog::showServerFingerprint);
    connect(this, &EngineBridge::profileFailed, &dialog, &FirstRunDialog::showError);
}

void EngineBridge::connectToServer()
{
    m_engine->connect();
}

void EngineBridge::onEngineEvent(const core::EngineEvent& event)
{
    std::visit(
        [this](const auto& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, core::SessionStateChanged>) {
                emit sessionChanged(status(e.state), qs(e.detail),
                    std::chrono::duration_cast<std::chrono::seconds>(e.retryAfter));
            } else if constexpr (std::is_same_v<T, core::ProfileOpened>) {
                const bool first = !m_opened;
                m_opened = true;
                if (m_locked) {
                    m_locked = false;
                    if (first && e.enrolled)
                        m_engine->connect();
                    emit unlocked();
                    return;
                }
                m_username = qs(e.username);
                if (!e.enrolled && !m_pendingUsername.isEmpty()) {
                    m_engine->enrol(m_pendingUsername.toStdString(), secretOf(m_pendingPassword));
                    m_pendingPassword.fill(QChar(0));
                    m_pendingPassword.clear();
                } else if (e.enrolled) {
                    m_engine->connect();
                }
                emit profileOpened(e.enrolled, m_username);
            } else if constexpr (std::is_same_v<T, core::ProfileFailed>) {
                if (m_locked)
                    emit unlockFailed(qs(e.message));
                else
                    emit profileFailed(qs(e.message));
            } else if constexpr (std::is_same_v<T, core::ProfileLocked>) {
                m_locked = true;
                m_histories.clear();
                emit locked(e.idle);
            } else if constexpr (std::is_same_v<T, core::ServerKeyLearned>) {
                emit serverKeyLearned(qs(e.fingerprint));
            } else if constexpr (std::is_same_v<T, core::ContactsChanged>) {
                std::vector<ContactRow> rows;
                for (const core::ContactInfo& c : e.contacts)
                    rows.push_back(row(c));
                emit contactsChanged(rows);
            } else if constexpr (std::is_same_v<T, core::PresenceChanged>) {
                emit presenceChanged(qs(e.username), presence(e.status));
            } else if constexpr (std::is_same_v<T, core::CommandFailed>) {
                emit commandFailed(qs(e.reason));
            } else if constexpr (std::is_same_v<T, core::OutboxItemAnswered>) {
                if (e.refused)
                    emit commandFailed(qs(e.reason));
            }
        },
        event);
}

void EngineBridge::requestContact(const QString& username, const QString& note)
{
    m_engine->requestContact(username.toStdString(), note.toStdString());
}

void EngineBridge::acceptContact(const QString& username)
{
    m_engine->acceptContact(username.toStdString());
}

void EngineBridge::declineContact(const QString& username)
{
    m_engine->declineContact(username.toStdString());
}

void EngineBridge::blockContact(const QString& username)
{
    m_engine->blockContact(username.toStdString());
}

void EngineBridge::removeContact(const QString& username)
{
    m_engine->removeContact(username.toStdString());
}

void EngineBridge::withMessaging(std::function<void(core::MessagingService&, core::CoreContext&)> job)
{
    std::shared_ptr<Messaging> messaging = m_messaging;
    m_engine->post([messaging, job = std::move(job)] { messaging->withService(job); });
}

void EngineBridge::sendMessage(const QString& username, const QString& text)
{
    std::shared_ptr<Messaging> messaging = m_messaging;
    EngineBridge* self = this;
    withMessaging([messaging, self, contact = username.toStdString(), body = text.toStdString()](
                      core::MessagingService& service, core::CoreContext& context) {
        net::asio::co_spawn(context.io, service.sendText(contact, body),
            [messaging, self, contact](
                std::exception_ptr, std::expected<storage::MessageId, core::E2eError> id) {
                if (!id) {
                    const std::string_view why = core::describe(id.error());
                    const QString reason = QString::fromUtf8(why.data(), static_cast<qsizetype>(why.size()));
                    QMetaObject::invokeMethod(
                        self, [self, reason] { emit self->commandFailed(reason); }, Qt::QueuedConnection);
                    return;
                }
                messaging->rememberRecipient(*id, contact);
                // Show our own message (as stored) in the conversation.
                const qint64 stored = id->value;
                QMetaObject::invokeMethod(
                    self,
                    [self, contact, stored] { self->reloadLatest(QString::fromStdString(contact), stored); },
                    Qt::QueuedConnection);
            });
    });
}

void EngineBridge::reloadLatest(const QString& username, qint64 id)
{
    const auto page = history(username)->older(std::nullopt, 20);
    for (const MessageRow& m : page)
        if (m.id == id)
            emit messageAdded(username, m);
}

HistorySource* EngineBridge::history(const QString& username)
{
    auto& h = m_histories[username];
    if (!h)
        h = std::make_shared<StoreHistory>(*m_call, username.toStdString());
    return h.get();
}

void EngineBridge::markRead(const QString& username)
{
    withMessaging(
        [contact = username.toStdString()](core::MessagingService& service, core::CoreContext& context) {
            net::asio::co_spawn(context.io, service.markRead(contact), net::asio::detached);
        });
    emit unreadChanged(username, 0);
}

QString EngineBridge::safetyNumber(const QString& username)
{
    return m_call->run<QString>([this, contact = username.toStdString()](storage::Database*) {
        QString number;
        m_messaging->withService([&](core::MessagingService& service, core::CoreContext&) {
            if (const auto n = service.safetyNumber(contact)) {
                for (std::size_t i = 0; i < n->size(); i += 5)
                    number
                        += QString::fromStdString(n->substr(i, 5)) + QLatin1Char(i % 30 == 25 ? '\n' : ' ');
            }
        });
        return number.trimmed();
    });
}

void EngineBridge::markVerified(const QString& username)
{
    withMessaging([contact = username.toStdString()](core::MessagingService& service, core::CoreContext&) {
        (void)service.setVerified(contact, true);
    });
}

void EngineBridge::acceptIdentityChange(const QString& username)
{
    withMessaging(
        [contact = username.toStdString()](core::MessagingService& service, core::CoreContext& context) {
            net::asio::co_spawn(context.io, service.acceptIdentity(contact), net::asio::detached);
        });
}

bool EngineBridge::identityChangePending(const QString& username)
{
    return m_call->run<bool>([this, contact = username.toStdString()](storage::Database*) {
        bool held = false;
        m_messaging->withService(
            [&](core::MessagingService& service, core::CoreContext&) { held = service.isHeld(contact); });
        return held;
    });
}

void EngineBridge::reportActivity()
{
    m_engine->reportActivity();
}

void EngineBridge::lock()
{
    m_engine->lock();
}

void EngineBridge::unlock(const QString& passphrase)
{
    if (!m_opened) { // start-up: the window begins locked; the first unlock opens the profile
        m_locked = true;
        m_engine->openProfile(secretOf(passphrase));
        return;
    }
    m_engine->unlock(secretOf(passphrase));
}

std::vector<PolicyEntry> EngineBridge::policy()
{
    return policyEntries(m_policy);
}

void EngineBridge::setUserChoice(const QString& key, const QVariant& value)
{
    Q_UNUSED(value)
    // The user's choices live in the profile's settings store, which the core does not
    // expose yet: say so instead of pretending the change was kept.
    emit commandFailed(tr("Changing %1 is not possible in this version.").arg(key));
}

} // namespace palisade::app
