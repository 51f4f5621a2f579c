#include "app/ui/Tray.h"

#include "app/ui/Icons.h"

#include <QPainter>
#include <QSystemTrayIcon>

namespace palisade::app {

QIcon badgeIcon(int unread, int size)
{
    QPixmap pixmap = icon(IconName::App).pixmap(size, size);
    if (unread <= 0)
        return QIcon(pixmap);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    const int d = size * 11 / 20;
    const QRect badge(size - d, 0, d, d);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xd6, 0x45, 0x41));
    p.drawEllipse(badge);
    QFont f = p.font();
    f.setPixelSize(d * (text.size() > 2 ? 4 : 6) / 10);
    f.setBold(true);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(badge, Qt::AlignCenter, text);
    return QIcon(pixmap);
}

Tray::Tray(QObject* parent)
    : QObject(parent)
    , m_icon(new QSystemTrayIcon(this))
{
    setUnread(0);
    connect(m_icon, &QSystemTrayIcon::activated, this, &Tray::activated);
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, &Tray::activated);
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_icon->show();
}

void Tray::setUnread(int unread)
{
    m_icon->setIcon(badgeIcon(unread));
    m_icon->setToolTip(unread > 0 ? tr("Palisade — %n unread message(s)", nullptr, unread) : tr("Palisade"));
}

NotificationText Tray::notify(const QString& sender, const QString& text)
{
    const NotificationText shown = notificationText(m_level, m_locked, sender, text);
    if (m_icon->isVisible() && QSystemTrayIcon::supportsMessages())
        m_icon->showMessage(shown.title, shown.body, QSystemTrayIcon::Information, 5000);
    return shown;
}

} // namespace palisade::app
