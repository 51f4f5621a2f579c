#pragma once
/// @file
/// @brief The one type that holds key material: move-only, in sodium_malloc'd memory
/// (guard pages, mlock where the OS allows), zeroed when wiped, moved from or destroyed.
/// Blocks of up to 256 bytes are zeroed and recycled for the next buffer of the same size
/// instead of being unmapped (sodium_malloc is costly); the pool is bounded.

#include <cstddef>
#include <cstdint>
#include <span>

namespace palisade::crypto {

/// Move-only byte buffer for secrets. Copying is impossible; equality is constant-time.
/// Allocation failure throws std::bad_alloc (the only exception crypto/ lets out of a
/// constructor; functions report errors as values).
class SecureBuffer {
public:
    SecureBuffer() noexcept = default;
    /// A zero-filled buffer of @p size bytes.
    explicit SecureBuffer(std::size_t size);
    /// A buffer holding a copy of @p bytes.
    static SecureBuffer copyOf(std::span<const std::uint8_t> bytes);

    ~SecureBuffer();
    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;

    [[nodiscard]] std::uint8_t* data() noexcept { return m_data; }
    [[nodiscard]] const std::uint8_t* data() const noexcept { return m_data; }
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    [[nodiscard]] std::span<const std::uint8_t> bytes() const noexcept { return { m_data, m_size }; }
    [[nodiscard]] std::span<std::uint8_t> mutableBytes() noexcept { return { m_data, m_size }; }

    /// Constant-time comparison; false when the sizes differ.
    [[nodiscard]] bool equals(std::span<const std::uint8_t> other) const noexcept;
    /// Zero the contents, keep the size.
    void wipe() noexcept;
    /// Zero and free; the buffer becomes empty.
    void reset() noexcept;

private:
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace palisade::crypto
