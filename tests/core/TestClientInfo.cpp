#include "core/ClientInfo.h"

#include <QtTest>

#include <regex>
#include <string>

class TestClientInfo : public QObject {
    Q_OBJECT
private slots:
    void versionIsSemantic()
    {
        const std::string version { palisade::core::clientVersion() };
        QVERIFY2(std::regex_match(version, std::regex { R"(\d+\.\d+\.\d+)" }), version.c_str());
    }
    void platformIsKnown()
    {
        const std::string platform { palisade::core::platformName() };
        QVERIFY(platform == "linux" || platform == "windows" || platform == "macos");
    }
};

QTEST_GUILESS_MAIN(TestClientInfo)
#include "TestClientInfo.moc"
