#include "app/ui/MessageDelegate.h"

#include "app/ui/ConversationModel.h"
#include "app/ui/Types.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QTextLine>

#include <algorithm>

namespace palisade::app {

namespace {

constexpr int kMarginX = 10;
constexpr int kMarginY = 3;
constexpr int kPadX = 10;
constexpr int kPadY = 6;
constexpr int kRadius = 10;

QFont metaFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(std::max(6.0, base.pointSizeF() * 0.8));
    return f;
}

int viewWidth(const QStyleOptionViewItem& option)
{
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget))
        return view->viewport()->width();
    return option.rect.width();
}

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
        static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
        static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

QString metaText(const QModelIndex& index)
{
    const QString time = QLocale().toString(
        index.data(ConversationModel::SentAtRole).toDateTime().toLocalTime().time(), QLocale::ShortFormat);
    if (!index.data(ConversationModel::OutgoingRole).toBool())
        return time;
    return time + QLatin1Char(' ')
        + MessageDelegate::deliveryMark(index.data(ConversationModel::DeliveryRole).toInt());
}

} // namespace

QString MessageDelegate::dayText(QDate day, QDate today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

QString MessageDelegate::deliveryMark(int delivery)
{
    switch (static_cast<Delivery>(delivery)) {
    case Delivery::Pending:
        return tr("sending");
    case Delivery::Sent:
        return QStringLiteral("\u2713");
    case Delivery::Delivered:
    case Delivery::Read:
        return QStringLiteral("\u2713\u2713");
    case Delivery::Failed:
        return tr("not sent");
    }
    return {};
}

BubbleGeometry MessageDelegate::geometry(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    BubbleGeometry g;
    const int width = viewWidth(option);
    const QRect row(option.rect.left(), option.rect.top(), width, option.rect.height());
    const QFontMetrics fm(option.font);
    int top = row.top() + kMarginY;
    if (index.data(ConversationModel::DayHeaderRole).toDate().isValid()) {
        g.header = QRect(row.left(), top, width, fm.height() + 12);
        top = g.header.bottom() + 1;
    }
    const bool outgoing = index.data(ConversationModel::OutgoingRole).toBool();
    const QString body = index.data(ConversationModel::BodyRole).toString();
    const int maxBubble = std::max(160, width * 7 / 10);
    const int maxText = maxBubble - 2 * kPadX;

    g.links = findLinks(body);
    g.layout = std::make_shared<QTextLayout>(body, option.font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    g.layout->setTextOption(textOption);
    QList<QTextLayout::FormatRange> formats;
    for (const LinkSpan& link : g.links) {
        QTextCharFormat f;
        f.setFontUnderline(true);
        f.setForeground(outgoing ? option.palette.highlightedText() : option.palette.link());
        formats.push_back({ static_cast<int>(link.start), static_cast<int>(link.length), f });
    }
    g.layout->setFormats(formats);
    g.layout->beginLayout();
    qreal height = 0;
    qreal natural = 0;
    for (QTextLine line = g.layout->createLine(); line.isValid(); line = g.layout->createLine()) {
        line.setLineWidth(maxText);
        line.setPosition(QPointF(0, height));
        height += line.height();
        natural = std::max(natural, line.naturalTextWidth());
    }
    g.layout->endLayout();

    const QFontMetrics metaMetrics(metaFont(option.font));
    const QString meta = metaText(index);
    const int textWidth = std::max(static_cast<int>(std::ceil(natural)), metaMetrics.horizontalAdvance(meta));
    const int bubbleWidth = textWidth + 2 * kPadX;
    const int bubbleHeight = static_cast<int>(std::ceil(height)) + metaMetrics.height() + 2 * kPadY;
    const int left = outgoing ? row.right() - kMarginX - bubbleWidth : row.left() + kMarginX;
    g.bubble = QRect(left, top, bubbleWidth, bubbleHeight);
    g.text = QRect(left + kPadX, top + kPadY, textWidth, static_cast<int>(std::ceil(height)));
    g.meta = QRect(left + kPadX, g.text.bottom() + 1, textWidth, metaMetrics.height());
    return g;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int width = viewWidth(option);
    if (width != m_cachedWidth) {
        m_sizes.clear();
        m_cachedWidth = width;
    }
    const qint64 id = index.data(ConversationModel::IdRole).toLongLong();
    const bool header = index.data(ConversationModel::DayHeaderRole).toDate().isValid();
    const qint64 key = header ? -id - 1 : id; // a row can gain or lose its day header
    if (const auto it = m_sizes.constFind(key); it != m_sizes.cend())
        return *it;
    QStyleOptionViewItem o = option;
    o.rect.moveTopLeft({ 0, 0 });
    const BubbleGeometry g = geometry(o, index);
    const QSize size(width, g.bubble.bottom() + 1 + kMarginY);
    m_sizes.insert(key, size);
    return size;
}

void MessageDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const BubbleGeometry g = geometry(option, index);
    const QPalette& pal = option.palette;
    const bool outgoing = index.data(ConversationModel::OutgoingRole).toBool();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (!g.header.isNull()) {
        const QString text
            = dayText(index.data(ConversationModel::DayHeaderRole).toDate(), QDate::currentDate());
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(g.header, Qt::AlignCenter, text);
    }
    const QColor fill = outgoing ? pal.color(QPalette::Highlight)
                                 : blend(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.09);
    const QColor ink = outgoing ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
    painter->setPen(
        (option.state & QStyle::State_HasFocus) ? QPen(pal.color(QPalette::Text), 1.5) : Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(g.bubble, kRadius, kRadius);
    painter->setPen(ink);
    g.layout->draw(painter, g.text.topLeft());
    const bool failed
        = static_cast<Delivery>(index.data(ConversationModel::DeliveryRole).toInt()) == Delivery::Failed;
    painter->setFont(metaFont(option.font));
    painter->setPen(failed && outgoing ? QColor(0xff, 0xd0, 0xd0) : blend(fill, ink, 0.7));
    painter->drawText(g.meta, Qt::AlignRight | Qt::AlignVCenter, metaText(index));
    painter->restore();
}

std::optional<QUrl> MessageDelegate::linkAt(
    const QStyleOptionViewItem& option, const QModelIndex& index, QPoint pos) const
{
    const BubbleGeometry g = geometry(option, index);
    if (g.links.empty() || !g.text.contains(pos))
        return std::nullopt;
    const QPointF local = pos - g.text.topLeft();
    for (int i = 0; i < g.layout->lineCount(); ++i) {
        const QTextLine line = g.layout->lineAt(i);
        if (!line.rect().contains(local))
            continue;
        const int cursor = line.xToCursor(local.x(), QTextLine::CursorOnCharacter);
        for (const LinkSpan& link : g.links)
            if (cursor >= link.start && cursor < link.start + link.length)
                return link.url;
    }
    return std::nullopt;
}

} // namespace palisade::app
