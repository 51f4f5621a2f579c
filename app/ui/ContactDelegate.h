#pragma once
/// @file
/// @brief Contact list rows: presence icon, name, and an unread badge on the right.

#include <QStyledItemDelegate>

namespace palisade::app {

/// GUI thread.
class ContactDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(
        QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace palisade::app
