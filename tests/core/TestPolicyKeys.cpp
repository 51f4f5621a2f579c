#include "core/policy/PolicyKeys.h"

#include <QtTest>

using namespace palisade::core;

Q_DECLARE_METATYPE(palisade::core::RawValue)

namespace {

template <class T> bool typedKeyMatches(PolicyKey<T> key)
{
    const auto* spec = findPolicyKey(key.name);
    return spec != nullptr && std::holds_alternative<T>(defaultPolicyValue(*spec));
}

} // namespace

class TestPolicyKeys : public QObject {
    Q_OBJECT
private slots:
    void tableIsSortedAndDefaultsAreValid()
    {
        const auto keys = policyKeys();
        QVERIFY(keys.size() >= 21);
        for (std::size_t i = 1; i < keys.size(); ++i) {
            QVERIFY2(keys[i - 1].name < keys[i].name, keys[i].name.data());
        }
        for (const auto& spec : keys) {
            QCOMPARE(findPolicyKey(spec.name), &spec);
            const auto value = defaultPolicyValue(spec);
            // server.address and server.public_keys default to "not configured", which a
            // source may not set explicitly; every other default passes its own validation.
            if (spec.name == "server.address" || spec.name == "server.public_keys") {
                continue;
            }
            const RawValue raw = std::visit([](const auto& v) { return RawValue { v }; }, value);
            const auto checked = validatePolicyValue(spec, raw);
            QVERIFY2(checked.has_value(), spec.name.data());
            QVERIFY(*checked == value);
        }
        QVERIFY(findPolicyKey("files") == nullptr);
        QVERIFY(findPolicyKey("") == nullptr);
    }

    void typedKeysMatchTheTable()
    {
        using namespace policykeys;
        QVERIFY(typedKeyMatches(serverAddress));
        QVERIFY(typedKeyMatches(serverPublicKeys));
        QVERIFY(typedKeyMatches(serverAllowTofu));
        QVERIFY(typedKeyMatches(networkProxy));
        QVERIFY(typedKeyMatches(contactsAllowStrangers));
        QVERIFY(typedKeyMatches(contactsListed));
        QVERIFY(typedKeyMatches(filesEnabled));
        QVERIFY(typedKeyMatches(filesMaxSizeMb));
        QVERIFY(typedKeyMatches(filesBlockedExtensions));
        QVERIFY(typedKeyMatches(filesScanner));
        QVERIFY(typedKeyMatches(filesClamdSocket));
        QVERIFY(typedKeyMatches(filesScannerCommand));
        QVERIFY(typedKeyMatches(filesScannerTimeoutSeconds));
        QVERIFY(typedKeyMatches(filesRequireScan));
        QVERIFY(typedKeyMatches(filesDownloadDir));
        QVERIFY(typedKeyMatches(securityIdleLockMinutes));
        QVERIFY(typedKeyMatches(securityKeyStorage));
        QVERIFY(typedKeyMatches(securityMinPassphraseLength));
        QVERIFY(typedKeyMatches(historyRetentionDays));
        QVERIFY(typedKeyMatches(notificationsPreview));
        QVERIFY(typedKeyMatches(uiLinkPreviews));
        QVERIFY(!typedKeyMatches(PolicyKey<bool> { "files.max_size_mb" }));
    }

