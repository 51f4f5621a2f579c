#include "server/FloodControl.h"

#include <QtTest>

using namespace palisade::server;
using namespace std::chrono_literals;

class TestFloodControl : public QObject {
    Q_OBJECT
private slots:
    void bucketAllowsBurstThenRate()
    {
        MonoTime t {};
        TokenBucket bucket(10, 5, t);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(bucket.tryTake(t));
        }
        QVERIFY(!bucket.tryTake(t));
        t += 100ms; // one token at 10/s
        QVERIFY(bucket.tryTake(t));
        QVERIFY(!bucket.tryTake(t));
        t += 10s; // refills to the burst, no further
        for (int i = 0; i < 5; ++i) {
            QVERIFY(bucket.tryTake(t));
        }
        QVERIFY(!bucket.tryTake(t));
    }

    void bucketIgnoresClockGoingBack()
    {
        MonoTime t = MonoTime {} + 10s;
        TokenBucket bucket(1, 1, t);
        QVERIFY(bucket.tryTake(t));
        QVERIFY(!bucket.tryTake(t - 5s));
        QVERIFY(!bucket.tryTake(t + 500ms));
        QVERIFY(bucket.tryTake(t + 1s));
    }

    void pairsAreIndependent()
    {
        MonoTime t {};
        PairLimiter limiter(1, 2);
        QVERIFY(limiter.allow(1, 2, t));
        QVERIFY(limiter.allow(1, 2, t));
        QVERIFY(!limiter.allow(1, 2, t)); // 1→2 exhausted
        QVERIFY(limiter.allow(1, 3, t)); // 1→3 unaffected
        QVERIFY(limiter.allow(2, 1, t)); // the reverse direction unaffected
        QCOMPARE(limiter.trackedPairs(), std::size_t { 3 });
    }

    void pruneForgetsRefilledPairs()
    {
        MonoTime t {};
        PairLimiter limiter(1, 2);
        QVERIFY(limiter.allow(1, 2, t));
        QVERIFY(limiter.allow(5, 6, t + 1500ms));
        limiter.prune(t + 2s); // 1→2 full again (2 s at 1/s), 5→6 not yet
        QCOMPARE(limiter.trackedPairs(), std::size_t { 1 });
        limiter.prune(t + 10s);
        QCOMPARE(limiter.trackedPairs(), std::size_t { 0 });
    }
};

QTEST_GUILESS_MAIN(TestFloodControl)
#include "TestFloodControl.moc"
