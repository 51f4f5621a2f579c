#include "app/ui/SettingsModel.h"

#include "app/ui/Icons.h"

namespace palisade::app {

QString policyValueText(const PolicyEntry& entry)
{
    switch (entry.type) {
    case PolicyEntry::Type::Bool:
        return entry.value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case PolicyEntry::Type::Int:
        return QString::number(entry.value.toLongLong());
    case PolicyEntry::Type::List:
        return entry.value.toStringList().join(QStringLiteral(", "));
    case PolicyEntry::Type::Text:
    case PolicyEntry::Type::Choice:
        break;
    }
    return entry.value.toString();
}

QString lockedByOrganizationText()
{
    return SettingsModel::tr("Set by your organization");
}

QString settingLabel(const QString& key)
{
    static const std::pair<const char*, const char*> labels[] = {
        { "notifications.preview",
            QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Message preview in notifications") },
        { "security.idle_lock_minutes",
            QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Lock after idle (minutes, 0 = never)") },
        { "security.key_storage",
            QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Protect the profile with") },
        { "security.min_passphrase_length",
            QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Minimum passphrase length") },
        { "network.proxy",
            QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Proxy (none, system, socks5://…, http://…)") },
        { "contacts.listed",
            QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Others can find me by username") },
        { "contacts.allow_strangers",
            QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Accept contact requests") },
        { "files.enabled", QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "File transfers") },
        { "files.download_dir", QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Save received files in") },
        { "history.retention_days",
            QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Keep history (days, 0 = forever)") },
        { "ui.link_previews", QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Link previews") },
        { "server.address", QT_TRANSLATE_NOOP("palisade::app::SettingsModel", "Server address") },
    };
    for (const auto& [k, label] : labels)
        if (key == QLatin1String(k))
            return SettingsModel::tr(label);
    return key;
}

QString settingGroupLabel(const QString& group)
{
    if (group == QLatin1String("notifications"))
        return SettingsModel::tr("Notifications");
    if (group == QLatin1String("security"))
        return SettingsModel::tr("Security");
    if (group == QLatin1String("network"))
        return SettingsModel::tr("Network");
    if (group == QLatin1String("contacts"))
        return SettingsModel::tr("Contacts");
    if (group == QLatin1String("files"))
        return SettingsModel::tr("Files");
    if (group == QLatin1String("history"))
        return SettingsModel::tr("History");
    if (group == QLatin1String("server"))
        return SettingsModel::tr("Server");
    return SettingsModel::tr("General");
}

QString sourceLabel(const PolicyEntry& entry)
{
    if (entry.locked)
        return SettingsModel::tr("Your organization (locked)");
    if (entry.source == QLatin1String("recommended"))
        return SettingsModel::tr("Your organization (recommended)");
    if (entry.source == QLatin1String("user"))
        return SettingsModel::tr("You");
    return SettingsModel::tr("Default");
}

SettingsModel::SettingsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SettingsModel::setEntries(std::vector<PolicyEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int SettingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int SettingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SettingsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PolicyEntry& e = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return e.key;
        case ValueColumn:
            return policyValueText(e);
        case SourceColumn:
            return sourceLabel(e);
        default:
            return {};
        }
    case Qt::DecorationRole:
        return index.column() == KeyColumn && e.locked ? icon(IconName::Lock) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == SourceColumn && !e.origin.isEmpty())
            return e.origin;
        return e.locked ? lockedByOrganizationText() : QVariant();
    case KeyRole:
        return e.key;
    case LockedRole:
        return e.locked;
    case UserFacingRole:
        return e.userFacing;
    default:
        return {};
    }
}

QVariant SettingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Setting");
    case ValueColumn:
        return tr("Value");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

} // namespace palisade::app
