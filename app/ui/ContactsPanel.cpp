#include "app/ui/ContactsPanel.h"

#include "app/ui/Backend.h"
#include "app/ui/ContactDelegate.h"
#include "app/ui/ContactListModel.h"
#include "app/ui/Icons.h"

#include <QAction>
#include <QBoxLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>

namespace palisade::app {

ContactsPanel::ContactsPanel(Backend& backend, ContactListModel& model, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_filter(new QLineEdit(this))
    , m_requestsBox(new QGroupBox(tr("Contact requests"), this))
    , m_requests(new QListView(m_requestsBox))
    , m_note(new QLabel(m_requestsBox))
    , m_accept(new QPushButton(tr("&Accept"), m_requestsBox))
    , m_decline(new QPushButton(tr("&Decline"), m_requestsBox))
    , m_block(new QPushButton(tr("&Block"), m_requestsBox))
    , m_contacts(new QListView(this))
    , m_requestsProxy(new ContactFilterProxy(ContactFilterProxy::Section::Requests, this))
    , m_contactsProxy(new ContactFilterProxy(ContactFilterProxy::Section::Contacts, this))
{
    m_filter->setPlaceholderText(tr("Filter contacts"));
    m_filter->setAccessibleName(tr("Filter contacts"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(icon(IconName::Search), QLineEdit::LeadingPosition);

    m_requestsProxy->setSourceModel(&model);
    m_contactsProxy->setSourceModel(&model);
    m_requests->setModel(m_requestsProxy);
    m_requests->setAccessibleName(tr("Contact requests"));
    m_requests->setMaximumHeight(90);
    m_note->setTextFormat(Qt::PlainText); // the requester wrote it: never rich text
    m_note->setWordWrap(true);
    m_note->setAccessibleName(tr("Note from the requester"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_accept);
    buttons->addWidget(m_decline);
    buttons->addWidget(m_block);
    auto* requestsLayout = new QVBoxLayout(m_requestsBox);
    requestsLayout->addWidget(m_requests);
    requestsLayout->addWidget(m_note);
    requestsLayout->addLayout(buttons);

    m_contacts->setModel(m_contactsProxy);
    m_contacts->setItemDelegate(new ContactDelegate(m_contacts));
    m_contacts->setAccessibleName(tr("Contacts"));
    m_contacts->setIconSize({ 12, 12 });
    auto* add = new QPushButton(icon(IconName::AddContact), tr("Add contact…"), this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_requestsBox);
    layout->addWidget(m_contacts, 1);
    layout->addWidget(add);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_requestsProxy->setFilterText(text);
        m_contactsProxy->setFilterText(text);
    });
    connect(add, &QPushButton::clicked, this, &ContactsPanel::addContactRequested);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_requestsProxy, signal, this, &ContactsPanel::updateRequests);
    connect(m_requestsProxy, &QAbstractItemModel::modelReset, this, &ContactsPanel::updateRequests);
    connect(m_requests->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &ContactsPanel::updateRequests);
    connect(m_accept, &QPushButton::clicked, this, [this] { m_backend.acceptContact(currentRequest()); });
    connect(m_decline, &QPushButton::clicked, this, [this] { m_backend.declineContact(currentRequest()); });
    connect(m_block, &QPushButton::clicked, this, [this] {
        const QString who = currentRequest();
        QMessageBox box(QMessageBox::Warning, tr("Block"),
            tr("Block %1? They will not be able to send you requests or messages.").arg(who),
            QMessageBox::Cancel, this);
        box.setTextFormat(Qt::PlainText);
        QPushButton* block = box.addButton(tr("Block"), QMessageBox::DestructiveRole);
        box.exec();
        if (box.clickedButton() == block)
            m_backend.blockContact(who);
    });
    connect(m_contacts->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex& index) {
            if (index.isValid()
                && static_cast<ContactKind>(index.data(ContactListModel::KindRole).toInt())
                    == ContactKind::Buddy)
                emit conversationRequested(index.data(ContactListModel::UsernameRole).toString());
        });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_contactsProxy->rowCount() > 0) {
            m_contacts->setCurrentIndex(m_contactsProxy->index(0, 0));
            m_contacts->setFocus();
        }
    });
    setTabOrder(m_filter, m_requests);
    setTabOrder(m_requests, m_accept);
    setTabOrder(m_accept, m_decline);
    setTabOrder(m_decline, m_block);
    setTabOrder(m_block, m_contacts);
    setTabOrder(m_contacts, add);
    updateRequests();
}

void ContactsPanel::select(const QString& username)
{
    for (int row = 0; row < m_contactsProxy->rowCount(); ++row) {
        const QModelIndex index = m_contactsProxy->index(row, 0);
        if (index.data(ContactListModel::UsernameRole).toString() == username) {
            m_contacts->setCurrentIndex(index);
            return;
        }
    }
}

QString ContactsPanel::currentRequest() const
{
    return m_requests->currentIndex().data(ContactListModel::UsernameRole).toString();
}

void ContactsPanel::updateRequests()
{
    const bool any = m_requestsProxy->rowCount() > 0;
    m_requestsBox->setVisible(any);
    if (any && !m_requests->currentIndex().isValid())
        m_requests->setCurrentIndex(m_requestsProxy->index(0, 0));
    const QModelIndex current = m_requests->currentIndex();
    const QString note = current.data(ContactListModel::NoteRole).toString();
    m_note->setText(!current.isValid() ? QString()
            : note.isEmpty()
            ? tr("%1 sent no note.").arg(current.data(ContactListModel::UsernameRole).toString())
            : tr("%1 wrote: %2").arg(current.data(ContactListModel::UsernameRole).toString(), note));
    for (QPushButton* b : { m_accept, m_decline, m_block })
        b->setEnabled(current.isValid());
}

} // namespace palisade::app
