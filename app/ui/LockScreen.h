#pragma once
/// @file
/// @brief What the main window shows while the profile is locked: nothing of the content,
/// only a passphrase field to unlock.

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace palisade::app {

/// GUI thread.
class LockScreen : public QWidget {
    Q_OBJECT
public:
    explicit LockScreen(QWidget* parent = nullptr);

    /// Shows why the last attempt failed (plain text) and re-enables the field.
    void showError(const QString& reason);
    /// Clears the field and error, ready for a new attempt.
    void reset();
    [[nodiscard]] QLineEdit* passphraseField() const { return m_passphrase; }

signals:
    /// The user asked to unlock; the field is cleared right after.
    void unlockRequested(const QString& passphrase);

private:
    void submit();

    QLineEdit* m_passphrase;
    QPushButton* m_unlock;
    QLabel* m_error;
};

} // namespace palisade::app
