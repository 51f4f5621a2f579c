#include "storage/SettingsStore.h"

namespace palisade::storage {

std::expected<std::optional<std::string>, Error> SettingsStore::value(std::string_view key)
{
    return m_db->collectOne(
        "SELECT value FROM settings WHERE key = ?", [](const Statement& row) { return row.columnText(0); },
        key);
}

std::expected<void, Error> SettingsStore::setValue(std::string_view key, std::string_view value)
{
    return m_db->run("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", key, value);
}

std::expected<void, Error> SettingsStore::remove(std::string_view key)
{
    return m_db->run("DELETE FROM settings WHERE key = ?", key);
}

} // namespace palisade::storage
