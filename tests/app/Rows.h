#pragma once
/// @file
/// @brief Short constructors of presentation rows for the gui tests.

#include "app/ui/Types.h"

namespace palisade::app::test {

inline ContactRow contact(const char* name, ContactKind kind = ContactKind::Buddy, const char* note = "")
{
    ContactRow row;
    row.username = QString::fromUtf8(name);
    row.kind = kind;
    row.note = QString::fromUtf8(note);
    return row;
}

inline PolicyEntry entry(const char* key, PolicyEntry::Type type, QVariant value, bool locked,
    bool userFacing, const char* source = "default")
{
    PolicyEntry e;
    e.key = QString::fromUtf8(key);
    e.group = e.key.section(QLatin1Char('.'), 0, 0);
    e.type = type;
    e.value = std::move(value);
    e.locked = locked;
    e.userFacing = userFacing;
    e.source = QString::fromUtf8(source);
    return e;
}

} // namespace palisade::app::test