    void validation_data()
    {
        using List = std::vector<std::string>;
        QTest::addColumn<QString>("key");
        QTest::addColumn<RawValue>("raw");
        QTest::addColumn<bool>("valid");
        const std::string key = "SfDqvY5CfkRh+NhbJLryeJ+6aRz96DIF/D7dsuxtUgw=";
        const auto row = [](const char* name, const char* k, RawValue raw, bool valid) {
            QTest::newRow(name) << QString::fromLatin1(k) << raw << valid;
        };
        row("address host:port", "server.address", std::string("im.example.com:7443"), true);
        row("address ipv4", "server.address", std::string("10.1.2.3:7443"), true);
        row("address ipv6", "server.address", std::string("[fd00::1]:7443"), true);
        row("address no port", "server.address", std::string("im.example.com"), false);
        row("address port 0", "server.address", std::string("im.example.com:0"), false);
        row("address port too big", "server.address", std::string("im.example.com:65536"), false);
        row("address bare ipv6", "server.address", std::string("fd00::1:7443"), false);
        row("address empty", "server.address", std::string(), false);
        row("address with scheme", "server.address", std::string("tcp://im.example.com:7443"), false);
        row("address label dash", "server.address", std::string("-im.example.com:7443"), false);
        row("keys one", "server.public_keys", List { key }, true);
        row("keys two", "server.public_keys", List { key, key }, true);
        row("keys empty", "server.public_keys", List {}, false);
        row("keys short", "server.public_keys", List { "AAAA" }, false);
        row("keys urlsafe", "server.public_keys", List { "SfDqvY5CfkRh-NhbJLryeJ-6aRz96DIF_D7dsuxtUgw=" },
            false);
        row("keys zero", "server.public_keys", List { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" },
            false);
        row("keys not list", "server.public_keys", key, false);
        row("bool true", "server.allow_tofu", true, true);
        row("bool dword 1", "server.allow_tofu", std::int64_t { 1 }, true);
        row("bool dword 2", "server.allow_tofu", std::int64_t { 2 }, false);
        row("bool string", "contacts.listed", std::string("true"), false);
        row("proxy none", "network.proxy", std::string("none"), true);
        row("proxy system", "network.proxy", std::string("system"), true);
        row("proxy socks", "network.proxy", std::string("socks5://u:p@proxy.corp:1080"), true);
        row("proxy http", "network.proxy", std::string("http://proxy.corp:3128"), true);
        row("proxy https", "network.proxy", std::string("https://proxy.corp:3128"), false);
        row("proxy no port", "network.proxy", std::string("socks5://proxy.corp"), false);
        row("size ok", "files.max_size_mb", std::int64_t { 512 }, true);
        row("size zero", "files.max_size_mb", std::int64_t { 0 }, false);
        row("size fraction", "files.max_size_mb", 1.5, false);
        row("extensions", "files.blocked_extensions", List { ".EXE", "scr" }, true);
        row("extension double", "files.blocked_extensions", List { "tar.gz" }, false);
        row("extension empty", "files.blocked_extensions", List { "" }, false);
        row("extensions none", "files.blocked_extensions", List {}, true);
        row("scanner clamd", "files.scanner", std::string("clamd"), true);
        row("scanner other", "files.scanner", std::string("mcafee"), false);
        row("clamd socket path", "files.clamd_socket", std::string("/run/clamav/clamd.ctl"), true);
        row("clamd tcp", "files.clamd_socket", std::string("127.0.0.1:3310"), true);
        row("clamd relative", "files.clamd_socket", std::string("clamd.ctl"), false);
        row("command", "files.scanner_command", List { "/usr/bin/clamdscan", "--no-summary" }, true);
        row("command relative", "files.scanner_command", List { "clamdscan" }, false);
        row("timeout", "files.scanner_timeout_seconds", std::int64_t { 30 }, true);
        row("download abs", "files.download_dir", std::string("/srv/incoming"), true);
        row("download home", "files.download_dir", std::string("~/Downloads/Palisade"), true);
        row("download windows", "files.download_dir", std::string("D:\\Incoming"), true);
        row("download relative", "files.download_dir", std::string("Downloads"), false);
        row("idle lock off", "security.idle_lock_minutes", std::int64_t { 0 }, true);
        row("idle lock day", "security.idle_lock_minutes", std::int64_t { 1441 }, false);
        row("key storage", "security.key_storage", std::string("passphrase"), true);
        row("key storage bad", "security.key_storage", std::string("file"), false);
        row("passphrase short", "security.min_passphrase_length", std::int64_t { 7 }, false);
        row("retention", "history.retention_days", std::int64_t { 365 }, true);
        row("preview none", "notifications.preview", std::string("none"), true);
        row("link previews off", "ui.link_previews", false, true);
        row("link previews on", "ui.link_previews", true, false);
        row("unsupported", "files.enabled", UnsupportedValue { "an object" }, false);
    }
    void validation()
    {
        QFETCH(QString, key);
        QFETCH(RawValue, raw);
        QFETCH(bool, valid);
        const auto* spec = findPolicyKey(key.toStdString());
        QVERIFY(spec);
        const auto result = validatePolicyValue(*spec, raw);
        QCOMPARE(result.has_value(), valid);
        if (!valid) {
            QVERIFY(!result.error().empty());
        }
    }

    void extensionsAreNormalised()
    {
        const auto result = validatePolicyValue(
            *findPolicyKey("files.blocked_extensions"), std::vector<std::string> { ".EXE", "scr", "exe" });
        QVERIFY(result);
        QCOMPARE(std::get<std::vector<std::string>>(*result), (std::vector<std::string> { "exe", "scr" }));
    }

    void reasonsNeverQuoteTheValue()
    {
        const std::string secret = "socks5://alice:Sup3rSecret@proxy.corp";
        const auto result = validatePolicyValue(*findPolicyKey("network.proxy"), secret);
        QVERIFY(!result);
        QVERIFY(result.error().find("Sup3rSecret") == std::string::npos);
        QVERIFY(result.error().find("alice") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestPolicyKeys)
#include "TestPolicyKeys.moc"
