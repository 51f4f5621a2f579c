#pragma once
/// @file
/// @brief The right side of the main window: who we talk to, the identity-change banner
/// (which holds sending until accepted), the message list, search within the history and
/// the composer.

#include "app/ui/Links.h"
#include "app/ui/Types.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QFrame;

namespace palisade::app {

class Backend;
class Composer;
class ConversationModel;
class ConversationView;

/// GUI thread.
class ConversationPane : public QWidget {
    Q_OBJECT
public:
    ConversationPane(Backend& backend, UrlOpener opener, QWidget* parent = nullptr);

    /// Shows the conversation with @p username (empty: none).
    void showConversation(const QString& username);
    [[nodiscard]] QString username() const { return m_username; }

    /// A message of the shown conversation arrived or was sent.
    void addMessage(const MessageRow& message);
    void setDelivery(qint64 id, Delivery delivery);
    /// Shows or hides the identity-change banner; while shown, sending is disabled.
    void setIdentityHold(bool held);
    /// Verified mark beside the name.
    void setVerified(bool verified);

    /// Runs the search in @p text and moves to the newest hit; returns the number of hits.
    int search(const QString& text);
    /// Moves to the next older hit of the last search; false when there is none.
    bool nextHit();

    [[nodiscard]] ConversationModel* model() const { return m_model; }
    [[nodiscard]] ConversationView* view() const { return m_view; }
    [[nodiscard]] Composer* composer() const { return m_composer; }

signals:
    void detailsRequested(const QString& username);

private:
    void send(const QString& text);
    void showHit();
    void updateSendEnabled();

    Backend& m_backend;
    UrlOpener m_opener;
    QString m_username;
    bool m_held = false;
    std::vector<qint64> m_hits;
    std::size_t m_hit = 0;

    ConversationModel* m_model;
    QLabel* m_title;
    QLabel* m_verified;
    QToolButton* m_details;
    QFrame* m_banner;
    QLabel* m_bannerText;
    QLineEdit* m_search;
    QLabel* m_searchStatus;
    ConversationView* m_view;
    Composer* m_composer;
    QPushButton* m_send;
};

} // namespace palisade::app
