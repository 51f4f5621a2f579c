#pragma once
/// @file
/// @brief Every policy key the client knows: its type, built-in default and validation.
/// docs/admin-guide.md "Client policy keys" documents each one; keep the two in step.

#include "core/policy/PolicyTypes.h"

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::core {

/// The type a key's value must have.
enum class PolicyType { Bool, Integer, String, StringList };

/// "boolean", "integer", "string" or "list of strings".
[[nodiscard]] const char* typeName(PolicyType type) noexcept;

/// Static description of one key.
struct PolicyKeySpec {
    std::string_view name;
    PolicyType type;
    bool serverGroup; ///< server.*: a bad value anywhere fails closed
    std::string_view summary; ///< one line for the report and the docs
};

/// Every key, sorted by name.
[[nodiscard]] std::span<const PolicyKeySpec> policyKeys() noexcept;

/// The key called @p name, or nullptr when the client does not know it.
[[nodiscard]] const PolicyKeySpec* findPolicyKey(std::string_view name) noexcept;

/// The built-in default of a known key (the first-listed key when @p name is unknown is
/// never returned: callers pass names from policyKeys()).
[[nodiscard]] PolicyValue defaultPolicyValue(const PolicyKeySpec& spec);

/// Checks @p raw against the type and rules of @p spec. On success the value in its canonical
/// form (file extensions lower-case without the dot); otherwise a reason that never quotes
/// the value.
[[nodiscard]] std::expected<PolicyValue, std::string> validatePolicyValue(
    const PolicyKeySpec& spec, const RawValue& raw);

/// A key name tied to the C++ type of its value, for typed look-ups
/// (EffectivePolicy::get(policykeys::filesEnabled) is a bool).
template <class T> struct PolicyKey {
    std::string_view name;
};

/// The typed keys. Their names and types match policyKeys() (a test checks it).
namespace policykeys {
using StringList = std::vector<std::string>;
inline constexpr PolicyKey<std::string> serverAddress { "server.address" };
inline constexpr PolicyKey<StringList> serverPublicKeys { "server.public_keys" };
inline constexpr PolicyKey<bool> serverAllowTofu { "server.allow_tofu" };
inline constexpr PolicyKey<std::string> networkProxy { "network.proxy" };
inline constexpr PolicyKey<bool> contactsAllowStrangers { "contacts.allow_strangers" };
inline constexpr PolicyKey<bool> contactsListed { "contacts.listed" };
inline constexpr PolicyKey<bool> filesEnabled { "files.enabled" };
inline constexpr PolicyKey<std::int64_t> filesMaxSizeMb { "files.max_size_mb" };
inline constexpr PolicyKey<StringList> filesBlockedExtensions { "files.blocked_extensions" };
inline constexpr PolicyKey<std::string> filesScanner { "files.scanner" };
inline constexpr PolicyKey<std::string> filesClamdSocket { "files.clamd_socket" };
inline constexpr PolicyKey<StringList> filesScannerCommand { "files.scanner_command" };
inline constexpr PolicyKey<std::int64_t> filesScannerTimeoutSeconds { "files.scanner_timeout_seconds" };
inline constexpr PolicyKey<bool> filesRequireScan { "files.require_scan" };
inline constexpr PolicyKey<std::string> filesDownloadDir { "files.download_dir" };
inline constexpr PolicyKey<std::int64_t> securityIdleLockMinutes { "security.idle_lock_minutes" };
inline constexpr PolicyKey<std::string> securityKeyStorage { "security.key_storage" };
inline constexpr PolicyKey<std::int64_t> securityMinPassphraseLength { "security.min_passphrase_length" };
inline constexpr PolicyKey<std::int64_t> historyRetentionDays { "history.retention_days" };
inline constexpr PolicyKey<std::string> notificationsPreview { "notifications.preview" };
inline constexpr PolicyKey<bool> uiLinkPreviews { "ui.link_previews" };
} // namespace policykeys

} // namespace palisade::core
