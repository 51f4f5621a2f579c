#pragma once
/// @file
/// @brief The system tray icon with an unread badge, and desktop notifications whose text is
/// decided by notificationText() from the policy's preview level.

#include "app/ui/NotificationText.h"

#include <QObject>

class QSystemTrayIcon;

namespace palisade::app {

/// The app icon with @p unread drawn as a badge (none when 0), at @p size pixels.
[[nodiscard]] QIcon badgeIcon(int unread, int size = 64);

/// GUI thread.
class Tray : public QObject {
    Q_OBJECT
public:
    explicit Tray(QObject* parent = nullptr);

    void setUnread(int unread);
    void setPreviewLevel(PreviewLevel level) { m_level = level; }
    void setLocked(bool locked) { m_locked = locked; }

    /// Notifies about a message from @p sender; returns what was shown.
    NotificationText notify(const QString& sender, const QString& text);

    [[nodiscard]] QSystemTrayIcon* icon() const { return m_icon; }

signals:
    /// The user clicked the tray icon or a notification.
    void activated();

private:
    QSystemTrayIcon* m_icon;
    PreviewLevel m_level = PreviewLevel::None;
    bool m_locked = false;
};

} // namespace palisade::app
