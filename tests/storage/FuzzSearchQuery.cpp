// Fuzz target: the search query parser (storage/SearchQuery.h) on untrusted text. Whatever
// parses must become a MATCH expression of quoted terms holding only word bytes, spaces and
// a final '*', so no FTS operator can reach SQLite.
#include "storage/SearchQuery.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto terms = palisade::storage::parseSearchQuery(text);
    if (!terms) {
        return 0;
    }
    if (terms->empty() || terms->size() > palisade::storage::maxSearchTerms) {
        std::abort();
    }
    const auto match = palisade::storage::toFtsMatch(*terms);
    bool inQuote = false;
    char previous = ' ';
    for (std::size_t i = 0; i < match.size(); ++i) {
        const char c = match[i];
        const auto byte = static_cast<std::uint8_t>(c);
        if (c == '"') {
            inQuote = !inQuote;
        } else if (c == '*') {
            // only as the last character of a quoted term
            if (!inQuote || i + 1 >= match.size() || match[i + 1] != '"') {
                std::abort();
            }
        } else if (c == ' ') {
            if (previous == ' ') {
                std::abort();
            }
        } else if (!(byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                       || (c >= '0' && c <= '9'))) {
            std::abort();
        } else if (!inQuote) {
            std::abort();
        }
        previous = c;
    }
    if (inQuote) {
        std::abort();
    }
    return 0;
}
