#pragma once
/// @file
/// @brief Linux policy source (Chrome's layout): `<root>/managed/*.json` (locked) and
/// `<root>/recommended/*.json`, each a JSON object of key → value, merged in file-name order
/// (a later file overrides an earlier one). A directory or file that is not owned by the
/// required owner (root), or is writable by group or others, is refused and reported.

#include "core/policy/PolicyReader.h"

#include <QByteArray>

#include <expected>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace palisade::core {

/// Reads policy JSON files from a directory tree.
class PolicyDirectoryReader final : public PolicyReader {
public:
    /// @p root is normally /etc/palisade/policies; @p requiredOwner the uid that must own
    /// the root, both subdirectories and every file (0 = root; tests pass getuid()).
    explicit PolicyDirectoryReader(
        std::filesystem::path root = "/etc/palisade/policies", uid_t requiredOwner = 0);

    [[nodiscard]] PolicyReadResult read() const override;
    [[nodiscard]] std::string location() const override { return m_root.string(); }

private:
    void readLevel(const std::filesystem::path& dir, std::vector<PolicyEntry>& out,
        std::vector<PolicyProblem>& problems) const;

    std::filesystem::path m_root;
    uid_t m_requiredOwner;
};

/// Parses one policy file's bytes (a JSON object) into entries tagged with @p origin.
/// Lists must hold strings only; integers must be whole numbers; anything else becomes an
/// UnsupportedValue for the validator to report.
[[nodiscard]] std::expected<std::vector<PolicyEntry>, std::string> parsePolicyJson(
    const QByteArray& bytes, const std::string& origin);

} // namespace palisade::core
