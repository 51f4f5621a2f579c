#pragma once
/// @file
/// @brief The user's own settings (key → text value). IT-locked values live in policy, not here.

#include "storage/Database.h"
#include "storage/Error.h"

#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace palisade::storage {

/// Settings of one Database (which must outlive it); same thread as it.
class SettingsStore {
public:
    explicit SettingsStore(Database& db) noexcept
        : m_db(&db)
    {
    }

    [[nodiscard]] std::expected<std::optional<std::string>, Error> value(std::string_view key);
    [[nodiscard]] std::expected<void, Error> setValue(std::string_view key, std::string_view value);
    [[nodiscard]] std::expected<void, Error> remove(std::string_view key);

private:
    Database* m_db;
};

} // namespace palisade::storage
