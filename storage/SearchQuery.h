#pragma once
/// @file
/// @brief Turns what a user types into the search box into a safe FTS4 MATCH expression.
/// User text is never passed to MATCH: it is split into words, `prefix*` terms and
/// "quoted phrases", and every term is re-emitted in double quotes holding only word
/// characters, so FTS operators (OR, NOT, NEAR, -, :, parentheses) cannot be injected.

#include "storage/Error.h"

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::storage {

/// One term of a parsed query.
struct SearchTerm {
    std::vector<std::string> words; ///< one word, or the words of a quoted phrase
    bool prefix = false; ///< the last word matches as a prefix (`word*`)

    friend bool operator==(const SearchTerm&, const SearchTerm&) = default;
};

inline constexpr std::size_t maxSearchQueryBytes = 1024;
inline constexpr std::size_t maxSearchTerms = 16;
inline constexpr std::size_t maxSearchWordBytes = 64;

/// Parse untrusted user text (UTF-8). Words are runs of ASCII letters and digits and of
/// non-ASCII characters; everything else separates words. A `*` right after a word of at
/// least two characters makes it a prefix. Errors: InvalidQuery (no words, not UTF-8, longer
/// than maxSearchQueryBytes). Extra terms beyond maxSearchTerms and over-long words are cut.
[[nodiscard]] std::expected<std::vector<SearchTerm>, Error> parseSearchQuery(std::string_view text);

/// The FTS4 MATCH expression for @p terms (all must match): `"word" "pre*" "two words"`.
[[nodiscard]] std::string toFtsMatch(const std::vector<SearchTerm>& terms);

} // namespace palisade::storage
