#pragma once
/// @file
/// @brief Paints a conversation row: an optional day separator, then the message as a bubble
/// (ours on the right) with its time and delivery mark. Text is plain; links are underlined
/// but only ever opened through confirmAndOpenLink().

#include "app/ui/Links.h"

#include <QHash>
#include <QStyledItemDelegate>
#include <QTextLayout>

#include <memory>
#include <optional>

namespace palisade::app {

/// Geometry of one painted row, shared by painting, size hints and link hit tests.
struct BubbleGeometry {
    QRect header; ///< day separator (empty when the row starts no new day)
    QRect bubble;
    QRect text;
    QRect meta; ///< time and delivery mark
    std::shared_ptr<QTextLayout> layout; ///< laid out at text.topLeft() = (0, 0)
    std::vector<LinkSpan> links;
};

/// GUI thread.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(
        QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// The link under @p pos (view coordinates) in the row drawn at @p option.rect.
    [[nodiscard]] std::optional<QUrl> linkAt(
        const QStyleOptionViewItem& option, const QModelIndex& index, QPoint pos) const;

    /// Forgets cached sizes (after a width or font change).
    void clearCache() { m_sizes.clear(); }

    /// The text of a day separator: "Today", "Yesterday" or the date.
    [[nodiscard]] static QString dayText(QDate day, QDate today);
    /// The mark drawn for a delivery state (int(Delivery)).
    [[nodiscard]] static QString deliveryMark(int delivery);

private:
    [[nodiscard]] BubbleGeometry geometry(const QStyleOptionViewItem& option, const QModelIndex& index) const;

    mutable QHash<qint64, QSize> m_sizes; ///< by message id, for m_cachedWidth
    mutable int m_cachedWidth = -1;
};

} // namespace palisade::app
