#include "net/FrameCodec.h"

#include <algorithm>

namespace palisade::net {

std::expected<void, Error> appendFrame(
    std::vector<std::uint8_t>& out, std::span<const std::uint8_t> payload, std::size_t maxFrame)
{
    if (payload.empty())
        return std::unexpected(Error::FrameEmpty);
    if (payload.size() > std::min(maxFrame, kMaxFrameSize))
        return std::unexpected(Error::FrameTooLarge);
    out.reserve(out.size() + kFrameHeaderSize + payload.size());
    out.push_back(static_cast<std::uint8_t>(payload.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(payload.size() & 0xFF));
    out.insert(out.end(), payload.begin(), payload.end());
    return {};
}

FrameDecoder::FrameDecoder(std::size_t maxFrame)
    : m_maxFrame(std::min(maxFrame, kMaxFrameSize))
{
}

void FrameDecoder::feed(std::span<const std::uint8_t> bytes)
{
    if (m_error)
        return;
    // Drop consumed bytes before growing, so the buffer stays within about two frames.
    if (m_offset > 0 && (m_offset == m_buffer.size() || m_offset >= m_buffer.size() / 2)) {
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(m_offset));
        m_offset = 0;
    }
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
}

std::expected<std::optional<std::span<const std::uint8_t>>, Error> FrameDecoder::next()
{
    if (m_error)
        return std::unexpected(*m_error);
    const std::size_t available = m_buffer.size() - m_offset;
    if (available < kFrameHeaderSize)
        return std::nullopt;
    const std::size_t length = (static_cast<std::size_t>(m_buffer[m_offset]) << 8)
        | static_cast<std::size_t>(m_buffer[m_offset + 1]);
    if (length == 0 || length > m_maxFrame) {
        m_error = length == 0 ? Error::FrameEmpty : Error::FrameTooLarge;
        m_buffer.clear();
        m_offset = 0;
        return std::unexpected(*m_error);
    }
    if (available < kFrameHeaderSize + length)
        return std::nullopt;
    const std::span<const std::uint8_t> body(m_buffer.data() + m_offset + kFrameHeaderSize, length);
    m_offset += kFrameHeaderSize + length;
    return body;
}

} // namespace palisade::net
