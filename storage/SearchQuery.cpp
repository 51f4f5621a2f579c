#include "storage/SearchQuery.h"

#include <cstdint>

namespace palisade::storage {

namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when it is malformed (overlong
// forms, surrogates and code points above U+10FFFF included).
std::size_t utf8Length(std::string_view text, std::size_t i)
{
    const auto byte = static_cast<std::uint8_t>(text[i]);
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (byte < 0x80) {
        return 1;
    }
    if (byte >= 0xC2 && byte <= 0xDF) {
        length = 2;
        cp = byte & 0x1F;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
        length = 3;
        cp = byte & 0x0F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
        length = 4;
        cp = byte & 0x07;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<std::uint8_t>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        return 0;
    }
    return length;
}

bool isWordByte(char c)
{
    const auto byte = static_cast<std::uint8_t>(c);
    return byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::size_t codePoints(std::string_view word)
{
    std::size_t count = 0;
    for (const char c : word) {
        count += (static_cast<std::uint8_t>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
}

// Cut @p word to at most maxSearchWordBytes without splitting a UTF-8 sequence.
std::string clipped(std::string_view word)
{
    if (word.size() <= maxSearchWordBytes) {
        return std::string(word);
    }
    std::size_t end = maxSearchWordBytes;
    while (end > 0 && (static_cast<std::uint8_t>(word[end]) & 0xC0) == 0x80) {
        --end;
    }
    return std::string(word.substr(0, end));
}

class Parser {
public:
    explicit Parser(std::string_view text)
        : m_text(text)
    {
    }

    std::vector<SearchTerm> run()
    {
        while (m_pos < m_text.size() && m_terms.size() < maxSearchTerms) {
            if (m_text[m_pos] == '"') {
                ++m_pos;
                phrase();
            } else if (isWordByte(m_text[m_pos])) {
                SearchTerm term;
                term.words.push_back(word());
                if (m_pos < m_text.size() && m_text[m_pos] == '*' && codePoints(term.words.back()) >= 2) {
                    term.prefix = true;
                }
                m_terms.push_back(std::move(term));
            } else {
                ++m_pos;
            }
        }
        return std::move(m_terms);
    }

private:
    std::string word()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && isWordByte(m_text[m_pos])) {
            ++m_pos;
        }
        return clipped(m_text.substr(start, m_pos - start));
    }

    void phrase()
    {
        SearchTerm term;
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            if (isWordByte(m_text[m_pos])) {
                if (term.words.size() < maxSearchTerms) {
                    term.words.push_back(word());
                } else {
                    word();
                }
            } else {
                ++m_pos;
            }
        }
        ++m_pos; // the closing quote, or past the end of an unclosed phrase
        if (!term.words.empty()) {
            m_terms.push_back(std::move(term));
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::vector<SearchTerm> m_terms;
};

} // namespace

std::expected<std::vector<SearchTerm>, Error> parseSearchQuery(std::string_view text)
{
    if (text.size() > maxSearchQueryBytes) {
        return std::unexpected(Error { ErrorCode::InvalidQuery, "search text too long" });
    }
    for (std::size_t i = 0; i < text.size();) {
        const auto length = utf8Length(text, i);
        if (length == 0) {
            return std::unexpected(Error { ErrorCode::InvalidQuery, "search text is not UTF-8" });
        }
        i += length;
    }
    auto terms = Parser(text).run();
    if (terms.empty()) {
        return std::unexpected(Error { ErrorCode::InvalidQuery, {} });
    }
    return terms;
}

std::string toFtsMatch(const std::vector<SearchTerm>& terms)
{
    std::string match;
    for (const auto& term : terms) {
        if (!match.empty()) {
            match += ' ';
        }
        match += '"';
        for (std::size_t i = 0; i < term.words.size(); ++i) {
            if (i > 0) {
                match += ' ';
            }
            match += term.words[i];
        }
        if (term.prefix) {
            match += '*';
        }
        match += '"';
    }
    return match;
}

} // namespace palisade::storage
