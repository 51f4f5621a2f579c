#include "app/ui/ConversationModel.h"

#include <algorithm>

namespace palisade::app {

ConversationModel::ConversationModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void ConversationModel::setSource(HistorySource* source, int pageSize)
{
    beginResetModel();
    m_source = source;
    m_pageSize = std::max(1, pageSize);
    m_rows.clear();
    m_ids.clear();
    m_atStart = source == nullptr;
    if (m_source) { // the newest page, inside the reset (no insertion nested in it)
        std::vector<MessageRow> page = m_source->older(std::nullopt, m_pageSize);
        m_atStart = static_cast<int>(page.size()) < m_pageSize;
        for (MessageRow& m : page) {
            m_ids.insert(m.id);
            m_rows.push_front(std::move(m));
        }
    }
    // Views (and QAbstractItemModelTester) react to modelReset by fetching more; an insertion
    // nested in the reset notification would break them, so nothing is fetched until it is over.
    m_busy = true;
    endResetModel();
    m_busy = false;
}

int ConversationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ConversationModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const MessageRow& m = m_rows[row];
    switch (role) {
    case Qt::DisplayRole:
    case BodyRole:
        return m.body;
    case Qt::AccessibleTextRole:
        return (m.outgoing ? tr("You, %1: %2") : tr("%1: %2"))
            .arg(QLocale().toString(m.sentAt.toLocalTime(), QLocale::ShortFormat), m.body);
    case IdRole:
        return m.id;
    case OutgoingRole:
        return m.outgoing;
    case DeliveryRole:
        return static_cast<int>(m.delivery);
    case SentAtRole:
        return m.sentAt;
    case DayHeaderRole: {
        const QDate day = m.sentAt.toLocalTime().date();
        if (row == 0 || m_rows[row - 1].sentAt.toLocalTime().date() != day)
            return day;
        return QDate();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({ { IdRole, "id" }, { BodyRole, "body" }, { OutgoingRole, "outgoing" },
        { DeliveryRole, "delivery" }, { SentAtRole, "sentAt" }, { DayHeaderRole, "dayHeader" } });
    return names;
}

bool ConversationModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atStart && !m_busy;
}

void ConversationModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    std::optional<HistoryCursor> before;
    if (!m_rows.empty())
        before = HistoryCursor { m_rows.front().sentAt.toMSecsSinceEpoch(), m_rows.front().id };
    std::vector<MessageRow> page = m_source->older(before, m_pageSize);
    if (static_cast<int>(page.size()) < m_pageSize)
        m_atStart = true;
    // A message appended live may also come back from the store: skip what is loaded.
    std::erase_if(page, [this](const MessageRow& m) { return m_ids.contains(m.id); });
    if (page.empty())
        return;
    const int count = static_cast<int>(page.size());
    m_busy = true; // a listener fetching again from inside the insertion would read this page twice
    beginInsertRows({}, 0, count - 1);
    for (MessageRow& m : page) { // newest first: each goes in front of the previous one
        m_ids.insert(m.id);
        m_rows.push_front(std::move(m));
    }
    endInsertRows();
    m_busy = false;
    // The formerly first row may no longer start a new day.
    const QModelIndex was = index(count);
    if (was.isValid())
        emit dataChanged(was, was, { DayHeaderRole });
}

void ConversationModel::append(const MessageRow& message)
{
    if (m_ids.contains(message.id))
        return;
    const int row = rowCount();
    m_busy = true;
    beginInsertRows({}, row, row);
    m_ids.insert(message.id);
    m_rows.push_back(message);
    endInsertRows();
    m_busy = false;
}

void ConversationModel::setDelivery(qint64 id, Delivery delivery)
{
    const int row = loadedRowOf(id);
    if (row < 0 || m_rows[static_cast<std::size_t>(row)].delivery == delivery)
        return;
    m_rows[static_cast<std::size_t>(row)].delivery = delivery;
    emit dataChanged(index(row), index(row), { DeliveryRole, Qt::AccessibleTextRole });
}

int ConversationModel::rowOfMessage(qint64 id)
{
    while (!m_ids.contains(id) && canFetchMore({}))
        fetchMore({});
    return loadedRowOf(id);
}

std::vector<qint64> ConversationModel::search(const QString& text, int limit) const
{
    if (!m_source || text.trimmed().isEmpty())
        return {};
    return m_source->search(text, limit);
}

int ConversationModel::loadedRowOf(qint64 id) const
{
    if (!m_ids.contains(id))
        return -1;
    // Newest rows are the most likely targets (delivery updates), so look from the end.
    for (auto i = m_rows.size(); i > 0; --i)
        if (m_rows[i - 1].id == id)
            return static_cast<int>(i - 1);
    return -1;
}

} // namespace palisade::app
