#include "core/Engine.h"

#include <QThread>

namespace palisade::core {

namespace asio = net::asio;

namespace {
/// The thread checks stay on in release builds: a wrong-thread call is a bug that corrupts state.
void requireThread(bool onIt, const char* where)
{
    if (!onIt) {
        qFatal("palisade engine: %s called on the wrong thread", where);
    }
}
} // namespace

Engine::Engine(EngineConfig config, KeyStoreFactory keys)
    : m_events(std::make_unique<EngineEvents>())
    , m_work(asio::make_work_guard(m_io))
{
    qRegisterMetaType<EngineEvent>();
    m_client = std::make_unique<Client>(
        m_io, std::move(config), std::move(keys), [this](EngineEvent e) { deliver(std::move(e)); });
    std::promise<std::thread::id> started;
    auto id = started.get_future();
    m_thread = std::thread([this, &started] {
        started.set_value(std::this_thread::get_id());
        m_io.run();
    });
    m_networkThread = id.get();
}

Engine::~Engine()
{
    requireThread(QThread::currentThread() == m_events->thread(), "~Engine");
    std::promise<void> closed;
    asio::post(m_io, [this, &closed] {
        m_client.reset(); // wipes keys, closes the database, stops the session
        closed.set_value();
    });
    closed.get_future().wait();
    m_work.reset();
    m_io.stop();
    m_thread.join();
}

void Engine::onNetworkThread(std::function<void(Client&)> job)
{
    asio::post(m_io, [this, job = std::move(job)] {
        requireThread(std::this_thread::get_id() == m_networkThread, "a command");
        if (m_client) {
            job(*m_client);
        }
    });
}

void Engine::post(std::function<void()> job)
{
    asio::post(m_io, std::move(job));
}

void Engine::deliver(EngineEvent event)
{
    // The one crossing from the network thread to the owner thread.
    requireThread(std::this_thread::get_id() == m_networkThread, "deliver");
    EngineEvents* events = m_events.get();
    QMetaObject::invokeMethod(
        events,
        [events, event = std::move(event)] {
            requireThread(QThread::currentThread() == events->thread(), "an event");
            emit events->event(event);
        },
        Qt::QueuedConnection);
}

void Engine::openProfile(crypto::SecureBuffer passphrase)
{
    auto secret = std::make_shared<crypto::SecureBuffer>(std::move(passphrase));
    onNetworkThread([secret](Client& c) { c.openProfile(std::move(*secret)); });
}

void Engine::enrol(std::string username, crypto::SecureBuffer password)
{
    auto secret = std::make_shared<crypto::SecureBuffer>(std::move(password));
    onNetworkThread([username = std::move(username), secret](Client& c) mutable {
        c.enrol(Credentials { std::move(username), std::move(*secret) });
    });
}

void Engine::connect()
{
    onNetworkThread([](Client& c) { c.connect(); });
}

void Engine::disconnect()
{
    onNetworkThread([](Client& c) { c.disconnect(); });
}

void Engine::reconfigure(SessionConfig config)
{
    onNetworkThread([config = std::move(config)](Client& c) mutable { c.reconfigure(std::move(config)); });
}

void Engine::requestContact(std::string username, std::string note)
{
    onNetworkThread([username = std::move(username), note = std::move(note)](Client& c) {
        if (Contacts* contacts = c.contacts("request")) {
            contacts->request(username, note);
        }
    });
}

void Engine::acceptContact(std::string username)
{
    onNetworkThread([username = std::move(username)](Client& c) {
        if (Contacts* contacts = c.contacts("accept")) {
            contacts->acceptRequest(username);
        }
    });
}

void Engine::declineContact(std::string username)
{
    onNetworkThread([username = std::move(username)](Client& c) {
        if (Contacts* contacts = c.contacts("decline")) {
            contacts->decline(username);
        }
    });
}

void Engine::removeContact(std::string username)
{
    onNetworkThread([username = std::move(username)](Client& c) {
        if (Contacts* contacts = c.contacts("remove")) {
            contacts->remove(username);
        }
    });
}

void Engine::blockContact(std::string username)
{
    onNetworkThread([username = std::move(username)](Client& c) {
        if (Contacts* contacts = c.contacts("block")) {
            contacts->block(username);
        }
    });
}

void Engine::unblockContact(std::string username)
{
    onNetworkThread([username = std::move(username)](Client& c) {
        if (Contacts* contacts = c.contacts("unblock")) {
            contacts->unblock(username);
        }
    });
}

void Engine::lookup(std::string username)
{
    onNetworkThread([username = std::move(username)](Client& c) { c.lookup(username); });
}

void Engine::setPresence(v1::PresenceStatus status)
{
    onNetworkThread([status](Client& c) { c.setPresence(status); });
}

void Engine::reportActivity()
{
    onNetworkThread([](Client& c) { c.activity(); });
}

void Engine::lock()
{
    onNetworkThread([](Client& c) { c.lock(false); });
}

void Engine::unlock(crypto::SecureBuffer passphrase)
{
    auto secret = std::make_shared<crypto::SecureBuffer>(std::move(passphrase));
    onNetworkThread([secret](Client& c) { c.unlock(std::move(*secret)); });
}

std::future<EngineStatus> Engine::status()
{
    auto promise = std::make_shared<std::promise<EngineStatus>>();
    auto future = promise->get_future();
    onNetworkThread([promise](Client& c) { promise->set_value(c.status()); });
    return future;
}

void Engine::addService(std::shared_ptr<CoreService> service)
{
    onNetworkThread([service = std::move(service)](Client& c) { c.addService(service); });
}

} // namespace palisade::core
