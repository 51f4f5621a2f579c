#include "app/ui/Links.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>

namespace palisade::app {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("palisade::app::Links", text);
}

} // namespace

std::vector<LinkSpan> findLinks(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"((?:https?://|www\.)[^\s<>"]+)"), QRegularExpression::CaseInsensitiveOption);
    std::vector<LinkSpan> links;
    auto it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        QString address = match.captured();
        // Sentence punctuation right after a link is not part of it.
        while (!address.isEmpty() && QStringLiteral(".,;:!?)]}'").contains(address.back()))
            address.chop(1);
        if (address.size() <= 4)
            continue;
        const QString withScheme = address.startsWith(QLatin1String("www."), Qt::CaseInsensitive)
            ? QStringLiteral("https://") + address
            : address;
        const QUrl url(withScheme, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            continue;
        links.push_back({ match.capturedStart(), address.size(), url });
    }
    return links;
}

QString linkConfirmationText(const QUrl& url)
{
    return tr("Open this address in your web browser?\n\n%1\n\nOnly open addresses you trust.")
        .arg(url.toDisplayString(QUrl::FullyEncoded));
}

bool confirmAndOpenLink(QWidget* parent, const QUrl& url, const UrlOpener& open)
{
    QMessageBox box(
        QMessageBox::Question, tr("Open link"), linkConfirmationText(url), QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("linkConfirmation"));
    box.setTextFormat(Qt::PlainText);
    QPushButton* openButton = box.addButton(tr("Open"), QMessageBox::AcceptRole);
    openButton->setObjectName(QStringLiteral("openLink"));
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    if (box.clickedButton() != openButton)
        return false;
    return open(url);
}

} // namespace palisade::app
