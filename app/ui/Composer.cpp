#include "app/ui/Composer.h"

#include <QKeyEvent>
#include <QMimeData>

namespace palisade::app {

Composer::Composer(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message — Enter sends, Shift+Enter for a new line"));
    setAccessibleName(tr("Message"));
}

void Composer::submit()
{
    const QString text = toPlainText().trimmed();
    if (text.isEmpty())
        return;
    clear();
    emit sendRequested(text);
}

void Composer::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        submit();
        return;
    }
    if (enter) { // Shift+Enter: a plain new line (not a Unicode line separator)
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

QSize Composer::sizeHint() const
{
    const QSize base = QPlainTextEdit::sizeHint();
    return { base.width(), fontMetrics().lineSpacing() * 3 + 2 * frameWidth() + 8 };
}

void Composer::insertFromMimeData(const QMimeData* source)
{
    // Pasted rich text (or images) becomes plain text.
    if (source->hasText())
        insertPlainText(source->text());
}

} // namespace palisade::app
