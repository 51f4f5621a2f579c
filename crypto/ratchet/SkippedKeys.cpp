#include "crypto/ratchet/SkippedKeys.h"

#include <algorithm>

namespace palisade::crypto::ratchet {

ByteView SkippedKeys::key(const Entry& entry) const noexcept
{
    return m_arena.bytes().subspan(std::size_t { entry.slot } * kKeySize, kKeySize);
}

std::optional<std::size_t> SkippedKeys::find(const PublicKey& ratchetKey, std::uint32_t number) const noexcept
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].number == number && m_entries[i].ratchetKey == ratchetKey) {
            return i;
        }
    }
    return std::nullopt;
}

bool SkippedKeys::insert(const PublicKey& ratchetKey, std::uint32_t number, ByteView key)
{
    if (key.size() != kKeySize || find(ratchetKey, number)) {
        return false;
    }
    if (m_arena.empty()) {
        m_arena = SecureBuffer(kCapacity * kKeySize);
        m_freeSlots.reserve(kCapacity); // erase() is noexcept: it never reallocates
    }
    if (m_entries.size() == kCapacity) {
        erase(0);
    }
    std::uint16_t slot = 0;
    if (!m_freeSlots.empty()) {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
    } else {
        slot = m_nextSlot++;
    }
    std::copy(key.begin(), key.end(), m_arena.data() + std::size_t { slot } * kKeySize);
    m_entries.push_back({ ratchetKey, number, slot });
    return true;
}

void SkippedKeys::erase(std::size_t index) noexcept
{
    if (index >= m_entries.size()) {
        return;
    }
    const std::uint16_t slot = m_entries[index].slot;
    primitives::wipe(m_arena.mutableBytes().subspan(std::size_t { slot } * kKeySize, kKeySize));
    m_freeSlots.push_back(slot);
    m_entries.erase(m_entries.begin() + static_cast<std::ptrdiff_t>(index));
}

} // namespace palisade::crypto::ratchet
