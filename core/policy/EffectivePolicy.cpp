#include "core/policy/EffectivePolicy.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace palisade::core {

namespace {

struct Accepted {
    PolicyValue value;
    std::string origin;
};

using LayerValues = std::map<std::string_view, Accepted>;

/// Validates one layer's entries (later entries override earlier ones). Bad server.*
/// values set @p serverBroken.
LayerValues validateLayer(
    const std::vector<PolicyEntry>& entries, std::vector<PolicyProblem>& problems, bool& serverBroken)
{
    LayerValues accepted;
    for (const auto& entry : entries) {
        const auto* spec = findPolicyKey(entry.key);
        if (!spec) {
            problems.push_back({ entry.origin, entry.key, "unknown key (ignored)" });
            continue;
        }
        auto value = validatePolicyValue(*spec, entry.value);
        if (!value) {
            const char* consequence = spec->serverGroup ? " (server settings fail closed)" : " (ignored)";
            problems.push_back({ entry.origin, entry.key, value.error() + consequence });
            serverBroken = serverBroken || spec->serverGroup;
            continue;
        }
        accepted.insert_or_assign(spec->name, Accepted { std::move(*value), entry.origin });
    }
    return accepted;
}

PolicyValue failClosedValue(PolicyType type)
{
    switch (type) {
    case PolicyType::Bool:
        return false;
    case PolicyType::Integer:
        return std::int64_t { 0 };
    case PolicyType::String:
        return std::string();
    case PolicyType::StringList:
        return std::vector<std::string> {};
    }
    return false;
}

void appendCanonical(std::string& out, const PolicyValue& value)
{
    struct Visitor {
        std::string& out;
        void text(const std::string& s) const { out += 's' + std::to_string(s.size()) + ':' + s; }
        void operator()(bool b) const { out += b ? "true" : "false"; }
        void operator()(std::int64_t n) const { out += std::to_string(n); }
        void operator()(const std::string& s) const { text(s); }
        void operator()(const std::vector<std::string>& list) const
        {
            out += 'l' + std::to_string(list.size()) + ':';
            for (const auto& item : list) {
                text(item);
            }
        }
    };
    std::visit(Visitor { out }, value);
}

} // namespace

const char* sourceName(PolicySource source) noexcept
{
    switch (source) {
    case PolicySource::Managed:
        return "managed";
    case PolicySource::User:
        return "user";
    case PolicySource::Recommended:
        return "recommended";
    case PolicySource::Default:
        return "default";
    case PolicySource::FailedClosed:
        return "failed closed";
    }
    return "?";
}

EffectivePolicy EffectivePolicy::build(const PolicyReadResult& machine, const UserChoices& user)
{
    EffectivePolicy policy;
    policy.m_problems = machine.problems;
    bool machineServerBroken = false;
    bool userServerBroken = false;
    const auto managed = validateLayer(machine.managed, policy.m_problems, machineServerBroken);
    const auto recommended = validateLayer(machine.recommended, policy.m_problems, machineServerBroken);
    std::vector<PolicyEntry> userEntries;
    for (const auto& [key, value] : user) {
        userEntries.push_back({ key, value, "user settings" });
    }
    const auto chosen = validateLayer(userEntries, policy.m_problems, userServerBroken);
    policy.m_serverFailedClosed = machineServerBroken || userServerBroken;

    for (const auto& spec : policyKeys()) {
        EffectiveValue effective { &spec, {}, PolicySource::Default, false, "built-in" };
        const auto pick = [&](const LayerValues& layer, PolicySource source) {
            const auto it = layer.find(spec.name);
            if (it == layer.end()) {
                return false;
            }
            effective.value = it->second.value;
            effective.origin = it->second.origin;
            effective.source = source;
            return true;
        };
        if (pick(managed, PolicySource::Managed)) {
            effective.locked = true;
        } else if (!pick(chosen, PolicySource::User) && !pick(recommended, PolicySource::Recommended)) {
            effective.value = defaultPolicyValue(spec);
        }
        if (spec.serverGroup && policy.m_serverFailedClosed) {
            effective.value = failClosedValue(spec.type);
            effective.source = PolicySource::FailedClosed;
            effective.origin = "see the reported problems";
            // IT's broken files must be fixed by IT; a bad value of the user's own can be re-entered.
            effective.locked = machineServerBroken;
        }
        policy.m_values.push_back(std::move(effective));
    }
    return policy;
}

EffectivePolicy EffectivePolicy::load(const PolicyReader& reader, const UserChoices& user)
{
    return build(reader.read(), user);
}

const EffectiveValue* EffectivePolicy::find(std::string_view key) const noexcept
{
    const auto it
        = std::ranges::find_if(m_values, [&](const EffectiveValue& v) { return v.spec->name == key; });
    return it == m_values.end() ? nullptr : &*it;
}

bool EffectivePolicy::userMayChange(std::string_view key) const noexcept
{
    const auto* value = find(key);
    return value != nullptr && !value->locked;
}

std::string EffectivePolicy::canonicalText() const
{
    std::string out;
    for (const auto& value : m_values) {
        out += value.spec->name;
        out += value.locked ? "\n1\n" : "\n0\n";
        appendCanonical(out, value.value);
        out += '\n';
    }
    return out;
}

std::string EffectivePolicy::digest() const
{
    const std::string text = canonicalText();
    std::array<unsigned char, crypto_hash_sha256_BYTES> hash {};
    crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex {};
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    return std::string(hex.data());
}

} // namespace palisade::core
