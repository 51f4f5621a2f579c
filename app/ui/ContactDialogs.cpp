#include "app/ui/ContactDialogs.h"

#include "app/ui/Backend.h"
#include "app/ui/Icons.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>

namespace palisade::app {

namespace {
constexpr int kMaxNote = 200;
}

ContactDetailsDialog::ContactDetailsDialog(
    Backend& backend, const QString& username, bool verified, QWidget* parent)
    : QDialog(parent)
    , m_backend(backend)
    , m_username(username)
    , m_number(new QLabel(this))
{
    setWindowTitle(tr("%1 — details").arg(username));
    auto* name = new QLabel(username, this);
    name->setTextFormat(Qt::PlainText);
    QFont bold = name->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.3);
    name->setFont(bold);

    const QString number = backend.safetyNumber(username);
    m_number->setTextFormat(Qt::PlainText);
    m_number->setText(number.isEmpty() ? tr("Not available yet — exchange a message first.") : number);
    m_number->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_number->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_number->setWordWrap(true);
    m_number->setAccessibleName(tr("Safety number"));
    auto* explain = new QLabel(tr("Compare this number with %1 in person or on a call you trust. If it "
                                  "matches, nobody is reading along.")
                                   .arg(username),
        this);
    explain->setTextFormat(Qt::PlainText);
    explain->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(name);
    layout->addWidget(new QLabel(tr("Safety number"), this));
    layout->addWidget(m_number);
    layout->addWidget(explain);

    const bool changed = backend.identityChangePending(username);
    if (changed) {
        auto* warning = new QLabel(tr("%1's security key changed. Compare the new safety number before you "
                                      "accept it; until then, sending is paused.")
                                       .arg(username),
            this);
        warning->setTextFormat(Qt::PlainText);
        warning->setWordWrap(true);
        warning->setStyleSheet(QStringLiteral("color: #d64541; font-weight: bold;"));
        layout->addWidget(warning);
        auto* accept = new QPushButton(tr("I compared it — accept the new key"), this);
        accept->setObjectName(QStringLiteral("acceptIdentity"));
        layout->addWidget(accept);
        connect(accept, &QPushButton::clicked, this, [this, accept] {
            m_backend.acceptIdentityChange(m_username);
            accept->setEnabled(false);
        });
    }
    auto* verify
        = new QPushButton(icon(IconName::Verified), verified ? tr("Verified") : tr("Mark as verified"), this);
    verify->setObjectName(QStringLiteral("markVerified"));
    verify->setEnabled(!verified && !number.isEmpty() && !changed);
    layout->addWidget(verify);
    connect(verify, &QPushButton::clicked, this, [this, verify] {
        m_backend.markVerified(m_username);
        verify->setText(tr("Verified"));
        verify->setEnabled(false);
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* remove = buttons->addButton(tr("Remove contact"), QDialogButtonBox::DestructiveRole);
    QPushButton* block = buttons->addButton(tr("Block"), QDialogButtonBox::DestructiveRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (confirm(
                tr("Remove contact"), tr("Remove %1 from your contacts?").arg(m_username), tr("Remove"))) {
            m_backend.removeContact(m_username);
            accept();
        }
    });
    connect(block, &QPushButton::clicked, this, [this] {
        if (confirm(tr("Block"), tr("Block %1? They will not be able to reach you.").arg(m_username),
                tr("Block"))) {
            m_backend.blockContact(m_username);
            accept();
        }
    });
}

bool ContactDetailsDialog::confirm(const QString& title, const QString& text, const QString& action)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Cancel, this);
    box.setTextFormat(Qt::PlainText);
    QPushButton* yes = box.addButton(action, QMessageBox::DestructiveRole);
    box.exec();
    return box.clickedButton() == yes;
}

AddContactDialog::AddContactDialog(QWidget* parent)
    : QDialog(parent)
    , m_username(new QLineEdit(this))
    , m_note(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Add contact"));
    m_username->setAccessibleName(tr("Username"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(
        tr("Optional: who you are and why you are asking (max. %1 characters)").arg(kMaxNote));
    m_note->setTabChangesFocus(true);
    m_note->setMaximumHeight(80);
    auto* form = new QFormLayout(this);
    form->addRow(
        new QLabel(tr("Ask a colleague to become a contact. They see your username and note."), this));
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Note:"), m_note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Send request"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    form->addRow(buttons);
    connect(m_username, &QLineEdit::textChanged, this, [buttons](const QString& text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(m_note, &QPlainTextEdit::textChanged, this, [this] {
        if (m_note->toPlainText().size() > kMaxNote)
            m_note->setPlainText(m_note->toPlainText().left(kMaxNote));
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString AddContactDialog::username() const
{
    return m_username->text().trimmed();
}

QString AddContactDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

} // namespace palisade::app
