#pragma once
/// @file
/// @brief One line per event on stderr: "<UTC time> <category>: <text>". Callers never pass
/// message content, keys or passwords.

#include <string_view>

namespace palisade::server {

/// Write one log line (thread-safe: one fwrite per line).
void logLine(std::string_view category, std::string_view text);

} // namespace palisade::server
