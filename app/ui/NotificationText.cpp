#include "app/ui/NotificationText.h"

#include <QCoreApplication>

namespace palisade::app {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("palisade::app::NotificationText", text);
}

/// Long messages are cut to one notification's worth.
QString excerpt(const QString& text)
{
    constexpr qsizetype limit = 160;
    QString oneLine = text.simplified();
    if (oneLine.size() > limit)
        oneLine = oneLine.left(limit - 1) + QChar(0x2026);
    return oneLine;
}

} // namespace

PreviewLevel previewLevelFromPolicy(const QString& value)
{
    if (value == QLatin1String("full"))
        return PreviewLevel::Full;
    if (value == QLatin1String("sender"))
        return PreviewLevel::Sender;
    return PreviewLevel::None;
}

NotificationText notificationText(PreviewLevel level, bool locked, const QString& sender, const QString& text)
{
    switch (level) {
    case PreviewLevel::Full:
        if (!locked)
            return { sender, excerpt(text) };
        [[fallthrough]];
    case PreviewLevel::Sender:
        return { tr("Palisade"), tr("New message from %1").arg(sender) };
    case PreviewLevel::None:
        break;
    }
    return { tr("Palisade"), tr("New message") };
}

} // namespace palisade::app
