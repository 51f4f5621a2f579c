#pragma once
/// @file
/// @brief The message editor: Enter sends, Shift+Enter starts a new line. Plain text only.

#include <QPlainTextEdit>

namespace palisade::app {

/// GUI thread.
class Composer : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit Composer(QWidget* parent = nullptr);

    /// Sends what is typed (if anything) and clears the editor.
    void submit();
    QSize sizeHint() const override;

signals:
    /// The user sent @p text (trimmed, never empty).
    void sendRequested(const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void insertFromMimeData(const QMimeData* source) override;
};

} // namespace palisade::app
