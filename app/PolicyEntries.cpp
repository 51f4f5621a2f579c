#include "app/PolicyEntries.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace palisade::app {

namespace {

using namespace std::string_view_literals;

/// Keys with a control on the ordinary settings pages (the rest are on "Managed settings").
constexpr std::array kUserFacing { "contacts.listed"sv, "files.download_dir"sv, "history.retention_days"sv,
    "network.proxy"sv, "notifications.preview"sv, "security.idle_lock_minutes"sv, "security.key_storage"sv,
    "ui.link_previews"sv };

QStringList choicesOf(std::string_view key)
{
    if (key == "notifications.preview"sv)
        return { QStringLiteral("full"), QStringLiteral("sender"), QStringLiteral("none") };
    if (key == "security.key_storage"sv)
        return { QStringLiteral("passphrase"), QStringLiteral("keychain") };
    return {};
}

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

std::vector<PolicyEntry> policyEntries(const core::EffectivePolicy& policy)
{
    std::vector<PolicyEntry> entries;
    for (const core::EffectiveValue& v : policy.values()) {
        PolicyEntry e;
        const std::string_view name = v.spec->name;
        e.key = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
        e.group = e.key.section(QLatin1Char('.'), 0, 0);
        e.source = QString::fromLatin1(core::sourceName(v.source));
        e.origin = qs(v.origin);
        e.locked = v.locked;
        e.userFacing = std::ranges::find(kUserFacing, name) != kUserFacing.end();
        e.choices = choicesOf(name);
        std::visit(
            [&e](const auto& value) {
                using T = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<T, bool>) {
                    e.type = PolicyEntry::Type::Bool;
                    e.value = value;
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    e.type = PolicyEntry::Type::Int;
                    e.value = qlonglong(value);
                } else if constexpr (std::is_same_v<T, std::string>) {
                    e.type = PolicyEntry::Type::Text;
                    e.value = qs(value);
                } else {
                    e.type = PolicyEntry::Type::List;
                    QStringList list;
                    for (const std::string& item : value)
                        list << qs(item);
                    e.value = list;
                }
            },
            v.value);
        if (!e.choices.isEmpty())
            e.type = PolicyEntry::Type::Choice;
        entries.push_back(std::move(e));
    }
    return entries;
}

FirstRunSetup firstRunSetup(const core::EffectivePolicy& policy)
{
    namespace keys = core::policykeys;
    FirstRunSetup setup;
    setup.server = qs(policy.get(keys::serverAddress));
    const core::EffectiveValue* address = policy.find(keys::serverAddress.name);
    setup.serverLocked = address && address->locked && !setup.server.isEmpty();
    setup.keychain = policy.get(keys::securityKeyStorage) == "keychain";
    setup.minimumPassphrase = static_cast<int>(policy.get(keys::securityMinPassphraseLength));
    return setup;
}

} // namespace palisade::app
