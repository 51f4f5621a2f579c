#pragma once
/// @file
/// @brief The message list: pages in older history when scrolled to the top (keeping the
/// visible messages still), follows new messages when at the bottom, and reports clicks on
/// links (which the pane confirms before opening).

#include <QIdentityProxyModel>
#include <QListView>
#include <QPointer>
#include <QUrl>

namespace palisade::app {

class MessageDelegate;

/// Hides canFetchMore() from QAbstractItemView, which would fetch whenever the LAST row is
/// visible — always, in a chat scrolled to its newest message — and so read the whole history.
class NoAutoFetchProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex&) const override { return false; }
    void fetchMore(const QModelIndex&) override { }
};

/// GUI thread. Use with a ConversationModel.
class ConversationView : public QListView {
    Q_OBJECT
public:
    explicit ConversationView(QWidget* parent = nullptr);

    /// Shows @p model (through NoAutoFetchProxy; paging is this view's job).
    void setModel(QAbstractItemModel* model) override;
    /// The model given to setModel().
    [[nodiscard]] QAbstractItemModel* conversationModel() const { return m_source; }
    /// The link under @p pos (viewport coordinates), if any.
    [[nodiscard]] std::optional<QUrl> linkAt(QPoint pos) const;

signals:
    /// The user clicked a link (or pressed Enter on a message with one).
    void linkActivated(const QUrl& url);

protected:
    void verticalScrollbarValueChanged(int value) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

public:
    /// Pages in the next older part of the history, keeping the visible messages in place.
    void fetchOlder();
    /// Lays out what is loaded and scrolls to the newest message.
    void showNewest();

private:
    void onRowsInserted(const QModelIndex& parent, int first, int last);

    MessageDelegate* m_delegate;
    NoAutoFetchProxy* m_proxy;
    QPointer<QAbstractItemModel> m_source;
    bool m_fetching = false;
};

} // namespace palisade::app
