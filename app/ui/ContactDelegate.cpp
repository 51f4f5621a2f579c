#include "app/ui/ContactDelegate.h"

#include "app/ui/ContactListModel.h"

#include <QPainter>

namespace palisade::app {

void ContactDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int unread = index.data(ContactListModel::UnreadRole).toInt();
    QStyleOptionViewItem o = option;
    const QString badge = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    const QFontMetrics fm(option.font);
    const int badgeWidth = std::max(fm.height(), fm.horizontalAdvance(badge) + 10);
    if (unread > 0)
        o.rect.setRight(o.rect.right() - badgeWidth - 8);
    if (unread > 0)
        o.font.setBold(true);
    QStyledItemDelegate::paint(painter, o, index);
    if (unread <= 0)
        return;
    const QRect r(option.rect.right() - badgeWidth - 4, option.rect.center().y() - fm.height() / 2,
        badgeWidth, fm.height());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(option.palette.color(QPalette::Highlight));
    painter->drawRoundedRect(r, r.height() / 2.0, r.height() / 2.0);
    painter->setPen(option.palette.color(QPalette::HighlightedText));
    painter->drawText(r, Qt::AlignCenter, badge);
    painter->restore();
}

QSize ContactDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setHeight(std::max(s.height(), QFontMetrics(option.font).height() + 12));
    return s;
}

} // namespace palisade::app
