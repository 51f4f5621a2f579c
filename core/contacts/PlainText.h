#pragma once
/// @file
/// @brief Text from other people (usernames, request notes) made safe to show as plain text.

#include <cstddef>
#include <string>
#include <string_view>

namespace palisade::core {

/// Longest request note shown, in code points.
inline constexpr std::size_t maxNoteLength = 140;
/// Longest username shown, in code points (the server allows fewer).
inline constexpr std::size_t maxNameLength = 64;

/// @p text as valid UTF-8 without control characters (C0, DEL, C1), without invisible
/// direction and format characters (U+200B..U+200F, U+202A..U+202E, U+2060..U+2069, U+FEFF)
/// and cut to @p maxCodePoints. Tabs and newlines become spaces; invalid UTF-8 becomes
/// U+FFFD. Never interpreted as markup by anyone: callers show it as plain text.
[[nodiscard]] std::string plainText(std::string_view text, std::size_t maxCodePoints);

} // namespace palisade::core
