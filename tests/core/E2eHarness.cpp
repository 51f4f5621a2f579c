#include "E2eHarness.h"

#include "storage/ContactStore.h"
#include "storage/MessageStore.h"
#include "storage/Migrations.h"
#include "storage/Schema.h"
#include "storage/SecurityLog.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace palisade::test {

E2eClient::E2eClient(net::asio::io_context& io, E2eRelay& relay, RelayLink& relayLink, TestClock& clock,
    core::E2eOptions options)
    : link(&relayLink)
{
    crypto::SecureBuffer key(storage::databaseKeySize);
    randombytes_buf(key.data(), key.size());
    storage::OpenOptions open;
    open.create = true;
    auto opened
        = storage::Database::open(dir.filePath(QStringLiteral("profile.db")).toStdString(), key, open);
    if (!opened || !storage::migrate(*opened, storage::clientMigrations())) {
        throw std::runtime_error("profile");
    }
    db = std::move(*opened);
    core::E2eEvents events;
    events.newDevice = [this](const std::string& user, std::uint64_t device) {
        newDevices.push_back(user + "/" + std::to_string(device));
    };
    events.deviceRemoved = [this](const std::string& user, std::uint64_t device) {
        removedDevices.push_back(user + "/" + std::to_string(device));
    };
    events.identityChanged = [this](const std::string& user) { identityChanges.push_back(user); };
    events.messageStored = [this](const std::string&, storage::MessageId) { ++stored; };
    service = std::make_unique<core::MessagingService>(*link, db, io.get_executor(),
        core::SelfIdentity { link->user(), link->device() }, options, events, [&clock] { return clock(); });
    if (!service->open()) {
        throw std::runtime_error("open");
    }
    relay.connect(*link);
    if (!run(io, service->onConnected())) {
        throw std::runtime_error("connect");
    }
}

void E2eClient::addBuddy(const std::string& user)
{
    storage::ContactStore contacts(db);
    if (!contacts.add(user, user, storage::ContactState::Accepted, 1)) {
        throw std::runtime_error("contact");
    }
}

std::vector<storage::Message> E2eClient::messages(const std::string& contact)
{
    storage::ContactStore contacts(db);
    auto found = contacts.find(contact);
    if (!found || !*found) {
        return {};
    }
    auto conversation = contacts.conversationWith((*found)->id);
    auto page = storage::MessageStore(db).latest(*conversation, 1000);
    if (!page) {
        return {};
    }
    std::reverse(page->begin(), page->end());
    return *page;
}

std::vector<std::string> E2eClient::securityKinds()
{
    std::vector<std::string> out;
    auto events = storage::SecurityLog(db).recent(100);
    if (events) {
        for (const auto& e : *events) {
            out.push_back(e.kind);
        }
    }
    return out;
}

} // namespace palisade::test
