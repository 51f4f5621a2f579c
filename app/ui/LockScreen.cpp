#include "app/ui/LockScreen.h"

#include "app/ui/Icons.h"

#include <QBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace palisade::app {

LockScreen::LockScreen(QWidget* parent)
    : QWidget(parent)
    , m_passphrase(new QLineEdit(this))
    , m_unlock(new QPushButton(tr("Unlock"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("lockScreen"));
    auto* logo = new QLabel(this);
    logo->setPixmap(icon(IconName::Lock).pixmap(64, 64));
    logo->setAlignment(Qt::AlignCenter);
    auto* title = new QLabel(tr("Palisade is locked"), this);
    title->setAlignment(Qt::AlignCenter);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    title->setFont(f);
    auto* hint = new QLabel(tr("Enter your passphrase to unlock."), this);
    hint->setAlignment(Qt::AlignCenter);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_passphrase->setPlaceholderText(tr("Passphrase"));
    m_passphrase->setMinimumWidth(260);
    m_unlock->setDefault(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d64541;"));
    m_error->hide();

    auto* column = new QVBoxLayout;
    column->addStretch(2);
    column->addWidget(logo);
    column->addWidget(title);
    column->addWidget(hint);
    column->addSpacing(8);
    column->addWidget(m_passphrase);
    column->addWidget(m_unlock);
    column->addWidget(m_error);
    column->addStretch(3);
    auto* row = new QHBoxLayout(this);
    row->addStretch();
    row->addLayout(column);
    row->addStretch();

    connect(m_passphrase, &QLineEdit::returnPressed, this, &LockScreen::submit);
    connect(m_unlock, &QPushButton::clicked, this, &LockScreen::submit);
    setFocusProxy(m_passphrase);
}

void LockScreen::showError(const QString& reason)
{
    m_error->setText(reason);
    m_error->show();
    m_passphrase->setEnabled(true);
    m_unlock->setEnabled(true);
    m_passphrase->setFocus();
}

void LockScreen::reset()
{
    m_passphrase->clear();
    m_error->hide();
    m_passphrase->setEnabled(true);
    m_unlock->setEnabled(true);
}

void LockScreen::submit()
{
    QString passphrase = m_passphrase->text();
    if (passphrase.isEmpty())
        return;
    m_passphrase->clear();
    m_passphrase->setEnabled(false);
    m_unlock->setEnabled(false);
    emit unlockRequested(passphrase);
    passphrase.fill(QChar(0)); // best effort: Qt keeps its own copies (SECURITY.md)
}

} // namespace palisade::app
