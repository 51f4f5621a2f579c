#include "app/ui/ContactListModel.h"

#include "app/ui/Icons.h"

#include <QSet>

#include <algorithm>

namespace palisade::app {

namespace {

QString presenceText(Presence p)
{
    switch (p) {
    case Presence::Online:
        return ContactListModel::tr("online");
    case Presence::Away:
        return ContactListModel::tr("away");
    case Presence::Busy:
        return ContactListModel::tr("busy");
    case Presence::Offline:
        break;
    }
    return ContactListModel::tr("offline");
}

} // namespace

ContactListModel::ContactListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int ContactListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ContactListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ContactRow& c = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case UsernameRole:
        return c.username;
    case Qt::DecorationRole:
        return c.kind == ContactKind::Buddy ? presenceIcon(c.presence) : icon(IconName::Request);
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: {
        QString text = c.kind == ContactKind::Buddy  ? tr("%1, %2").arg(c.username, presenceText(c.presence))
            : c.kind == ContactKind::IncomingRequest ? tr("%1 asks to be your contact").arg(c.username)
            : c.kind == ContactKind::OutgoingRequest ? tr("%1, request sent").arg(c.username)
                                                     : tr("%1, blocked").arg(c.username);
        if (c.unread > 0)
            text += tr(", %n unread", nullptr, c.unread);
        return text;
    }
    case KindRole:
        return static_cast<int>(c.kind);
    case PresenceRole:
        return static_cast<int>(c.presence);
    case UnreadRole:
        return c.unread;
    case NoteRole:
        return c.note;
    case VerifiedRole:
        return c.verified;
    default:
        return {};
    }
}

QHash<int, QByteArray> ContactListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({ { UsernameRole, "username" }, { KindRole, "kind" }, { PresenceRole, "presence" },
        { UnreadRole, "unread" }, { NoteRole, "note" }, { VerifiedRole, "verified" } });
    return names;
}

void ContactListModel::setContacts(const std::vector<ContactRow>& rows)
{
    const int unreadBefore = totalUnread();
    QSet<QString> wanted;
    for (const ContactRow& c : rows)
        wanted.insert(c.username);
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (wanted.contains(m_rows[static_cast<std::size_t>(row)].username))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.erase(m_rows.begin() + row);
        endRemoveRows();
    }
    for (const ContactRow& c : rows) {
        const int row = rowOf(c.username);
        if (row < 0) {
            beginInsertRows({}, rowCount(), rowCount());
            m_rows.push_back(c);
            endInsertRows();
            continue;
        }
        ContactRow& have = m_rows[static_cast<std::size_t>(row)];
        const Presence presence = c.presence == Presence::Offline ? have.presence : c.presence;
        const int unread = c.unread == 0 ? have.unread : c.unread;
        have = c;
        have.presence = c.kind == ContactKind::Buddy ? presence : Presence::Offline;
        have.unread = unread;
        changed(row, {});
    }
    if (totalUnread() != unreadBefore)
        emit totalUnreadChanged(totalUnread());
}

void ContactListModel::setPresence(const QString& username, Presence presence)
{
    const int row = rowOf(username);
    if (row < 0 || m_rows[static_cast<std::size_t>(row)].presence == presence)
        return;
    m_rows[static_cast<std::size_t>(row)].presence = presence;
    changed(row, { PresenceRole, Qt::DecorationRole, Qt::ToolTipRole, Qt::AccessibleTextRole });
}

void ContactListModel::setUnread(const QString& username, int unread)
{
    const int row = rowOf(username);
    if (row < 0 || m_rows[static_cast<std::size_t>(row)].unread == unread)
        return;
    m_rows[static_cast<std::size_t>(row)].unread = std::max(0, unread);
    changed(row, { UnreadRole, Qt::ToolTipRole, Qt::AccessibleTextRole });
    emit totalUnreadChanged(totalUnread());
}

void ContactListModel::setVerified(const QString& username, bool verified)
{
    const int row = rowOf(username);
    if (row < 0 || m_rows[static_cast<std::size_t>(row)].verified == verified)
        return;
    m_rows[static_cast<std::size_t>(row)].verified = verified;
    changed(row, { VerifiedRole });
}

int ContactListModel::totalUnread() const
{
    int total = 0;
    for (const ContactRow& c : m_rows)
        total += c.unread;
    return total;
}

int ContactListModel::rowOf(const QString& username) const
{
    const auto it = std::find_if(
        m_rows.begin(), m_rows.end(), [&](const ContactRow& c) { return c.username == username; });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

const ContactRow* ContactListModel::contact(const QString& username) const
{
    const int row = rowOf(username);
    return row < 0 ? nullptr : &m_rows[static_cast<std::size_t>(row)];
}

void ContactListModel::changed(int row, const QList<int>& roles)
{
    emit dataChanged(index(row), index(row), roles);
}

ContactFilterProxy::ContactFilterProxy(Section section, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_section(section)
{
    setDynamicSortFilter(true);
    sort(0);
}

void ContactFilterProxy::setFilterText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool ContactFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto kind = static_cast<ContactKind>(i.data(ContactListModel::KindRole).toInt());
    if ((kind == ContactKind::IncomingRequest) != (m_section == Section::Requests))
        return false;
    return m_text.isEmpty()
        || i.data(ContactListModel::UsernameRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool ContactFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const auto rank = [](const QModelIndex& i) {
        const auto kind = static_cast<ContactKind>(i.data(ContactListModel::KindRole).toInt());
        if (kind != ContactKind::Buddy)
            return kind == ContactKind::Blocked ? 3 : 2;
        return static_cast<Presence>(i.data(ContactListModel::PresenceRole).toInt()) == Presence::Offline ? 1
                                                                                                          : 0;
    };
    const int l = rank(left);
    const int r = rank(right);
    if (l != r)
        return l < r;
    return QString::localeAwareCompare(left.data(ContactListModel::UsernameRole).toString(),
               right.data(ContactListModel::UsernameRole).toString())
        < 0;
}

} // namespace palisade::app
