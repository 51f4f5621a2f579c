#include "app/ui/ConversationPane.h"

#include "app/ui/Backend.h"
#include "app/ui/Composer.h"
#include "app/ui/ConversationModel.h"
#include "app/ui/ConversationView.h"
#include "app/ui/Icons.h"

#include <QAction>
#include <QBoxLayout>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>

namespace palisade::app {

ConversationPane::ConversationPane(Backend& backend, UrlOpener opener, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_opener(std::move(opener))
    , m_model(new ConversationModel(this))
    , m_title(new QLabel(this))
    , m_verified(new QLabel(this))
    , m_details(new QToolButton(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_search(new QLineEdit(this))
    , m_searchStatus(new QLabel(this))
    , m_view(new ConversationView(this))
    , m_composer(new Composer(this))
    , m_send(new QPushButton(icon(IconName::Send), tr("Send"), this))
{
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_verified->setPixmap(icon(IconName::Verified).pixmap(16, 16));
    m_verified->setToolTip(tr("You verified this contact's safety number"));
    m_verified->hide();
    m_details->setIcon(icon(IconName::Details));
    m_details->setToolTip(tr("Contact details and safety number"));
    m_details->setAccessibleName(tr("Contact details"));
    m_search->setPlaceholderText(tr("Search this conversation"));
    m_search->setAccessibleName(tr("Search this conversation"));
    m_search->addAction(icon(IconName::Search), QLineEdit::LeadingPosition);
    m_search->setClearButtonEnabled(true);
    m_searchStatus->setTextFormat(Qt::PlainText);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_verified);
    header->addStretch();
    header->addWidget(m_search, 1);
    header->addWidget(m_searchStatus);
    header->addWidget(m_details);

    m_banner->setObjectName(QStringLiteral("identityBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setStyleSheet(
        QStringLiteral("#identityBanner { background: #fbe3e2; color: #5c1412; border: 1px solid #d64541; }"
                       "#identityBanner QLabel { color: #5c1412; }"));
    auto* bannerIcon = new QLabel(m_banner);
    bannerIcon->setPixmap(icon(IconName::Warning).pixmap(24, 24));
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setWordWrap(true);
    auto* review = new QPushButton(tr("Review safety number…"), m_banner);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(bannerIcon);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(review);
    m_banner->hide();

    m_view->setModel(m_model);
    m_composer->setMaximumHeight(m_composer->sizeHint().height() * 2);
    m_send->setAccessibleName(tr("Send message"));
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_composer, 1);
    bottom->addWidget(m_send, 0, Qt::AlignBottom);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    connect(m_composer, &Composer::sendRequested, this, &ConversationPane::send);
    connect(m_send, &QPushButton::clicked, m_composer, &Composer::submit);
    connect(m_view, &ConversationView::linkActivated, this,
        [this](const QUrl& url) { confirmAndOpenLink(this, url, m_opener); });
    connect(m_details, &QToolButton::clicked, this, [this] { emit detailsRequested(m_username); });
    connect(review, &QPushButton::clicked, this, [this] { emit detailsRequested(m_username); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_hits.empty() || m_search->isModified()) {
            m_search->setModified(false);
            search(m_search->text());
        } else {
            nextHit();
        }
    });
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_search, [this] { m_search->setFocus(Qt::ShortcutFocusReason); });
    showConversation({});
}

void ConversationPane::showConversation(const QString& username)
{
    m_username = username;
    m_title->setText(username.isEmpty() ? tr("Choose a contact") : username);
    m_model->setSource(username.isEmpty() ? nullptr : m_backend.history(username));
    m_view->showNewest();
    m_hits.clear();
    m_search->clear();
    m_searchStatus->clear();
    m_details->setEnabled(!username.isEmpty());
    m_search->setEnabled(!username.isEmpty());
    setIdentityHold(!username.isEmpty() && m_backend.identityChangePending(username));
}

void ConversationPane::addMessage(const MessageRow& message)
{
    m_model->append(message);
}

void ConversationPane::setDelivery(qint64 id, Delivery delivery)
{
    m_model->setDelivery(id, delivery);
}

void ConversationPane::setIdentityHold(bool held)
{
    m_held = held;
    m_bannerText->setText(tr("%1's security key has changed. This can mean a new device — or someone "
                             "impersonating them. Sending is paused until you compare the safety number "
                             "and accept the new key.")
                              .arg(m_username));
    m_banner->setVisible(held);
    updateSendEnabled();
}

void ConversationPane::setVerified(bool verified)
{
    m_verified->setVisible(verified);
}

int ConversationPane::search(const QString& text)
{
    m_hits = m_model->search(text);
    m_hit = 0;
    if (m_hits.empty()) {
        m_searchStatus->setText(text.trimmed().isEmpty() ? QString() : tr("No matches"));
        return 0;
    }
    showHit();
    return static_cast<int>(m_hits.size());
}

bool ConversationPane::nextHit()
{
    if (m_hit + 1 >= m_hits.size())
        return false;
    ++m_hit;
    showHit();
    return true;
}

void ConversationPane::showHit()
{
    m_searchStatus->setText(tr("%1 of %2").arg(m_hit + 1).arg(m_hits.size()));
    const int row = m_model->rowOfMessage(m_hits[m_hit]);
    if (row < 0)
        return;
    const QModelIndex index = m_view->model()->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void ConversationPane::send(const QString& text)
{
    if (m_username.isEmpty() || m_held)
        return;
    m_backend.sendMessage(m_username, text);
}

void ConversationPane::updateSendEnabled()
{
    const bool canSend = !m_username.isEmpty() && !m_held;
    m_composer->setEnabled(canSend);
    m_send->setEnabled(canSend);
}

} // namespace palisade::app
