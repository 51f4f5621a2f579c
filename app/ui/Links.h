#pragma once
/// @file
/// @brief Links inside message text: found for display (shown as text, never fetched) and
/// opened only after the user confirmed the full address.

#include <QString>
#include <QUrl>

#include <functional>
#include <vector>

class QWidget;

namespace palisade::app {

/// One link in a text: characters [start, start + length) and the address they name.
struct LinkSpan {
    qsizetype start = 0;
    qsizetype length = 0;
    QUrl url;
};

/// The http://, https:// and www. addresses in @p text, in order.
[[nodiscard]] std::vector<LinkSpan> findLinks(const QString& text);

/// The sentence the confirmation shows; it names the complete address.
[[nodiscard]] QString linkConfirmationText(const QUrl& url);

/// Opens an address (QDesktopServices::openUrl in the app; tests record it).
using UrlOpener = std::function<bool(const QUrl&)>;

/// Asks "Open <full address>?" in a modal dialog over @p parent and opens @p url with
/// @p open only when the user agrees. Returns true when it was opened.
bool confirmAndOpenLink(QWidget* parent, const QUrl& url, const UrlOpener& open);

} // namespace palisade::app
