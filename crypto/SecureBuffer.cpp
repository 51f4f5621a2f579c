#include "crypto/SecureBuffer.h"

#include <sodium.h>

#include <algorithm>
#include <new>
#include <utility>

namespace palisade::crypto {

SecureBuffer::SecureBuffer(std::size_t size)
{
    if (size == 0) {
        return;
    }
    m_data = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (m_data == nullptr) {
        throw std::bad_alloc();
    }
    m_size = size;
    sodium_memzero(m_data, m_size);
}

SecureBuffer SecureBuffer::copyOf(std::span<const std::uint8_t> bytes)
{
    SecureBuffer buffer(bytes.size());
    if (!bytes.empty()) {
        std::copy(bytes.begin(), bytes.end(), buffer.m_data);
    }
    return buffer;
}

SecureBuffer::~SecureBuffer()
{
    reset();
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept
{
    if (this != &other) {
        reset();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

bool SecureBuffer::equals(std::span<const std::uint8_t> other) const noexcept
{
    if (other.size() != m_size) {
        return false;
    }
    return m_size == 0 || sodium_memcmp(m_data, other.data(), m_size) == 0;
}

void SecureBuffer::wipe() noexcept
{
    if (m_data != nullptr) {
        sodium_memzero(m_data, m_size);
    }
}

void SecureBuffer::reset() noexcept
{
    if (m_data != nullptr) {
        sodium_free(m_data); // sodium_free zeroes before it frees
        m_data = nullptr;
        m_size = 0;
    }
}

} // namespace palisade::crypto
