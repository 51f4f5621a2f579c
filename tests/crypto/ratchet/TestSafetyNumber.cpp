// Safety numbers: Signal's published fingerprint replays, the number is symmetric, and it
// changes with either key or identifier.
#include "crypto/Init.h"
#include "crypto/SafetyNumber.h"

#include <QJsonArray>
#include <QtTest>

#include "RatchetTestSupport.h"

using palisade::crypto::formatSafetyNumber;
using palisade::crypto::safetyNumber;
using namespace palisade::crypto::ratchet;
using namespace palisade::crypto::ratchet::test;

class TestSafetyNumber : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }

    void signalVector()
    {
        const QJsonObject root = loadJson(QStringLiteral("signal-numeric-fingerprint-kat.json"));
        const QJsonArray vectors = root.value(QStringLiteral("vectors")).toArray();
        QVERIFY(!vectors.isEmpty());
        int ran = 0;
        for (const auto& value : vectors) {
            const QJsonObject v = value.toObject();
            const auto s = [&](const char* key) { return v.value(QLatin1StringView(key)).toString(); };
            const auto aliceId = text(s("alice_stable_id").toStdString());
            const auto bobId = text(s("bob_stable_id").toStdString());
            const auto aliceKey = fromHex(s("alice_identity"));
            const auto bobKey = fromHex(s("bob_identity"));
            const auto iterations = static_cast<std::uint32_t>(v.value(QStringLiteral("iterations")).toInt());
            const auto forAlice = safetyNumber(aliceId, aliceKey, bobId, bobKey, iterations);
            const auto forBob = safetyNumber(bobId, bobKey, aliceId, aliceKey, iterations);
            QVERIFY(forAlice.has_value() && forBob.has_value());
            QCOMPARE(QString::fromStdString(*forAlice), s("displayable"));
            QCOMPARE(QString::fromStdString(*forBob), s("displayable"));
            ++ran;
        }
        qInfo("safety number vectors: %d run, %d passed", ran, ran);
    }

    void symmetricAndSixtyDigits()
    {
        const auto a = IdentityKeyPair::generate();
        const auto b = IdentityKeyPair::generate();
        const auto ida = text("alice@corp");
        const auto idb = text("bob@corp");
        const auto ab = safetyNumber(ida, a.publicKey, idb, b.publicKey);
        const auto ba = safetyNumber(idb, b.publicKey, ida, a.publicKey);
        QVERIFY(ab.has_value() && ba.has_value());
        QCOMPARE(*ab, *ba);
        QCOMPARE(ab->size(), std::size_t { 60 });
        QVERIFY(std::ranges::all_of(*ab, [](char c) { return c >= '0' && c <= '9'; }));
        QCOMPARE(formatSafetyNumber(*ab).size(), std::size_t { 71 });
    }

    void changesWithKeyOrIdentifier()
    {
        const auto a = IdentityKeyPair::generate();
        const auto b = IdentityKeyPair::generate();
        const auto mallory = IdentityKeyPair::generate();
        const auto ida = text("alice@corp");
        const auto idb = text("bob@corp");
        const auto real = safetyNumber(ida, a.publicKey, idb, b.publicKey);
        const auto mitm = safetyNumber(ida, a.publicKey, idb, mallory.publicKey);
        const auto otherId = safetyNumber(ida, a.publicKey, text("bob@corp2"), b.publicKey);
        QVERIFY(real && mitm && otherId);
        QVERIFY(*real != *mitm);
        QVERIFY(*real != *otherId);
    }

    void rejectsBadInput()
    {
        const auto a = IdentityKeyPair::generate();
        const auto id = text("x");
        QVERIFY(!safetyNumber(id, {}, id, a.publicKey).has_value());
        QVERIFY(!safetyNumber({}, a.publicKey, id, a.publicKey).has_value());
        QVERIFY(!safetyNumber(id, a.publicKey, id, a.publicKey, 1).has_value());
        const std::vector<std::uint8_t> hugeKey(65, 1);
        QVERIFY(!safetyNumber(id, hugeKey, id, a.publicKey).has_value());
    }

    void formatGroups() { QCOMPARE(formatSafetyNumber("1234567890123"), std::string("12345 67890 123")); }
};

QTEST_GUILESS_MAIN(TestSafetyNumber)
#include "TestSafetyNumber.moc"
