#pragma once
// Helpers shared by the crypto tests: hex in, hex out.

#include "crypto/Bytes.h"

#include <QtTest>

#include <string_view>

namespace palisade::crypto::testing {

/// Hex to bytes; a malformed literal fails the calling test loudly.
inline Bytes hex(std::string_view text)
{
    auto bytes = fromHex(text);
    if (!bytes) {
        qFatal("bad hex literal in a test");
    }
    return *bytes;
}

/// Hex from a QByteArray test-data column.
inline Bytes hexQ(const QByteArray& text)
{
    return hex(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
}

inline QByteArray toQHex(ByteView bytes)
{
    const auto text = toHex(bytes);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace palisade::crypto::testing
