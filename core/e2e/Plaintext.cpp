#include "core/e2e/Plaintext.h"

namespace palisade::core {

namespace {

bool validUtf8(const std::string& text) noexcept
{
    std::size_t i = 0;
    const auto n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1Fu;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0Fu;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (i + extra >= n) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto d = static_cast<unsigned char>(text[i + k]);
            if ((d & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (d & 0x3Fu);
        }
        const bool overlong
            = (extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

} // namespace

std::size_t paddedSize(std::size_t size) noexcept
{
    std::size_t bucket = kMinPaddedSize;
    while (bucket < size && bucket < kMaxPaddedSize) {
        bucket *= 2;
    }
    if (bucket >= size) {
        return bucket;
    }
    return (size + kMaxPaddedSize - 1) / kMaxPaddedSize * kMaxPaddedSize;
}

std::vector<std::uint8_t> encodePlaintext(const e2e::v1::Plaintext& message)
{
    const std::size_t size = message.ByteSizeLong();
    std::vector<std::uint8_t> out(paddedSize(size + 1), 0);
    message.SerializeToArray(out.data(), static_cast<int>(size));
    out[size] = 0x80;
    return out;
}

std::expected<e2e::v1::Plaintext, E2eError> decodePlaintext(std::span<const std::uint8_t> bytes)
{
    std::size_t end = bytes.size();
    while (end > 0 && bytes[end - 1] == 0) {
        --end;
    }
    if (end == 0 || bytes[end - 1] != 0x80 || bytes.size() > kMaxTextBytes + kMaxPaddedSize * 2) {
        return std::unexpected(E2eError::Malformed);
    }
    e2e::v1::Plaintext message;
    if (!message.ParseFromArray(bytes.data(), static_cast<int>(end - 1))) {
        return std::unexpected(E2eError::Malformed);
    }
    if (message.message_id().size() != kClientMessageIdSize || message.sync_recipient().size() > 255
        || !validUtf8(message.sync_recipient())) {
        return std::unexpected(E2eError::Malformed);
    }
    switch (message.content_case()) {
    case e2e::v1::Plaintext::kText:
        if (message.text().body().size() > kMaxTextBytes || !validUtf8(message.text().body())) {
            return std::unexpected(E2eError::Malformed);
        }
        break;
    case e2e::v1::Plaintext::kReceipt: {
        const auto& receipt = message.receipt();
        const auto kind = receipt.kind();
        if ((kind != e2e::v1::RECEIPT_DELIVERED && kind != e2e::v1::RECEIPT_READ)
            || receipt.client_message_ids_size() == 0 || receipt.client_message_ids_size() > kMaxReceiptIds) {
            return std::unexpected(E2eError::Malformed);
        }
        for (const auto& id : receipt.client_message_ids()) {
            if (id.size() != kClientMessageIdSize) {
                return std::unexpected(E2eError::Malformed);
            }
        }
        break;
    }
    default:
        return std::unexpected(E2eError::Malformed);
    }
    return message;
}

} // namespace palisade::core
