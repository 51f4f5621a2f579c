#include "crypto/ratchet/Message.h"

#include <algorithm>

namespace palisade::crypto::ratchet {

void appendU32(std::vector<std::uint8_t>& out, std::uint32_t value)
{
    out.push_back(static_cast<std::uint8_t>(value >> 24));
    out.push_back(static_cast<std::uint8_t>(value >> 16));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}

std::uint32_t readU32(const std::uint8_t* in) noexcept
{
    return (std::uint32_t { in[0] } << 24) | (std::uint32_t { in[1] } << 16) | (std::uint32_t { in[2] } << 8)
        | std::uint32_t { in[3] };
}

std::expected<MessageType, Error> messageType(ByteView message)
{
    if (message.size() < 2) {
        return std::unexpected(Error::MalformedMessage);
    }
    if (message[0] != kWireVersion) {
        return std::unexpected(Error::UnsupportedVersion);
    }
    switch (message[1]) {
    case static_cast<std::uint8_t>(MessageType::Ratchet):
        return MessageType::Ratchet;
    case static_cast<std::uint8_t>(MessageType::PreKey):
        return MessageType::PreKey;
    default:
        return std::unexpected(Error::MalformedMessage);
    }
}

std::expected<RatchetMessage, Error> parseRatchetMessage(ByteView message)
{
    const auto type = messageType(message);
    if (!type) {
        return std::unexpected(type.error());
    }
    if (*type != MessageType::Ratchet || message.size() < kHeaderSize + kAeadTagSize
        || message.size() > kHeaderSize + kMaxPlaintext + kAeadTagSize) {
        return std::unexpected(Error::MalformedMessage);
    }
    RatchetMessage parsed;
    std::copy_n(message.data() + 2, kKeySize, parsed.header.ratchetKey.data());
    parsed.header.previousChainLength = readU32(message.data() + 2 + kKeySize);
    parsed.header.messageNumber = readU32(message.data() + 2 + kKeySize + 4);
    parsed.headerBytes = message.first(kHeaderSize);
    parsed.ciphertext = message.subspan(kHeaderSize);
    return parsed;
}

std::expected<PreKeyMessage, Error> parsePreKeyMessage(ByteView message)
{
    const auto type = messageType(message);
    if (!type) {
        return std::unexpected(type.error());
    }
    if (*type != MessageType::PreKey || message.size() < kPreKeyPrefixSize || message.size() > kMaxMessage) {
        return std::unexpected(Error::MalformedMessage);
    }
    PreKeyMessage parsed;
    const std::uint8_t* p = message.data() + 2;
    std::copy_n(p, kKeySize, parsed.identityKey.data());
    p += kKeySize;
    std::copy_n(p, kKeySize, parsed.baseKey.data());
    p += kKeySize;
    parsed.signedPreKeyId = readU32(p);
    p += 4;
    const std::uint8_t hasOneTime = *p++;
    const std::uint32_t oneTimeId = readU32(p);
    if (hasOneTime > 1 || (hasOneTime == 0 && oneTimeId != 0)) {
        return std::unexpected(Error::MalformedMessage);
    }
    if (hasOneTime == 1) {
        parsed.oneTimePreKeyId = oneTimeId;
    }
    parsed.inner = message.subspan(kPreKeyPrefixSize);
    if (auto inner = parseRatchetMessage(parsed.inner); !inner) {
        return std::unexpected(inner.error());
    }
    return parsed;
}

void writeHeader(std::vector<std::uint8_t>& out, const MessageHeader& header)
{
    out.push_back(kWireVersion);
    out.push_back(static_cast<std::uint8_t>(MessageType::Ratchet));
    out.insert(out.end(), header.ratchetKey.begin(), header.ratchetKey.end());
    appendU32(out, header.previousChainLength);
    appendU32(out, header.messageNumber);
}

void writePreKeyPrefix(std::vector<std::uint8_t>& out, const PublicKey& identityKey, const PublicKey& baseKey,
    std::uint32_t signedPreKeyId, std::optional<std::uint32_t> oneTimePreKeyId)
{
    out.push_back(kWireVersion);
    out.push_back(static_cast<std::uint8_t>(MessageType::PreKey));
    out.insert(out.end(), identityKey.begin(), identityKey.end());
    out.insert(out.end(), baseKey.begin(), baseKey.end());
    appendU32(out, signedPreKeyId);
    out.push_back(oneTimePreKeyId ? 1 : 0);
    appendU32(out, oneTimePreKeyId.value_or(0));
}

} // namespace palisade::crypto::ratchet
