#pragma once
/// @file
/// @brief The main window: contacts on the left, the conversation on the right, the session
/// state in the status bar. Locking replaces the whole central widget with the lock screen
/// (the content is taken out of the window, not covered).

#include "app/ui/Links.h"
#include "app/ui/LockScreen.h"
#include "app/ui/Types.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>

class QLabel;

namespace palisade::app {

class Backend;
class ContactListModel;
class ContactsPanel;
class ConversationPane;

/// GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// @p backend must outlive the window. @p opener opens confirmed links.
    MainWindow(Backend& backend, UrlOpener opener, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] bool isLocked() const { return m_locked; }
    [[nodiscard]] ContactListModel* contacts() const { return m_contacts; }
    [[nodiscard]] ContactsPanel* contactsPanel() const { return m_panel; }
    [[nodiscard]] ConversationPane* conversation() const { return m_pane; }
    [[nodiscard]] LockScreen* lockScreen() const { return m_lockScreen; }
    /// The widget holding contacts and conversation (not in the window while locked).
    [[nodiscard]] QWidget* content() const { return m_content; }

    /// Locks now (Ctrl+L): asks the core to lock and shows the lock screen at once.
    void lockNow();
    /// Shows the lock screen without asking the core to lock (start-up: the profile is not
    /// open yet; the first unlock opens it).
    void showLocked();
    void openSettings();
    void openDetails(const QString& username);
    void addContact();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void showUnlocked();
    void onMessageAdded(const QString& username, const MessageRow& message);
    void onSession(SessionStatus status, const QString& detail, std::chrono::seconds retryAfter);
    void markShownRead();

    Backend& m_backend;
    ContactListModel* m_contacts;
    QPointer<QWidget> m_content;
    ContactsPanel* m_panel;
    ConversationPane* m_pane;
    QPointer<LockScreen> m_lockScreen;
    QLabel* m_status;
    bool m_locked = false;
    QElapsedTimer m_lastActivity;
};

} // namespace palisade::app
