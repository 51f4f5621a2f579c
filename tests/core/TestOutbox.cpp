// Unit tests of the persisted outbox: order, removal, sequence numbers never reused, items
// surviving a close and reopen of the profile.
#include "core/session/Outbox.h"
#include "crypto/Init.h"
#include "storage/PassphraseKeyStore.h"
#include "storage/Profile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace palisade;
using palisade::core::Outbox;

namespace {
std::optional<storage::Profile> openProfile(const QTemporaryDir& dir)
{
    storage::PassphrasePolicy policy;
    policy.params = crypto::interactivePasswordParams();
    const std::string pass = "outbox test passphrase";
    storage::PassphraseKeyStore keys(
        std::filesystem::path(dir.path().toStdString()) / storage::Profile::keyFileName,
        crypto::SecureBuffer::copyOf({ reinterpret_cast<const std::uint8_t*>(pass.data()), pass.size() }),
        policy);
    auto profile = storage::Profile::open(dir.path().toStdString(), keys);
    return profile ? std::optional(std::move(*profile)) : std::nullopt;
}

v1::Frame request(const std::string& user)
{
    v1::Frame frame;
    frame.mutable_contact_request()->set_username(user);
    return frame;
}
} // namespace

class TestOutbox : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(crypto::initialize().has_value()); }

    void keepsOrderAndSurvivesReopen()
    {
        QTemporaryDir dir;
        {
            auto profile = openProfile(dir);
            QVERIFY(profile);
            Outbox outbox(profile->database());
            int added = 0;
            outbox.onAdded([&] { ++added; });
            QCOMPARE(*outbox.add("contact", request("bob")), 1u);
            QCOMPARE(*outbox.add("e2e", request("carol")), 2u);
            QCOMPARE(*outbox.add("contact", request("dave")), 3u);
            QCOMPARE(added, 3);
            QVERIFY(!outbox.add("Bad Kind!", request("x")));
            QVERIFY(outbox.remove(2).has_value());
        }
        auto profile = openProfile(dir);
        QVERIFY(profile);
        Outbox outbox(profile->database());
        auto items = outbox.items();
        QVERIFY(items);
        QCOMPARE(items->size(), std::size_t { 2 });
        QCOMPARE((*items)[0].seq, 1u);
        QCOMPARE((*items)[0].kind, std::string("contact"));
        QCOMPARE((*items)[0].frame.contact_request().username(), std::string("bob"));
        QCOMPARE((*items)[1].seq, 3u);
        QCOMPARE((*items)[1].frame.contact_request().username(), std::string("dave"));

        // Emptied, the next item still gets a new number.
        QVERIFY(outbox.remove(1).has_value());
        QVERIFY(outbox.remove(3).has_value());
        QVERIFY(outbox.items()->empty());
        QCOMPARE(*outbox.add("contact", request("erin")), 4u);
    }

    void answersGoToTheirKind()
    {
        QTemporaryDir dir;
        auto profile = openProfile(dir);
        QVERIFY(profile);
        Outbox outbox(profile->database());
        std::vector<std::string> seen;
        outbox.onAnswered("e2e",
            [&](const core::OutboxItem& item, const v1::Frame&) { seen.push_back("e2e:" + item.kind); });
        outbox.onAnswered("contact",
            [&](const core::OutboxItem& item, const v1::Frame&) { seen.push_back("c:" + item.kind); });
        core::OutboxItem item;
        item.kind = "e2e";
        outbox.answered(item, v1::Frame {});
        QCOMPARE(seen, std::vector<std::string> { "e2e:e2e" });
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "TestOutbox.moc"
