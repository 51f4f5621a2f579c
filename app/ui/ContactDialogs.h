#pragma once
/// @file
/// @brief Contact details (safety number, mark verified, accept a changed identity, remove,
/// block) and the "add contact" request dialog.

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace palisade::app {

class Backend;

/// GUI thread.
class ContactDetailsDialog : public QDialog {
    Q_OBJECT
public:
    ContactDetailsDialog(Backend& backend, const QString& username, bool verified, QWidget* parent = nullptr);

    [[nodiscard]] QLabel* safetyNumberLabel() const { return m_number; }

private:
    bool confirm(const QString& title, const QString& text, const QString& action);

    Backend& m_backend;
    QString m_username;
    QLabel* m_number;
};

/// Asks for a username and a short note. GUI thread.
class AddContactDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddContactDialog(QWidget* parent = nullptr);
    [[nodiscard]] QString username() const;
    [[nodiscard]] QString note() const;

private:
    QLineEdit* m_username;
    QPlainTextEdit* m_note;
};

} // namespace palisade::app
