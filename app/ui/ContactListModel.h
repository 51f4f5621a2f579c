#pragma once
/// @file
/// @brief The contact list (buddies, pending requests, blocked) as a list model, and the
/// filter proxy the main window shows it through.

#include "app/ui/Types.h"

#include <QAbstractListModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace palisade::app {

/// Every contact of the profile, one row each. GUI thread.
class ContactListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        UsernameRole = Qt::UserRole + 1,
        KindRole, ///< int(ContactKind)
        PresenceRole, ///< int(Presence)
        UnreadRole, ///< int
        NoteRole, ///< QString, plain text
        VerifiedRole, ///< bool
    };

    explicit ContactListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the list, keeping rows (and the views' selection) of contacts that stay.
    /// Presence and unread counts of staying contacts are kept when @p rows leaves them at
    /// their defaults.
    void setContacts(const std::vector<ContactRow>& rows);
    void setPresence(const QString& username, Presence presence);
    void setUnread(const QString& username, int unread);
    void setVerified(const QString& username, bool verified);
    /// Unread messages over all buddies (the tray badge).
    [[nodiscard]] int totalUnread() const;
    /// The row of @p username, or -1.
    [[nodiscard]] int rowOf(const QString& username) const;
    [[nodiscard]] const ContactRow* contact(const QString& username) const;

signals:
    void totalUnreadChanged(int total);

private:
    void changed(int row, const QList<int>& roles);

    std::vector<ContactRow> m_rows;
};

/// Shows one section of the contact list (pending requests or the others), filtered by a
/// text and sorted: online first, then by name.
class ContactFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Section { Requests, Contacts };
    explicit ContactFilterProxy(Section section, QObject* parent = nullptr);

    /// Case-insensitive substring of the username; empty shows everything.
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    Section m_section;
    QString m_text;
};

} // namespace palisade::app
