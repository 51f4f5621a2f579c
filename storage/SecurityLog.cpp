#include "storage/SecurityLog.h"

#include <utility>

namespace palisade::storage {

std::expected<void, Error> SecurityLog::append(Timestamp at, std::string_view kind, std::string_view detail)
{
    return m_db->run("INSERT INTO security_log (at, kind, detail) VALUES (?, ?, ?)", at, kind, detail);
}

std::expected<std::vector<SecurityEvent>, Error> SecurityLog::recent(std::size_t limit)
{
    return m_db->collectRows(
        "SELECT id, at, kind, detail FROM security_log ORDER BY id DESC LIMIT ?",
        [](const Statement& row) {
            return SecurityEvent { row.columnInt64(0), row.columnInt64(1), row.columnText(2),
                row.columnText(3) };
        },
        static_cast<std::int64_t>(limit));
}

std::expected<std::size_t, Error> SecurityLog::deleteBefore(Timestamp cutoff)
{
    auto ok = m_db->run("DELETE FROM security_log WHERE at < ?", cutoff);
    if (!ok) {
        return std::unexpected(std::move(ok.error()));
    }
    return static_cast<std::size_t>(m_db->changes());
}

} // namespace palisade::storage
