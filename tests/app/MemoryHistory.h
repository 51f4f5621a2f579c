#pragma once
/// @file
/// @brief An in-memory HistorySource for the gui tests: messages kept oldest first, pages cut
/// by the same (sentAt, id) keyset rule as storage::MessageStore::latest.

#include "app/ui/HistorySource.h"

#include <algorithm>
#include <vector>

namespace palisade::app::test {

class MemoryHistory : public HistorySource {
public:
    /// @p count messages, one a minute, alternating direction, ending now.
    static std::vector<MessageRow> generate(int count, const QString& text = QStringLiteral("message %1"))
    {
        std::vector<MessageRow> rows;
        rows.reserve(static_cast<std::size_t>(count));
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-60LL * count);
        for (int i = 0; i < count; ++i)
            rows.push_back(
                { i + 1, i % 2 == 0, Delivery::Delivered, text.arg(i + 1), start.addSecs(60LL * i) });
        return rows;
    }

    explicit MemoryHistory(std::vector<MessageRow> rows = {})
        : m_rows(std::move(rows))
    {
    }

    void add(const MessageRow& row) { m_rows.push_back(row); }

    std::vector<MessageRow> older(std::optional<HistoryCursor> before, int limit) override
    {
        ++pagesRead;
        auto end = m_rows.end();
        if (before) {
            end = std::lower_bound(
                m_rows.begin(), m_rows.end(), *before, [](const MessageRow& m, const HistoryCursor& c) {
                    const qint64 at = m.sentAt.toMSecsSinceEpoch();
                    return at < c.sentAtMs || (at == c.sentAtMs && m.id < c.id);
                });
        }
        std::vector<MessageRow> page;
        for (auto it = end; it != m_rows.begin() && static_cast<int>(page.size()) < limit;) {
            --it;
            page.push_back(*it);
        }
        rowsRead += static_cast<int>(page.size());
        return page;
    }

    std::vector<qint64> search(const QString& text, int limit) override
    {
        std::vector<qint64> hits;
        for (auto it = m_rows.rbegin(); it != m_rows.rend() && static_cast<int>(hits.size()) < limit; ++it)
            if (it->body.contains(text, Qt::CaseInsensitive))
                hits.push_back(it->id);
        return hits;
    }

    int pagesRead = 0;
    int rowsRead = 0;

private:
    std::vector<MessageRow> m_rows;
};

} // namespace palisade::app::test
