#include "app/ui/MainWindow.h"

#include "app/ui/Backend.h"
#include "app/ui/ContactDialogs.h"
#include "app/ui/ContactListModel.h"
#include "app/ui/ContactsPanel.h"
#include "app/ui/ConversationPane.h"
#include "app/ui/Icons.h"
#include "app/ui/LockScreen.h"
#include "app/ui/SessionText.h"
#include "app/ui/SettingsDialog.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>

namespace palisade::app {

MainWindow::MainWindow(Backend& backend, UrlOpener opener, QWidget* parent)
    : QMainWindow(parent)
    , m_backend(backend)
    , m_contacts(new ContactListModel(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Palisade"));
    setWindowIcon(icon(IconName::App));
    auto* splitter = new QSplitter(this);
    m_content = splitter;
    m_panel = new ContactsPanel(backend, *m_contacts, splitter);
    m_pane = new ConversationPane(backend, std::move(opener), splitter);
    splitter->addWidget(m_panel);
    splitter->addWidget(m_pane);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 240, 560 });
    setCentralWidget(splitter);
    m_status->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_status, 1);
    resize(900, 600);

    QMenu* menu = menuBar()->addMenu(tr("&Palisade"));
    QAction* add
        = menu->addAction(icon(IconName::AddContact), tr("&Add contact…"), this, &MainWindow::addContact);
    add->setShortcut(QKeySequence::New);
    QAction* settings
        = menu->addAction(icon(IconName::Settings), tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence::Preferences);
    QAction* lock = menu->addAction(icon(IconName::Lock), tr("&Lock"), this, &MainWindow::lockNow);
    lock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lock->setShortcutContext(Qt::ApplicationShortcut);
    menu->addSeparator();
    QAction* quit = menu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    connect(m_panel, &ContactsPanel::conversationRequested, this, [this](const QString& username) {
        m_pane->showConversation(username);
        if (const ContactRow* c = m_contacts->contact(username))
            m_pane->setVerified(c->verified);
        markShownRead();
    });
    connect(m_panel, &ContactsPanel::addContactRequested, this, &MainWindow::addContact);
    connect(m_pane, &ConversationPane::detailsRequested, this, &MainWindow::openDetails);

    connect(&backend, &Backend::contactsChanged, m_contacts, &ContactListModel::setContacts);
    connect(&backend, &Backend::presenceChanged, m_contacts, &ContactListModel::setPresence);
    connect(&backend, &Backend::unreadChanged, m_contacts, &ContactListModel::setUnread);
    connect(&backend, &Backend::messageAdded, this, &MainWindow::onMessageAdded);
    connect(
        &backend, &Backend::deliveryChanged, this, [this](const QString& username, qint64 id, Delivery d) {
            if (username == m_pane->username())
                m_pane->setDelivery(id, d);
        });
    connect(&backend, &Backend::identityChanged, this, [this](const QString& username) {
        if (username == m_pane->username())
            m_pane->setIdentityHold(true);
    });
    connect(&backend, &Backend::sessionChanged, this, &MainWindow::onSession);
    connect(&backend, &Backend::locked, this, &MainWindow::showLocked);
    connect(&backend, &Backend::unlocked, this, &MainWindow::showUnlocked);
    connect(&backend, &Backend::unlockFailed, this, [this](const QString& reason) {
        if (m_lockScreen)
            m_lockScreen->showError(reason);
    });
    connect(&backend, &Backend::commandFailed, this,
        [this](const QString& reason) { statusBar()->showMessage(reason, 10'000); });
    qApp->installEventFilter(this);
    m_lastActivity.start();
    onSession(SessionStatus::Disconnected, {}, {});
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    if (m_locked && m_content)
        delete m_content.data(); // taken out of the window while locked
}

void MainWindow::lockNow()
{
    if (m_locked)
        return;
    m_backend.lock();
    showLocked();
}

void MainWindow::showLocked()
{
    if (m_locked)
        return;
    m_locked = true;
    // Take the content out of the window: hidden, not just covered.
    QWidget* content = takeCentralWidget();
    content->hide();
    m_lockScreen = new LockScreen;
    connect(m_lockScreen, &LockScreen::unlockRequested, &m_backend, &Backend::unlock);
    setCentralWidget(m_lockScreen);
    menuBar()->setEnabled(false);
    m_lockScreen->setFocus();
}

void MainWindow::showUnlocked()
{
    if (!m_locked)
        return;
    m_locked = false;
    setCentralWidget(m_content); // deletes the lock screen
    m_content->show();
    menuBar()->setEnabled(true);
    markShownRead();
}

void MainWindow::onMessageAdded(const QString& username, const MessageRow& message)
{
    if (username != m_pane->username())
        return;
    m_pane->addMessage(message);
    if (!message.outgoing)
        markShownRead();
}

void MainWindow::markShownRead()
{
    if (!m_locked && isActiveWindow() && !m_pane->username().isEmpty())
        m_backend.markRead(m_pane->username());
}

void MainWindow::onSession(SessionStatus status, const QString& detail, std::chrono::seconds retryAfter)
{
    const SessionText text = sessionText(status, detail, retryAfter);
    m_status->setText(text.title);
    m_status->setToolTip(text.explanation);
}

void MainWindow::openSettings()
{
    if (m_locked)
        return;
    SettingsDialog dialog(m_backend, this);
    dialog.exec();
}

void MainWindow::openDetails(const QString& username)
{
    if (m_locked || username.isEmpty())
        return;
    const ContactRow* contact = m_contacts->contact(username);
    ContactDetailsDialog dialog(m_backend, username, contact && contact->verified, this);
    dialog.exec();
    if (username == m_pane->username())
        m_pane->setIdentityHold(m_backend.identityChangePending(username));
}

void MainWindow::addContact()
{
    if (m_locked)
        return;
    AddContactDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        m_backend.requestContact(dialog.username(), dialog.note());
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        // The core runs the idle timer; tell it about input, at most every few seconds.
        if (!m_locked && m_lastActivity.elapsed() > 5'000) {
            m_lastActivity.restart();
            m_backend.reportActivity();
        }
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::ActivationChange)
        markShownRead();
    QMainWindow::changeEvent(event);
}

} // namespace palisade::app
