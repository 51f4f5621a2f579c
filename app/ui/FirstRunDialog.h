#pragma once
/// @file
/// @brief First run: the server (prefilled and locked when policy sets it), username and
/// password, and a passphrase with a strength meter and the policy minimum — or nothing to
/// choose when policy keeps the key in the system keychain. Results and errors come from
/// the core; this dialog only shows them.

#include "app/ui/Types.h"

#include <QDialog>

#include <chrono>

class QCheckBox;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace palisade::app {

/// What policy says about the first run (filled from core's effective policy).
struct FirstRunSetup {
    QString server; ///< `server.address`; empty when the user must enter it
    bool serverLocked = false; ///< set by the organization
    bool keychain = false; ///< `security.key_storage` = keychain: no passphrase to choose
    int minimumPassphrase = 12; ///< `security.min_passphrase_length`
};

/// What the user entered.
struct FirstRunAnswers {
    QString server;
    QString username;
    QString password;
    QString passphrase; ///< empty in keychain mode
};

/// GUI thread.
class FirstRunDialog : public QDialog {
    Q_OBJECT
public:
    explicit FirstRunDialog(const FirstRunSetup& setup, QWidget* parent = nullptr);

    /// The core reports where the sign-in stands; Connected closes the dialog.
    void showSession(SessionStatus status, const QString& detail, std::chrono::seconds retryAfter);
    /// Trust on first use: the server's key fingerprint, to compare with what IT published.
    /// Signing in waits until the user confirms it.
    void showServerFingerprint(const QString& fingerprint);
    /// A failure outside the session (profile could not be created ...).
    void showError(const QString& text);

    [[nodiscard]] QLineEdit* serverField() const { return m_server; }
    [[nodiscard]] QLineEdit* usernameField() const { return m_username; }
    [[nodiscard]] QLineEdit* passwordField() const { return m_password; }
    [[nodiscard]] QLineEdit* passphraseField() const { return m_passphrase; }
    [[nodiscard]] QLineEdit* repeatField() const { return m_repeat; }
    [[nodiscard]] QPushButton* signInButton() const { return m_signIn; }
    [[nodiscard]] QLabel* errorLabel() const { return m_error; }
    [[nodiscard]] QProgressBar* strengthMeter() const { return m_strength; }

signals:
    void signInRequested(const palisade::app::FirstRunAnswers& answers);
    /// The user confirmed (true) or rejected (false) the server fingerprint.
    void fingerprintAnswered(bool matches);

private:
    void update();
    void submit();

    FirstRunSetup m_setup;
    bool m_busy = false;
    QLineEdit* m_server;
    QFrame* m_fingerprintBox;
    QLabel* m_fingerprint;
    QCheckBox* m_fingerprintOk;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QLineEdit* m_passphrase;
    QLineEdit* m_repeat;
    QProgressBar* m_strength;
    QLabel* m_passphraseHint;
    QLabel* m_error;
    QPushButton* m_signIn;
};

} // namespace palisade::app
