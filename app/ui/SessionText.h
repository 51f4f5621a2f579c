#pragma once
/// @file
/// @brief The sentences people read about the connection: a short title for the status bar
/// and a longer explanation for dialogs (what happened and what to do).

#include "app/ui/Types.h"

#include <QString>

#include <chrono>

namespace palisade::app {

struct SessionText {
    QString title; ///< one line
    QString explanation; ///< what it means and what to do
    bool alarming = false; ///< a possible attack: show it prominently
};

/// The text for @p status; @p detail is the core's own sentence (shown when it adds
/// something), @p retryAfter the lockout's remaining time.
[[nodiscard]] SessionText sessionText(
    SessionStatus status, const QString& detail, std::chrono::seconds retryAfter);

} // namespace palisade::app
