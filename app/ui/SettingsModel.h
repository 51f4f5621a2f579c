#pragma once
/// @file
/// @brief Every effective policy value as a table (key, value, source, locked): the
/// "Managed settings" page, like chrome://policy.

#include "app/ui/Types.h"

#include <QAbstractTableModel>

#include <vector>

namespace palisade::app {

/// The text every locked setting shows.
[[nodiscard]] QString lockedByOrganizationText();
/// A readable name for a policy key ("Message preview in notifications").
[[nodiscard]] QString settingLabel(const QString& key);
/// A readable name for a policy group ("Notifications").
[[nodiscard]] QString settingGroupLabel(const QString& group);
/// A readable name for a value source ("Your organization (locked)").
[[nodiscard]] QString sourceLabel(const PolicyEntry& entry);

/// GUI thread.
class SettingsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, SourceColumn, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1, LockedRole, UserFacingRole };

    explicit SettingsModel(QObject* parent = nullptr);

    void setEntries(std::vector<PolicyEntry> entries);
    [[nodiscard]] const std::vector<PolicyEntry>& entries() const { return m_entries; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<PolicyEntry> m_entries;
};

} // namespace palisade::app
