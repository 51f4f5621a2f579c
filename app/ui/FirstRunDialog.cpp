#include "app/ui/FirstRunDialog.h"

#include "app/ui/Icons.h"
#include "app/ui/Passphrase.h"
#include "app/ui/SessionText.h"
#include "app/ui/SettingsModel.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>

namespace palisade::app {

FirstRunDialog::FirstRunDialog(const FirstRunSetup& setup, QWidget* parent)
    : QDialog(parent)
    , m_setup(setup)
    , m_server(new QLineEdit(setup.server, this))
    , m_fingerprintBox(new QFrame(this))
    , m_fingerprint(new QLabel(m_fingerprintBox))
    , m_fingerprintOk(new QCheckBox(tr("It matches what my IT department published"), m_fingerprintBox))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_passphrase(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_strength(new QProgressBar(this))
    , m_passphraseHint(new QLabel(this))
    , m_error(new QLabel(this))
    , m_signIn(new QPushButton(tr("Sign in"), this))
{
    setWindowTitle(tr("Welcome to Palisade"));
    setWindowIcon(icon(IconName::App));
    auto* welcome = new QLabel(tr("Sign in once with the account your IT department gave you. Your messages "
                                  "and keys stay encrypted on this computer."),
        this);
    welcome->setWordWrap(true);

    m_server->setAccessibleName(tr("Server address"));
    m_server->setPlaceholderText(tr("chat.example.com:7443"));
    auto* serverRow = new QHBoxLayout;
    serverRow->addWidget(m_server, 1);
    if (setup.serverLocked) {
        m_server->setReadOnly(true);
        m_server->setEnabled(false);
        m_server->setToolTip(lockedByOrganizationText());
        auto* lock = new QLabel(this);
        lock->setPixmap(icon(IconName::Lock).pixmap(16, 16));
        lock->setToolTip(lockedByOrganizationText());
        serverRow->addWidget(lock);
        auto* note = new QLabel(lockedByOrganizationText(), this);
        note->setAccessibleName(lockedByOrganizationText());
        serverRow->addWidget(note);
    }

    m_fingerprint->setTextFormat(Qt::PlainText);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setWordWrap(true);
    auto* fpLayout = new QVBoxLayout(m_fingerprintBox);
    fpLayout->addWidget(
        new QLabel(tr("This server's key fingerprint — compare it before you continue:"), m_fingerprintBox));
    fpLayout->addWidget(m_fingerprint);
    fpLayout->addWidget(m_fingerprintOk);
    m_fingerprintBox->setFrameShape(QFrame::StyledPanel);
    m_fingerprintBox->hide();

    m_username->setAccessibleName(tr("Username"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_repeat->setAccessibleName(tr("Repeat passphrase"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_strength->setRange(0, 4);
    m_strength->setTextVisible(false);
    m_strength->setAccessibleName(tr("Passphrase strength"));
    m_passphraseHint->setTextFormat(Qt::PlainText);
    m_passphraseHint->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("firstRunError"));
    m_error->hide();

    auto* form = new QFormLayout;
    // A layout has no buddy of its own, so the label needs one for its mnemonic (else "&" shows).
    auto* serverLabel = new QLabel(tr("&Server:"), this);
    serverLabel->setBuddy(m_server);
    form->addRow(serverLabel, serverRow);
    form->addRow(m_fingerprintBox);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    if (setup.keychain) {
        auto* keychain = new QLabel(tr("Your organization keeps this profile's key in the system keychain; "
                                       "there is no passphrase to choose."),
            this);
        keychain->setWordWrap(true);
        form->addRow(keychain);
        m_passphrase->hide();
        m_repeat->hide();
        m_strength->hide();
        m_passphraseHint->hide();
    } else {
        form->addRow(new QLabel(tr("Choose a passphrase that protects Palisade on this computer. You type "
                                   "it to unlock; it never leaves this computer."),
            this));
        form->addRow(tr("Pass&phrase:"), m_passphrase);
        form->addRow(tr("&Repeat:"), m_repeat);
        form->addRow(tr("Strength:"), m_strength);
        form->addRow(m_passphraseHint);
    }

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    m_signIn->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(welcome);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    for (QLineEdit* edit : { m_server, m_username, m_password, m_passphrase, m_repeat })
        connect(edit, &QLineEdit::textChanged, this, &FirstRunDialog::update);
    connect(m_fingerprintOk, &QCheckBox::toggled, this, [this](bool on) {
        update();
        if (on)
            emit fingerprintAnswered(true);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstRunDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    (setup.serverLocked ? m_username : m_server)->setFocus();
    update();
}

void FirstRunDialog::update()
{
    const QString problem = m_setup.keychain
        ? QString()
        : passphraseProblem(m_passphrase->text(), m_repeat->text(), m_setup.minimumPassphrase);
    m_strength->setValue(passphraseStrengthLevel(m_passphrase->text()));
    m_passphraseHint->setText(m_passphrase->text().isEmpty()
            ? tr("At least %n characters.", nullptr, m_setup.minimumPassphrase)
            : problem);
    const bool fingerprintPending = !m_fingerprintBox->isHidden() && !m_fingerprintOk->isChecked();
    m_signIn->setEnabled(!m_busy && !m_server->text().trimmed().isEmpty()
        && !m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty() && problem.isEmpty()
        && !fingerprintPending);
}

void FirstRunDialog::submit()
{
    if (!m_signIn->isEnabled())
        return;
    m_busy = true;
    m_error->hide();
    m_signIn->setText(tr("Signing in…"));
    update();
    emit signInRequested({ m_server->text().trimmed(), m_username->text().trimmed(), m_password->text(),
        m_setup.keychain ? QString() : m_passphrase->text() });
}

void FirstRunDialog::showSession(SessionStatus status, const QString& detail, std::chrono::seconds retryAfter)
{
    if (status == SessionStatus::Connected) {
        accept();
        return;
    }
    if (status == SessionStatus::Connecting)
        return;
    const SessionText text = sessionText(status, detail, retryAfter);
    m_error->setText(text.title + QLatin1Char('\n') + text.explanation);
    m_error->setStyleSheet(text.alarming
            ? QStringLiteral("QLabel { background: #d64541; color: white; font-weight: bold; padding: 8px; }")
            : QStringLiteral("QLabel { color: #b3261e; }"));
    m_error->show();
    m_busy = false;
    m_signIn->setText(tr("Sign in"));
    m_password->clear();
    update();
}

void FirstRunDialog::showServerFingerprint(const QString& fingerprint)
{
    m_fingerprint->setText(fingerprint);
    m_fingerprintOk->setChecked(false);
    m_fingerprintBox->show();
    update();
}

void FirstRunDialog::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_error->show();
    m_busy = false;
    m_signIn->setText(tr("Sign in"));
    update();
}

} // namespace palisade::app
