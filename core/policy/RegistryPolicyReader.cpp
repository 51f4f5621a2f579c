#include "core/policy/RegistryPolicyReader.h"

#include <QSettings>
#include <QStringList>
#include <QVariant>

namespace palisade::core {

namespace {

RawValue toRaw(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return static_cast<std::int64_t>(value.toLongLong());
    case QMetaType::QString:
        return value.toString().toStdString();
    case QMetaType::QStringList: {
        std::vector<std::string> list;
        for (const QString& item : value.toStringList()) {
            list.push_back(item.toStdString());
        }
        return list;
    }
    default:
        return UnsupportedValue { "a registry value of an unsupported type" };
    }
}

/// Values of @p settings' current group, plus each subkey as a list (ADMX <list>).
void readGroup(QSettings& settings, const std::string& origin, std::vector<PolicyEntry>& out)
{
    for (const QString& name : settings.childKeys()) {
        out.push_back({ name.toStdString(), toRaw(settings.value(name)), origin });
    }
    for (const QString& group : settings.childGroups()) {
        if (group == QStringLiteral("Recommended")) {
            continue;
        }
        settings.beginGroup(group);
        std::vector<std::string> list;
        for (const QString& item : settings.childKeys()) {
            list.push_back(settings.value(item).toString().toStdString());
        }
        settings.endGroup();
        out.push_back({ group.toStdString(), list, origin + '\\' + group.toStdString() });
    }
}

} // namespace

PolicyReadResult RegistryPolicyReader::read() const
{
    PolicyReadResult result;
    // The user hive first, the machine hive last: within a layer a later entry wins.
    for (const char* hive : { "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE" }) {
        const QString path = QString::fromLatin1(hive) + QStringLiteral("\\Software\\Policies\\Palisade");
        QSettings settings(path, QSettings::Registry64Format);
        readGroup(settings, path.toStdString(), result.managed);
        settings.beginGroup(QStringLiteral("Recommended"));
        readGroup(settings, path.toStdString() + "\\Recommended", result.recommended);
        settings.endGroup();
    }
    return result;
}

std::string RegistryPolicyReader::location() const
{
    return "HKLM and HKCU \\Software\\Policies\\Palisade";
}

} // namespace palisade::core
