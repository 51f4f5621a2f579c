#include "app/ui/ConversationView.h"

#include "app/ui/Links.h"
#include "app/ui/MessageDelegate.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>

namespace palisade::app {

ConversationView::ConversationView(QWidget* parent)
    : QListView(parent)
    , m_delegate(new MessageDelegate(this))
    , m_proxy(new NoAutoFetchProxy(this))
{
    setItemDelegate(m_delegate);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(SingleSelection);
    setResizeMode(Adjust);
    setLayoutMode(Batched);
    setBatchSize(200);
    setUniformItemSizes(false);
    setWordWrap(true);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    setAccessibleName(tr("Messages"));
}

void ConversationView::setModel(QAbstractItemModel* model)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = model;
    m_proxy->setSourceModel(model);
    if (QListView::model() != m_proxy)
        QListView::setModel(m_proxy);
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &ConversationView::onRowsInserted);
        connect(model, &QAbstractItemModel::modelReset, this, &ConversationView::showNewest,
            Qt::QueuedConnection);
    }
    showNewest();
}

std::optional<QUrl> ConversationView::linkAt(QPoint pos) const
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return std::nullopt;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return m_delegate->linkAt(option, index, pos);
}

void ConversationView::showNewest()
{
    doItemsLayout();
    scrollToBottom();
}

void ConversationView::verticalScrollbarValueChanged(int value)
{
    // History grows upwards: page in older messages at the top, not at the bottom as the
    // base class would.
    if (value == verticalScrollBar()->minimum())
        fetchOlder();
}

void ConversationView::fetchOlder()
{
    if (m_fetching || !m_source || !m_source->canFetchMore({}))
        return;
    m_fetching = true;
    const int fromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
    m_source->fetchMore({});
    doItemsLayout();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum() - fromBottom);
    m_fetching = false;
}

void ConversationView::onRowsInserted(const QModelIndex& parent, int first, int last)
{
    Q_UNUSED(parent)
    Q_UNUSED(first)
    if (m_fetching)
        return;
    // A new message at the bottom: follow it when the user was reading the newest ones.
    if (last == m_source->rowCount() - 1) {
        const QScrollBar* bar = verticalScrollBar();
        if (bar->value() >= bar->maximum() - 4 * bar->singleStep())
            QMetaObject::invokeMethod(this, &QListView::scrollToBottom, Qt::QueuedConnection);
    }
}

void ConversationView::mouseReleaseEvent(QMouseEvent* event)
{
    QListView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    if (const auto url = linkAt(event->position().toPoint()))
        emit linkActivated(*url);
}

void ConversationView::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()) {
        const auto links = findLinks(currentIndex().data(Qt::DisplayRole).toString());
        if (!links.empty()) {
            emit linkActivated(links.front().url);
            return;
        }
    }
    QListView::keyPressEvent(event);
}

void ConversationView::resizeEvent(QResizeEvent* event)
{
    m_delegate->clearCache();
    QListView::resizeEvent(event);
}

} // namespace palisade::app
