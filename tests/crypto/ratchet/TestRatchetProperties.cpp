// Property tests: random loss, reordering, duplication, long one-sided runs and both sides
// sending, over many seeds. Every first delivery of a message must decrypt to what was sent;
// every duplicate must be refused; a lost message never disturbs the others.
#include "crypto/Init.h"

#include <QtTest>

#include "RatchetTestSupport.h"
#include <deque>
#include <random>

using namespace palisade::crypto::ratchet;
using namespace palisade::crypto::ratchet::test;

namespace {

struct InFlight {
    bool toBob = true;
    std::vector<std::uint8_t> wire;
    std::vector<std::uint8_t> plaintext;
    bool delivered = false;
};

} // namespace

class TestRatchetProperties : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }

    void randomNetwork_data()
    {
        QTest::addColumn<unsigned>("seed");
        for (unsigned seed = 1; seed <= 12; ++seed) {
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
        }
    }
    void randomNetwork()
    {
        QFETCH(unsigned, seed);
        std::mt19937 rng(seed); // test-input generation only
        Pair p;
        QVERIFY(p.start());
        std::vector<InFlight> net;
        int counter = 0;
        int firstDeliveries = 0;
        int duplicates = 0;
        for (int step = 0; step < 600; ++step) {
            const unsigned action = rng() % 100;
            if (action < 40) { // send; bursts make long one-sided runs
                const bool fromAlice = (rng() % 2) == 0;
                const int burst = (rng() % 10 == 0) ? 30 : 1;
                for (int k = 0; k < burst; ++k) {
                    Session& sender = fromAlice ? *p.alice : *p.bobSession;
                    InFlight m { fromAlice, {}, text("p" + std::to_string(counter++)), false };
                    m.wire = sender.encrypt(m.plaintext).value();
                    net.push_back(std::move(m));
                }
            } else if (action < 47 && !net.empty()) { // lose a message that was never delivered
                const std::size_t i = rng() % net.size();
                if (!net[i].delivered) {
                    net.erase(net.begin() + static_cast<std::ptrdiff_t>(i));
                }
            } else if (!net.empty()) { // deliver a random message (reordering), maybe again
                const std::size_t i = rng() % net.size();
                InFlight& m = net[i];
                Session& receiver = m.toBob ? *p.bobSession : *p.alice;
                const auto before = stateOf(receiver);
                const auto result = receiver.decrypt(m.wire);
                if (m.delivered) {
                    QVERIFY2(!result.has_value(), "a duplicate was accepted");
                    QCOMPARE(stateOf(receiver), before);
                    ++duplicates;
                } else {
                    QVERIFY2(result.has_value(),
                        qPrintable(QStringLiteral("step %1: %2")
                                       .arg(step)
                                       .arg(QString::fromLatin1(describe(result.error()).data()))));
                    QCOMPARE(*result, m.plaintext);
                    m.delivered = true;
                    ++firstDeliveries;
                }
                if (m.delivered && rng() % 3 == 0) { // keep some copies around for replays
                    net.erase(net.begin() + static_cast<std::ptrdiff_t>(i));
                }
            }
        }
        // Drain: everything still undelivered must decrypt.
        for (auto& m : net) {
            if (!m.delivered) {
                Session& receiver = m.toBob ? *p.bobSession : *p.alice;
                QCOMPARE(receiver.decrypt(m.wire).value(), m.plaintext);
                ++firstDeliveries;
            }
        }
        QVERIFY(firstDeliveries > 100);
        QVERIFY(duplicates > 0);
    }
};

QTEST_GUILESS_MAIN(TestRatchetProperties)
#include "TestRatchetProperties.moc"
