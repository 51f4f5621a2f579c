#pragma once
/// @file
/// @brief A recording Backend for the gui tests: commands are logged, results are emitted by
/// the test itself (as the engine bridge would).

#include "app/MemoryHistory.h"
#include "app/ui/Backend.h"

#include <QMap>
#include <QStringList>

#include <map>
#include <memory>

namespace palisade::app::test {

class FakeBackend : public Backend {
    Q_OBJECT
public:
    using Backend::Backend;

    void requestContact(const QString& u, const QString& note) override
    {
        calls << QStringLiteral("request %1 %2").arg(u, note);
    }
    void acceptContact(const QString& u) override { calls << QStringLiteral("accept ") + u; }
    void declineContact(const QString& u) override { calls << QStringLiteral("decline ") + u; }
    void blockContact(const QString& u) override { calls << QStringLiteral("block ") + u; }
    void removeContact(const QString& u) override { calls << QStringLiteral("remove ") + u; }
    void sendMessage(const QString& u, const QString& text) override
    {
        calls << QStringLiteral("send %1 %2").arg(u, text);
    }
    HistorySource* history(const QString& u) override
    {
        auto& h = histories[u];
        if (!h)
            h = std::make_unique<MemoryHistory>();
        return h.get();
    }
    void markRead(const QString& u) override { calls << QStringLiteral("read ") + u; }
    QString safetyNumber(const QString& u) override { return numbers.value(u); }
    void markVerified(const QString& u) override { calls << QStringLiteral("verify ") + u; }
    void acceptIdentityChange(const QString& u) override
    {
        calls << QStringLiteral("accept-identity ") + u;
        held.removeAll(u);
    }
    bool identityChangePending(const QString& u) override { return held.contains(u); }
    void reportActivity() override { ++activity; }
    void lock() override { calls << QStringLiteral("lock"); }
    void unlock(const QString& passphrase) override
    {
        calls << QStringLiteral("unlock");
        if (passphrase == rightPassphrase)
            emit unlocked();
        else
            emit unlockFailed(QStringLiteral("Wrong passphrase."));
    }
    std::vector<PolicyEntry> policy() override { return entries; }
    void setUserChoice(const QString& key, const QVariant& value) override
    {
        calls << QStringLiteral("set %1 %2").arg(key, value.toString());
    }

    QStringList calls;
    std::map<QString, std::unique_ptr<MemoryHistory>> histories;
    QMap<QString, QString> numbers;
    QStringList held;
    std::vector<PolicyEntry> entries;
    QString rightPassphrase = QStringLiteral("correct horse battery staple");
    int activity = 0;
};

} // namespace palisade::app::test
