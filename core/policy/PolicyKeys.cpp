#include "core/policy/PolicyKeys.h"

#include "core/ClientInfo.h"
#include "core/ProxySetting.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <initializer_list>

namespace palisade::core {

namespace {

using Check = std::expected<PolicyValue, std::string> (*)(PolicyValue value);

struct KeyDefinition {
    PolicyKeySpec spec;
    PolicyValue (*makeDefault)();
    Check check; ///< rules beyond the type; nullptr when the type is enough
};

std::expected<PolicyValue, std::string> integerIn(
    const PolicyValue& value, std::int64_t min, std::int64_t max)
{
    const auto number = std::get<std::int64_t>(value);
    if (number < min || number > max) {
        return std::unexpected("must be from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
}

std::expected<PolicyValue, std::string> oneOf(
    const PolicyValue& value, std::initializer_list<std::string_view> choices)
{
    const auto& text = std::get<std::string>(value);
    if (std::ranges::find(choices, std::string_view(text)) != choices.end()) {
        return value;
    }
    std::string reason = "must be one of:";
    for (const auto choice : choices) {
        reason += ' ';
        reason += choice;
    }
    return std::unexpected(reason);
}

bool isAbsolutePath(std::string_view path)
{
    const bool windowsDrive = path.size() >= 3
        && ((path[0] >= 'a' && path[0] <= 'z') || (path[0] >= 'A' && path[0] <= 'Z')) && path[1] == ':'
        && (path[2] == '\\' || path[2] == '/');
    return path.starts_with('/') || path.starts_with("\\\\") || windowsDrive;
}

std::expected<PolicyValue, std::string> checkServerAddress(PolicyValue value)
{
    if (auto endpoint = parseHostPort(std::get<std::string>(value)); !endpoint) {
        return std::unexpected(endpoint.error());
    }
    return value;
}

std::expected<PolicyValue, std::string> checkPublicKeys(PolicyValue value)
{
    const auto& keys = std::get<std::vector<std::string>>(value);
    if (keys.empty() || keys.size() > 8) {
        return std::unexpected("must list 1 to 8 keys");
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        std::array<unsigned char, 32> key {};
        std::size_t length = 0;
        const int rc = sodium_base642bin(key.data(), key.size(), keys[i].data(), keys[i].size(), nullptr,
            &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
        if (rc != 0 || length != key.size()) {
            return std::unexpected("item " + std::to_string(i + 1) + " is not a base64 32-byte X25519 key");
        }
        if (sodium_is_zero(key.data(), key.size()) != 0) {
            return std::unexpected("item " + std::to_string(i + 1) + " is the all-zero key");
        }
    }
    return value;
}

std::expected<PolicyValue, std::string> checkProxy(PolicyValue value)
{
    if (auto choice = parseProxySetting(std::get<std::string>(value)); !choice) {
        return std::unexpected(choice.error());
    }
    return value;
}

std::expected<PolicyValue, std::string> checkExtensions(PolicyValue value)
{
    auto& list = std::get<std::vector<std::string>>(value);
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string& extension = list[i];
        if (extension.starts_with('.')) {
            extension.erase(0, 1);
        }
        std::ranges::transform(extension, extension.begin(),
            [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
        const bool valid = !extension.empty() && extension.size() <= 16
            && std::ranges::all_of(
                extension, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
        if (!valid) {
            return std::unexpected(
                "item " + std::to_string(i + 1) + " is not a file extension (letters and digits)");
        }
    }
    std::ranges::sort(list);
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return value;
}

std::expected<PolicyValue, std::string> checkScanner(PolicyValue value)
{
    if (std::get<std::string>(value) == "amsi" && platformName() != "windows") {
        return std::unexpected("amsi exists on Windows only");
    }
    return oneOf(value, { "clamd", "command", "amsi", "none" });
}

std::expected<PolicyValue, std::string> checkClamdSocket(PolicyValue value)
{
    const auto& text = std::get<std::string>(value);
    if (text.starts_with('/') || parseHostPort(text)) {
        return value;
    }
    return std::unexpected("expected an absolute Unix socket path or host:port");
}

std::expected<PolicyValue, std::string> checkScannerCommand(PolicyValue value)
{
    const auto& argv = std::get<std::vector<std::string>>(value);
    if (!argv.empty() && !isAbsolutePath(argv.front())) {
        return std::unexpected("the first item must be the scanner program's absolute path");
    }
    return value;
}

std::expected<PolicyValue, std::string> checkDownloadDir(PolicyValue value)
{
    const auto& path = std::get<std::string>(value);
    if (path.empty() || isAbsolutePath(path) || path.starts_with("~/")) {
        return value;
    }
    return std::unexpected("expected an absolute path, a path starting with ~/, or empty");
}

std::expected<PolicyValue, std::string> checkLinkPreviews(PolicyValue value)
{
    if (std::get<bool>(value)) {
        return std::unexpected("link previews are not supported: the client never fetches remote content");
    }
    return value;
}

std::vector<std::string> defaultBlockedExtensions()
{
    return { "ade", "adp", "app", "application", "appx", "bat", "cab", "chm", "cmd", "com", "cpl", "dll",
        "dmg", "exe", "gadget", "hta", "inf", "ins", "iso", "isp", "jar", "js", "jse", "lnk", "msc", "msi",
        "msix", "msp", "mst", "pif", "pkg", "ps1", "psm1", "reg", "scf", "scr", "sct", "sh", "shb", "sys",
        "vb", "vbe", "vbs", "vhd", "vhdx", "ws", "wsc", "wsf", "wsh", "xll" };
}

// Sorted by name (findPolicyKey relies on it; a test checks it).
const std::vector<KeyDefinition>& definitions()
{
    using T = PolicyType;
    static const std::vector<KeyDefinition> table {
        { { "contacts.allow_strangers", T::Bool, false,
              "allow messages and files from accounts that are not mutual buddies" },
            [] { return PolicyValue { false }; }, nullptr },
        { { "contacts.listed", T::Bool, false, "the account can be found by searching the directory" },
            [] { return PolicyValue { false }; }, nullptr },
        { { "files.blocked_extensions", T::StringList, false, "file types refused whether sent or received" },
            [] { return PolicyValue { defaultBlockedExtensions() }; }, checkExtensions },
        { { "files.clamd_socket", T::String, false, "clamd's Unix socket path or host:port" },
            [] { return PolicyValue { std::string("/var/run/clamav/clamd.ctl") }; }, checkClamdSocket },
        { { "files.download_dir", T::String, false, "where clean received files are saved" },
            [] { return PolicyValue { std::string() }; }, checkDownloadDir },
        { { "files.enabled", T::Bool, false, "file transfers are allowed" },
            [] { return PolicyValue { true }; }, nullptr },
        { { "files.max_size_mb", T::Integer, false, "largest file sent or accepted, in MiB" },
            [] { return PolicyValue { std::int64_t { 100 } }; },
            [](PolicyValue v) { return integerIn(v, 1, 65536); } },
        { { "files.require_scan", T::Bool, false, "block transfers the scanner cannot vouch for" },
            [] { return PolicyValue { true }; }, nullptr },
        { { "files.scanner", T::String, false, "antivirus backend: clamd, command, amsi (Windows) or none" },
            [] { return PolicyValue { std::string(platformName() == "windows" ? "amsi" : "clamd") }; },
            checkScanner },
        { { "files.scanner_command", T::StringList, false,
              "scanner program and arguments for files.scanner=command" },
            [] { return PolicyValue { std::vector<std::string> {} }; }, checkScannerCommand },
        { { "files.scanner_timeout_seconds", T::Integer, false, "a scan taking longer counts as failed" },
            [] { return PolicyValue { std::int64_t { 120 } }; },
            [](PolicyValue v) { return integerIn(v, 1, 3600); } },
        { { "history.retention_days", T::Integer, false, "delete messages older than this; 0 keeps them" },
            [] { return PolicyValue { std::int64_t { 0 } }; },
            [](PolicyValue v) { return integerIn(v, 0, 36500); } },
        { { "network.proxy", T::String, false, "none, system, socks5://host:port or http://host:port" },
            [] { return PolicyValue { std::string("none") }; }, checkProxy },
        { { "notifications.preview", T::String, false, "what a notification shows: full, sender or none" },
            [] { return PolicyValue { std::string("sender") }; },
            [](PolicyValue v) {
                return oneOf(v, { "full", "sender", "none" });
            } },
        { { "security.idle_lock_minutes", T::Integer, false, "lock after this many idle minutes; 0 never" },
            [] { return PolicyValue { std::int64_t { 10 } }; },
            [](PolicyValue v) { return integerIn(v, 0, 1440); } },
        { { "security.key_storage", T::String, false, "protect the profile key with keychain or passphrase" },
            [] { return PolicyValue { std::string("keychain") }; },
            [](PolicyValue v) {
                return oneOf(v, { "keychain", "passphrase" });
            } },
        { { "security.min_passphrase_length", T::Integer, false, "shortest profile passphrase accepted" },
            [] { return PolicyValue { std::int64_t { 12 } }; },
            [](PolicyValue v) { return integerIn(v, 8, 1024); } },
        { { "server.address", T::String, true, "the server as host:port" },
            [] { return PolicyValue { std::string() }; }, checkServerAddress },
        { { "server.allow_tofu", T::Bool, true, "trust an unpinned server key after the user confirms it" },
            [] { return PolicyValue { true }; }, nullptr },
        { { "server.public_keys", T::StringList, true, "pinned server keys (base64 X25519), tried in order" },
            [] { return PolicyValue { std::vector<std::string> {} }; }, checkPublicKeys },
        { { "ui.link_previews", T::Bool, false, "always false: remote content is never fetched" },
            [] { return PolicyValue { false }; }, checkLinkPreviews },
    };
    return table;
}

std::string describeRaw(const RawValue& raw)
{
    struct Visitor {
        std::string operator()(const UnsupportedValue& v) const { return v.what; }
        std::string operator()(bool) const { return "a boolean"; }
        std::string operator()(std::int64_t) const { return "an integer"; }
        std::string operator()(double) const { return "a number that is not a whole number in range"; }
        std::string operator()(const std::string&) const { return "a string"; }
        std::string operator()(const std::vector<std::string>&) const { return "a list"; }
    };
    return std::visit(Visitor {}, raw);
}

std::expected<PolicyValue, std::string> convert(PolicyType type, const RawValue& raw)
{
    const auto mismatch = [&] {
        return std::unexpected("expected " + std::string(typeName(type)) + ", got " + describeRaw(raw));
    };
    switch (type) {
    case PolicyType::Bool:
        if (const auto* b = std::get_if<bool>(&raw)) {
            return PolicyValue { *b };
        }
        // A REG_DWORD 0 or 1 (what ADMX boolean policies write).
        if (const auto* n = std::get_if<std::int64_t>(&raw); n && (*n == 0 || *n == 1)) {
            return PolicyValue { *n == 1 };
        }
        return mismatch();
    case PolicyType::Integer:
        if (const auto* n = std::get_if<std::int64_t>(&raw)) {
            return PolicyValue { *n };
        }
        return mismatch();
    case PolicyType::String:
        if (const auto* s = std::get_if<std::string>(&raw)) {
            return PolicyValue { *s };
        }
        return mismatch();
    case PolicyType::StringList:
        if (const auto* l = std::get_if<std::vector<std::string>>(&raw)) {
            return PolicyValue { *l };
        }
        return mismatch();
    }
    return mismatch();
}

const KeyDefinition* findDefinition(std::string_view name) noexcept
{
    const auto& table = definitions();
    const auto it
        = std::ranges::lower_bound(table, name, {}, [](const KeyDefinition& d) { return d.spec.name; });
    return it != table.end() && it->spec.name == name ? &*it : nullptr;
}

} // namespace

const char* typeName(PolicyType type) noexcept
{
    switch (type) {
    case PolicyType::Bool:
        return "boolean";
    case PolicyType::Integer:
        return "integer";
    case PolicyType::String:
        return "string";
    case PolicyType::StringList:
        return "list of strings";
    }
    return "?";
}

std::span<const PolicyKeySpec> policyKeys() noexcept
{
    static const std::vector<PolicyKeySpec> specs = [] {
        std::vector<PolicyKeySpec> out;
        for (const auto& d : definitions()) {
            out.push_back(d.spec);
        }
        return out;
    }();
    return specs;
}

const PolicyKeySpec* findPolicyKey(std::string_view name) noexcept
{
    const auto* definition = findDefinition(name);
    // The same object policyKeys() holds, so a spec's address identifies its key.
    return definition ? &policyKeys()[static_cast<std::size_t>(definition - definitions().data())] : nullptr;
}

PolicyValue defaultPolicyValue(const PolicyKeySpec& spec)
{
    return findDefinition(spec.name)->makeDefault();
}

std::expected<PolicyValue, std::string> validatePolicyValue(const PolicyKeySpec& spec, const RawValue& raw)
{
    auto value = convert(spec.type, raw);
    if (!value) {
        return value;
    }
    const auto* definition = findDefinition(spec.name);
    return definition->check ? definition->check(std::move(*value)) : value;
}

} // namespace palisade::core
