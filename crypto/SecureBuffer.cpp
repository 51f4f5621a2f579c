#include "crypto/SecureBuffer.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace palisade::crypto {

namespace {

// sodium_malloc maps guard pages and mlocks on every call, which costs far more than the
// X25519 operations of a handshake. Small buffers are therefore recycled: a released block
// is zeroed and kept (with its guard pages and lock) for the next buffer of exactly the
// same size, so the memory layout is the one sodium_malloc(size) gives. Bounded per size.
constexpr std::size_t kPooledMaxSize = 256;
constexpr std::size_t kPooledPerSize = 32;

struct BlockPool {
    std::mutex mutex;
    std::array<std::vector<std::uint8_t*>, kPooledMaxSize + 1> free;
};

BlockPool& pool()
{
    // Never destroyed: buffers in other static objects may be released after main returns.
    static auto* instance = new BlockPool;
    return *instance;
}

std::uint8_t* acquireBlock(std::size_t size)
{
    if (size <= kPooledMaxSize) {
        BlockPool& p = pool();
        const std::scoped_lock lock(p.mutex);
        auto& blocks = p.free[size];
        if (!blocks.empty()) {
            std::uint8_t* block = blocks.back();
            blocks.pop_back();
            return block;
        }
    }
    return static_cast<std::uint8_t*>(sodium_malloc(size));
}

void releaseBlock(std::uint8_t* block, std::size_t size) noexcept
{
    if (size <= kPooledMaxSize) {
        sodium_memzero(block, size);
        BlockPool& p = pool();
        const std::scoped_lock lock(p.mutex);
        auto& blocks = p.free[size];
        if (blocks.size() < kPooledPerSize) {
            try {
                blocks.push_back(block);
                return;
            } catch (const std::bad_alloc&) {
                // fall through and free it
            }
        }
    }
    sodium_free(block); // sodium_free zeroes before it frees
}

} // namespace

SecureBuffer::SecureBuffer(std::size_t size)
{
    if (size == 0) {
        return;
    }
    m_data = acquireBlock(size);
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
        releaseBlock(m_data, m_size); // zeroed before it is reused or freed
        m_data = nullptr;
        m_size = 0;
    }
}

} // namespace palisade::crypto
