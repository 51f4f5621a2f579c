#pragma once
/// @file
/// @brief The left side of the main window: filter box, pending requests (with the
/// requester's note as plain text, accept / decline / block) and the contact list.

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QGroupBox;

namespace palisade::app {

class Backend;
class ContactListModel;
class ContactFilterProxy;

/// GUI thread.
class ContactsPanel : public QWidget {
    Q_OBJECT
public:
    ContactsPanel(Backend& backend, ContactListModel& model, QWidget* parent = nullptr);

    [[nodiscard]] QLineEdit* filterBox() const { return m_filter; }
    [[nodiscard]] QListView* contactsView() const { return m_contacts; }
    [[nodiscard]] QListView* requestsView() const { return m_requests; }
    /// Selects @p username in the contact list (and so opens the conversation).
    void select(const QString& username);

signals:
    /// The user chose a buddy to talk to.
    void conversationRequested(const QString& username);
    void addContactRequested();

private:
    void updateRequests();
    [[nodiscard]] QString currentRequest() const;

    Backend& m_backend;
    QLineEdit* m_filter;
    QGroupBox* m_requestsBox;
    QListView* m_requests;
    QLabel* m_note;
    QPushButton* m_accept;
    QPushButton* m_decline;
    QPushButton* m_block;
    QListView* m_contacts;
    ContactFilterProxy* m_requestsProxy;
    ContactFilterProxy* m_contactsProxy;
};

} // namespace palisade::app
