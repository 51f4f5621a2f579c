#pragma once
/// @file
/// @brief Length-prefixed frames: a 2-byte big-endian length, then that many bytes.
///
/// Every Noise handshake and transport message travels in one frame (docs/protocol.md,
/// "Framing"). A zero length or a length above the maximum is a protocol violation: the
/// decoder reports it once and stays failed, and the connection must be closed.

#include "net/Error.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <vector>

namespace palisade::net {

/// The largest frame body the wire format can carry (and the Noise message limit).
inline constexpr std::size_t kMaxFrameSize = 65535;
/// Bytes of length prefix in front of every frame.
inline constexpr std::size_t kFrameHeaderSize = 2;

/// Appends the header and @p payload to @p out. Fails with FrameEmpty or FrameTooLarge
/// (above @p maxFrame, itself capped at kMaxFrameSize) and leaves @p out unchanged then.
[[nodiscard]] std::expected<void, Error> appendFrame(std::vector<std::uint8_t>& out,
    std::span<const std::uint8_t> payload, std::size_t maxFrame = kMaxFrameSize);

/// Incremental decoder for a byte stream that arrives in arbitrary pieces.
/// Not thread-safe; one per connection, owned by the connection's strand.
class FrameDecoder {
public:
    /// @p maxFrame is capped at kMaxFrameSize.
    explicit FrameDecoder(std::size_t maxFrame = kMaxFrameSize);

    /// Appends received bytes. Spans returned by next() become invalid.
    void feed(std::span<const std::uint8_t> bytes);

    /// The next complete frame body, std::nullopt when more bytes are needed, or the
    /// error that ended the stream (sticky: every later call returns it too).
    /// The span stays valid until the next call to feed() or next().
    [[nodiscard]] std::expected<std::optional<std::span<const std::uint8_t>>, Error> next();

    /// Bytes received but not yet returned as frames.
    [[nodiscard]] std::size_t buffered() const noexcept { return m_buffer.size() - m_offset; }
    /// The maximum frame body this decoder accepts.
    [[nodiscard]] std::size_t maxFrame() const noexcept { return m_maxFrame; }

private:
    std::vector<std::uint8_t> m_buffer;
    std::size_t m_offset = 0;
    std::size_t m_maxFrame;
    std::optional<Error> m_error;
};

} // namespace palisade::net
