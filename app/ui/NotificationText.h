#pragma once
/// @file
/// @brief What a desktop notification for a new message may say, decided from the policy
/// value `notifications.preview` alone (a pure function, tested in tests/app).

#include "app/ui/Types.h"

#include <QString>

namespace palisade::app {

/// Title and body of one notification.
struct NotificationText {
    QString title;
    QString body;
};

/// Parses the policy value of `notifications.preview`; anything unknown shows nothing.
[[nodiscard]] PreviewLevel previewLevelFromPolicy(const QString& value);

/// The notification for a message from @p sender: Full shows sender and text, Sender only
/// the sender, None neither. While @p locked the message text is never shown, whatever the
/// level (and the sender only at Full or Sender).
[[nodiscard]] NotificationText notificationText(
    PreviewLevel level, bool locked, const QString& sender, const QString& text);

} // namespace palisade::app
