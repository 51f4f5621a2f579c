#include "core/Startup.h"

#include <QtTest>

#include <sys/prctl.h>
#include <sys/resource.h>

using namespace palisade::core;

class TestStartup : public QObject {
    Q_OBJECT
private slots:
    void hardeningDisablesCoreDumps()
    {
        // A fresh test process may dump core (that is the point of the check below).
        QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
        const auto result = hardenProcess();
        QVERIFY(result.has_value());
        struct rlimit limit { };
        QCOMPARE(::getrlimit(RLIMIT_CORE, &limit), 0);
        QCOMPARE(limit.rlim_cur, rlim_t { 0 });
        QCOMPARE(limit.rlim_max, rlim_t { 0 });
        QCOMPARE(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
        // /proc agrees: the kernel no longer offers this process for dumping.
        QFile limits(QStringLiteral("/proc/self/limits"));
        QVERIFY(limits.open(QIODevice::ReadOnly));
        const QByteArray text = limits.readAll();
        QVERIFY(text.contains("Max core file size        0                    0"));
    }

    void hardeningIsIdempotent()
    {
        QVERIFY(hardenProcess().has_value());
        QVERIFY(hardenProcess().has_value());
    }

    void errorsHaveSentences()
    {
        for (const auto error : { StartupError::CoreDumpsNotDisabled, StartupError::CryptoInitFailed,
                 StartupError::CryptoSelfTestFailed }) {
            QVERIFY(describe(error).size() > 20);
        }
    }
};

QTEST_GUILESS_MAIN(TestStartup)
#include "TestStartup.moc"
