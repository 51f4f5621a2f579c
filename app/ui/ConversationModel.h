#pragma once
/// @file
/// @brief One conversation as a list model, oldest message first. History is paged in
/// lazily from a HistorySource: fetchMore() prepends the next older page, so opening a
/// conversation with 100,000 stored messages reads one page, not all of them.

#include "app/ui/HistorySource.h"
#include "app/ui/Types.h"

#include <QAbstractListModel>
#include <QSet>

#include <deque>

namespace palisade::app {

/// GUI thread.
class ConversationModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        BodyRole,
        OutgoingRole,
        DeliveryRole, ///< int(Delivery)
        SentAtRole, ///< QDateTime
        DayHeaderRole, ///< QDate when this row starts a new day, else invalid
    };

    /// @p source must outlive the model (or be replaced with setSource()).
    explicit ConversationModel(QObject* parent = nullptr);

    /// Shows the conversation read from @p source (nullptr: empty); loads the newest page.
    void setSource(HistorySource* source, int pageSize = 200);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    /// A new message (sent or received now) at the bottom.
    void append(const MessageRow& message);
    /// The delivery state of message @p id changed.
    void setDelivery(qint64 id, Delivery delivery);

    /// The row of message @p id, paging in older history until it is found; -1 if it is not
    /// in this conversation.
    [[nodiscard]] int rowOfMessage(qint64 id);

    /// Ids of messages matching @p text, newest first (from the source).
    [[nodiscard]] std::vector<qint64> search(const QString& text, int limit = 500) const;

private:
    [[nodiscard]] int loadedRowOf(qint64 id) const;

    HistorySource* m_source = nullptr;
    std::deque<MessageRow> m_rows;
    QSet<qint64> m_ids; ///< ids of m_rows
    int m_pageSize = 200;
    bool m_atStart = true;
    bool m_busy = false; ///< inside a reset or an insertion: no fetching
};

} // namespace palisade::app
